/**
 * TinyMCE 5 (npm `tinymce`), embedded in an iframe as Roundcube does: every one-click
 * apply is one step in TinyMCE's own undo history.
 */

import { test, before, after } from 'node:test';
import { setUp } from './harness.js';
import { UNDO_CASES, runUndoCase } from './undo-cases.js';

export const tinymceDriver = {
  fixture: 'roundcube-html.html',
  frame: '#composebody_ifr',
  ready: (page) => page.waitForFunction(() => document.documentElement.dataset.editorReady === 'true', null, { timeout: 15_000 }),
  load: (page, html) =>
    page.evaluate((content) => {
      const editor = tinymce.activeEditor;
      editor.setContent(content);
      editor.undoManager.clear();
      editor.undoManager.add();
    }, html),
  content: (page) => page.evaluate(() => tinymce.activeEditor.getContent()),
};

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
