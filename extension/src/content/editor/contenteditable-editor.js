/**
 * A contenteditable editor (also an iframe's editable body). Reads the draft without
 * touching the DOM and applies edits through the browser's own editing commands, so
 * the site sees a normal input event and Ctrl+Z undoes the change.
 */

import { readDraft } from '../text/draft.js';
import { clientArea, frameOffset, intersectRects, shiftRect, viewportRect } from './geometry.js';
import { replaceAsTyped } from './replace.js';
import { inOneUndoStep } from './undo-step.js';

export class ContentEditableEditor {
  /**
   * @param {HTMLElement} element the editable root
   * @param {{exclude?: string, stopAt?: string}} rules the site adapter's selectors
   * @param {Window} rootWin the window the UI is drawn in
   */
  constructor(element, rules, rootWin) {
    this.kind = 'contenteditable';
    this.element = element;
    this.rules = rules;
    this.doc = element.ownerDocument;
    this.win = this.doc.defaultView;
    this.rootWin = rootWin;
    this.map = null;
  }

  /** Read the authored text now; the map is kept for ranges and rects. */
  read() {
    this.map = readDraft(this, this.rules);
    return this.map;
  }

  rangeFor(start, end) {
    return this.map.rangeFor(start, end, this.doc);
  }

  /** Client rects of text [start, end) in the root viewport. */
  rects(start, end) {
    const offset = frameOffset(this.win, this.rootWin);
    return [...this.rangeFor(start, end).getClientRects()].filter((r) => r.width > 0).map((r) => shiftRect(r, offset));
  }

  /** The part of the editor on screen, in the root viewport. */
  visibleRect() {
    const offset = frameOffset(this.win, this.rootWin);
    const own = this.element === this.doc.body ? viewportRect(this.win) : intersectRects(clientArea(this.element), viewportRect(this.win));
    return intersectRects(shiftRect(own, offset), viewportRect(this.rootWin));
  }

  /** Convert a mouse event's client point to the root viewport. */
  toRootPoint(x, y) {
    const offset = frameOffset(this.win, this.rootWin);
    return { x: x + offset.x, y: y + offset.y };
  }

  /** Text offset of the caret, or null when the caret is elsewhere. */
  caretOffset() {
    const sel = this.win.getSelection();
    if (!sel || sel.rangeCount === 0 || !this.element.contains(sel.focusNode)) return null;
    return this.map?.offsetOf(sel.focusNode, sel.focusOffset) ?? null;
  }

  focus() {
    this.element.focus({ preventScroll: true });
  }

  /** Select text [start, end) in the editor. */
  select(start, end) {
    const sel = this.win.getSelection();
    sel.removeAllRanges();
    sel.addRange(this.rangeFor(start, end));
  }

  /**
   * Replace text [plan.start, plan.end) with plan.text, as if typed; then select the
   * placeholder (plan.select) so the writer types straight over it. In an editor with
   * an undo history of its own (TinyMCE, …) the edit is one step of that history.
   */
  replace(plan) {
    replaceAsTyped(this, plan, (edit) => inOneUndoStep(this.element, edit));
  }

  /** Fallback when the browser refuses the editing command: a direct edit plus an input event. */
  replaceWithoutUndo(plan) {
    const range = this.rangeFor(plan.start, plan.end);
    range.deleteContents();
    if (plan.text) range.insertNode(this.doc.createTextNode(plan.text));
    this.element.dispatchEvent(new this.win.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: plan.text }));
  }

  scrollTo(start) {
    const node = this.map?.sourcePoint(start).node;
    const el = node?.nodeType === 1 ? node : node?.parentElement;
    el?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Call `onChange` after any change to the editor's content. Returns a stop function. */
  observe(onChange) {
    const observer = new this.win.MutationObserver(() => onChange());
    observer.observe(this.element, { characterData: true, childList: true, subtree: true, attributes: false });
    return () => observer.disconnect();
  }
}
