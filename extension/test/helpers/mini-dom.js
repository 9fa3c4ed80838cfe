/**
 * A very small DOM for unit tests: enough of Node, Element and Range for text
 * extraction and offset mapping to run under `node --test` without a browser.
 * `parseHtml('<div>Hi<br>there</div>')` returns a root element holding the nodes.
 * Selectors: compound simple selectors only (tag, #id, .class, [attr], [attr=v],
 * [attr^=v], [attr*=v], with an optional ` i` flag), separated by commas.
 */

const VOID = new Set(['BR', 'IMG', 'HR', 'INPUT', 'META', 'LINK', 'WBR']);
const ENTITIES = { nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class Node {
  constructor(nodeType, nodeName) {
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.childNodes = [];
    this.parentNode = null;
  }

  appendChild(child) {
    const last = this.childNodes[this.childNodes.length - 1];
    if (last) last.nextSibling = child;
    child.parentNode = this;
    child.nextSibling = null;
    this.childNodes.push(child);
    return child;
  }

  get firstChild() {
    return this.childNodes[0] ?? null;
  }

  get textContent() {
    return this.nodeType === 3 ? this.data : this.childNodes.map((c) => c.textContent).join('');
  }
}

class Text extends Node {
  constructor(data) {
    super(3, '#text');
    this.data = data;
  }
}

class Element extends Node {
  constructor(tag, attrs = {}) {
    super(1, tag.toUpperCase());
    this.attrs = attrs;
  }

  getAttribute(name) {
    return Object.hasOwn(this.attrs, name) ? this.attrs[name] : null;
  }

  hasAttributes() {
    return Object.keys(this.attrs).length > 0;
  }

  hasAttribute(name) {
    return Object.hasOwn(this.attrs, name);
  }

  get id() {
    return this.attrs.id ?? '';
  }

  matches(selector) {
    return selector.split(',').some((part) => matchCompound(this, part.trim()));
  }

  querySelector(selector) {
    for (const child of this.childNodes) {
      if (child.nodeType !== 1) continue;
      if (child.matches(selector)) return child;
      const found = child.querySelector(selector);
      if (found) return found;
    }
    return null;
  }
}

function matchCompound(el, selector) {
  const re = /^([a-zA-Z*][\w-]*)?((?:#[\w-]+|\.[\w-]+|\[[^\]]+\])*)$/;
  const m = re.exec(selector);
  if (!m) throw new Error(`mini-dom: unsupported selector "${selector}"`);
  if (m[1] && m[1] !== '*' && m[1].toUpperCase() !== el.nodeName) return false;
  const parts = m[2].match(/#[\w-]+|\.[\w-]+|\[[^\]]+\]/g) ?? [];
  return parts.every((part) => {
    if (part[0] === '#') return el.id === part.slice(1);
    if (part[0] === '.') return (el.getAttribute('class') ?? '').split(/\s+/).includes(part.slice(1));
    const a = /^\[\s*([\w-]+)\s*(?:([\^*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))\s*(i)?)?\s*\]$/.exec(part);
    if (!a) throw new Error(`mini-dom: unsupported attribute selector "${part}"`);
    const actual = el.getAttribute(a[1]);
    if (actual === null) return false;
    if (!a[2]) return true;
    let want = a[3] ?? a[4] ?? a[5];
    let have = actual;
    if (a[6]) {
      want = want.toLowerCase();
      have = have.toLowerCase();
    }
    if (a[2] === '=') return have === want;
    if (a[2] === '^=') return have.startsWith(want);
    return have.includes(want);
  });
}

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name] ?? all;
  });
}

/** Parse a fragment of well-formed HTML into a root `<div>` element. */
export function parseHtml(html) {
  const root = new Element('div');
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|[^<]+/g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const top = stack[stack.length - 1];
    if (m[0].startsWith('<!--')) continue;
    if (m[1]) {
      const tag = m[1].toUpperCase();
      while (stack.length > 1 && stack.pop().nodeName !== tag);
    } else if (m[2]) {
      const attrs = {};
      const attr = /([^\s=>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
      for (let a = attr.exec(m[3]); a; a = attr.exec(m[3])) attrs[a[1].toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
      const el = top.appendChild(new Element(m[2], attrs));
      if (!VOID.has(el.nodeName) && !m[4]) stack.push(el);
    } else {
      top.appendChild(new Text(decode(m[0])));
    }
  }
  return root;
}

/** A document whose ranges record their boundary points. */
export const fakeDocument = {
  createRange() {
    return {
      setStart(node, offset) {
        this.startContainer = node;
        this.startOffset = offset;
      },
      setEnd(node, offset) {
        this.endContainer = node;
        this.endOffset = offset;
      },
    };
  },
};

/** Every text node under `root`, in order. */
export function textNodes(root) {
  const out = [];
  const walk = (n) => (n.nodeType === 3 ? out.push(n) : n.childNodes.forEach(walk));
  walk(root);
  return out;
}
