/**
 * Finds the editors on the page with the site adapters, now and whenever the page
 * changes (a compose window opens, an iframe editor loads, focus moves), and reports
 * editors that went away. An adapter that throws is logged and skipped.
 */

import { adaptersFor } from './adapters/index.js';

const SCAN_DELAY_MS = 300;

export class EditorFinder {
  /**
   * @param {Document} doc
   * @param {Location} location
   * @param {{found: (editor: {element: Element, kind: string}, adapter: object) => void, lost: (element: Element) => void}} hooks
   */
  constructor(doc, location, hooks) {
    this.doc = doc;
    this.location = location;
    this.hooks = hooks;
    /** @type {Map<Element, object>} */
    this.tracked = new Map();
    this.timer = 0;
    this.observer = null;
    this.scanSoon = this.scanSoon.bind(this);
  }

  start() {
    this.scan();
    this.observer = new MutationObserver(() => this.scanSoon());
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
    this.doc.addEventListener('focusin', () => this.scanSoon(0), true);
    this.doc.addEventListener('load', () => this.scanSoon(), true); // iframes (rich editors) loading
  }

  scanSoon(delay = SCAN_DELAY_MS) {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.scan();
    }, delay);
  }

  scan() {
    for (const adapter of adaptersFor(this.doc, this.location)) {
      let editors = [];
      try {
        editors = adapter.findEditors(this.doc);
      } catch (error) {
        console.warn(`[tactful] adapter ${adapter.id} failed to find editors`, error);
      }
      for (const editor of editors) {
        if (this.tracked.has(editor.element)) continue;
        this.tracked.set(editor.element, adapter);
        try {
          this.hooks.found(editor, adapter);
        } catch (error) {
          console.warn(`[tactful] could not attach to a ${adapter.id} editor`, error);
        }
      }
    }
    for (const element of [...this.tracked.keys()]) {
      if (!isAlive(element)) {
        this.tracked.delete(element);
        this.hooks.lost(element);
      }
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.observer?.disconnect();
  }
}

/** Still in a live document (an iframe editor dies with its iframe). */
function isAlive(element) {
  const win = element.ownerDocument.defaultView;
  if (!element.isConnected || !win) return false;
  try {
    return !win.frameElement || win.frameElement.isConnected;
  } catch {
    return false;
  }
}
