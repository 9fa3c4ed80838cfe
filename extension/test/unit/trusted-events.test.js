/**
 * Tactful's controls act on trusted events only (a page script's `dispatchEvent` or
 * `element.click()` makes untrusted ones). The end-to-end spec hostile-page.test.js
 * checks this in Chromium; these tests keep the wiring from regressing.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { h, trusted } from '../../src/content/ui/dom.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('trusted(handler) runs the handler for trusted events only', () => {
  const calls = [];
  const handler = trusted((event) => {
    calls.push(event);
    return 'ran';
  });
  for (const event of [{ isTrusted: false }, {}, null, undefined, { isTrusted: 'yes' }]) assert.equal(handler(event), undefined);
  assert.deepEqual(calls, []);
  const real = { isTrusted: true };
  assert.equal(handler(real), 'ran');
  assert.deepEqual(calls, [real]);
});

test('h(): on… handlers ignore untrusted events', () => {
  const listeners = {};
  const el = {
    addEventListener: (type, fn) => {
      listeners[type] = fn;
    },
    setAttribute() {},
    append() {},
  };
  const doc = { createElement: () => el };
  let clicks = 0;
  h('button', { doc, type: 'button', onClick: () => clicks++ });
  listeners.click({ isTrusted: false });
  assert.equal(clicks, 0);
  listeners.click({ isTrusted: true });
  assert.equal(clicks, 1);
});

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(rel)));
    else if (rel.endsWith('.js')) out.push(rel);
  }
  return out;
}

test('every click, key and pointer handler in the content script goes through trusted()', async () => {
  const ACTIONS = /(?:addEventListener|listen)\((?:[^,()]+,\s*)?'(click|keydown|keyup|mousemove|mouseenter|mouseleave)'/;
  let checked = 0;
  for (const file of await filesUnder('src/content')) {
    const lines = (await readFile(path.join(ROOT, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (!ACTIONS.test(line)) return;
      checked++;
      assert.match(line, /trusted\(/, `${file}:${i + 1} handles ${ACTIONS.exec(line)[1]} without trusted(): ${line.trim()}`);
    });
  }
  assert.ok(checked >= 7, `found the handlers (${checked})`);
});

test('presses that close the card or the list ignore untrusted events too', async () => {
  const source = await readFile(path.join(ROOT, 'src/content/ui/ui-root.js'), 'utf8');
  const body = source.slice(source.indexOf('  pointerDown(event) {'));
  assert.match(body.split('\n').slice(0, 3).join('\n'), /if \(!event\.isTrusted\) return;/);
  assert.match(source, /attachShadow\(\{ mode: 'closed' \}\)/, 'the shadow root is closed');
});
