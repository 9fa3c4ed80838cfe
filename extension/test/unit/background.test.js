import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSettings, DEFAULT_SETTINGS } from '../../src/background/settings.js';
import { ReviewQueue } from '../../src/background/review-queue.js';
import { callServer, ServerError } from '../../src/background/server-client.js';
import { enabledOrigins, isOriginEnabled, normalizeOrigin, originPattern } from '../../src/shared/sites.js';

test('settings: defaults, trimmed URL, unique valid custom sites and rules', () => {
  const s = normalizeSettings({
    serverUrl: ' https://tactful.example.com/ ',
    customSites: [{ origin: 'mail.example.org', enabled: true }, { origin: 'https://mail.example.org/x', enabled: false }, { origin: 'ftp://x' }],
    disabledRules: ['a', 'a', '', 3],
  });
  assert.equal(s.serverUrl, 'https://tactful.example.com');
  assert.deepEqual(s.customSites, [{ origin: 'https://mail.example.org', enabled: true }]);
  assert.deepEqual(s.disabledRules, ['a']);
  assert.deepEqual(s.sites, DEFAULT_SETTINGS.sites);
});

test('sites: patterns drop the port; enabled origins are exact', () => {
  assert.equal(normalizeOrigin('http://127.0.0.1:5000/path'), 'http://127.0.0.1:5000');
  assert.equal(originPattern('http://127.0.0.1:5000'), 'http://127.0.0.1/*');
  const settings = normalizeSettings({ sites: { gmail: true }, customSites: [{ origin: 'http://127.0.0.1:5000', enabled: true }] });
  assert.deepEqual(enabledOrigins(settings), ['https://mail.google.com', 'http://127.0.0.1:5000']);
  assert.equal(isOriginEnabled(settings, 'http://127.0.0.1:5001'), false);
  assert.equal(isOriginEnabled(settings, 'https://outlook.office.com'), false);
});

test('review queue: a newer request for the same editor cancels the older one', async () => {
  const queue = new ReviewQueue();
  const slow = queue.run('tab1:e1', (signal) => new Promise((resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
  const other = queue.run('tab1:e2', async () => 'other editor');
  const fresh = queue.run('tab1:e1', async () => 'fresh');
  assert.deepEqual(await slow, { status: 'cancelled' });
  assert.equal(await fresh, 'fresh');
  assert.equal(await other, 'other editor');
});

async function withFetch(fake, fn) {
  const original = globalThis.fetch;
  globalThis.fetch = fake;
  try {
    return await fn();
  } finally {
    globalThis.fetch = original;
  }
}

test('server client: bearer token, JSON body, and errors sorted into offline / unauthorized / error', async () => {
  const settings = { serverUrl: 'http://127.0.0.1:8765', token: 's3cret' };
  let seen;
  await withFetch(async (url, init) => {
    seen = { url: String(url), init };
    return new Response(JSON.stringify({ findings: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }, () => callServer(settings, '/v1/review', { method: 'POST', body: { text: 'hi' } }));
  assert.equal(seen.url, 'http://127.0.0.1:8765/v1/review');
  assert.equal(seen.init.headers.Authorization, 'Bearer s3cret');
  assert.equal(seen.init.body, '{"text":"hi"}');
  await withFetch(async (url) => {
    seen = { url: String(url) };
    return new Response('{}', { status: 200 });
  }, () => callServer({ serverUrl: 'https://example.com/tactful' }, '/healthz'));
  assert.equal(seen.url, 'https://example.com/tactful/healthz', 'a path prefix is kept');

  const kindOf = (response) => withFetch(response, () => callServer(settings, '/healthz').then(() => 'ok', (e) => (e instanceof ServerError ? `${e.kind}: ${e.message}` : String(e))));
  assert.match(await kindOf(async () => { throw new TypeError('Failed to fetch'); }), /^offline: cannot reach/);
  assert.equal(await kindOf(async () => new Response('{"detail": "Bad token."}', { status: 401 })), 'unauthorized: Bad token.');
  assert.equal(await kindOf(async () => new Response('{"detail": "Unknown pack."}', { status: 404 })), 'error: Unknown pack.');
  assert.equal(await kindOf(async () => new Response('oops', { status: 500 })), 'error: HTTP 500');
});
