/**
 * Firefox ESR (Debian's firefox-esr over WebDriver BiDi) with the built Firefox package:
 * underline, apply and undo on Roundcube's plain-text compose, and every undo case on TinyMCE,
 * Quill, CKEditor 5 and roosterjs (Outlook). Tactful's UI is a closed shadow root and Firefox
 * gives tests no way into it, so the card is driven from the keyboard (Alt+Enter, Enter) and
 * the textarea's overlay underline is found on a screenshot.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUpFirefox, press, waitFor } from './harness.js';
import { undoTests, applyWithKeyboard } from './undo-cases.js';
import { tinymceDriver, quillDriver, ckeditorDriver, roosterjsDriver } from './editor-drivers.js';
import { decodePng, countColour } from './pixels.js';
import { CATEGORIES } from '../../src/shared/categories.js';

const EXCUSE = "we've been swamped this week";
const DRAFT = `Hi Anna,\n\nSorry, ${EXCUSE}. It is packed and ready.`;
const EXCUSE_RGB = CATEGORIES.excuse.color.match(/\w\w/g).map((h) => parseInt(h, 16));

let env;

before(async () => {
  env = await setUpFirefox();
});

after(async () => {
  await env?.tearDown();
});

test('Firefox, plain text: the excuse is underlined on screen, applied from the keyboard, and Ctrl+Z restores the draft', async () => {
  const page = await env.open('roundcube-plain.html');
  const textarea = await page.$('#composebody');
  const value = () => textarea.evaluate((ta) => ta.value);
  const original = await value();
  await textarea.click();
  await press(page, 'Control+Home');
  await page.keyboard.type(DRAFT);
  assert.equal(await value(), DRAFT + original);

  // Where the textarea draws the excuse: a hidden copy of its text with the phrase in a span.
  const where = await textarea.evaluate((ta, phrase) => {
    const cs = getComputedStyle(ta);
    const probe = document.createElement('div');
    for (const p of ['font', 'lineHeight', 'padding', 'border', 'boxSizing', 'width', 'letterSpacing']) probe.style[p] = cs[p];
    Object.assign(probe.style, { position: 'absolute', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', visibility: 'hidden' });
    const rect = ta.getBoundingClientRect();
    probe.style.left = `${rect.left + scrollX}px`;
    probe.style.top = `${rect.top + scrollY}px`;
    const start = ta.value.indexOf(phrase);
    probe.append(ta.value.slice(0, start));
    const span = probe.appendChild(document.createElement('span'));
    span.textContent = phrase;
    document.body.append(probe);
    const r = span.getClientRects()[0];
    probe.remove();
    return { x: r.left, y: r.top, width: r.width, height: r.height, start };
  }, EXCUSE);
  // The underline sits just under the words: look for the excuse colour in that band.
  const band = { x: Math.round(where.x), y: Math.round(where.y + where.height - 4), width: Math.round(where.width), height: 10 };
  const underlined = await waitFor(async () => {
    const png = decodePng(await page.screenshot({ clip: band }));
    const n = countColour(png, EXCUSE_RGB);
    return n > where.width / 4 ? n : null;
  }, { timeoutMs: 15_000, intervalMs: 250, what: 'the excuse underlined on screen' });
  const elsewhere = decodePng(await page.screenshot({ clip: { ...band, y: band.y + 60 } }));
  assert.equal(countColour(elsewhere, EXCUSE_RGB), 0, `no excuse colour away from the excuse (${underlined} pixels under it)`);

  const typed = await value();
  await textarea.evaluate((ta, at) => ta.setSelectionRange(at, at), where.start + 3);
  await press(page, 'Alt+Enter');
  await waitFor(() => page.evaluate(() => document.activeElement?.localName === 'tactful-ui'), { timeoutMs: 10_000, what: 'focus in the card' });
  await page.keyboard.press('Enter');
  await waitFor(async () => (await value()) === typed.replace(EXCUSE, "we'll have this done by [day and time]"), { timeoutMs: 10_000, what: 'the rewrite in the textarea' });
  assert.equal(await textarea.evaluate((ta) => ta.value.slice(ta.selectionStart, ta.selectionEnd)), '[day and time]');

  await press(page, 'Control+z');
  await waitFor(async () => (await value()) === typed, { timeoutMs: 10_000, what: 'undo in the textarea' });
  assert.deepEqual(page.errors, []);
  await page.close();
});

for (const [label, driver] of [['TinyMCE', tinymceDriver], ['Quill', quillDriver], ['CKEditor 5', ckeditorDriver], ['roosterjs (Outlook)', roosterjsDriver]]) {
  undoTests(`Firefox, ${label}`, driver, () => env, applyWithKeyboard);
}
