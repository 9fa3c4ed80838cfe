/**
 * Gmail compose: underlines on the right words (never in the quote or signature), the
 * card on hover, a suggestion applied with its placeholder selected, Ctrl+Z, the badge
 * and its list, and a dismissal counted by the server.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { copyFile, mkdir } from 'node:fs/promises';
import { setUp, RESULTS_DIR, waitFor } from './harness.js';
import { clauseText, highlightTexts, waitForHighlight, highlightCenter, highlightsOutside, card, badge, panel as list, openCardAt, waitForStats } from './page-helpers.js';

const EXCUSE = "we've been swamped this week";
const SCRIPTED = 'We apologize for any inconvenience this may have caused.';
const DRAFT = `Hi Anna,\n\nSorry for the delay, ${EXCUSE}. ${SCRIPTED} Your order is packed and ready.`;

let env;
let page;
const editorText = () => page.locator('[g_editable="true"]').evaluate((el) => el.innerText);
const authored = async () => (await editorText()).split(/\n-- ?\n/)[0];

before(async () => {
  env = await setUp();
  page = await env.open('gmail.html');
});

after(async () => {
  await env?.tearDown();
});

test('typing a draft underlines the excuse and the scripted apology, and nothing in the quote or signature', async () => {
  await page.click('#start');
  await page.keyboard.type(DRAFT);
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  await waitForHighlight(page, 'tactful-scripted', SCRIPTED);
  const texts = await highlightTexts(page);
  assert.deepEqual(texts['tactful-excuse'].map(clauseText), [clauseText(EXCUSE)], 'one excuse underline, in the draft only');
  assert.ok(await highlightsOutside(page, '.gmail_quote, .gmail_signature'), 'no underline in quoted text or signature');
  assert.deepEqual(page.errors, []);
});

test('the badge counts findings by category, shows the ready-to-send score, and lists them', async () => {
  await waitFor(async () => (await badge(page).getAttribute('data-status')) === 'ok', { what: 'badge ok' });
  const label = await badge(page).getAttribute('aria-label');
  assert.match(label, /2 findings/);
  assert.match(label, /1 Excuse/);
  assert.match(label, /1 Scripted/);
  const score = Number(label.match(/Ready-to-send score (\d+)/)?.[1]);
  assert.ok(score >= 0 && score < 100, `the server's ready-to-send score is shown (${label})`);
  assert.equal(await badge(page).locator('.score').innerText(), String(score));
  await badge(page).click();
  const panel = list(page);
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.locator('button.item').count(), 2);
  assert.match(await panel.innerText(), /Fix all \(2\)/);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
});

test('hovering an underline opens its card; a suggestion applies, selects the placeholder, and Ctrl+Z restores the draft', async () => {
  const before = await editorText();
  const stats = await env.tactful.stats();
  await openCardAt(page, await highlightCenter(page, 'tactful-excuse', EXCUSE), 'core.excuse.workload');
  const cardText = await card(page).innerText();
  assert.match(cardText, /ETA/i);
  assert.equal(await card(page).getAttribute('role'), 'dialog');
  await page.screenshot({ path: path.join(RESULTS_DIR, 'gmail-card.png') });
  if (process.env.TACTFUL_UPDATE_DOCS) {
    const docs = path.resolve(RESULTS_DIR, '../../docs');
    await mkdir(docs, { recursive: true });
    await copyFile(path.join(RESULTS_DIR, 'gmail-card.png'), path.join(docs, 'screenshot.png'));
  }

  const suggestion = card(page).locator('button.suggestion').first();
  const replacement = await suggestion.locator('.replacement').innerText();
  await suggestion.click();
  await card(page).waitFor({ state: 'hidden' });
  // The template follows the apology as one sentence (the draft gives no time of its own).
  assert.ok((await authored()).includes(`Sorry for the delay, ${replacement}`), 'the excuse was replaced');
  assert.ok(!(await authored()).includes(EXCUSE));
  assert.equal(await page.evaluate(() => getSelection().toString()), '[day and time]', 'placeholder selected');

  await page.keyboard.press('Control+z');
  await waitFor(async () => (await editorText()) === before, { timeoutMs: 10_000, what: 'undo to restore the draft' });
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  await waitForStats(env.tactful, (count) => count('core.excuse.workload', 'applied') === 1, 'the application counted', stats);
});

test('dismissing a finding hides it in this draft and the server counts it', async () => {
  await page.mouse.move(5, 5);
  await card(page).waitFor({ state: 'hidden' });
  const stats = await env.tactful.stats();
  await openCardAt(page, await highlightCenter(page, 'tactful-scripted', SCRIPTED), 'core.scripted.inconvenience');
  await card(page).locator('[data-action="dismiss"]').click();
  await waitFor(async () => !(await highlightTexts(page))['tactful-scripted'], { timeoutMs: 10_000, what: 'the scripted underline to go' });
  await waitForStats(env.tactful, (count) => count('core.scripted.inconvenience', 'dismissed') === 1, 'the dismissal counted', stats);

  // Still hidden after the next review of the same draft.
  const beforeTyping = await env.tactful.stats();
  await page.keyboard.press('End');
  await page.keyboard.type(' Thanks.');
  await waitForStats(env.tactful, (count) => count('core.excuse.workload', 'fired') >= 1, 'another review', beforeTyping);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await highlightTexts(page))['tactful-scripted'], undefined);
  assert.deepEqual((await highlightTexts(page))['tactful-excuse']?.map(clauseText), [clauseText(EXCUSE)]);
});

test('underlines stay on their words while the writer types before them, keystroke by keystroke', async () => {
  const draft = await env.open('gmail.html');
  await draft.click('#start');
  await draft.keyboard.type(`Sorry, ${EXCUSE}. ${SCRIPTED}`);
  await waitForHighlight(draft, 'tactful-excuse', EXCUSE);
  await waitForHighlight(draft, 'tactful-scripted', SCRIPTED);
  await draft.keyboard.press('Home');
  // Each key before the findings moves them; after each, the underlines cover the same words
  // (drawn again from the moved findings, or kept as the live ranges that moved with the text).
  for (const key of 'Hi Anna, ') {
    await draft.keyboard.type(key);
    await draft.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const texts = await highlightTexts(draft);
    assert.deepEqual(texts['tactful-excuse']?.map(clauseText), [clauseText(EXCUSE)], `after "${key}"`);
    assert.deepEqual(texts['tactful-scripted']?.map(clauseText), [clauseText(SCRIPTED)], `after "${key}"`);
  }
  assert.deepEqual(draft.errors, []);
  await draft.close();
});

test('"Fix all" applies every finding, and each is one undo step: Ctrl+Z gives the fixes back one at a time', async () => {
  const draft = await env.open('gmail.html');
  const text = () => draft.locator('[g_editable="true"]').evaluate((el) => el.innerText.split(/\n-- ?\n/)[0]);
  await draft.click('#start');
  await draft.keyboard.type(DRAFT);
  await waitForHighlight(draft, 'tactful-excuse', EXCUSE);
  await waitForHighlight(draft, 'tactful-scripted', SCRIPTED);
  const before = await text();
  await waitFor(async () => (await badge(draft).getAttribute('data-status')) === 'ok', { what: 'badge ok' });
  await badge(draft).click();
  const panel = list(draft);
  await panel.waitFor({ state: 'visible' });
  await panel.locator('[data-action="fix-all"]').click();
  await waitFor(async () => {
    const now = await text();
    return !now.includes(EXCUSE) && !now.includes(SCRIPTED);
  }, { timeoutMs: 10_000, what: 'both fixes applied' });
  const fixed = await text();
  assert.ok(fixed.includes('Your order is packed and ready.'), fixed);

  // The fixes went in last first (the scripted line, then the excuse): the first Ctrl+Z brings back the excuse
  // alone, the second the stock apology too, and the draft is as typed.
  await draft.locator('[g_editable="true"]').focus();
  await draft.keyboard.press('Control+z');
  await waitFor(async () => (await text()) !== fixed, { timeoutMs: 10_000, what: 'the first undo' });
  const once = await text();
  assert.ok(once.includes(EXCUSE) && !once.includes(SCRIPTED), `one fix undone: ${once}`);
  await draft.keyboard.press('Control+z');
  await waitFor(async () => (await text()) === before, { timeoutMs: 10_000, what: 'the second undo' });
  assert.deepEqual(draft.errors, []);
  await draft.close();
});
