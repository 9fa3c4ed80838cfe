/**
 * A textarea editor (Roundcube's plain-text compose, any textarea). Edits go through
 * `execCommand('insertText')` on the focused textarea so undo works; underline
 * positions come from a hidden mirror of the textarea.
 */

import { readDraft } from '../text/draft.js';
import { TextareaMirror } from './textarea-mirror.js';
import { clientArea, frameOffset, intersectRects, shiftRect, viewportRect } from './geometry.js';
import { replaceAsTyped } from './replace.js';

export class TextareaEditor {
  /**
   * @param {HTMLTextAreaElement} element
   * @param {Element} mirrorParent where the hidden measuring copy may live
   * @param {Window} rootWin the window the UI is drawn in
   */
  constructor(element, mirrorParent, rootWin) {
    this.kind = 'textarea';
    this.element = element;
    this.doc = element.ownerDocument;
    this.win = this.doc.defaultView;
    this.rootWin = rootWin;
    this.mirror = new TextareaMirror(element, mirrorParent);
    this.map = null;
  }

  read() {
    this.map = readDraft(this);
    return this.map;
  }

  rects(start, end) {
    const ta = this.element;
    const from = this.map.sourceIndex(start, 'start');
    const to = this.map.sourceIndex(end, 'end');
    const area = clientArea(ta);
    const offset = frameOffset(this.win, this.rootWin);
    return this.mirror.measure(ta.value, from, to).map((r) => {
      const left = area.left + r.left - ta.scrollLeft + offset.x;
      const top = area.top + r.top - ta.scrollTop + offset.y;
      return { left, top, right: left + r.width, bottom: top + r.height, width: r.width, height: r.height };
    });
  }

  visibleRect() {
    const own = intersectRects(clientArea(this.element), viewportRect(this.win));
    return intersectRects(shiftRect(own, frameOffset(this.win, this.rootWin)), viewportRect(this.rootWin));
  }

  toRootPoint(x, y) {
    const offset = frameOffset(this.win, this.rootWin);
    return { x: x + offset.x, y: y + offset.y };
  }

  caretOffset() {
    if (this.doc.activeElement !== this.element) return null;
    return this.map?.offsetOf(null, this.element.selectionEnd) ?? null;
  }

  focus() {
    this.element.focus({ preventScroll: true });
  }

  select(start, end) {
    this.element.setSelectionRange(this.map.sourceIndex(start, 'start'), this.map.sourceIndex(end, end > start ? 'end' : 'start'));
  }

  replace(plan) {
    replaceAsTyped(this, plan);
  }

  /** Fallback when the browser refuses the editing command: setRangeText plus an input event. */
  replaceWithoutUndo(plan) {
    const ta = this.element;
    ta.setRangeText(plan.text, ta.selectionStart, ta.selectionEnd, 'end');
    ta.dispatchEvent(new this.win.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: plan.text }));
  }

  scrollTo(start) {
    const rect = this.rects(start, start + 1)[0];
    if (!rect) return;
    const area = this.visibleRect();
    if (rect.top < area.top || rect.bottom > area.bottom) this.element.scrollTop += rect.top - area.top - area.height / 3;
  }

  observe(onChange) {
    const listener = () => onChange();
    this.element.addEventListener('input', listener);
    return () => this.element.removeEventListener('input', listener);
  }

  destroy() {
    this.mirror.destroy();
  }
}
