/**
 * The card for one finding: message, rationale, up to three suggestions as buttons,
 * "Dismiss" and "Turn off this rule". Opens on hover (without taking focus), on click,
 * or from the keyboard (Alt+Enter in the editor, or from the findings list) with focus
 * on the first suggestion: Enter applies, arrows move, Escape closes. Buttons and keys
 * act on trusted (user) events only.
 */

import { category } from '../../shared/categories.js';
import { h, trusted } from './dom.js';

const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;
const GAP = 6;

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
    // A suggestion is the new text of the finding's clause; the punctuation it starts with (". I'll…", the
    // full stop left for the clause before) is not worth showing.
    const shown = (s) => s.replacement.replace(/^[\s,;:.!?…—–-]+/u, '') || '(remove)';
    const suggestions = f.suggestions.slice(0, 3).map((s, i) =>
      h(
        'button',
        { doc, type: 'button', className: 'suggestion', 'data-index': i, 'aria-label': `${s.label || 'Apply'}: replace with “${shown(s)}”`, onClick: () => this.session.apply(f, i) },
        s.label ? h('span', { doc, className: 'label' }, s.label) : null,
        h('span', { doc, className: 'replacement' }, shown(s)),
      ),
    );
    this.el.replaceChildren(
      h('div', { doc, className: 'head' },
        h('span', { doc, className: 'chip' }, h('span', { doc, className: 'dot', style: { '--c': cat.color } }), cat.label),
        h('span', { doc, className: 'severity' }, f.severity || '')),
      h('p', { doc, className: 'message', id: messageId }, f.message || ''),
      h('p', { doc, className: 'rationale', id: rationaleId }, f.rationale || ''),
      suggestions.length ? h('div', { doc, className: 'suggestions', role: 'group', 'aria-label': 'Suggestions' }, suggestions) : null,
      h('div', { doc, className: 'actions' },
        h('button', { doc, type: 'button', className: 'plain', 'data-action': 'dismiss', onClick: () => this.session.dismiss(f) }, 'Dismiss'),
        h('button', { doc, type: 'button', className: 'plain', 'data-action': 'disable', onClick: () => this.session.disableRule(f) }, 'Turn off this rule')),
    );
  }

  /** Below the finding's first line, or above it when there is no room below. */
  position() {
    if (!this.isOpen) return;
    const rect = this.session.rectsFor(this.finding)[0];
    if (!rect) return this.close();
    const win = this.ui.win;
    const width = this.el.offsetWidth;
    const height = this.el.offsetHeight;
    const left = Math.min(Math.max(8, rect.left), win.innerWidth - width - 8);
    let top = rect.bottom + GAP;
    if (top + height > win.innerHeight - 8 && rect.top - GAP - height > 8) top = rect.top - GAP - height;
    this.el.style.left = `${left}px`;
    this.el.style.top = `${top}px`;
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
