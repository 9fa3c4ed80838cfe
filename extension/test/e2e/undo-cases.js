/**
 * The undo cases every rich editor is tested with: a one-click apply is one undo step in
 * the editor. Ctrl+Z gives back exactly the content before the apply, typing just before
 * it included; Ctrl+Y and Ctrl+Shift+Z redo it.
 *
 * An editor spec passes a driver:
 *   fixture          page under test/e2e/fixtures; sets html[data-editor-ready] once the editor started
 *   frame            selector of the editor's iframe, or null when the editor is in the page
 *   root             selector of the editable root (in the iframe's document, if any)
 *   load(page, html) replaces the content and starts a fresh undo history (a draft just opened)
 *   content(page)    the content as the editor's own API serializes it
 *   redoKeys         the redo shortcuts to press, when not both Ctrl+Y and Ctrl+Shift+Z
 * and an `apply(page, target, offset, step)` that opens the card and applies the first suggestion.
 * The runner uses only what Playwright (Chromium) and puppeteer (Firefox) pages share.
 */

import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { press, setUp, waitFor } from './harness.js';
import { card, highlightCenter, openCardAt, waitForHighlight } from './page-helpers.js';

// (a draft that speaks as "we" gets "we'll have this done by", one that says "I" gets "I'll …")
const EXCUSE = { name: 'tactful-excuse', text: "we've been swamped this week", rule: 'core.excuse.workload', replaced: "'ll have this done by" };
const GUARANTEE = { name: 'tactful-overpromise', text: 'I guarantee this will never happen again', rule: 'core.overpromise.guarantee', replaced: "I'll " };

/**
 * `here` (a selector within the editable root) is where the caret goes, at the end of that
 * element, before typing; `\n` in `typed` is Enter. No ids: most editors drop them.
 */
export const UNDO_CASES = [
  {
    name: 'typed text without Enter',
    html: '<p>Hi Anna,</p><p><br></p><p>Tom</p>',
    here: ':scope > p:nth-child(2)',
    typed: "Sorry, we've been swamped this week. Your order is packed and ready.",
    applies: [EXCUSE],
  },
  {
    name: 'typed text ending with Enter',
    html: '<p>Hi Anna,</p><p><br></p><p>Tom</p>',
    here: ':scope > p:nth-child(2)',
    typed: "Sorry, we've been swamped this week.\n",
    applies: [EXCUSE],
  },
  {
    name: 'an apply inside a list item',
    html: '<p>Hi Anna,</p><ul><li>Your parcel is packed.</li><li><br></li></ul><p>Tom</p>',
    here: 'li:last-child',
    typed: "Sorry, we've been swamped this week.",
    applies: [EXCUSE],
    check: { selector: 'li', contains: EXCUSE.replaced },
  },
  {
    name: 'an apply inside bold text',
    html: '<p>Hi Anna,</p><p><strong>Update:</strong></p><p>Tom</p>',
    here: 'strong, b',
    typed: " Sorry, we've been swamped this week.",
    applies: [EXCUSE],
    check: { selector: 'strong, b', contains: EXCUSE.replaced },
  },
  {
    name: 'two applies, then two undos',
    html: '<p>Hi Anna,</p><p><br></p><p>Tom</p>',
    here: ':scope > p:nth-child(2)',
    typed: "Sorry, we've been swamped this week. I guarantee this will never happen again.",
    applies: [EXCUSE, GUARANTEE],
  },
];

/** Open the card on `step`'s underline and click its first suggestion. */
export async function applyWithMouse(page, target, offset, step) {
  await waitForHighlight(target, step.name, step.text);
  await openCardAt(page, await highlightCenter(target, step.name, step.text, offset), step.rule);
  await card(page).locator('button.suggestion').first().click();
}

/**
 * Put the caret in the finding with a click on its underline, then Alt+Enter (the card opens
 * with focus on the first suggestion) and Enter. Needs no look inside Tactful's closed UI.
 */
