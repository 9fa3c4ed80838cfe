/**
 * The card for one finding: message, rationale, up to three suggestions as buttons,
 * "Dismiss" and "Turn off this rule". Opens on hover (without taking focus), on click,
 * or from the keyboard (Alt+Enter in the editor, or from the findings list) with focus
 * on the first suggestion: Enter applies, arrows move, Escape closes. Buttons and keys
 * act on trusted (user) events only.
 */

import { category } from '../../shared/categories.js';
import { h, trusted } from './dom.js';
import { categoryColor } from './styles.js';

const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;
const GAP = 6;
/** The card keeps this far from the window's edges. */
const EDGE = 8;
/** A card squeezed by the window is never lower than this (it then covers the line instead). */
const MIN_HEIGHT = 120;

export class Card {
  constructor(ui) {
    this.ui = ui;
    this.session = null;
    this.finding = null;
    this.byHover = false;
    this.pointerInside = false;
    this.openTimer = 0;
    this.closeTimer = 0;
    this.el = h('div', { doc: ui.doc, className: 'card', role: 'dialog', 'aria-modal': 'false', 'data-tactful-card': '', hidden: true });
    // Keep the editor's focus and selection when the card is clicked with the mouse.
    this.el.addEventListener('mousedown', (e) => e.preventDefault());
    this.el.addEventListener('mouseenter', trusted(() => {
      this.pointerInside = true;
      clearTimeout(this.closeTimer);
    }));
    this.el.addEventListener('mouseleave', trusted(() => {
      this.pointerInside = false;
      if (this.byHover) this.closeSoon();
    }));
    this.el.addEventListener('keydown', trusted((e) => this.keyPressed(e)));
    this.el.addEventListener('focusout', trusted((e) => this.focusLeft(e)));
  }

  get isOpen() {
    return !this.el.hidden;
  }

  /** The pointer is over `finding` of `session` (or over no finding: null). */
  hover(session, finding) {
    clearTimeout(this.openTimer);
    if (finding) {
      clearTimeout(this.closeTimer);
      if (this.isOpen && this.session === session && this.finding.id === finding.id) return;
      this.openTimer = setTimeout(() => this.open(session, finding, { byHover: true }), this.isOpen ? 80 : OPEN_DELAY_MS);
    } else if (this.isOpen && this.byHover && !this.pointerInside) {
      this.closeSoon();
    }
  }

