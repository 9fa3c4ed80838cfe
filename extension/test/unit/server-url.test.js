/**
 * The server URL rule (src/shared/server-url.js): https:// anywhere, plain http:// only
 * to this computer. The options page, the background's saveSettings and callServer all
 * follow it.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkServerUrl, isLoopbackHost, INSECURE_SERVER_MESSAGE } from '../../src/shared/server-url.js';

// settings.js reads the WebExtension namespace when it is first imported: give it a
// storage.local to write to before importing it (each test file runs in its own process).
const stored = {};
globalThis.chrome = {
  storage: {
    local: {
      async get(key) {
        return key in stored ? { [key]: structuredClone(stored[key]) } : {};
      },
      async set(items) {
        Object.assign(stored, structuredClone(items));
      },
    },
  },
};
const { saveSettings, loadSettings } = await import('../../src/background/settings.js');
const { callServer, ServerError } = await import('../../src/background/server-client.js');

const accepted = [
  'http://127.0.0.1:8765',
  'http://127.0.0.1:8765/',
  ' http://127.0.0.1 ',
  'http://127.1.2.3:9000/tactful',
  'http://127.1:8765', // URL reads this as 127.0.0.1
  'http://localhost:8765',
  'http://LOCALHOST',
  'http://[::1]:8765',
  'http://[0:0:0:0:0:0:0:1]:8765', // the long form of ::1
  'https://tactful.example.com',
  'https://tactful.example.com:8443/prefix',
  'https://10.0.0.5',
  'https://localhost:8765',
];

const insecure = [
  'http://tactful.example.com',
  'http://tactful.example.com:8765/v1',
  'http://10.0.0.5:8765',
  'http://192.168.1.20',
  'http://128.0.0.1',
  'http://0.0.0.0:8765',
  'http://[::2]:8765',
  'http://[::ffff:7f00:1]', // IPv4-mapped: not one of the loopback hosts listed
  'http://localhost.example.com',
  'http://127.0.0.1.example.com',
  'http://127.0.0.1@tactful.example.com', // userinfo, the host is tactful.example.com
  'http://mylocalhost',
];

test('https:// is accepted anywhere; http:// only on a loopback host', () => {
  for (const url of accepted) assert.equal(checkServerUrl(url).ok, true, url);
  for (const url of insecure) assert.deepEqual(checkServerUrl(url), { ok: false, reason: INSECURE_SERVER_MESSAGE }, url);
});

test('the accepted URL is trimmed, without trailing slashes', () => {
  assert.deepEqual(checkServerUrl(' http://127.0.0.1:8765// '), { ok: true, url: 'http://127.0.0.1:8765' });
  assert.deepEqual(checkServerUrl('https://tactful.example.com/prefix/'), { ok: true, url: 'https://tactful.example.com/prefix' });
});

test('other schemes and non-URLs are refused with a reason', () => {
  for (const url of ['', '   ', 'tactful.example.com', 'ftp://127.0.0.1', 'file:///tmp/x', 'javascript:alert(1)', 'ws://127.0.0.1:8765', 'http://']) {
    const result = checkServerUrl(url);
    assert.equal(result.ok, false, url);
    assert.ok(result.reason.length > 20, url);
  }
  assert.equal(checkServerUrl(undefined).ok, false);
});

test('the message says why plain http:// to another computer is refused', () => {
  assert.match(INSECURE_SERVER_MESSAGE, /https:\/\//);
  assert.match(INSECURE_SERVER_MESSAGE, /unencrypted/);
  assert.match(INSECURE_SERVER_MESSAGE, /127\.0\.0\.1, localhost or \[::1\]/);
});

test('loopback hosts as URL normalizes them', () => {
  for (const host of ['localhost', '127.0.0.1', '127.255.255.254', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ['localhost.', 'example.com', '127.0.0.1.nip.io', '1.2.3.4', '::1', '[::]', '']) assert.equal(isLoopbackHost(host), false, host);
});

test('the background refuses to save an insecure server URL, and keeps the one it had', async () => {
  await saveSettings({ serverUrl: 'https://tactful.example.com/' });
  assert.equal((await loadSettings()).serverUrl, 'https://tactful.example.com');
  await assert.rejects(saveSettings({ serverUrl: 'http://tactful.example.com' }), { message: INSECURE_SERVER_MESSAGE });
  assert.equal((await loadSettings()).serverUrl, 'https://tactful.example.com');
  await saveSettings({ serverUrl: 'http://localhost:8765' });
  assert.equal((await loadSettings()).serverUrl, 'http://localhost:8765');
  // Patches without a server URL (a rule turned off) still save under any stored URL.
  stored.settings.serverUrl = 'http://tactful.example.com';
  assert.deepEqual((await saveSettings({ disabledRules: ['core.x'] })).disabledRules, ['core.x']);
});

test('the background never calls an insecure server URL (one stored before the rule, say)', async () => {
  const original = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = async () => {
    calls++;
    return new Response('{}', { status: 200 });
  };
  try {
    await assert.rejects(
      callServer({ serverUrl: 'http://tactful.example.com', token: 's3cret' }, '/v1/review', { method: 'POST', body: { text: 'draft' } }),
      (error) => error instanceof ServerError && error.kind === 'error' && error.message === INSECURE_SERVER_MESSAGE,
    );
    assert.equal(calls, 0, 'no request was made');
    await callServer({ serverUrl: 'http://127.0.0.1:8765' }, '/healthz');
    await callServer({ serverUrl: 'https://tactful.example.com' }, '/healthz');
    assert.equal(calls, 2);
  } finally {
    globalThis.fetch = original;
  }
});