export async function applyWithKeyboard(page, target, offset, step) {
  await waitForHighlight(target, step.name, step.text);
  const point = await highlightCenter(target, step.name, step.text, offset);
  await page.mouse.click(point.x, point.y);
  await press(page, 'Alt+Enter');
  await waitFor(() => page.evaluate(() => document.activeElement?.localName === 'tactful-ui'), { timeoutMs: 10_000, what: 'focus in the card' });
  await page.keyboard.press('Enter');
}

/** Wait until the page's editor has started (`html[data-editor-ready]`). */
export function editorReady(page) {
  return waitFor(() => page.evaluate(() => document.documentElement.dataset.editorReady === 'true'), { timeoutMs: 15_000, what: 'the editor to start' });
}

/** Run one case; returns nothing, throws with what differed. */
export async function runUndoCase(env, driver, c, apply = applyWithMouse) {
  const page = await env.open(driver.fixture);
  await editorReady(page);
  await driver.load(page, c.html);
  const target = driver.frame ? page.frames().find((f) => f !== page.mainFrame() && f.parentFrame() === page.mainFrame()) : page;
  const offset = driver.frame ? await (await page.$(driver.frame)).boundingBox() : { x: 0, y: 0 };

  const here = await target.evaluateHandle(([root, sel]) => document.querySelector(root).querySelector(sel), [driver.root, c.here]);
  await here.asElement().click();
  await page.keyboard.press('End');
  await page.keyboard.type(c.typed);

  const befores = [];
  const afters = [];
  for (const step of c.applies) {
    await waitForHighlight(target, step.name, step.text);
    const before = await driver.content(page);
    befores.push(before);
    await apply(page, target, offset, step);
    const after = await waitFor(async () => {
      const now = await driver.content(page);
      return now !== before && now.includes(htmlText(step.replaced)) ? now : null;
    }, { timeoutMs: 10_000, what: `"${step.replaced}" in the editor` });
    afters.push(after);
  }
  if (c.check) {
    const inside = await target.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent), c.check.selector);
    assert.ok(inside.some((t) => t.includes(c.check.contains)), `the rewrite stays in the ${c.check.selector}: ${JSON.stringify(inside)}`);
  }

  const expectContent = async (expected, what) => {
    await waitFor(async () => (await driver.content(page)) === expected, { timeoutMs: 10_000, what }).catch(async () => {
      assert.equal(await driver.content(page), expected, what);
    });
  };
  for (let i = c.applies.length - 1; i >= 0; i--) {
    await press(page, 'Control+z');
    await expectContent(befores[i], `Ctrl+Z ${c.applies.length - i} to give back the content before apply ${i + 1}`);
  }
  const redoKeys = driver.redoKeys ?? ['Control+y', 'Control+Shift+z'];
  for (let i = 0; i < c.applies.length; i++) {
    const keys = redoKeys[i % redoKeys.length];
    await press(page, keys);
    await expectContent(afters[i], `${keys} to redo apply ${i + 1}`);
  }
  await press(page, 'Control+z');
  await expectContent(befores.at(-1), 'Ctrl+Z after the redo');
  await press(page, redoKeys.at(-1));
  await expectContent(afters.at(-1), `${redoKeys.at(-1)} after the undo`);
  assert.deepEqual(page.errors, []);
  await page.close();
}

/**
 * Register every undo case for one editor, as tests named "<label>: <case>", run in the
 * environment `envOf()` gives when they run (set up by the caller's `before`).
 */
export function undoTests(label, driver, envOf, apply = applyWithMouse) {
  for (const c of UNDO_CASES) test(`${label}: ${c.name}`, () => runUndoCase(envOf(), driver, c, apply));
}

/** A spec file's whole suite for one editor in Chromium: its own server, fixtures and browser, and every undo case. */
export function undoSuite(label, driver) {
  let env;
  before(async () => {
    env = await setUp();
  });
  after(async () => {
    await env?.tearDown();
  });
  undoTests(label, driver, () => env);
}

/** How an editor's serialized HTML writes `text` (apostrophes as they are, & < > escaped). */
function htmlText(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
