/**
 * Roundcube: the plain-text textarea (overlay underlines measured on a mirror, "> "
 * quote and "-- " signature left out) and the HTML editor inside TinyMCE's iframe
 * (highlights in the iframe, card in the top page). Apply, placeholder, Ctrl+Z in both.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setUp, RESULTS_DIR, waitFor } from './harness.js';
import { clauseText, highlightTexts, waitForHighlight, highlightCenter, highlightsOutside, card, ui, openCardAt, waitForStats } from './page-helpers.js';

const EXCUSE = "we've been swamped this week";
const DRAFT = `Hi Anna,\n\nSorry, ${EXCUSE}. It is packed and ready.`;

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

test('plain text: underline over the right words, apply with placeholder selected, Ctrl+Z', async () => {
  const page = await env.open('roundcube-plain.html');
  const textarea = page.locator('#composebody');
  const original = await textarea.inputValue();
  await textarea.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(DRAFT);
  const typed = await textarea.inputValue();
  assert.equal(typed, DRAFT + original);

  const mark = ui(page, '.mark[data-rule="core.excuse.workload"]').first();
  await mark.waitFor({ state: 'attached', timeout: 15_000 });
  // The quote repeats the excuse ("you have been swamped this week"): only the draft is marked.
  assert.equal(await ui(page, '.mark[data-rule="core.excuse.workload"]').count(), 1);

  // The mark sits over the excuse: compare with where the textarea draws those characters.
  const box = await mark.boundingBox();
  const expected = await textarea.evaluate((ta, phrase) => {
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
    return { x: r.left, y: r.top, width: r.width };
  }, `${EXCUSE}.`); // the finding's span is the clause with its full stop: its rewrite ends the sentence
  assert.ok(Math.abs(box.x - expected.x) < 3 && Math.abs(box.y - expected.y) < 3, `mark at ${JSON.stringify(box)}, text at ${JSON.stringify(expected)}`);
  assert.ok(Math.abs(box.width - expected.width) < 4);

  await openCardAt(page, { x: box.x + 20, y: box.y + box.height / 2 }, 'core.excuse.workload');
  await page.screenshot({ path: path.join(RESULTS_DIR, 'roundcube-plain-card.png') });
  await card(page).locator('button.suggestion').first().click();
  const applied = await textarea.inputValue();
  assert.equal(applied, typed.replace(EXCUSE, "we'll have this done by [day and time]"));
  const selected = await textarea.evaluate((ta) => ta.value.slice(ta.selectionStart, ta.selectionEnd));
  assert.equal(selected, '[day and time]');

  await page.keyboard.press('Control+z');
  await waitFor(async () => (await textarea.inputValue()) === typed, { timeoutMs: 10_000, what: 'undo in the textarea' });
  await mark.waitFor({ state: 'attached', timeout: 15_000 });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('plain text: underlines follow when the textarea scrolls', async () => {
  const page = await env.open('roundcube-plain.html');
  const textarea = page.locator('#composebody');
  await textarea.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(`${'Line\n'.repeat(14)}Sorry, ${EXCUSE}.\n`);
  const mark = ui(page, '.mark[data-rule="core.excuse.workload"]').first();
  await mark.waitFor({ state: 'attached', timeout: 15_000 });
  const before = (await mark.boundingBox()).y;
  await textarea.evaluate((ta) => {
    ta.scrollTop += 60;
  });
  await waitFor(async () => Math.abs((await mark.boundingBox()).y - (before - 60)) < 2, { timeoutMs: 10_000, what: 'the mark to move with the scroll' });
  await page.close();
});

test('HTML editor (TinyMCE in an iframe): highlights in the iframe, card in the page, apply and Ctrl+Z', async () => {
  const page = await env.open('roundcube-html.html');
  await page.waitForFunction(() => document.documentElement.dataset.editorReady === 'true');
  const frame = page.frameLocator('#composebody_ifr');
  const iframe = page.frames().find((f) => f !== page.mainFrame());
  await frame.locator('body > p').first().click();
  await page.keyboard.type(DRAFT);
  await waitForHighlight(iframe, 'tactful-excuse', EXCUSE);
  assert.deepEqual((await highlightTexts(iframe))['tactful-excuse']?.map(clauseText), [clauseText(EXCUSE)], 'not in the blockquote');
  assert.ok(await highlightsOutside(iframe, 'blockquote, #_rc_sig'));
  const before = await frame.locator('body').innerText();
  const stats = await env.tactful.stats();

  const offset = await page.locator('#composebody_ifr').boundingBox();
  await openCardAt(page, await highlightCenter(iframe, 'tactful-excuse', EXCUSE, offset), 'core.excuse.workload');
  await page.screenshot({ path: path.join(RESULTS_DIR, 'roundcube-html-card.png') });
  await card(page).locator('button.suggestion').first().click();
  await waitFor(async () => (await frame.locator('body').innerText()).includes("Sorry, we'll have this done by [day and time]."), { timeoutMs: 10_000, what: 'the edit in the iframe' });
  assert.equal(await iframe.evaluate(() => getSelection().toString()), '[day and time]');

  await page.keyboard.press('Control+z');
  await waitFor(async () => (await frame.locator('body').innerText()) === before, { timeoutMs: 10_000, what: 'undo in the iframe' });
  await waitForStats(env.tactful, (count) => count('core.excuse.workload', 'applied') === 1, 'the application counted', stats);
  assert.deepEqual(page.errors, []);
});
