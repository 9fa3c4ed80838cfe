/**
 * The options page: "Test connection" shows what the server answered, Save stores the
 * server (https://, or plain http:// only on this computer), adding a site switches Tactful on there (the content script is registered for
 * it and reviews a draft).
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setUp, RESULTS_DIR, freePort, waitFor } from './harness.js';
import { waitForHighlight } from './page-helpers.js';

let env;
let options;

before(async () => {
  env = await setUp({ switchOn: false });
  options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${env.browser.extensionId}/src/options/options.html`);
});

after(async () => {
  await env?.tearDown();
});

test('an unreachable server is reported as such', async () => {
  await options.fill('#server-url', `http://127.0.0.1:${await freePort()}`);
  await options.click('#test');
  await waitFor(async () => (await options.textContent('#server-status')).startsWith('Not connected'), { what: 'the failure' });
  assert.match(await options.textContent('#test-output'), /no answer/);
});

test('Test connection shows the server\'s answers; Save stores the server', async () => {
  await options.fill('#server-url', env.tactful.url);
  await options.fill('#pack', 'core');
  await options.click('#test');
  await waitFor(async () => (await options.textContent('#server-status')).startsWith('Connected'), { what: 'the connection report' });
  const output = await options.textContent('#test-output');
  assert.match(output, /"status": "ok"/);
  assert.match(output, /core\.excuse\.workload/);
  assert.match(await options.textContent('#server-status'), /Pack core/);
  await options.screenshot({ path: path.join(RESULTS_DIR, 'options.png'), fullPage: true });

  await options.click('#save');
  await waitFor(async () => (await options.textContent('#server-status')) === 'Saved.', { what: 'save' });
  const stored = await env.browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
  assert.equal(stored.serverUrl, env.tactful.url);
  assert.equal(stored.pack, 'core');
});

test('a plain http:// server on another computer is refused, and the page says why', async () => {
  const storedUrl = async () => (await env.browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings)).serverUrl;
  assert.equal(await storedUrl(), env.tactful.url);
  for (const button of ['#save', '#test']) {
    await options.fill('#server-url', 'http://tactful.example.com:8765');
    await options.evaluate(() => {
      document.getElementById('server-status').textContent = '';
    });
    await options.click(button);
    await waitFor(async () => (await options.textContent('#server-status')).length > 0, { what: `the answer to ${button}` });
    const said = await options.textContent('#server-status');
    assert.match(said, /^Use https:\/\/ for this server\. Plain http:\/\/ would send your drafts and API token unencrypted/, button);
    assert.match(said, /127\.0\.0\.1, localhost or \[::1\]/);
    assert.equal(await options.getAttribute('#server-url', 'aria-invalid'), 'true');
    assert.equal(await options.getAttribute('#server-status', 'class'), 'bad');
  }
  assert.equal(await storedUrl(), env.tactful.url, 'the stored server is unchanged');

  // A loopback http:// server is fine.
  await options.fill('#server-url', env.tactful.url.replace('127.0.0.1', 'localhost'));
  await options.click('#save');
  await waitFor(async () => (await options.textContent('#server-status')) === 'Saved.', { what: 'save' });
  assert.equal(await options.getAttribute('#server-url', 'aria-invalid'), 'false');
  assert.equal(await storedUrl(), env.tactful.url.replace('127.0.0.1', 'localhost'));
  await options.fill('#server-url', env.tactful.url);
  await options.click('#save');
  await waitFor(async () => (await storedUrl()) === env.tactful.url, { what: 'the server URL back' });
});

test('adding a site switches Tactful on there', async () => {
  await options.fill('#new-site', env.fixtures.origin);
  await options.click('#add-site-form button');
  await waitFor(async () => (await options.textContent('#sites-status')).includes('added'), { what: 'the site added' });
  assert.equal(await options.isChecked(`[data-origin="${env.fixtures.origin}"]`), true);
  const scripts = await env.browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  assert.deepEqual(scripts.map((s) => [s.id, s.world ?? 'ISOLATED', s.matches]), [
    ['tactful-undo-steps', 'MAIN', ['http://127.0.0.1/*']],
    ['tactful-content', 'ISOLATED', ['http://127.0.0.1/*']],
  ]);

  const page = await env.open('generic.html');
  await page.locator('.reply').click();
  await page.keyboard.type("Sorry, we've been swamped this week.");
  await waitForHighlight(page, 'tactful-excuse', "we've been swamped this week");
  await page.close();
});

test('a site that is switched off is left alone', async () => {
  await options.uncheck(`[data-origin="${env.fixtures.origin}"]`);
  await waitFor(async () => (await options.textContent('#sites-status')).includes('off'), { what: 'switched off' });
  await waitFor(async () => (await env.browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length === 0, { what: 'unregistration' });
  const page = await env.open('generic.html');
  await page.locator('.reply').click();
  await page.keyboard.type("Sorry, we've been swamped this week.");
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await page.locator('tactful-ui').count(), 0);
  await page.close();
});
