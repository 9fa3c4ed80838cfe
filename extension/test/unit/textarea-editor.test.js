import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextareaEditor } from '../../src/content/editor/textarea-editor.js';
import { planReplacement } from '../../src/content/text/edits.js';

/** A textarea and document whose editing command is refused, so the fallback path runs. */
function fakeTextarea(value, { execCommand = () => false } = {}) {
  const events = [];
  const doc = { execCommand, activeElement: null, defaultView: { InputEvent: class { constructor(type, init) { Object.assign(this, { type, ...init }); } } } };
  const ta = {
    value,
    selectionStart: 0,
    selectionEnd: 0,
    ownerDocument: doc,
    focus() {
      doc.activeElement = ta;
    },
    setSelectionRange(a, b) {
      ta.selectionStart = a;
      ta.selectionEnd = b;
    },
    setRangeText(text, a, b, mode) {
      ta.value = ta.value.slice(0, a) + text + ta.value.slice(b);
      const end = a + text.length;
      if (mode === 'end') ta.setSelectionRange(end, end);
    },
    dispatchEvent(event) {
      events.push(event);
    },
  };
  const mirrorParent = { ownerDocument: { createElement: () => ({ setAttribute() {}, append() {}, style: {}, remove() {} }), createTextNode: () => ({ data: '' }), createRange: () => ({}) }, append() {} };
  return { ta, events, editor: new TextareaEditor(ta, mirrorParent, doc.defaultView) };
}

test('textarea: a suggestion replaces the finding below a quote and selects the placeholder', () => {
  const value = "On Mon, Anna wrote:\n> Where is it?\n\nSorry, we've been swamped this week.\n-- \nTom";
  const { ta, events, editor } = fakeTextarea(value);
  const draft = editor.read();
  const start = draft.text.indexOf("we've");
  const end = start + "we've been swamped this week".length;
  editor.replace(planReplacement({ start, end }, { replacement: "I'll have this done by [day and time]" }));
  assert.equal(ta.value, "On Mon, Anna wrote:\n> Where is it?\n\nSorry, I'll have this done by [day and time].\n-- \nTom");
  assert.equal(ta.value.slice(ta.selectionStart, ta.selectionEnd), '[day and time]');
  assert.equal(events.length, 1, 'the site hears an input event');
  assert.equal(events[0].type, 'input');
});

test('textarea: the browser\'s own insertText is used when available (undoable)', () => {
  const calls = [];
  const { ta, editor } = fakeTextarea('We guarantee it.', {
    execCommand(command, _ui, text) {
      calls.push([command, text, ta.selectionStart, ta.selectionEnd]);
      ta.value = ta.value.slice(0, ta.selectionStart) + text + ta.value.slice(ta.selectionEnd);
      return true;
    },
  });
  editor.read();
  editor.replace(planReplacement({ start: 3, end: 12 }, { replacement: 'expect' }));
  assert.deepEqual(calls, [['insertText', 'expect', 3, 12]]);
  assert.equal(ta.value, 'We expect it.');
});

test('textarea: the caret maps back to a text offset', () => {
  const { ta, editor } = fakeTextarea('> quoted\nMine here');
  editor.read();
  ta.focus();
  ta.setSelectionRange(14, 14); // before "here"
  assert.equal(editor.caretOffset(), editor.map.text.indexOf('here'));
});
