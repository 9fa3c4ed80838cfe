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

import { h } from './dom.js';
import { SHADOW_CSS } from './styles.js';
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
    this.layers = h('div', { doc, className: 'layers' });
    this.live = h('div', { doc, className: 'sr-only', role: 'status', 'aria-live': 'polite' });
    this.shadow.append(style, this.layers, this.live);
    this.card = new Card(this);
    this.panel = new FindingsPanel(this);
    this.shadow.append(this.card.el, this.panel.el);
    // Seen from the document, a press inside the closed root has only the host on its
    // path; this listener, inside the root, sees the whole path.
    this.shadow.addEventListener('mousedown', (event) => this.pointerDown(event), true);
    this.attach();
  }

  /** Put the host back if the page rebuilt its document. */
  attach() {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
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