  closeSoon() {
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.close(), CLOSE_DELAY_MS);
  }

  /**
   * @param {object} session
   * @param {object} finding
   * @param {{focus?: boolean, byHover?: boolean}} [how]
   */
  open(session, finding, { focus = false, byHover = false } = {}) {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    if (this.session && this.session !== session) this.session.painter.setActive(null);
    if (focus) this.restoreCaret = session.editor.caretOffset();
    this.session = session;
    this.finding = finding;
    this.byHover = byHover;
    this.ui.syncTheme();
    this.render(finding);
    this.el.hidden = false;
    this.position();
    session.painter.setActive(finding);
    if (focus) this.el.querySelector('button')?.focus();
  }

  render(f) {
    const doc = this.ui.doc;
    const cat = category(f.category);
    const messageId = `tactful-message-${f.id}`;
    const rationaleId = `tactful-rationale-${f.id}`;
    this.el.setAttribute('aria-labelledby', messageId);
    this.el.setAttribute('aria-describedby', rationaleId);
    this.el.dataset.rule = f.rule;
    const suggestions = f.suggestions.slice(0, 3).map((s, i) =>
      h('button', { doc, type: 'button', className: 'suggestion', 'data-index': i, onClick: () => this.session.apply(f, i) },
        suggestionContent(doc, s, this.session.text.slice(f.start, f.end))),
    );
    this.el.replaceChildren(
      h('div', { doc, className: 'head' },
        h('span', { doc, className: 'chip' }, h('span', { doc, className: 'dot', style: { '--c': categoryColor(cat.id) } }), cat.label),
        h('span', { doc, className: 'severity' }, f.severity || '')),
      h('p', { doc, className: 'message', id: messageId }, f.message || ''),
      h('p', { doc, className: 'rationale', id: rationaleId }, f.rationale || ''),
      suggestions.length ? h('div', { doc, className: 'suggestions', role: 'group', 'aria-label': 'Suggestions' }, suggestions) : null,
      h('div', { doc, className: 'actions' },
        h('button', { doc, type: 'button', className: 'plain', 'data-action': 'dismiss', onClick: () => this.session.dismiss(f) }, 'Dismiss'),
        h('button', { doc, type: 'button', className: 'plain', 'data-action': 'disable', onClick: () => this.session.disableRule(f) }, 'Turn off this rule')),
    );
  }

  /**
   * Below the finding's first line, or above it when there is more room there; never past the
   * window's edges (at 200% zoom a card may be taller than the room: it scrolls inside). The
   * card closes when its finding is scrolled out of the editor's view.
   */
  position() {
    if (!this.isOpen) return;
    const rect = this.session.rectsFor(this.finding)[0];
    if (!rect || !overlaps(rect, this.session.editor.visibleRect())) return this.close();
    const win = this.ui.win;
    const scrolled = this.el.scrollTop;
    this.el.style.maxHeight = '';
    const place = placeCard(rect, { width: this.el.offsetWidth, height: this.el.offsetHeight }, { width: win.innerWidth, height: win.innerHeight });
    this.el.style.left = `${place.left}px`;
    this.el.style.top = `${place.top}px`;
    this.el.style.maxHeight = `${place.maxHeight}px`;
    this.el.scrollTop = scrolled;
  }

  /** After `session` changed: close if its finding is gone, else follow it. */
  refresh(session) {
    if (!this.isOpen || this.session !== session) return;
    const current = session.findings.find((f) => f.id === this.finding.id);
    if (!current) return this.close();
    this.finding = current;
    this.position();
  }

  close({ restoreFocus = false } = {}) {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    const session = this.session;
    const caret = this.restoreCaret;
    this.el.hidden = true;
    this.pointerInside = false;
    this.restoreCaret = undefined;
    session?.painter.setActive(null);
    this.session = null;
    this.finding = null;
    if (restoreFocus && session) session.restoreFocus(caret);
  }

  /** Tab (or a click) took focus out of the card: close it, as a keyboard user has left it. */
  focusLeft(e) {
    if (!this.isOpen) return;
    const to = e.relatedTarget;
    if (to && this.el.contains(to)) return;
    if (to) return this.close();
    // Focus went nowhere in particular: close unless the window itself lost focus (another app).
    setTimeout(() => {
      if (this.isOpen && this.ui.doc.hasFocus() && !this.el.contains(this.ui.shadow.activeElement)) this.close();
    }, 0);
  }

  keyPressed(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close({ restoreFocus: true });
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const buttons = [...this.el.querySelectorAll('button')];
      const i = buttons.indexOf(this.ui.shadow.activeElement);
      const next = buttons[(i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length];
      next?.focus();
      e.preventDefault();
    }
  }
}

/**
 * A suggestion button's content; its name comes from it, so what is shown is what is said
 * (with words for screen readers in between). A deletion shows "(remove)" and says which words go.
 */
function suggestionContent(doc, s, original) {
  // A suggestion is the new text of the finding's clause; the punctuation it starts with (". I'll…", the
  // full stop left for the clause before) is not worth showing.
  const text = s.replacement.replace(/^[\s,;:.!?…—–-]+/u, '');
  const label = s.label || 'Apply';
  const said = (words) => h('span', { doc, className: 'sr-only' }, words);
  const title = s.label ? h('span', { doc, className: 'label' }, label) : said(label);
  if (!text) {
    return [title, said(`: remove “${original.trim()}”`), h('span', { doc, className: 'replacement', 'aria-hidden': 'true' }, '(remove)')];
  }
  return [title, said(': replace with “'), h('span', { doc, className: 'replacement' }, text), said('”')];
}

function overlaps(a, b) {
  return a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;
}

/**
 * Where a card of `size` goes for an underline `rect` in a `viewport`: below the line when it
 * fits, else on the side with more room; clamped into the viewport, with the height it may
 * take (it scrolls inside beyond that).
 * @returns {{left: number, top: number, maxHeight: number}}
 */
export function placeCard(rect, size, viewport) {
  const left = Math.max(EDGE, Math.min(rect.left, viewport.width - size.width - EDGE));
  const below = viewport.height - EDGE - (rect.bottom + GAP);
  const above = rect.top - GAP - EDGE;
  const whole = viewport.height - 2 * EDGE;
  if (size.height <= below) return { left, top: rect.bottom + GAP, maxHeight: below };
  if (size.height <= above) return { left, top: rect.top - GAP - size.height, maxHeight: above };
  // Too tall for either side: the roomier side, at least MIN_HEIGHT high, and inside the viewport.
  const room = Math.max(below, above);
  const height = Math.min(size.height, whole, Math.max(room, MIN_HEIGHT));
  const top = below >= above ? Math.min(rect.bottom + GAP, viewport.height - EDGE - height) : Math.max(EDGE, rect.top - GAP - height);
  return { left, top: Math.max(EDGE, top), maxHeight: height };
}
