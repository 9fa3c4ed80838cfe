/**
 * Where characters of a textarea are drawn, measured on a hidden copy (a "mirror")
 * that wraps text exactly as the textarea does. The mirror lives in Tactful's shadow
 * root, never in the page.
 */

const COPIED = [
  'boxSizing', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch',
  'fontKerning', 'fontFeatureSettings', 'letterSpacing', 'wordSpacing', 'textTransform', 'textIndent',
  'textAlign', 'lineHeight', 'tabSize', 'wordBreak', 'direction', 'paddingTop', 'paddingRight',
  'paddingBottom', 'paddingLeft',
];

export class TextareaMirror {
  constructor(textarea, parent) {
    this.textarea = textarea;
    const doc = parent.ownerDocument;
    this.el = doc.createElement('div');
    this.el.className = 'mirror';
    this.el.setAttribute('aria-hidden', 'true');
    this.textNode = doc.createTextNode('');
    this.el.append(this.textNode);
    this.range = doc.createRange();
    parent.append(this.el);
    this.width = -1;
  }

  /** Copy the textarea's text metrics when its width changed. */
  syncStyle() {
    const ta = this.textarea;
    if (ta.clientWidth === this.width) return;
    const cs = ta.ownerDocument.defaultView.getComputedStyle(ta);
    const style = this.el.style;
    for (const prop of COPIED) style[prop] = cs[prop];
    style.boxSizing = 'content-box';
    style.width = `${ta.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}px`;
    this.width = ta.clientWidth;
  }

  /**
   * Rects of value [from, to) relative to the textarea's client area, before scrolling, in
   * viewport pixels (the mirror is drawn unzoomed; a CSS `zoom` on the page scales them).
   * @returns {{left: number, top: number, width: number, height: number}[]}
   */
  measure(value, from, to) {
    this.syncStyle();
    if (this.textNode.data !== value) this.textNode.data = value;
    this.range.setStart(this.textNode, from);
    this.range.setEnd(this.textNode, to);
    const origin = this.el.getBoundingClientRect();
    const ta = this.textarea;
    const taZoom = ta.currentCSSZoom ?? 1;
    const zoom = taZoom / (this.el.currentCSSZoom ?? 1);
    // NOTE: the caller subtracts the textarea's scroll offsets, which are unzoomed pixels; the part
    // of the scroll that the zoom adds (scroll × (zoom − 1)) is taken off here.
    const dx = ta.scrollLeft * (taZoom - 1);
    const dy = ta.scrollTop * (taZoom - 1);
    return [...this.range.getClientRects()]
      .filter((r) => r.width > 0)
      .map((r) => ({ left: (r.left - origin.left) * zoom - dx, top: (r.top - origin.top) * zoom - dy, width: r.width * zoom, height: r.height * zoom }));
  }

  destroy() {
    this.el.remove();
  }
}
