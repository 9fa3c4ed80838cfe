/** CKEditor 5 (npm `ckeditor5`, classic editor): every one-click apply is one step in its undo history. */

import { test, before, after } from 'node:test';
import { setUp } from './harness.js';
import { UNDO_CASES, runUndoCase } from './undo-cases.js';
import { ckeditorDriver } from './editor-drivers.js';

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

for (const c of UNDO_CASES) {
  test(`CKEditor 5: ${c.name}`, () => runUndoCase(env, ckeditorDriver, c));
}
