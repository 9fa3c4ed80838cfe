import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml } from '../../src/content/text/extract-html.js';
import { parseHtml, fakeDocument, textNodes } from '../helpers/mini-dom.js';

const textOf = (html, options) => extractHtml(parseHtml(html), options).text;

test('nested inline markup reads as one line', () => {
  assert.equal(textOf('Hi <b>An<i>na</i></b>, <span style="color:red">thanks</span>!'), 'Hi Anna, thanks!');
});

test('<br> is a line break', () => {
  assert.equal(textOf('one<br>two<br><br>three'), 'one\ntwo\n\nthree');
});

test('<div> lines, empty <div><br></div> lines and a trailing <br> in a block', () => {
  assert.equal(textOf('<div>Hi Anna,</div><div><br></div><div>Thanks<br></div><div>Tom</div>'), 'Hi Anna,\n\nThanks\nTom');
});

test('Gmail-style nesting: text followed by block children', () => {
  assert.equal(textOf('<div dir="ltr">Hi Anna,<div><br></div><div>Sorry for the wait.</div></div>'), 'Hi Anna,\n\nSorry for the wait.');
});

test('paragraphs and list items are separate lines', () => {
  assert.equal(textOf('<p>First.</p><p>Second.</p><ul><li>a</li><li>b</li></ul>'), 'First.\nSecond.\na\nb');
});

test('source whitespace collapses, non-breaking spaces read as spaces one for one', () => {
  const html = '<div>\n  <div>We&nbsp;have  been\n swamped</div>\n</div>';
  assert.equal(textOf(html), 'We have been swamped');
  const map = extractHtml(parseHtml('a&nbsp;&nbsp;b'));
  assert.equal(map.text, 'a  b');
  assert.equal(map.text.length, 4);
});

test('emoji: surrogate pairs keep UTF-16 offsets, Gmail emoji images read as their alt text', () => {
  const root = parseHtml('<div>Thanks 🙏 for <img data-emoji="😀" alt="😀" src="x.png"> waiting</div>');
  const map = extractHtml(root);
  assert.equal(map.text, 'Thanks 🙏 for 😀 waiting');
  const at = map.text.indexOf('waiting');
  const point = map.sourcePoint(at, 'start');
  assert.equal(point.node.data.slice(point.offset), 'waiting');
  const img = map.text.indexOf('😀');
  const range = map.rangeFor(img, img + 2, fakeDocument);
  assert.equal(range.startContainer.nodeName, 'DIV');
  assert.equal(range.endOffset - range.startOffset, 1, 'the range covers exactly the image');
});

test('a non-emoji image contributes no text', () => {
  assert.equal(textOf('Logo <img alt="ACME logo" src="l.png"> here'), 'Logo here');
});

test('offset map: every linear character maps back to the same character in the DOM', () => {
  const root = parseHtml('<div>Hi <b>An<i>na</i></b>,</div><div><br></div><div>We&nbsp;have been <u>swamped</u> 🙂 this week.</div>');
  const map = extractHtml(root);
  for (let i = 0; i < map.text.length; i++) {
    const p = map.sourcePoint(i, 'start');
    if (p.node.nodeType !== 3) continue;
    const ch = p.node.data[p.offset] === '\u00a0' ? ' ' : p.node.data[p.offset];
    assert.equal(ch, map.text[i], `offset ${i}`);
    assert.equal(map.offsetOf(p.node, p.offset), i, `round trip at ${i}`);
  }
});

test('rangeFor spans nested markup with start and end in the right text nodes', () => {
  const root = parseHtml('<div>We have been <b>swamped this</b> week.</div>');
  const map = extractHtml(root);
  const start = map.text.indexOf('been');
  const end = map.text.indexOf(' week') + ' week'.length;
  const range = map.rangeFor(start, end, fakeDocument);
  const [first, bold, last] = textNodes(root);
  assert.equal(range.startContainer, first);
  assert.equal(range.startOffset, first.data.indexOf('been'));
  assert.equal(range.endContainer, last);
  assert.equal(range.endOffset, ' week'.length);
  assert.ok(bold);
});

test('a range ending at a line end stays on that line', () => {
  const root = parseHtml('<div>first line</div><div>second</div>');
  const map = extractHtml(root);
  const range = map.rangeFor(0, 'first line'.length, fakeDocument);
  assert.equal(range.endContainer.data, 'first line');
  assert.equal(range.endOffset, 'first line'.length);
});

test('offsetOf an element position finds the neighbouring text', () => {
  const root = parseHtml('<div>ab</div><div>cd</div>');
  const map = extractHtml(root);
  const secondDiv = root.childNodes[1];
  assert.equal(map.offsetOf(secondDiv, 0), map.text.indexOf('cd'));
  assert.equal(map.offsetOf(root, 2), map.text.length);
});

test('script and style contents are not text', () => {
  assert.equal(textOf('<style>.x{}</style>Hello<script>var a = 1;</script>'), 'Hello');
});

test('spaces across inline boundaries collapse as the browser draws them', () => {
  assert.equal(textOf('<b>foo </b> bar'), 'foo bar');
  assert.equal(textOf('<div> lead</div><div>a\n b\tc</div>'), 'lead\na b c');
  assert.equal(textOf('x <i> </i> y'), 'x y');
});
