/**
 * roosterjs (npm `roosterjs`), the editor of Outlook on the web, in Outlook's compose DOM: every
 * one-click apply is one step in roosterjs's own snapshot history, though the page exposes no editor.
 */

import { test, before, after } from 'node:test';
import { setUp } from './harness.js';
import { UNDO_CASES, runUndoCase } from './undo-cases.js';
import { roosterjsDriver } from './editor-drivers.js';

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

for (const c of UNDO_CASES) {
  test(`roosterjs (Outlook): ${c.name}`, () => runUndoCase(env, roosterjsDriver, c));
}
