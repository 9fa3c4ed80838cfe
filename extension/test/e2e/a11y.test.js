/**
 * Accessibility and zoom: the card at 200% browser zoom (flips above the line, or fits the
 * window and scrolls inside), CSS `zoom` on the page (underlines and card on their words),
 * Escape and Tab with the card and the list, the dark theme, the badge beside a short editor,
 * and an axe-core audit of Tactful's own UI (card and list open, light and dark).
 *
 * axe runs where Tactful's UI can be seen: the content script's isolated world (the shadow
 * root is closed, so axe in the page would audit nothing of it). Its source is evaluated
 * there over the DevTools protocol, from node_modules; nothing is fetched.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setUp, EXTENSION_DIR, RESULTS_DIR, waitFor } from './harness.js';
import { waitForHighlight, highlightCenter, card, badge, panel, ui, inTactful, focusedInUi, openCardAt } from './page-helpers.js';

const EXCUSE = "we've been swamped this week";
const REMOVABLE = 'Your call is important to us.';
const DRAFT = `Sorry, ${EXCUSE}. ${REMOVABLE}`;
const PROMISE = 'I guarantee it will be fixed today.';

let env;
let axeSource;

before(async () => {
  env = await setUp();
  axeSource = await readFile(path.join(EXTENSION_DIR, 'node_modules/axe-core/axe.min.js'), 'utf8');
});

after(async () => {
  await env?.tearDown();
});

/** Open the fixture, type the draft into `selector`, and wait for the excuse to be found. */
async function openWithDraft(query = '', selector = '.reply', draft = DRAFT, findings = 2) {
  const page = await env.open(`a11y-editors.html${query}`);
  await page.locator(selector).click();
  await page.keyboard.type(draft);
  const own = editorBadge(page, selector);
  const counted = new RegExp(`\\b${findings} findings?\\b`);
  await waitFor(async () => (await own.getAttribute('data-status')) === 'ok' && counted.test(await own.getAttribute('aria-label')), { timeoutMs: 15_000, what: `a review with ${findings} findings` });
  return page;
}

/** The badge of one of the fixture's editors (one session each, in page order). */
const editorBadge = (page, selector) => ui(page, '[data-tactful-badge]').nth(['.reply', '#plain', '.short'].indexOf(selector));

/**
 * Browser zoom (what Ctrl+plus does) for the tab showing `page` only (not its whole origin, so
 * the other tests' pages keep 100%), set from the extension's background.
 */
async function browserZoom(page, factor) {
  const url = page.url();
  await env.browser.worker.evaluate(async ([u, f]) => {
    const [tab] = await chrome.tabs.query({ url: u });
    await chrome.tabs.setZoomSettings(tab.id, { scope: 'per-tab' });
    await chrome.tabs.setZoom(tab.id, f);
  }, [url, factor]);
  await waitFor(async () => Math.abs((await page.evaluate(() => devicePixelRatio)) - factor) < 0.01, { timeoutMs: 10_000, what: `zoom ${factor}` });
}

/** Every button of the open card: its box, and whether it is the element at its centre. */
function cardButtons(page) {
  return inTactful(page, (root) => {
    const cardEl = root.querySelector('[data-tactful-card]');
    return [...cardEl.querySelectorAll('button')].map((b) => {
      const r = b.getBoundingClientRect();
      const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { text: b.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, hit: hit === b || b.contains(hit) };
    });
  });
}

const inViewport = (box, vw, vh) => box.top >= 0 && box.left >= 0 && box.bottom <= vh && box.right <= vw;

/** axe-core on Tactful's UI, in the content script's world; returns the result summarised. */
async function audit(page) {
  const loaded = await inTactful(page, `(root) => {\n${axeSource}\n;return typeof axe.run;\n}`);
  assert.equal(loaded, 'function');
  return inTactful(page, async (root) => {
    const host = document.querySelector('tactful-ui');
    // axe walks shadow roots through `element.shadowRoot`, which a closed root hides; this
    // world holds the root, so it is lent to axe here. And axe lays out what it checks for
    // colour contrast from `document.body` down, while Tactful's host hangs from <html>: axe is
    // shown the host as the body. Both only on this world's wrappers; the page sees neither.
    Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => root });
    Object.defineProperty(document, 'body', { configurable: true, get: () => host });
    try {
      const result = await axe.run(host, { resultTypes: ['violations', 'passes', 'incomplete'] });
      const nodes = (rule) => rule.nodes.map((n) => `${n.target.flat().join(' > ')}: ${n.failureSummary ?? ''}`);
      return {
        violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: nodes(v) })),
        passes: Object.fromEntries(result.passes.map((p) => [p.id, p.nodes.length])),
        incomplete: result.incomplete.map((v) => ({ id: v.id, nodes: nodes(v) })),
      };
    } finally {
      delete host.shadowRoot;
      delete document.body;
    }
  });
}

