/**
 * A switched-on page whose own script is hostile (fixtures/hostile.html). Tactful's
 * shadow root is closed, so the page cannot read the findings (a team pack's messages)
 * or reach the buttons; and every control acts on trusted events only, so clicks and
 * keys a script makes up (even on the buttons themselves) do nothing, while the
 * writer's real clicks and keys still work.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, configure, waitFor } from './harness.js';
import { clauseText, highlightTexts, waitForHighlight, highlightCenter, card, badge, panel, inTactful } from './page-helpers.js';

const EXCUSE = "we've been swamped this week";
const RULE = 'core.excuse.workload';
const DRAFT = `Sorry, ${EXCUSE}. It ships tomorrow.`;

let env;
let page;
const reply = () => page.locator('.reply');
const replyText = () => reply().innerText();
const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));

/** Viewport centres of the elements matching `selector` in Tactful's UI. */
const centres = (selector) =>
  inTactful(page, (root, sel) => [...root.querySelectorAll(sel)].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }), selector);

/** Open the excuse's card with a real click on its underline. */
async function openCard() {
  const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  await page.mouse.click(point.x, point.y);
  await card(page).waitFor({ state: 'visible', timeout: 2000 });
  assert.equal(await card(page).getAttribute('data-rule'), RULE);
}

/** Nothing the writer did not do happened: same text, same underline, nothing told to the server. */
async function assertUntouched(stats) {
  assert.equal(await replyText(), DRAFT, 'the draft is unchanged');
  assert.deepEqual((await highlightTexts(page))['tactful-excuse']?.map(clauseText), [clauseText(EXCUSE)], 'the finding is still there');
  const rules = (await env.tactful.stats()).rules ?? {};
  for (const action of ['applied', 'dismissed', 'disabled']) {
    assert.equal(rules[RULE]?.[action] ?? 0, stats.rules?.[RULE]?.[action] ?? 0, `no "${action}" feedback`);
  }
  const stored = await env.browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings.disabledRules ?? []);
  assert.deepEqual(stored, [], 'no rule turned off');
}

before(async () => {
  env = await setUp();
  page = await env.open('hostile.html');
  await reply().click();
  await page.keyboard.type(DRAFT);
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  await waitFor(async () => (await badge(page).getAttribute('data-status')) === 'ok', { what: 'the review' });
});

after(async () => {
  await env?.tearDown();
});

test('the page cannot read the card: the shadow root is closed', async () => {
  await openCard();
  const message = await card(page).locator('.message').innerText();
  assert.ok(message.length > 10, `the card shows the finding's message (${message})`);
  const seen = await page.evaluate((secret) => window.hostile.peek(secret), message);
  assert.deepEqual(seen, {
    hostFound: true,
    shadowRoot: null,
    hostChildren: 0,
    hostText: '',
    cardInDocument: false,
    secretInText: false,
    secretInSelection: false,
    activeElement: 'DIV',
  });
});

test("a page script cannot press the card's buttons or keys", async () => {
  const stats = await env.tactful.stats();
  const points = [...(await centres('[data-tactful-card] button')), ...(await centres('[data-tactful-badge]'))];
  assert.ok(points.length >= 4, 'suggestions, Dismiss, Turn off this rule, and the badge');

  assert.equal(await page.evaluate(() => window.hostile.pressEveryButton()), 0, 'no button reachable through host.shadowRoot');
  const hit = await page.evaluate((p) => window.hostile.clickAt(p), points);
  assert.deepEqual([...new Set(hit)], ['TACTFUL-UI'], 'elementFromPoint gives the page only the host');
  await page.evaluate(() => window.hostile.pressKeys());
  await settle();

  await assertUntouched(stats);
  assert.equal(await card(page).isVisible(), true, 'the card is still open');
  assert.equal(await card(page).getAttribute('data-rule'), RULE);
  assert.equal(await panel(page).isVisible(), false, 'the list did not open');
});

