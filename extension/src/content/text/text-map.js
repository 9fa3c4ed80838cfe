/**
 * The text Tactful sends to the server, and the map from each of its characters back
 * to where it came from in the editor.
 *
 * A segment maps text [start, start + length) to positions [from, to) in `node`:
 * - a text node's characters map one to one (`to - from === length`);
 * - anything else is atomic: a `<br>` or a block boundary ("\n"), an emoji image (its
 *   alt text), a run of collapsed whitespace (" "). Its positions are then child
 *   indexes in `node` (an element) or the run's ends in a text node, and an offset
 *   inside it snaps to `from` or `to`.
 * For a textarea, `node` is null and from/to index the textarea's value.
 *
 * NOTE: offsets are UTF-16 code units, as JavaScript strings and the server count them.
 */

/** @typedef {{start: number, length: number, node: Node|null, from: number, to: number}} Segment */

export class TextMap {
  /**
   * @param {string} text
   * @param {Segment[]} segments contiguous, in order, covering the whole text
   * @param {number[]} [quoteGaps] text offsets where excluded quoted content was cut out
   */
  constructor(text, segments, quoteGaps = []) {
    this.text = text;
    this.segments = segments;
    this.quoteGaps = quoteGaps;
    this._byNode = null;
  }

  /**
   * The segment holding `offset`. With bias 'start' the character at `offset` is
   * wanted (a range starts there); with 'end' the one before it (a range ends there).
   */
  segmentAt(offset, bias = 'start') {
    const segs = this.segments;
    if (segs.length === 0) return null;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = segs[mid];
      const before = bias === 'start' ? s.start <= offset : s.start < offset;
      if (before) lo = mid;
      else hi = mid - 1;
    }
    return segs[lo];
  }

  /** Where `offset` falls in the source: `{node, offset}` (`node` null for a textarea). */
  sourcePoint(offset, bias = 'start') {
    const seg = this.segmentAt(offset, bias);
    if (!seg) return { node: null, offset: 0 };
    const rel = Math.min(Math.max(offset - seg.start, 0), seg.length);
    if (seg.to - seg.from === seg.length) return { node: seg.node, offset: seg.from + rel };
    if (rel === 0) return { node: seg.node, offset: seg.from };
    if (rel === seg.length) return { node: seg.node, offset: seg.to };
    return { node: seg.node, offset: bias === 'start' ? seg.from : seg.to };
  }

  /** Index into a textarea's value for a text offset. */
  sourceIndex(offset, bias = 'start') {
    if (this.segments.length === 0) return 0;
    return this.sourcePoint(offset, bias).offset;
  }

  /** A DOM Range over text [start, end), created by `doc`. */
  rangeFor(start, end, doc) {
    const range = doc.createRange();
    const a = this.sourcePoint(start, 'start');
    const b = this.sourcePoint(end, end > start ? 'end' : 'start');
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  /** The text offset of a DOM position, or null when it is outside the reviewed text. */
  offsetOf(node, nodeOffset) {
    if (!this._byNode) {
      this._byNode = new Map();
      for (const seg of this.segments) {
        const list = this._byNode.get(seg.node);
        if (list) list.push(seg);
        else this._byNode.set(seg.node, [seg]);
      }
    }
    const segs = this._byNode.get(node);
    if (segs) {
      for (const seg of segs) {
        if (nodeOffset < seg.from || nodeOffset > seg.to) continue;
        if (seg.to - seg.from === seg.length) return seg.start + (nodeOffset - seg.from);
        // A caret at an atom's far side (after a <br>, at a new line's start) is past it.
        return nodeOffset === seg.to ? seg.start + seg.length : seg.start;
      }
    }
    if (node && node.nodeType === 1) {
      const child = node.childNodes[nodeOffset];
      if (child) {
        const first = firstText(child);
        if (first) return this.offsetOf(first, 0);
      } else {
        const last = lastText(node);
        if (last) return this.offsetOf(last, last.data.length);
      }
    }
    return null;
  }

  /** A new map with the text ranges `cuts` ([start, end) pairs) removed. */
  without(cuts) {
    if (cuts.length === 0) return this;
    const sorted = mergeRanges(cuts);
    const out = [];
    let text = '';
    const keep = (seg, a, b) => {
      // a, b: offsets within the old text, inside seg.
      if (b <= a) return;
      const linear = seg.to - seg.from === seg.length;
      if (!linear && (a !== seg.start || b !== seg.start + seg.length)) return;
      const from = linear ? seg.from + (a - seg.start) : seg.from;
      const to = linear ? seg.from + (b - seg.start) : seg.to;
      out.push({ start: text.length, length: b - a, node: seg.node, from, to });
      text += this.text.slice(a, b);
    };
    let ci = 0;
    for (const seg of this.segments) {
      let pos = seg.start;
      const end = seg.start + seg.length;
      while (pos < end) {
        while (ci < sorted.length && sorted[ci][1] <= pos) ci++;
        const cut = sorted[ci];
        if (!cut || cut[0] >= end) {
          keep(seg, pos, end);
          pos = end;
        } else if (cut[0] > pos) {
          keep(seg, pos, cut[0]);
          pos = cut[0];
        } else {
          pos = Math.min(cut[1], end);
        }
      }
    }
    const shift = (offset) => {
      let removed = 0;
      for (const [a, b] of sorted) {
        if (a >= offset) break;
        removed += Math.min(b, offset) - a;
      }
      return offset - removed;
    };
    return new TextMap(text, out, this.quoteGaps.map(shift));
  }
}

/** Sort and merge overlapping [start, end) ranges. */
export function mergeRanges(ranges) {
  const sorted = ranges.filter(([a, b]) => b > a).map(([a, b]) => [a, b]).sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/** Incrementally builds a TextMap, merging adjacent one-to-one pieces of one node. */
export class TextMapBuilder {
  constructor() {
    this.text = '';
    this.segments = [];
    this.quoteGaps = [];
    // NOTE: kept apart because endsWith() on a string built by += flattens it each time.
    this.lastChar = '';
  }

  /** Characters `chars` that map one to one onto node positions [from, from + chars.length). */
  linear(node, from, chars) {
    if (!chars) return;
    const last = this.segments[this.segments.length - 1];
    if (last && last.node === node && last.to === from && last.to - last.from === last.length) {
      last.length += chars.length;
      last.to += chars.length;
    } else {
      this.segments.push({ start: this.text.length, length: chars.length, node, from, to: from + chars.length });
    }
    this.text += chars;
    this.lastChar = chars[chars.length - 1];
  }

  /** Characters `chars` standing for the source positions [from, to) as a whole. */
  atom(node, from, to, chars) {
    if (!chars) return;
    this.segments.push({ start: this.text.length, length: chars.length, node, from, to });
    this.text += chars;
    this.lastChar = chars[chars.length - 1];
  }

  gap() {
    this.quoteGaps.push(this.text.length);
  }

  /** The text so far ends a line (or is empty). */
  atLineStart() {
    return this.lastChar === '' || this.lastChar === '\n';
  }

  build() {
    return new TextMap(this.text, this.segments, this.quoteGaps);
  }
}

function firstText(node) {
  if (node.nodeType === 3) return node;
  for (const child of node.childNodes) {
    const found = firstText(child);
    if (found) return found;
  }
  return null;
}

function lastText(node) {
  if (node.nodeType === 3) return node;
  for (let i = node.childNodes.length - 1; i >= 0; i--) {
    const found = lastText(node.childNodes[i]);
    if (found) return found;
  }
  return null;
}
