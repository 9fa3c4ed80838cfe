/**
 * TinyMCE 5 (npm `tinymce`), embedded in an iframe as Roundcube does: every one-click
 * apply is one step in TinyMCE's own undo history.
 */

import { test, before, after } from 'node:test';
import { setUp } from './harness.js';
import { UNDO_CASES, runUndoCase } from './undo-cases.js';
import { tinymceDriver } from './editor-drivers.js';

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

for (const c of UNDO_CASES) {
  test(`TinyMCE: ${c.name}`, () => runUndoCase(env, tinymceDriver, c));
}