test('at 200% browser zoom the card above an underline near the bottom shows every button', async () => {
  const page = await openWithDraft('?spacer=250');
  await browserZoom(page, 2);
  const { vw, vh } = await page.evaluate(() => ({ vw: innerWidth, vh: innerHeight }));
  assert.equal(vw, 640, 'the window is 640 CSS pixels wide at 200%');
  const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  assert.ok(point.y > vh - 120, `the underline is near the bottom (${point.y} of ${vh})`);
  await openCardAt(page, point, 'core.excuse.workload');
  const box = await card(page).boundingBox();
  await page.screenshot({ path: path.join(RESULTS_DIR, 'a11y-zoom-200.png') });
  assert.ok(box.y >= 0 && box.y + box.height <= vh, `the card is inside the window: ${JSON.stringify(box)}, height ${vh}`);
  assert.ok(box.y + box.height <= point.y, 'the card flipped above the underline');
  const buttons = await cardButtons(page);
  assert.ok(buttons.length >= 3, 'suggestion, Dismiss and Turn off');
  for (const b of buttons) assert.ok(inViewport(b, vw, vh) && b.hit, `${b.text} is on screen and clickable: ${JSON.stringify(b)}`);
  await page.close();
});

test('at 200% zoom in a low window the card fits the window and scrolls inside to its last button', async () => {
  // An overpromise: its card has three suggestions.
  const page = await openWithDraft('', '.reply', PROMISE, 1);
  await page.setViewportSize({ width: 1280, height: 360 });
  await browserZoom(page, 2);
  const { vw, vh } = await page.evaluate(() => ({ vw: innerWidth, vh: innerHeight }));
  // The caret into the promise, then Alt+Enter: the card opens with focus on its first suggestion.
  const point = await highlightCenter(page, 'tactful-overpromise', PROMISE);
  await page.mouse.click(point.x, point.y);
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden' });
  await page.keyboard.press('Alt+Enter');
  await card(page).waitFor({ state: 'visible' });
  assert.equal(await focusedInUi(page), 'suggestion');
  const box = await card(page).boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= vh + 0.5, `the card is inside the window: ${JSON.stringify(box)}, height ${vh}`);
  const scroll = await card(page).evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
  assert.ok(scroll.scrollHeight > scroll.clientHeight, `the card is taller than the room and scrolls (${JSON.stringify(scroll)})`);
  await page.screenshot({ path: path.join(RESULTS_DIR, 'a11y-zoom-200-low.png') });
  const last = (await cardButtons(page)).at(-1);
  assert.ok(!inViewport(last, vw, vh) || !last.hit, `the last button starts out of view: ${JSON.stringify({ last, box, vh })}`);

  // The mouse wheel over the card scrolls the card (not the page) down to its last button.
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  const pageScroll = await page.evaluate(() => scrollY);
  // Wheel events are handled asynchronously and a loaded machine can drop the
  // first one: keep turning the wheel over the card until the last button shows.
  await waitFor(async () => {
    const b = (await cardButtons(page)).at(-1);
    if (inViewport(b, vw, vh) && b.hit) return true;
    await page.mouse.wheel(0, 200);
    return false;
  }, { timeoutMs: 15_000, intervalMs: 250, what: 'the last button scrolled into view' });
  assert.equal(await page.evaluate(() => scrollY), pageScroll, 'the page did not scroll');

  // From the keyboard, every button comes into view as focus reaches it (ArrowDown goes round).
  await card(page).evaluate((el) => {
    el.scrollTop = 0;
  });
  const count = (await cardButtons(page)).length;
  for (let i = 1; i <= count; i++) {
    await page.keyboard.press('ArrowDown');
    const focused = await inTactful(page, (root) => {
      const r = root.activeElement.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: root.activeElement.textContent };
    });
    assert.ok(inViewport(focused, vw, vh), `button ${i} (${focused.text}) is in view when focused: ${JSON.stringify(focused)}`);
  }
  await page.close();
});

