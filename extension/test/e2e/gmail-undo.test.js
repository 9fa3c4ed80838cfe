/** A Gmail-like compose body (a plain contenteditable): every one-click apply is one step of the browser's own undo. */

import { test, before, after } from 'node:test';
import { setUp } from './harness.js';
import { UNDO_CASES, runUndoCase } from './undo-cases.js';
import { gmailDriver } from './editor-drivers.js';

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

for (const c of UNDO_CASES) {
  test(`Gmail-like contenteditable: ${c.name}`, () => runUndoCase(env, gmailDriver, c));
}
