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
   * Rects of value [from, to) relative to the textarea's client area, before scrolling.
   * @returns {{left: number, top: number, width: number, height: number}[]}
   */
  measure(value, from, to) {
    this.syncStyle();
    if (this.textNode.data !== value) this.textNode.data = value;
    this.range.setStart(this.textNode, from);
    this.range.setEnd(this.textNode, to);
    const origin = this.el.getBoundingClientRect();
    return [...this.range.getClientRects()]
      .filter((r) => r.width > 0)
      .map((r) => ({ left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height }));
  }

  destroy() {
    this.el.remove();
  }
}