for (const on of ['html', 'body']) {
  test(`CSS zoom on the ${on}: textarea underlines and the card sit on their words`, async () => {
    const page = await openWithDraft(`?zoom=2&zoomon=${on}`, '#plain');
    const textarea = page.locator('#plain');
    const mark = ui(page, '.mark[data-rule="core.excuse.workload"]').first();
    await mark.waitFor({ state: 'attached', timeout: 15_000 });
    const box = await mark.boundingBox();
    // Where the page draws the excuse: a copy of the textarea's text at the textarea's place, in the same zoom.
    const expected = await textarea.evaluate((ta, phrase) => {
      const cs = getComputedStyle(ta);
      const probe = document.createElement('div');
      for (const p of ['font', 'lineHeight', 'padding', 'border', 'boxSizing', 'width', 'letterSpacing']) probe.style[p] = cs[p];
      Object.assign(probe.style, { position: 'absolute', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', visibility: 'hidden', left: `${ta.offsetLeft}px`, top: `${ta.offsetTop}px`, margin: '0' });
      const start = ta.value.indexOf(phrase);
      probe.append(ta.value.slice(0, start));
      const span = probe.appendChild(document.createElement('span'));
      span.textContent = phrase;
      ta.offsetParent.append(probe);
      const r = span.getClientRects()[0];
      probe.remove();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    }, EXCUSE);
    assert.ok(Math.abs(box.x - expected.x) < 3 && Math.abs(box.y - expected.y) < 3, `mark at ${JSON.stringify(box)}, text at ${JSON.stringify(expected)}`);
    assert.ok(box.width >= expected.width - 3 && box.width < expected.width + 20, `mark as wide as the words: ${box.width} vs ${expected.width}`);
    assert.ok(Math.abs(box.height - expected.height) < 3);

    // The card opens under the words (not at twice their coordinates), and its text is not zoomed twice.
    await openCardAt(page, { x: box.x + 20, y: box.y + box.height / 2 }, 'core.excuse.workload');
    const cardBox = await card(page).boundingBox();
    assert.ok(Math.abs(cardBox.x - box.x) < 3, `card left ${cardBox.x}, words at ${box.x}`);
    assert.ok(cardBox.y >= box.y + box.height && cardBox.y - (box.y + box.height) < 12, `card top ${cardBox.y}, line bottom ${box.y + box.height}`);
    assert.ok(cardBox.width <= 345, `the card keeps its size (${cardBox.width}px wide)`);

    // The badge sits inside the textarea's bottom-right corner.
    const taBox = await textarea.boundingBox();
    const badgeBox = await ui(page, '[data-tactful-badge]').nth(1).boundingBox();
    assert.ok(badgeBox.x + badgeBox.width <= taBox.x + taBox.width && badgeBox.y + badgeBox.height <= taBox.y + taBox.height && badgeBox.x >= taBox.x && badgeBox.y >= taBox.y,
      `badge ${JSON.stringify(badgeBox)} inside the textarea ${JSON.stringify(taBox)}`);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'a11y-css-zoom.png') });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test(`CSS zoom on the ${on}: the card of a contenteditable underline opens at the words`, async () => {
    const page = await openWithDraft(`?zoom=2&zoomon=${on}`);
    const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
    const line = await page.evaluate((text) => {
      const range = [...CSS.highlights.get('tactful-excuse')].find((r) => r.toString().includes(text));
      const r = range.getClientRects()[0];
      return { left: r.left, bottom: r.bottom };
    }, EXCUSE);
    await openCardAt(page, point, 'core.excuse.workload');
    const cardBox = await card(page).boundingBox();
    assert.ok(Math.abs(cardBox.x - line.left) < 3, `card left ${cardBox.x}, words at ${line.left}`);
    assert.ok(cardBox.y >= line.bottom && cardBox.y - line.bottom < 12, `card top ${cardBox.y}, line bottom ${line.bottom}`);
    await page.close();
  });
}

test('a card opened by hover closes on Escape while focus is elsewhere on the page', async () => {
  const page = await openWithDraft();
  await page.locator('#before').focus();
  const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  await openCardAt(page, point, 'core.excuse.workload');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'before');
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden', timeout: 1000 });
  await page.close();
});

test('Escape in the findings list returns focus to the draft', async () => {
  const page = await openWithDraft();
  await badge(page).focus();
  await page.keyboard.press('Enter');
  await panel(page).waitFor({ state: 'visible' });
  assert.equal(await focusedInUi(page), 'item');
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden', timeout: 1000 });
  assert.equal(await focusedInUi(page), null, 'focus left Tactful');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'reply');
  // The caret is back where it was: typing goes on at the end of the draft.
  await page.keyboard.type(' Bye.');
  assert.ok((await page.locator('.reply').innerText()).endsWith(`${REMOVABLE} Bye.`));
  await page.close();
});

