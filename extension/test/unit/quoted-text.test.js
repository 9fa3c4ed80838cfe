import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDraft } from '../../src/content/text/draft.js';
import { excludedRanges } from '../../src/content/text/quoted-text.js';
import gmail from '../../src/content/adapters/gmail.js';
import outlook from '../../src/content/adapters/outlook.js';
import roundcube from '../../src/content/adapters/roundcube.js';
import generic from '../../src/content/adapters/generic.js';
import { parseHtml, fakeDocument } from '../helpers/mini-dom.js';

const rich = (html, adapter) => readDraft({ kind: 'contenteditable', element: parseHtml(html) }, adapter);
const plain = (value) => readDraft({ kind: 'textarea', element: { value } });

test('Gmail: the quote and the signature are never part of the text', () => {
  const html =
    '<div dir="ltr">Hi Anna,<div><br></div><div>It is fixed now.</div><div><br></div>' +
    '<span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Tom | ACME support</div></div><br>' +
    '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Anna &lt;anna@example.com&gt; wrote:<br></div>' +
    '<blockquote class="gmail_quote">We apologize for any inconvenience. My order is late!</blockquote></div>';
  const draft = rich(html, gmail);
  assert.equal(draft.text.trimEnd(), 'Hi Anna,\n\nIt is fixed now.');
  assert.ok(!draft.text.includes('Anna <'), 'attribution left out');
  assert.ok(!draft.text.includes('ACME support'), 'signature left out');
});

test('Outlook: everything from the reply header block on is left out', () => {
  const html =
    '<div class="elementToProof">Hello Anna,</div><div class="elementToProof">Your refund is on its way.</div>' +
    '<div id="Signature"><div>Tom Baker</div></div>' +
    '<div id="appendonsend"></div><hr style="display:inline-block;width:98%">' +
    '<div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Anna<br><b>Sent:</b> Monday</div>' +
    '<div>I have been waiting for two weeks, we apologize for any inconvenience.</div>';
  const draft = rich(html, outlook);
  assert.equal(draft.text, 'Hello Anna,\nYour refund is on its way.');
});

test('Roundcube HTML: blockquote type=cite, its attribution line and #_rc_sig are left out', () => {
  const html =
    '<p>Hi Anna,</p><p>It ships tomorrow.</p><div id="_rc_sig">-- <br>Tom</div>' +
    '<p>On 02.03.2024 10:00, Anna wrote:</p><blockquote type="cite"><p>Where is my order?</p></blockquote>';
  const draft = rich(html, roundcube);
  assert.equal(draft.text.trimEnd(), 'Hi Anna,\nIt ships tomorrow.');
});

test('Roundcube plain text: "> " lines, the attribution line and the "-- " signature are left out', () => {
  const value = 'Hi Anna,\n\nIt ships tomorrow.\n\nOn 02.03.2024 10:00, Anna wrote:\n> Where is my order?\n> It is late.\n\n-- \nTom\nACME';
  const draft = plain(value);
  assert.equal(draft.text.trimEnd(), 'Hi Anna,\n\nIt ships tomorrow.');
  const at = draft.text.indexOf('tomorrow');
  assert.equal(draft.sourceIndex(at), value.indexOf('tomorrow'));
});

test('text written below a plain-text quote keeps correct offsets into the textarea', () => {
  const value = 'On Mon, Anna wrote:\n> Where is it?\n\nIt ships tomorrow, we have been swamped.';
  const draft = plain(value);
  assert.equal(draft.text.trim(), 'It ships tomorrow, we have been swamped.');
  const at = draft.text.indexOf('we have been swamped');
  assert.equal(draft.sourceIndex(at, 'start'), value.indexOf('we have been swamped'));
  const end = at + 'we have been swamped'.length;
  assert.equal(draft.sourceIndex(end, 'end'), value.indexOf('we have been swamped') + 'we have been swamped'.length);
});

test('forwarded and original-message blocks are left out to the end', () => {
  const value = 'See below.\n\n-----Original Message-----\nFrom: Anna\nSorry for any inconvenience.';
  assert.equal(plain(value).text.trimEnd(), 'See below.');
});

test('a line ending in "wrote:" with no quote after it is the writer\'s own', () => {
  const text = 'As the manual wrote:\nrestart the router.';
  assert.deepEqual(excludedRanges(text), []);
});

test('generic: signature and cite blocks are left out, and offsets still map into the DOM', () => {
  const root = parseHtml('<div>Thanks for waiting.</div><blockquote type="cite">old text</blockquote><div>We have been swamped.</div><div class="email-signature">Tom</div>');
  const draft = readDraft({ kind: 'contenteditable', element: root }, generic);
  assert.equal(draft.text, 'Thanks for waiting.\nWe have been swamped.');
  const at = draft.text.indexOf('swamped');
  const range = draft.rangeFor(at, at + 7, fakeDocument);
  assert.equal(range.startContainer.data.slice(range.startOffset, range.endOffset), 'swamped');
});
