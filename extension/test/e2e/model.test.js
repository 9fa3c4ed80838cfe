/**
 * A finding of the learned detector (no rule matches the sentence) is underlined and applied
 * like a rule finding: the card opens, the first suggestion replaces the sentence, Ctrl+Z
 * restores the draft, and the server counts the application under the model's rule id.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, waitFor } from './harness.js';
import { clauseText, highlightTexts, waitForHighlight, highlightCenter, card, openCardAt, waitForStats } from './page-helpers.js';

// No rule in the core pack matches this narrated excuse; the detector does.
const EXCUSE = 'Our new warehouse system went live on Monday and everything has been upside down since.';
const DRAFT = `Hi Anna,\n\n${EXCUSE} Your order is packed and ready.`;

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

test("the detector's finding is underlined, and its rewrite applies and undoes like a rule's", async () => {
  await page.click('#start');
  await page.keyboard.type(DRAFT);
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  assert.deepEqual((await highlightTexts(page))['tactful-excuse']?.map(clauseText), [clauseText(EXCUSE)]);
  const before = await editorText();
  const stats = await env.tactful.stats();

  await openCardAt(page, await highlightCenter(page, 'tactful-excuse', EXCUSE), 'tactful.model.excuse');
  const suggestion = card(page).locator('button.suggestion').first();
  const replacement = await suggestion.locator('.replacement').innerText();
  assert.match(replacement, /\[day and time\]/);
  await suggestion.click();
  await card(page).waitFor({ state: 'hidden' });
  const after = await authored();
  assert.ok(after.includes(`${replacement} Your order is packed and ready.`), `the sentence was replaced: ${after}`);
  assert.ok(!after.includes(EXCUSE));
  assert.equal(await page.evaluate(() => getSelection().toString()), '[day and time]', 'placeholder selected');
  await waitForStats(env.tactful, (count) => count('tactful.model.excuse', 'applied') === 1, 'the application counted', stats);

  await page.keyboard.press('Control+z');
  await waitFor(async () => (await editorText()) === before, { timeoutMs: 10_000, what: 'undo to restore the draft' });
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  assert.deepEqual(page.errors, []);
});
