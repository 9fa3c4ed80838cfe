/**
 * The list of every finding in one editor, opened from the badge, with "Fix all"
 * (each finding's first suggestion). Each entry opens that finding's card.
 */

import { category } from '../../shared/categories.js';
import { h, trusted } from './dom.js';
import { categoryColor } from './styles.js';

export class FindingsPanel {
  constructor(ui) {
    this.ui = ui;
    this.session = null;
    this.el = h('div', { doc: ui.doc, className: 'panel', role: 'dialog', 'aria-label': 'Tactful findings', 'data-tactful-panel': '', hidden: true });
    this.el.addEventListener('mousedown', (e) => e.preventDefault());
    this.el.addEventListener('keydown', trusted((e) => this.keyPressed(e)));
  }

  get isOpen() {
    return !this.el.hidden;
  }

  toggle(session, { focus = false } = {}) {
    if (this.isOpen && this.session === session) this.close({ restoreFocus: focus });
    else this.open(session, { focus });
  }

  open(session, { focus = false } = {}) {
    this.ui.card.close();
    if (this.session && this.session !== session) this.session.badge.setExpanded(false);
    this.session = session;
    this.restoreCaret = session.editor.caretOffset();
    this.ui.syncTheme();
    this.render();
    this.el.hidden = false;
    this.position();
    session.badge.setExpanded(true);
    if (focus) this.el.querySelector('button')?.focus();
  }

  render() {
    const doc = this.ui.doc;
    const session = this.session;
    const findings = [...session.findings].sort((a, b) => a.start - b.start);
    const fixable = findings.filter((f) => f.suggestions.length).length;
    const score = session.summary?.score;
    const items = findings.map((f) => {
      const cat = category(f.category);
      return h('li', { doc },
        h('button', { doc, type: 'button', className: 'item', 'data-rule': f.rule, onClick: () => this.show(f) },
          h('span', { doc, className: 'dot', style: { '--c': categoryColor(cat.id) } }),
          h('span', { doc },
            h('strong', { doc }, `${cat.label}: `), f.message || '',
            h('span', { doc, className: 'quote' }, `“${session.text.slice(f.start, f.end)}”`))));
    });
    const title = findings.length === 1 ? '1 finding' : `${findings.length} findings`;
    this.el.replaceChildren(
      h('h2', { doc }, `Tactful — ${title}`, Number.isFinite(score) ? ` · score ${Math.round(score)}` : ''),
      findings.length ? h('ul', { doc, role: 'list' }, items) : h('p', { doc, className: 'empty' }, 'Nothing to fix. Ready to send.'),
      h('div', { doc, className: 'actions' },
        h('button', { doc, type: 'button', className: 'primary', 'data-action': 'fix-all', disabled: fixable === 0, onClick: () => session.fixAll() }, `Fix all (${fixable})`),
        h('button', { doc, type: 'button', className: 'plain', 'data-action': 'close', onClick: () => this.close({ restoreFocus: true }) }, 'Close')),
    );
  }

  show(finding) {
    const session = this.session;
    this.close();
    session.editor.scrollTo(finding.start);
    session.flushLayout();
    this.ui.card.open(session, finding, { focus: true });
  }

  /** Above the badge, right-aligned with it. */
  position() {
    if (!this.isOpen) return;
    const badge = this.session.badge.el.getBoundingClientRect();
    const win = this.ui.win;
    const width = this.el.offsetWidth;
    const height = this.el.offsetHeight;
    const left = Math.min(Math.max(8, badge.right - width), win.innerWidth - width - 8);
    const top = badge.top - height - 6 > 8 ? badge.top - height - 6 : Math.min(badge.bottom + 6, win.innerHeight - height - 8);
    this.el.style.left = `${left}px`;
    this.el.style.top = `${Math.max(8, top)}px`;
  }

  refresh(session) {
    if (!this.isOpen || this.session !== session) return;
    this.render();
    this.position();
  }

  close({ restoreFocus = false } = {}) {
    if (!this.session) return;
    const session = this.session;
    this.el.hidden = true;
    session.badge.setExpanded(false);
    this.session = null;
    // Back to the draft, where the writer was (not to the badge: the list was a detour).
    if (restoreFocus) session.restoreFocus(this.restoreCaret);
    this.restoreCaret = undefined;
  }

  keyPressed(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close({ restoreFocus: true });
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const buttons = [...this.el.querySelectorAll('button:not([disabled])')];
      const i = buttons.indexOf(this.ui.shadow.activeElement);
      buttons[(i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
      e.preventDefault();
    }
  }
}
