/**
 * End-to-end harness: a live `tactful serve` on a free port, a static server for the
 * fake webmail pages, and Debian's Chromium with the unpacked extension loaded, or
 * Debian's Firefox ESR with the built Firefox package. Nothing leaves 127.0.0.1.
 */

import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { build } from '../../scripts/build.js';

export const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(EXTENSION_DIR, 'test/e2e/fixtures');
export const RESULTS_DIR = path.join(EXTENSION_DIR, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check, { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Start `$TACTFUL_BIN serve` and wait until GET /healthz answers. */
export async function startTactful() {
  const bin = process.env.TACTFUL_BIN;
  if (!bin) throw new Error('Set TACTFUL_BIN to the tactful executable (e.g. ../.venv/bin/tactful).');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // One worker, and a database of its own: the tests read feedback counts back, and a
  // run must not see (or leave) counts in the developer's instance folder.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tactful-e2e-server-'));
  const env = { ...process.env, TACTFUL_WORKERS: '1', TACTFUL_DATABASE_URL: `sqlite:///${path.join(dataDir, 'tactful.db')}` };
  const child = spawn(bin, ['serve', '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const failed = exited.then((code) => {
    throw new Error(`tactful serve exited (${code}) before it was ready:\n${stderr}`);
  });
  await Promise.race([
    failed,
    waitFor(async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, what: `${url}/healthz` }),
  ]);
  failed.catch(() => {});
  return {
    url,
    async stats() {
      return (await fetch(`${url}/v1/stats`)).json();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Editors the fixtures run for real, served from node_modules at /vendor/<package>/ (pinned in package.json). */
const VENDORED = new Set(['tinymce', 'quill', 'ckeditor5', 'roosterjs']);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2' };

/** The file a fixture-server path names, or null when it is outside the fixtures and vendored editors. */
function fixtureFile(pathname) {
  const name = path.posix.normalize(decodeURIComponent(pathname)).replace(/^\/+/, '');
  if (name.split('/').includes('..')) return null;
  const [top, pkg, ...rest] = name.split('/');
  if (top === 'vendor') return VENDORED.has(pkg) && rest.length ? path.join(EXTENSION_DIR, 'node_modules', pkg, ...rest) : null;
  return path.join(FIXTURES, name);
}

/** Serve test/e2e/fixtures, and the vendored editors under /vendor/, on 127.0.0.1. */
export async function startFixtures() {
  const server = http.createServer(async (req, res) => {
    const file = fixtureFile(new URL(req.url, 'http://x').pathname);
    try {
      if (!file) throw new Error('outside the fixtures');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** Chromium with the unpacked extension, in a fresh profile. */
export async function launchBrowser() {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'tactful-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Store settings as the options page would, and wait until the content script is registered. */
export async function configure(worker, settings) {
  await worker.evaluate(async (value) => {
    const { settings: current = {} } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...current, ...value } });
  }, settings);
  await waitFor(
    () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length > 0),
    { what: 'the content script registration' },
  );
}

/**
 * Everything one spec needs: server, fixtures, browser, and (unless `switchOn` is false)
 * the server URL stored and the fixtures' origin switched on.
 */
export async function setUp({ switchOn = true } = {}) {
  const [tactful, fixtures, browser] = await Promise.all([startTactful(), startFixtures(), launchBrowser()]);
  if (switchOn) await configure(browser.worker, { serverUrl: tactful.url, customSites: [{ origin: fixtures.origin, enabled: true }] });
  await mkdir(RESULTS_DIR, { recursive: true });
  return {
    tactful,
    fixtures,
    browser,
    async open(name) {
      const page = await browser.context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      await page.goto(`${fixtures.origin}/${name}`);
      page.errors = errors;
      return page;
    },
    async tearDown() {
      await Promise.allSettled([browser.close(), fixtures.stop(), tactful.stop()]);
    },
  };
}

export { waitFor };

/**
 * Firefox ESR over WebDriver BiDi (puppeteer-core, no browser downloaded) with the built
 * Firefox package (dist/firefox) installed as a temporary add-on.
 *
 * BiDi cannot open the extension's own pages (navigating to moz-extension:// is refused),
 * so the options page cannot store the settings as it does in Chromium. The installed
 * copy instead carries one more background script, e2e-settings.js, that stores them:
 * the server URL and the fixtures' origin switched on. The package's own files are
 * loaded unchanged.
 */
export async function launchFirefox(settings) {
  await build({ quiet: true });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tactful-e2e-firefox-'));
  await cp(path.join(EXTENSION_DIR, 'dist/firefox'), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.background.scripts.push('e2e-settings.js');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'e2e-settings.js'), `browser.storage.local.set({ settings: ${JSON.stringify(settings)} });\n`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    defaultViewport: { width: 1280, height: 800 },
  });
  await browser.installExtension(dir);
  return {
    browser,
    async close() {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Like `setUp`, in Firefox: server, fixtures, and Firefox with Tactful on for the fixtures. */
export async function setUpFirefox() {
  const [tactful, fixtures] = await Promise.all([startTactful(), startFixtures()]);
  const firefox = await launchFirefox({ serverUrl: tactful.url, customSites: [{ origin: fixtures.origin, enabled: true }] });
  await mkdir(RESULTS_DIR, { recursive: true });
  // Ready once the content scripts are registered for the fixtures: the page-world script marks the page.
  const probe = await firefox.browser.newPage();
  await waitFor(async () => {
    await probe.goto(`${fixtures.origin}/generic.html`);
    return probe.evaluate(() => window.__tactfulUndoSteps === true);
  }, { timeoutMs: 20_000, intervalMs: 250, what: "Tactful's content scripts in Firefox" });
  await probe.close();
  return {
    tactful,
    fixtures,
    browser: firefox,
    async open(name) {
      const page = await firefox.browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      await page.goto(`${fixtures.origin}/${name}`);
      page.errors = errors;
      return page;
    },
    async tearDown() {
      await Promise.allSettled([firefox.close(), fixtures.stop(), tactful.stop()]);
    },
  };
}

/**
 * Press a key combination such as "Control+Shift+z" (Playwright takes the string as is;
 * puppeteer wants each key down and up).
 */
export async function press(page, combo) {
  const keys = combo.split('+');
  const key = keys.pop();
  for (const modifier of keys) await page.keyboard.down(modifier);
  await page.keyboard.press(key);
  for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
}
