/**
 * Underlines drawn with the CSS Custom Highlight API: ranges registered under one
 * highlight name per category and styled with `::highlight()`. The browser paints
 * them and keeps them in place on scroll and resize; the editor's DOM is unchanged
 * (the stylesheet is adopted, not inserted).
 */

import { highlightName } from '../../shared/categories.js';
import { highlightCss } from './styles.js';

const registries = new WeakMap();

/** Whether `win` can paint highlights. */
export function supportsHighlights(win) {
  return Boolean(win.CSS?.highlights && typeof win.Highlight === 'function');
}

/** The shared highlights of one window, created with their stylesheet on first use. */
function registryFor(win) {
  let registry = registries.get(win);
  if (registry) return registry;
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(highlightCss());
  win.document.adoptedStyleSheets = [...win.document.adoptedStyleSheets, sheet];
  registry = {
    get(name) {
      let highlight = win.CSS.highlights.get(name);
      if (!highlight) {
        highlight = new win.Highlight();
        win.CSS.highlights.set(name, highlight);
      }
      return highlight;
    },
  };
  registries.set(win, registry);
  return registry;
}

export class HighlightPainter {
  constructor(editor) {
    this.editor = editor;
    this.registry = registryFor(editor.win);
    /** @type {Map<string, {name: string, range: Range}>} finding id → its range */
    this.ranges = new Map();
    this.active = null;
  }

  paint(findings) {
    const previous = this.ranges;
    this.ranges = new Map();
    for (const f of findings) {
      const name = highlightName(f.category);
      const old = previous.get(f.id);
      // NOTE: ranges are live, so typing elsewhere moves them with their words. One is kept while it
      // still spans as many characters as the finding (typing at its very start grows it: redrawn).
      if (old && old.name === name && !old.range.collapsed && old.range.toString().length === f.end - f.start) {
        previous.delete(f.id);
        this.ranges.set(f.id, old);
        continue;
      }
      const range = this.editor.rangeFor(f.start, f.end);
      this.registry.get(name).add(range);
      this.ranges.set(f.id, { name, range });
    }
    for (const { name, range } of previous.values()) this.registry.get(name).delete(range);
    if (this.active) this.setActive(this.active);
  }

  layout() {}

  setActive(finding) {
    const activeHighlight = this.registry.get('tactful-active');
    activeHighlight.clear();
    this.active = finding;
    const entry = finding && this.ranges.get(finding.id);
    if (entry) activeHighlight.add(entry.range);
  }

  clear() {
    for (const { name, range } of this.ranges.values()) this.registry.get(name).delete(range);
    this.ranges.clear();
  }

  destroy() {
    this.clear();
    if (this.active) this.registry.get('tactful-active').clear();
  }
}
