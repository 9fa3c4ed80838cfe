/**
 * The badge in an editor's bottom-right corner: finding counts by category and the
 * ready-to-send score ("–" until the server sends one). Clicking it (or Enter on it)
 * lists every finding. When the server cannot be reached it says so quietly.
 */

import { category } from '../../shared/categories.js';
import { h, trusted } from './dom.js';
import { categoryColor } from './styles.js';

const MARGIN = 8;
/** An editor's visible area lower than this holds only a few lines: the badge sits outside it. */
const SHORT_EDITOR_PX = 100;

export class Badge {
  constructor(ui, session, layer) {
    this.ui = ui;
    this.session = session;
    this.signature = '';
    this.contentChanged = false;
    this.el = h('button', {
      doc: ui.doc,
      type: 'button',
      className: 'badge',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
      'data-tactful-badge': session.id,
      hidden: true,
    });
    this.el.addEventListener('mousedown', (e) => e.preventDefault());
    this.el.addEventListener('click', trusted((e) => ui.panel.toggle(session, { focus: e.detail === 0 })));
    layer.append(this.el);
  }

  /** @param {{status: string, findings: {category: string}[], score?: number|null, detail?: string}} state */
  update({ status, findings, score, detail }) {
    const counts = countByCategory(findings);
    const signature = JSON.stringify([status, counts, score, detail]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.contentChanged = true;
    const doc = this.ui.doc;
    const el = this.el;
    el.className = 'badge';
    el.removeAttribute('title');
    if (status === 'offline' || status === 'unauthorized' || status === 'error') {
      const text = { offline: 'Tactful offline', unauthorized: 'Tactful: check token', error: 'Tactful unavailable' }[status];
      el.classList.add('quiet');
      el.replaceChildren(text);
      el.title = detail || text;
      el.setAttribute('aria-label', `${text}. Your draft is not being reviewed.${detail ? ` ${detail}` : ''}`);
      el.dataset.status = status;
      return;
    }
    el.dataset.status = status;
    if (status === 'busy') el.classList.add('busy');
    const scoreText = Number.isFinite(score) ? String(Math.round(score)) : '–';
    const parts = counts.map(([id, n]) => {
      const cat = category(id);
      const dot = h('span', { doc, className: 'dot', style: { '--c': categoryColor(id) } });
      return h('span', { doc, className: 'count', 'data-category': id, 'data-n': n, title: `${n} ${cat.label}` }, dot);
    });
    if (status === 'idle' && findings.length === 0) parts.push(h('span', { doc }, 'Tactful'));
    else if (findings.length === 0) parts.push(h('span', { doc, className: 'ok', 'aria-hidden': 'true' }, '✓'));
    const logo = h('span', { doc, className: 'logo', 'aria-hidden': 'true' });
    el.replaceChildren(logo, ...parts, h('span', { doc, className: 'score', title: 'Ready-to-send score' }, scoreText));
    el.title = 'Tactful — Alt+Enter in the draft opens the finding at the caret';
    const listed = counts.map(([id, n]) => `${n} ${category(id).label}`).join(', ');
    const total = findings.length === 1 ? '1 finding' : `${findings.length} findings`;
    el.setAttribute('aria-label', `Tactful: ${total}${listed ? ` (${listed})` : ''}. Ready-to-send score ${scoreText === '–' ? 'not available' : scoreText}. Show the list.`);
  }

  /** The content changed since the last `position()`, so its width may have. */
  changedSize() {
    return this.contentChanged;
  }

  /**
   * Sit in the bottom-right corner of the editor's visible area; under a short editor, whose
   * last line the badge would cover, just outside it (below, or above when there is no room).
   */
  position(area) {
    this.contentChanged = false;
    if (area.width < 40 || area.height < 20) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    this.ui.syncZoom();
    const size = { width: this.el.offsetWidth, height: this.el.offsetHeight };
    const { left, top } = badgePlace(area, size, this.ui.win.innerHeight, editorHeight(this.session.editor));
    this.el.style.left = `${left}px`;
    this.el.style.top = `${top}px`;
  }

  setExpanded(expanded) {
    this.el.setAttribute('aria-expanded', String(expanded));
  }

  destroy() {
    this.el.remove();
  }
}

/** The editor's whole height (not only its part on screen), in viewport pixels. */
function editorHeight(editor) {
  const el = editor?.element;
  if (!el) return Infinity;
  if (el === el.ownerDocument.body) return el.ownerDocument.defaultView.innerHeight;
  return el.clientHeight * (el.currentCSSZoom ?? 1);
}

/**
 * Where the badge of `size` goes for an editor's visible `area` in a viewport `viewportHeight`
 * high: inside the bottom-right corner, or outside an editor `height` pixels high when that
 * is short (below it, else above it).
 */
export function badgePlace(area, size, viewportHeight, height = area.height) {
  const left = Math.max(area.left + MARGIN, area.right - size.width - MARGIN);
  if (height >= SHORT_EDITOR_PX) return { left, top: Math.max(area.top, area.bottom - size.height - MARGIN) };
  const below = area.bottom + 4;
  if (below + size.height <= viewportHeight) return { left, top: below };
  const above = area.top - size.height - 4;
  return { left, top: above >= 0 ? above : Math.max(area.top, area.bottom - size.height - MARGIN) };
}

/** [[category, count], …] in a stable order (most findings first). */
export function countByCategory(findings) {
  const counts = new Map();
  for (const f of findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
