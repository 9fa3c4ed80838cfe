/** Quill 2 (npm `quill`): every one-click apply is one step in Quill's own history. */

import { test, before, after } from 'node:test';
import { setUp } from './harness.js';
import { UNDO_CASES, runUndoCase } from './undo-cases.js';
import { quillDriver } from './editor-drivers.js';

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

for (const c of UNDO_CASES) {
  test(`Quill: ${c.name}`, () => runUndoCase(env, quillDriver, c));
}
