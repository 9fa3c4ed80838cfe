/**
 * Text of a contenteditable editor, with its offset map, the way a reader sees it:
 * `<br>` and block boundaries become "\n", runs of source whitespace collapse to one
 * space, non-breaking spaces read as spaces (one for one, so offsets stay put), and
 * an emoji drawn as an `<img>` (Gmail) reads as its alt text.
 *
 * Subtrees matching `exclude` (quoted text, signatures) are left out, and so is
 * everything from the first element matching `stopAt` on (Outlook's reply header).
 * The editor's DOM is only read, never changed.
 */

import { TextMapBuilder } from './text-map.js';

const ELEMENT = 1;
const TEXT = 3;

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH',
  'THEAD', 'TR', 'UL',
]);
/** Tags that exclude/stopAt selectors never name alone (see the adapters' meta-test). */
export const UNNAMED_TAGS = new Set(['DIV', 'P', 'SPAN', 'B', 'I', 'U', 'EM', 'STRONG', 'FONT', 'LI', 'UL', 'OL', 'A']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE', 'META', 'LINK', 'OBJECT']);
const COLLAPSIBLE_RUN = /[ \t\n\r\f]*[\t\n\r\f][ \t\n\r\f]*| {2,}/g;
const NBSP = /[\u00a0\u202f]/g;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * @param {Element} root the editor (a contenteditable element or an iframe's body)
 * @param {{exclude?: string, stopAt?: string}} [options] CSS selectors
 * @returns {import('./text-map.js').TextMap}
 */
export function extractHtml(root, { exclude = '', stopAt = '' } = {}) {
  const out = new TextMapBuilder();
  let stopped = false;
  let pendingBreak = false;
  let lastWasSpace = false;

  const atLineStart = () => pendingBreak || out.atLineStart();
  const requestBreak = () => {
    if (!out.atLineStart()) pendingBreak = true;
  };
  // A pending block boundary is written just before the next visible content, at
  // (parent, index): the position of the node being visited.
  let parent = null;
  let index = 0;
  const flush = () => {
    if (!pendingBreak) return;
    pendingBreak = false;
    out.atom(parent, index, index, '\n');
  };

  // Single spaces between words stay inside the visible chunk; only runs that need
  // collapsing (newlines, tabs, several spaces) and a space that follows another space
  // or starts a line are handled one by one.
  const text = (node) => {
    const data = node.data;
    let last = 0;
    if (data.charCodeAt(0) === 32 && (atLineStart() || lastWasSpace) && !isCollapsible(data.charCodeAt(1))) last = 1;
    COLLAPSIBLE_RUN.lastIndex = last;
    for (let m = COLLAPSIBLE_RUN.exec(data); m; m = COLLAPSIBLE_RUN.exec(data)) {
      if (m.index > last) visible(node, last, data.slice(last, m.index));
      const end = m.index + m[0].length;
      if (!atLineStart() && !lastWasSpace) {
        out.atom(node, m.index, end, ' ');
        lastWasSpace = true;
      }
      last = end;
    }
    if (last < data.length) visible(node, last, data.slice(last));
  };
  const visible = (node, from, chars) => {
    flush();
    out.linear(node, from, chars.replace(NBSP, ' '));
    lastWasSpace = chars.charCodeAt(chars.length - 1) === 32;
  };
  const atomic = (chars) => {
    flush();
    out.atom(parent, index, index + 1, chars);
    lastWasSpace = false;
  };

  const visit = (node) => {
    const type = node.nodeType;
    if (type === TEXT) {
      if (node.data) text(node);
      return;
    }
    if (type !== ELEMENT) return;
    const tag = node.nodeName.toUpperCase();
    if (tag === 'BR') return atomic('\n');
    if (SKIPPED_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    // NOTE: what typing produces is mostly bare <div>, <p>, <span>, <b>…: an element
    // without attributes whose tag no selector names skips the selector checks.
    if (node.hasAttributes() || !UNNAMED_TAGS.has(tag)) {
      if (isHidden(node)) return;
      if (stopAt && node.matches(stopAt)) {
        stopped = true;
        return;
      }
      if (exclude && node.matches(exclude)) {
        if (block) requestBreak();
        out.gap();
        if (block) requestBreak();
        return;
      }
    }
    if (tag === 'IMG') {
      const emoji = emojiText(node);
      if (emoji) atomic(emoji);
      return;
    }
    if (block) requestBreak();
    visitChildren(node);
    if (block) requestBreak();
  };

  // NOTE: sibling pointers and a running index, not childNodes: NodeList access from a
  // content script's isolated world is slow enough to matter on every keystroke.
  const visitChildren = (node) => {
    const outerParent = parent;
    const outerIndex = index;
    parent = node;
    index = 0;
    for (let child = node.firstChild; child && !stopped; child = child.nextSibling) {
      visit(child);
      index++;
    }
    parent = outerParent;
    index = outerIndex;
  };

  visitChildren(root);
  return out.build();
}

/** Space, tab, newline, carriage return or form feed: whitespace HTML collapses. */
function isCollapsible(code) {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

function isHidden(el) {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style ? /display\s*:\s*none/i.test(style) : false;
}

function emojiText(img) {
  const alt = img.getAttribute('data-emoji') || img.getAttribute('alt') || '';
  return alt && alt.length <= 16 && PICTOGRAPH.test(alt) ? alt : '';
}
