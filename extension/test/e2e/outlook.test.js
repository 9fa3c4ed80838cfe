/**
 * Outlook on the web compose, driven from the keyboard: Alt+Enter opens the card with
 * focus on the first suggestion, Escape closes it, Enter applies; the reply header block
 * and everything after it are never reviewed; "Fix all" from the badge's list.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setUp, RESULTS_DIR, waitFor } from './harness.js';
import { clauseText, highlightTexts, waitForHighlight, highlightsOutside, card, badge, panel as list, focusedInUi, waitForStats } from './page-helpers.js';

const EXCUSE = "we've been swamped this week";
const SCRIPTED = 'We apologize for any inconvenience this may have caused.';

let env;
let page;
const body = () => page.locator('[aria-label^="Message body"]');
const authored = async () => (await body().evaluate((el) => el.innerText)).split('Tom Baker')[0];

before(async () => {
  env = await setUp();
  page = await env.open('outlook.html');
});

after(async () => {
  await env?.tearDown();
});

test('the draft is underlined; the reply header and quoted message are not', async () => {
  await page.click('#start');
  await page.keyboard.type(`Hello Anna,\n\nSorry, ${EXCUSE}. ${SCRIPTED} The refund is on its way.`);
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  await waitForHighlight(page, 'tactful-scripted', SCRIPTED);
  assert.deepEqual((await highlightTexts(page))['tactful-scripted']?.map(clauseText), [clauseText(SCRIPTED)]);
  assert.ok(await highlightsOutside(page, '#divRplyFwdMsg, #Signature, #appendonsend ~ div'));
});

test('Alt+Enter opens the card from the keyboard, Escape closes it, Enter applies', async () => {
  // Put the caret inside the excuse with the keyboard: Home, then move right into it.
  const text = await authored();
  const line = text.split('\n').find((l) => l.includes(EXCUSE));
  await page.keyboard.press('Home');
  for (let i = 0; i < line.indexOf(EXCUSE) + 3; i++) await page.keyboard.press('ArrowRight');

  await page.keyboard.press('Alt+Enter');
  await card(page).waitFor({ state: 'visible' });
  assert.equal(await card(page).getAttribute('data-rule'), 'core.excuse.workload');
  assert.equal(await focusedInUi(page), 'suggestion', 'focus is on the first suggestion');
  assert.ok(await card(page).getAttribute('aria-labelledby'));

  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'textbox', 'focus back in the editor');

  await page.keyboard.press('Alt+Enter');
  await card(page).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await card(page).waitFor({ state: 'hidden' });
  // (the draft speaks as "we", so the template does too)
  assert.ok((await authored()).includes("Sorry, we'll have this done by [day and time]."));
  assert.equal(await page.evaluate(() => getSelection().toString()), '[day and time]');

  // The writer types straight over the placeholder.
  await page.keyboard.type('Friday noon');
  assert.ok((await authored()).includes("Sorry, we'll have this done by Friday noon."));
});

test('the badge list fixes everything at once', async () => {
  await waitFor(async () => (await badge(page).getAttribute('aria-label')).includes('1 finding'), { what: 'one finding left' });
  const stats = await env.tactful.stats();
  await badge(page).focus();
  await page.keyboard.press('Enter');
  const panel = list(page);
  await panel.waitFor({ state: 'visible' });
  await page.screenshot({ path: path.join(RESULTS_DIR, 'outlook-list.png') });
  await panel.locator('[data-action="fix-all"]').click();
  // The draft already apologises ("Sorry, we'll have this done by Friday noon."), so the stock apology goes
  // rather than becoming a second "We're sorry about [...]".
  await waitFor(async () => !(await authored()).includes(SCRIPTED), { timeoutMs: 10_000, what: 'fix all' });
  const fixed = await authored();
  assert.ok(fixed.includes("Sorry, we'll have this done by Friday noon. The refund is on its way."), fixed);
  assert.ok(!/(?:I'm|We're) sorry about/i.test(fixed), fixed);
  await waitForStats(env.tactful, (count) => count('core.scripted.inconvenience', 'applied') === 1, 'the fix counted', stats);
  assert.deepEqual(page.errors, []);
});
