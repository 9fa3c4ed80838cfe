import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffText, endsSentence, rebaseFindings, findPlaceholder, planReplacement, applyPlan, planFixAll } from '../../src/content/text/edits.js';

const finding = (start, end, extra = {}) => ({ rule: 'r', start, end, suggestions: [], ...extra });

test('diffText finds the one changed span', () => {
  assert.equal(diffText('abc', 'abc'), null);
  assert.deepEqual(diffText('hello world', 'hello, world'), { start: 5, removed: 0, inserted: 1 });
  assert.deepEqual(diffText('aaa', 'aa'), { start: 2, removed: 1, inserted: 0 });
  assert.deepEqual(diffText('we were swamped', 'we are swamped'), { start: 3, removed: 2, inserted: 1 });
});

test('rebase: typing before a finding moves it, after leaves it, inside drops it', () => {
  const f = finding(10, 20);
  assert.deepEqual(rebaseFindings([f], { start: 0, removed: 0, inserted: 3 }).map((x) => [x.start, x.end]), [[13, 23]]);
  assert.deepEqual(rebaseFindings([f], { start: 20, removed: 0, inserted: 3 }).map((x) => [x.start, x.end]), [[10, 20]]);
  assert.deepEqual(rebaseFindings([f], { start: 10, removed: 0, inserted: 1 }).map((x) => [x.start, x.end]), [[11, 21]]);
  assert.deepEqual(rebaseFindings([f], { start: 15, removed: 1, inserted: 0 }), []);
  assert.deepEqual(rebaseFindings([f], { start: 5, removed: 10, inserted: 0 }), []);
});

test('placeholder: the first bracketed span', () => {
  assert.deepEqual(findPlaceholder("I'll have this done by [day and time]"), { start: 23, end: 37 });
  assert.equal(findPlaceholder('No placeholder here'), null);
  assert.equal(findPlaceholder('[]'), null);
});

test('applying a suggestion replaces the span and selects its placeholder', () => {
  const text = "Hi Anna, sorry, we've been swamped this week. Thanks.";
  const start = text.indexOf("we've");
  const end = text.indexOf(' Thanks') - 1;
  const plan = planReplacement(finding(start, end), { replacement: "I'll have this done by [day and time]", label: 'ETA' });
  const after = applyPlan(text, plan);
  assert.equal(after, "Hi Anna, sorry, I'll have this done by [day and time]. Thanks.");
  assert.equal(after.slice(plan.select.start, plan.select.end), '[day and time]');
});

test('a suggestion without placeholder selects nothing', () => {
  const plan = planReplacement(finding(0, 3), { replacement: 'Hello', label: 'x' });
  assert.equal(plan.select, null);
});

test('fix all applies from the end and skips overlapping findings', () => {
  const text = 'aaa bbb ccc';
  const findings = [
    finding(0, 3, { suggestions: [{ replacement: 'A' }] }),
    finding(8, 11, { suggestions: [{ replacement: 'C' }] }),
    finding(6, 9, { suggestions: [{ replacement: 'X' }] }),
    finding(4, 7, { suggestions: [] }),
  ];
  const plans = planFixAll(findings);
  let out = text;
  for (const { plan } of plans) out = applyPlan(out, plan);
  assert.equal(out, 'A bbb C');
});

test('a deletion leaves a clean sentence: separator and capital at the start, the comma before a last clause', () => {
  const cases = [
    ['Rest assured, our team is on it.', 'Rest assured', 'Our team is on it.'],
    ['Hi Sam,\nPlease rest assured that your data is safe.', 'Please rest assured that', 'Hi Sam,\nYour data is safe.'],
    ["Sorry for the delay, we've been swamped this week. It ships Friday.", "we've been swamped this week", 'Sorry for the delay. It ships Friday.'],
    ["Sorry, we've been swamped, but your order ships Friday.", "we've been swamped", 'Sorry, but your order ships Friday.'],
    ['Thanks for waiting. Please be advised the shop closes at 4.', 'Please be advised', 'Thanks for waiting. The shop closes at 4.'],
    ['We will, rest assured, call you at 4.', 'rest assured', 'We will, call you at 4.'],
    ['Hi Sarah,\n\nThanks for getting in touch!! The part ships Friday.', 'Thanks for getting in touch', 'Hi Sarah,\n\nThe part ships Friday.'],
    ['Dear Ana,\n\nThank you for your email.\n\nThe part ships Friday.', 'Thank you for your email', 'Dear Ana,\n\nThe part ships Friday.'],
    ["Hi Dana,\n\nThank you for your email, and I'm sorry it broke.", 'Thank you for your email', "Hi Dana,\n\nI'm sorry it broke."],
    ["I'm not supposed to say this, but there's talk of closing.", "I'm not supposed to say this", "There's talk of closing."],
    // A span that starts with its own separator or space is the server's finished sentence-level deletion:
    // it takes nothing more ("garage and I grabbed", never "garageand I grabbed").
    ['My back went, I have a disc problem, so I stopped.', ', I have a disc problem', 'My back went, so I stopped.'],
    ['From her garage and she is off sick, and I grabbed it.', ' and she is off sick', 'From her garage, and I grabbed it.'],
    // An aside between two commas takes both of them.
    ['The fee was, as clearly stated at booking, payable on arrival.', ', as clearly stated at booking', 'The fee was payable on arrival.'],
    ['And, had you asked, the kitchen would have helped.', ', had you asked', 'And the kitchen would have helped.'],
    // A whole sentence takes no separator after it: the dash of a sign-off on the same line stays.
    ["Your ban is lifted. Have a wonderful day! — Mod Rin", 'Have a wonderful day! ', 'Your ban is lifted. — Mod Rin'],
    ['Your ban is lifted. Have a wonderful day! 💜 — Mod Rin', 'Have a wonderful day! 💜 ', 'Your ban is lifted. — Mod Rin'],
    // The comma after a greeting is the greeting's, even when the rest of its line goes.
    ["Hi Rob, sorry, I've got 4 chats open\nYour visit moved.", "sorry, I've got 4 chats open", 'Hi Rob,\nYour visit moved.'],
  ];
  for (const [text, span, expected] of cases) {
    const start = text.indexOf(span);
    const plan = planReplacement(finding(start, start + span.length), { replacement: '', label: 'Remove it' }, text);
    assert.equal(applyPlan(text, plan), expected);
  }
});

test('a replacement is never tidied, and without the draft a deletion is exact', () => {
  const text = 'Rest assured, our team is on it.';
  const swap = planReplacement(finding(0, 12), { replacement: 'Good news', label: 'x' }, text);
  assert.deepEqual([swap.start, swap.end, swap.text], [0, 12, 'Good news']);
  const exact = planReplacement(finding(0, 12), { replacement: '', label: 'x' });
  assert.equal(applyPlan(text, exact), ', our team is on it.');
});

test('endsSentence: a full stop, question mark or new line just typed; not a word, a deletion or a space', () => {
  const typed = (before, after) => endsSentence(after, diffText(before, after));
  assert.equal(typed('Sorry', 'Sorry.'), true);
  assert.equal(typed('Why', 'Why?'), true);
  assert.equal(typed('Hi Anna,', 'Hi Anna,\n'), true);
  assert.equal(typed('Sorry', 'Sorry,'), false);
  assert.equal(typed('Sorry.', 'Sorry. '), false);
  assert.equal(typed('Sorry. We', 'Sorry.'), false, 'a deletion');
  assert.equal(typed('Sorry', 'Sorry'), false, 'no change');
});