test('untrusted clicks and keys do nothing even on the buttons themselves', async () => {
  // A script holding the elements (here: from the content script's world, which has
  // the root) dispatches events on them: isTrusted is false, so every handler ignores them.
  const stats = await env.tactful.stats();
  const fake = (root, { selector, keys }) => {
    const fire = (el) => {
      for (const type of ['mousedown', 'mouseup', 'click']) el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, detail: 1 }));
      el.click();
    };
    const targets = [...root.querySelectorAll(selector)];
    for (const el of targets) fire(el);
    for (const key of keys) {
      for (const el of [root.activeElement, ...targets].filter(Boolean)) {
        el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      }
    }
    return targets.length;
  };

  const onCard = await inTactful(page, fake, { selector: '[data-tactful-card] button, [data-tactful-badge]', keys: ['ArrowDown', 'Enter', 'Escape'] });
  assert.ok(onCard >= 4);
  await settle();
  await assertUntouched(stats);
  assert.equal(await card(page).isVisible(), true, 'the card is still open');
  assert.equal(await panel(page).isVisible(), false, 'the badge did not open the list');

  // The list, opened by a real click on the badge: its entries, "Fix all" and "Close".
  await badge(page).click();
  await panel(page).waitFor({ state: 'visible', timeout: 2000 });
  assert.equal(await card(page).isVisible(), false, 'opening the list closed the card');
  const onList = await inTactful(page, fake, { selector: '[data-tactful-panel] button', keys: ['ArrowDown', 'Enter', 'Escape'] });
  assert.ok(onList >= 3, 'an entry, Fix all and Close');
  await settle();
  await assertUntouched(stats);
  assert.equal(await panel(page).isVisible(), true, 'the list is still open');
  assert.equal(await card(page).isVisible(), false, 'no entry opened its card');

  // The writer's own Escape (in the draft) closes it.
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden', timeout: 2000 });
});

test("the writer's shortcut and clicks, faked at the editor by the page, open nothing", async () => {
  // Put the caret in the excuse with a real click, and close its card with a real Escape.
  await openCard();
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden', timeout: 2000 });
  // The writer's real mouse leaves the underline: a pointer resting on it may be sent a real (trusted) mouse
  // event when the layout under it changes, and that hover would rightly open the card.
  await page.mouse.move(5, 5);

  const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  await page.evaluate((p) => window.hostile.driveEditor(p), point);
  await settle(); // longer than the hover delay
  assert.equal(await card(page).isVisible(), false, 'no card from a fake Alt+Enter, mousemove or click');
  assert.equal(await panel(page).isVisible(), false);

  // The real shortcut works.
  await page.keyboard.press('Alt+Enter');
  await card(page).waitFor({ state: 'visible', timeout: 2000 });
  assert.equal(await card(page).getAttribute('data-rule'), RULE);
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden', timeout: 2000 });
  assert.equal(await replyText(), DRAFT);
});

test("a real click still turns the rule off, and the page's listeners see only the host", async () => {
  const stats = await env.tactful.stats();
  await page.evaluate(() => {
    window.hostile.seen.length = 0;
  });
  await openCard();
  await card(page).locator('[data-action="disable"]').click();
  await waitFor(async () => !(await highlightTexts(page))['tactful-excuse'], { timeoutMs: 10_000, what: 'the underline to go' });
  await waitFor(async () => {
    const rules = (await env.tactful.stats()).rules ?? {};
    return (rules[RULE]?.disabled ?? 0) - (stats.rules?.[RULE]?.disabled ?? 0) === 1;
  }, { timeoutMs: 10_000, what: 'the rule disabled on the server' });

  const seen = await page.evaluate(() => window.hostile.seen);
  const fromUi = seen.filter((e) => e.path.includes('TACTFUL-UI'));
  assert.deepEqual(fromUi.map((e) => e.type).filter((t) => t !== 'focusin'), ['mousedown', 'click'], JSON.stringify(seen));
  for (const event of fromUi) assert.deepEqual(event.path, ['TACTFUL-UI', 'HTML'], `${event.type}: the page sees the host, nothing inside it`);
  assert.deepEqual(page.errors, []);
  await configure(env.browser.worker, { disabledRules: [] });
});