test('the card closes when Tab leaves it and when its finding scrolls out of view', async () => {
  const page = await openWithDraft();
  const point = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  await page.mouse.click(point.x, point.y);
  await card(page).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden' });
  await page.keyboard.press('Alt+Enter');
  await card(page).waitFor({ state: 'visible' });
  assert.equal(await focusedInUi(page), 'suggestion');
  await page.keyboard.press('Shift+Tab'); // from the first button, out of the card
  await card(page).waitFor({ state: 'hidden', timeout: 1000 });
  assert.ok(!['suggestion', 'plain'].includes(await focusedInUi(page)), 'focus is out of the card');

  // Lines after the excuse, so the editor scrolls; the card of a click stays until its words leave the view.
  await page.locator('.reply').click();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 14; i++) await page.keyboard.press('Enter');
  await page.keyboard.type('Best, Tom');
  await page.locator('.reply').evaluate((el) => {
    el.scrollTop = 0;
  });
  const again = await highlightCenter(page, 'tactful-excuse', EXCUSE);
  await page.mouse.click(again.x, again.y);
  await card(page).waitFor({ state: 'visible' });
  await page.locator('.reply').evaluate((el) => {
    el.scrollTop = 6;
  });
  await page.waitForTimeout(200);
  assert.ok(await card(page).isVisible(), 'the words are still in view: the card stays');
  await page.mouse.wheel(0, 600);
  await card(page).waitFor({ state: 'hidden', timeout: 2000 });
  await page.close();
});

test('the badge of a short editor does not cover its last line', async () => {
  const page = await env.open('a11y-editors.html');
  await page.locator('.short').click();
  await page.keyboard.type(`Sorry, ${EXCUSE}. We will look into it and write back to you with the answer today.`);
  const shortBadge = ui(page, '[data-tactful-badge]').nth(2);
  await waitFor(async () => (await shortBadge.getAttribute('data-status')) === 'ok', { timeoutMs: 15_000, what: 'the short editor reviewed' });
  await waitForHighlight(page, 'tactful-excuse', EXCUSE);
  const lines = await page.locator('.short').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return [...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
  });
  const b = await shortBadge.boundingBox();
  const box = { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
  assert.ok(lines.length >= 2, 'the text wraps to a second line');
  for (const r of lines) {
    const overlap = box.left < r.right && r.left < box.right && box.top < r.bottom && r.top < box.bottom;
    assert.ok(!overlap, `badge ${JSON.stringify(box)} covers text at ${JSON.stringify(r)}`);
  }
  const editor = await page.locator('.short').boundingBox();
  assert.ok(Math.abs(box.right - (editor.x + editor.width - 8)) < 2 && box.top >= editor.y + editor.height, `right-aligned with the editor ${JSON.stringify(editor)}, just below it: ${JSON.stringify(box)}`);
  await page.close();
});

test('a deletion suggestion is named for what it removes', async () => {
  const page = await openWithDraft();
  const point = await highlightCenter(page, 'tactful-scripted', REMOVABLE);
  await page.mouse.click(point.x, point.y);
  await card(page).waitFor({ state: 'visible' });
  const named = await card(page).locator('button.suggestion').evaluate((el) => ({ label: el.getAttribute('aria-label'), text: el.textContent }));
  assert.equal(named.label, null, 'the name comes from the content');
  assert.match(named.text, /^Remove it: remove “Your call is important to us\.?”\(remove\)$/);
  assert.equal(await card(page).locator('.replacement').innerText(), '(remove)');
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations in Tactful's UI (${scheme}): card open, list open`, async () => {
    const page = await openWithDraft(scheme === 'dark' ? '?scheme=dark' : '');
    if (scheme === 'dark') await page.emulateMedia({ colorScheme: 'dark' });
    // The card of the deletion, so both kinds of suggestion are audited (the excuse's is an ETA).
    const point = await highlightCenter(page, 'tactful-scripted', REMOVABLE);
    await page.mouse.click(point.x, point.y);
    await card(page).waitFor({ state: 'visible' });
    const background = await card(page).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(background, scheme === 'dark' ? 'rgb(17, 24, 39)' : 'rgb(255, 255, 255)', `the ${scheme} theme`);
    await page.screenshot({ path: path.join(RESULTS_DIR, `a11y-card-${scheme}.png`) });
    const withCard = await audit(page);
    assert.deepEqual(withCard.violations, [], `axe with the card open (${scheme})`);
    // The audit saw the UI: the card's buttons and dialog were checked.
    assert.ok(withCard.passes['button-name'] >= 4, `buttons audited: ${JSON.stringify(withCard.passes)}`);
    assert.ok(withCard.passes['color-contrast'] >= 4, `contrast of the card's text audited: ${JSON.stringify(withCard)}`);
    assert.ok(withCard.passes['aria-dialog-name'] >= 1, 'the dialog audited');

    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'hidden' });
    await badge(page).focus();
    await page.keyboard.press('Enter');
    await panel(page).waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(RESULTS_DIR, `a11y-list-${scheme}.png`) });
    const withList = await audit(page);
    assert.deepEqual(withList.violations, [], `axe with the list open (${scheme})`);
    assert.ok(withList.passes['button-name'] >= 4, `list buttons audited: ${JSON.stringify(withList.passes)}`);
    assert.ok(withList.passes['label-content-name-mismatch'] >= 1, 'the badge\'s name checked against its text');
    await page.close();
  });
}
