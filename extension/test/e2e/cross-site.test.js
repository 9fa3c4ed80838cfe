/**
 * Attacks on the Tactful server from web pages, in real Chromium, with the server as
 * `make serve` runs it (no auth, on 127.0.0.1). A page on another origin POSTs a pack the
 * ways that need no CORS preflight (fixtures/cross-site.html); a page reached through DNS
 * rebinding (a host name that resolves to 127.0.0.1, so the page and the server share an
 * origin) POSTs JSON. Neither may publish: the first is refused for its Origin and its
 * content type, the second for its Host. GET /v1/packs, asked from here, is the judge.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startTactful, EXTENSION_DIR } from './harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE = path.join(EXTENSION_DIR, 'test/e2e/fixtures/cross-site.html');
const REBOUND = 'tactful-rebind.test';

let tactful;
let site;
let browser;

/** The attacker's site: one page, on its own port of 127.0.0.1 (so another origin than the server). */
async function startSite() {
  const body = await readFile(PAGE);
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) };
}

async function publishedPacks() {
  const { packs } = await (await fetch(`${tactful.url}/v1/packs`)).json();
  return packs.map((p) => p.id);
}

before(async () => {
  [tactful, site] = await Promise.all([startTactful(), startSite()]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`, '--disable-features=HttpsUpgrades',
    ],
  });
});

after(async () => {
  await Promise.allSettled([browser?.close(), site?.stop(), tactful?.stop()]);
});

test('a page on another origin cannot publish with a no-cors fetch or a text/plain form', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/`);
  await page.evaluate((server) => window.attack(server), tactful.url);
  const packs = await publishedPacks();
  assert.ok(packs.includes('core'), `the server answers (${packs})`);
  assert.deepEqual(packs.filter((id) => id.startsWith('evil-')), [], 'neither the no-cors fetch nor the form published');
  await page.close();
});

test('a page reached through DNS rebinding cannot publish either', async () => {
  const page = await browser.newPage();
  const port = new URL(tactful.url).port;
  await page.goto(`http://${REBOUND}:${port}/healthz`);
  const status = await page.evaluate(async () => {
    const source = 'pack: evil-rebind\nversion: "1"\nextends: core\n';
    const answer = await fetch('/v1/packs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ source }) });
    return answer.status;
  });
  assert.equal(status, 400, 'a Host this server does not serve is refused');
  assert.ok(!(await publishedPacks()).includes('evil-rebind'));
  await page.close();
});
