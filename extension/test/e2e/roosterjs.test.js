/**
 * roosterjs (npm `roosterjs`), the editor of Outlook on the web, in Outlook's compose DOM: every
 * one-click apply is one step in roosterjs's own snapshot history, though the page exposes no editor
 * (src/page/undo-steps.js drives it with DOM events it handles). Other editors never get those events.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, press, waitFor } from './harness.js';
import { UNDO_CASES, undoTests, applyWithMouse, editorReady } from './undo-cases.js';
import { roosterjsDriver, gmailDriver } from './editor-drivers.js';
import { waitForHighlight } from './page-helpers.js';

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
  await waitFor(async () => (await gmailDriver.content(page)).includes(step.replaced), { timeoutMs: 10_000, what: `"${step.replaced}" in the editor` });
  assert.equal(await page.evaluate(() => window.__compositionEnds), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('roosterjs (Outlook): typing over the placeholder, then Ctrl+Z twice gives back the placeholder, then the draft before the apply', async () => {
  const page = await env.open(roosterjsDriver.fixture);
  await editorReady(page);
  const c = UNDO_CASES[0];
  await roosterjsDriver.load(page, c.html);
  await page.locator(roosterjsDriver.root).locator(c.here).click();
  await page.keyboard.press('End');
  await page.keyboard.type(c.typed);
  const step = c.applies[0];
  await waitForHighlight(page, step.name, step.text);
  const before = await roosterjsDriver.content(page);
  await applyWithMouse(page, page, { x: 0, y: 0 }, step);
  const applied = await waitFor(async () => {
    const now = await roosterjsDriver.content(page);
    return now.includes('[day and time]') ? now : null;
  }, { timeoutMs: 10_000, what: 'the rewrite with its placeholder' });
  await page.keyboard.type('Friday'); // one word: roosterjs also makes a step at each space typed
  const typed = await roosterjsDriver.content(page);
  assert.ok(typed.includes(`${step.replaced} Friday`), typed);
  const expectContent = (expected, what) =>
    waitFor(async () => (await roosterjsDriver.content(page)) === expected, { timeoutMs: 10_000, what }).catch(async () => {
      assert.equal(await roosterjsDriver.content(page), expected, what);
    });
  await press(page, 'Control+z');
  await expectContent(applied, 'Ctrl+Z 1 to give back the placeholder');
  await press(page, 'Control+z');
  await expectContent(before, 'Ctrl+Z 2 to give back the draft before the apply');
  assert.deepEqual(page.errors, []);
  await page.close();
});
