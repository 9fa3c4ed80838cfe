/**
 * Tactful's own corner of the page: one shadow root appended to `<html>` holding the
 * badges, overlay underlines, the card, the findings list and a live region for
 * screen readers. Page styles cannot reach in; the editor's DOM is never touched.
 *
 * The shadow root is closed: `host.shadowRoot` is null for the page, which therefore
 * cannot read the findings (a team pack's messages) or get hold of the buttons, and
 * events from inside are retargeted to the host in the page's listeners. Tactful
 * keeps its own reference (`this.shadow`) and never looks the root up again.
 */

import { h, trusted } from './dom.js';
import { DARK_CSS, SHADOW_CSS } from './styles.js';
import { Card } from './card.js';
import { FindingsPanel } from './findings-panel.js';

export class UiRoot {
  constructor(doc) {
    this.doc = doc;
    this.win = doc.defaultView;
    this.host = doc.createElement('tactful-ui');
    for (const [prop, value] of Object.entries({ all: 'initial', position: 'fixed', top: '0', left: '0', width: '0', height: '0', 'z-index': '2147483646' })) {
      this.host.style.setProperty(prop, value, 'important');
    }
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = SHADOW_CSS;
    this.theme = doc.createElement('style');
    this.layers = h('div', { doc, className: 'layers' });
    this.live = h('div', { doc, className: 'sr-only', role: 'status', 'aria-live': 'polite' });
    this.shadow.append(style, this.theme, this.layers, this.live);
    this.card = new Card(this);
    this.panel = new FindingsPanel(this);
    this.shadow.append(this.card.el, this.panel.el);
    // Seen from the document, a press inside the closed root has only the host on its
    // path; this listener, inside the root, sees the whole path.
    this.shadow.addEventListener('mousedown', (event) => this.pointerDown(event), true);
    this.win.addEventListener('keydown', trusted((event) => this.keyDown(event)), true);
    this.win.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => this.syncTheme());
    this.attach();
  }

  /** Put the host back if the page rebuilt its document. */
  attach() {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.syncZoom();
    this.syncTheme();
  }

  /**
   * Undo a CSS `zoom` on the page's root for Tactful's UI, so the UI's pixels are the viewport's
   * (where every position it draws at is measured) and its text keeps its size.
   */
  syncZoom() {
    const zoom = this.doc.documentElement.currentCSSZoom ?? 1;
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    if (zoom === 1) this.host.style.removeProperty('zoom');
    else this.host.style.setProperty('zoom', String(1 / zoom), 'important');
  }

  /** The dark theme when the page is dark: its color-scheme (with the reader's preference) or its background. */
  syncTheme() {
    const dark = pageIsDark(this.doc);
    if (dark === this.dark) return;
    this.dark = dark;
    this.theme.textContent = dark ? DARK_CSS : '';
  }

  /**
   * Escape closes the card wherever focus is (WCAG 1.4.13: content shown on hover can be
   * dismissed). In the card or the list their own handlers take it; in the editor, the session's.
   */
  keyDown(event) {
    if (event.key !== 'Escape' || !this.card.isOpen) return;
    const path = event.composedPath();
    if (path.includes(this.host) || path.includes(this.card.session?.editor.element)) return;
    event.preventDefault();
    event.stopPropagation();
    this.card.close();
  }

  /** A container for one editor's overlay, badge and measuring mirror. */
  createLayer() {
    const layer = h('div', { doc: this.doc });
    this.layers.append(layer);
    return layer;
  }

  /** Say `text` to screen readers (politely, once). */
  announce(text) {
    if (this.live.textContent === text) this.live.textContent = '';
    this.live.textContent = text;
  }

  /** Keyboard focus is on one of Tactful's own controls. */
  shadowHasFocus() {
    return this.shadow.activeElement !== null;
  }

  /**
   * Close the card when the pointer goes down anywhere outside it (and outside the list).
   * Called by the document's listener for every press and by the shadow root's for
   * presses inside Tactful's UI; the document's call leaves the latter alone, as the
   * closed root hides where in the UI they landed. Presses a page script makes up
   * close nothing.
   */
  pointerDown(event) {
    if (!event.isTrusted) return;
    const path = event.composedPath();
    if (event.currentTarget !== this.shadow && path.includes(this.host)) return;
    if (this.card.isOpen && !path.includes(this.card.el) && !path.includes(this.card.session?.editor.element)) this.card.close();
    if (this.panel.isOpen && !path.includes(this.panel.el) && !path.includes(this.panel.session?.badge.el)) this.panel.close();
  }

  /** Close the card and the list if they belong to `session`. */
  forget(session) {
    if (this.card.session === session) this.card.close();
    if (this.panel.session === session) this.panel.close();
  }

  destroy() {
    this.host.remove();
  }
}

/** The page shows dark: `color-scheme` allows only dark (or dark as the reader prefers), or its background is dark. */
export function pageIsDark(doc) {
  const win = doc.defaultView;
  const root = doc.body ?? doc.documentElement;
  const schemes = String(win.getComputedStyle(root).colorScheme || '').split(/\s+/);
  if (schemes.includes('dark')) {
    if (!schemes.includes('light')) return true;
    if (win.matchMedia?.('(prefers-color-scheme: dark)').matches) return true;
  }
  for (const el of [doc.body, doc.documentElement]) {
    const rgba = el && parseColour(win.getComputedStyle(el).backgroundColor);
    if (rgba && rgba[3] > 0.5) return luminance(rgba) < 0.2;
  }
  return false;
}

function parseColour(text) {
  const m = /rgba?\(([^)]+)\)/.exec(text ?? '');
  if (!m) return null;
  const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return [r, g, b, a];
}

/** Relative luminance (WCAG) of an sRGB colour [r, g, b] in 0–255. */
export function luminance([r, g, b]) {
  const lin = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
