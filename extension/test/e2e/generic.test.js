/**
 * Any switched-on site (generic adapter): a plain contenteditable is reviewed;
 * "Turn off this rule" disables the rule for this user and tells the server; when the
 * server is unreachable the badge says so quietly and the editor is left untouched.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, configure, freePort, waitFor } from './harness.js';
import { highlightTexts, waitForHighlight, highlightCenter, card, badge, waitForStats } from './page-helpers.js';

const EXCUSE = "we've been swamped this week";
let env;
let page;
const reply = () => page.locator('.reply');

before(async () => {
  env = await setUp();
  page = await env.open('generic.html');
});

after(async () => {
  await env?.tearDown();
});

test('a contenteditable on a switched-on site is reviewed', async () => {
  await reply().click();
  await page.keyboard.type(`Sorry, ${EXCUSE}. I guarantee it will be fixed today.`);
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
});

test('"Turn off this rule" removes its underlines, keeps it off, and tells the server', async () => {
  const stats = await env.tactful.stats();
  // Clicking an underline opens its card at once (no hover delay).
  const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  await page.mouse.click(point.x, point.y);
  await card(page).waitFor({ state: 'visible', timeout: 1000 });
  assert.equal(await card(page).getAttribute('data-rule'), 'core.excuse.workload');
  await card(page).locator('[data-action="disable"]').click();
  await waitFor(async () => !(await highlightTexts(page))['tactful-excuse'], { timeoutMs: 10_000, what: 'the underline to go' });
  await waitForStats(env.tactful, (count) => count('core.excuse.workload', 'disabled') === 1, 'the rule disabled', stats);
  const stored = await env.browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings.disabledRules);
  assert.deepEqual(stored, ['core.excuse.workload']);

  // A fresh page (new session) still does not show it: the background sends disabledRules.
  const fresh = await env.open('generic.html');
  await fresh.locator('.reply').click();
  await fresh.keyboard.type(`Sorry, ${EXCUSE}.`);
  await waitFor(async () => (await badge(fresh).getAttribute('data-status')) === 'ok', { what: 'a review' });
  assert.equal((await highlightTexts(fresh))['tactful-excuse'], undefined);
  await fresh.close();
  await configure(env.browser.worker, { disabledRules: [] });
});

test('an unreachable server: the badge says so quietly and the editor is untouched', async () => {
  await configure(env.browser.worker, { serverUrl: `http://127.0.0.1:${await freePort()}` });
  await reply().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' More text.');
  const html = await reply().innerHTML();
  await waitFor(async () => (await badge(page).getAttribute('data-status')) === 'offline', { timeoutMs: 15_000, what: 'the offline badge' });
  assert.equal(await badge(page).innerText(), 'Tactful offline');
  assert.match(await badge(page).getAttribute('aria-label'), /not being reviewed/);
  assert.deepEqual(await highlightTexts(page), {}, 'no underlines left');
  assert.equal(await reply().innerHTML(), html, 'the editor DOM is unchanged');
  assert.ok(!html.includes('tactful'));
  assert.deepEqual(page.errors, []);
});
