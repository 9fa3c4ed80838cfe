/**
 * roosterjs (npm `roosterjs`), the editor of Outlook on the web, in Outlook's compose DOM: every
 * one-click apply is one step in roosterjs's own snapshot history, though the page exposes no editor
 * (src/page/undo-steps.js drives it with DOM events it handles). Other editors never get those events.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, waitFor } from './harness.js';
import { UNDO_CASES, undoTests, applyWithMouse, editorReady } from './undo-cases.js';
import { roosterjsDriver, gmailDriver } from './editor-drivers.js';

let env;

before(async () => {
  env = await setUp();
});

after(async () => {
  await env?.tearDown();
});

undoTests('roosterjs (Outlook)', roosterjsDriver, () => env);

test('a plain contenteditable gets no compositionend from an apply: only roosterjs is told to take snapshots', async () => {
  const page = await env.open(gmailDriver.fixture);
  await editorReady(page);
  const c = UNDO_CASES[0];
  await gmailDriver.load(page, c.html);
  await page.evaluate(() => {
    window.__compositionEnds = 0;
    document.addEventListener('compositionend', () => window.__compositionEnds++, true);
  });
  await page.locator(gmailDriver.root).locator(c.here).click();
  await page.keyboard.press('End');
  await page.keyboard.type(c.typed);
  const step = c.applies[0];
  await applyWithMouse(page, page, { x: 0, y: 0 }, step);
  await waitFor(async () => (await gmailDriver.content(page)).includes(step.replaced), { timeoutMs: 5000, what: `"${step.replaced}" in the editor` });
  assert.equal(await page.evaluate(() => window.__compositionEnds), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});
