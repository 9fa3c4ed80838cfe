/**
 * Reading Tactful's work from a page in end-to-end tests: highlight ranges (Custom
 * Highlight API) and, inside Tactful's closed shadow root, overlay marks, the card,
 * the badge and the list.
 *
 * The shadow root is closed, so neither the page nor Playwright's locators (which pierce
 * open roots only) can see into it. The tests look from where only the extension can:
 * the content script's isolated world, reached over the DevTools protocol, where
 * `chrome.dom.openOrClosedShadowRoot(host)` returns the root. Nothing is exposed to the
 * page for the tests' sake. Clicks on Tactful's controls are real mouse clicks at the
 * control's position (trusted events), never `element.click()`.
 */

import assert from 'node:assert/strict';
import { waitFor } from './harness.js';

/** Text under each highlighted range, by highlight name, in a page or frame. */
export function highlightTexts(target) {
  return target.evaluate(() => {
    const out = {};
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('tactful-') || name === 'tactful-active') continue;
      const texts = [...highlight].map((r) => r.toString());
      if (texts.length) out[name] = texts;
    }
    return out;
  });
}

/**
 * A finding's span is the clause its rewrite edits: it may take the comma or space before the clause
 * and the full stop after it (", we've been swamped this week."). Ranges are compared without them.
 */
export const clauseText = (s) => s.replace(/^[\s,;:—–-]+|[\s.!?]+$/gu, '');

/** Wait until the highlight `name` covers exactly the clause `text`. */
export async function waitForHighlight(target, name, text, timeoutMs = 15_000) {
  return waitFor(async () => (await highlightTexts(target))[name]?.some((t) => clauseText(t) === clauseText(text)), {
    timeoutMs,
    what: `${name} on "${text}"`,
  });
}

/** Viewport centre of the first range highlighted as `name` covering `text` (top-page coordinates). */
export async function highlightCenter(target, name, text, frameOffset = { x: 0, y: 0 }) {
  const rect = await target.evaluate(
    ([n, t]) => {
      const clause = (s) => s.replace(/^[\s,;:—–-]+|[\s.!?]+$/gu, '');
      const range = [...(CSS.highlights.get(n) ?? [])].find((r) => clause(r.toString()) === clause(t));
      const r = range?.getClientRects()[0];
      return r ? { x: r.left + Math.min(r.width / 2, 40), y: r.top + r.height / 2 } : null;
    },
    [name, text],
  );
  assert.ok(rect, `no ${name} range on "${text}"`);
  return { x: rect.x + frameOffset.x, y: rect.y + frameOffset.y };
}

/** Every highlighted range lies outside the elements matching `selector`. */
export function highlightsOutside(target, selector) {
  return target.evaluate((sel) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('tactful-')) continue;
      for (const range of highlight) {
        const node = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
        if (node.closest(sel)) return false;
      }
    }
    return true;
  }, selector);
}

/** @type {WeakMap<import('playwright-core').Page, Promise<{cdp: import('playwright-core').CDPSession, contexts: Map<number, object>}>>} */
const worlds = new WeakMap();

/** A DevTools session on `page` that tracks its JavaScript contexts (worlds). */
function worldsOf(page) {
  let entry = worlds.get(page);
  if (!entry) {
    entry = (async () => {
      const cdp = await page.context().newCDPSession(page);
      const contexts = new Map();
      cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, context));
      cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
      cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
      await cdp.send('Runtime.enable'); // reports the contexts that already exist
      return { cdp, contexts };
    })();
    worlds.set(page, entry);
  }
  return entry;
}

/**
 * Run `fn(root, arg)` in Tactful's content-script world of `page`'s top frame, where
 * `root` is Tactful's closed shadow root (or null before the UI exists); resolves to
 * what `fn` returns (JSON-serializable). `fn` is sent as source: it sees only its
 * arguments and the content script's globals.
 * @param {import('playwright-core').Page} page
 * @param {Function|string} fn
 * @param {unknown} [arg]
 */
export async function inTactful(page, fn, arg) {
  const { cdp, contexts } = await worldsOf(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const context = await waitFor(
    async () => [...contexts.values()].find((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.origin.startsWith('chrome-extension://')),
    { timeoutMs: 15_000, intervalMs: 50, what: "Tactful's content script world" },
  );
  const expression = `(async () => {
    const host = document.querySelector('tactful-ui');
    const root = host ? chrome.dom.openOrClosedShadowRoot(host) : null;
    return (${fn})(root, ${JSON.stringify(arg ?? null)});
  })()`;
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: context.id, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`in Tactful's world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/**
 * Something like a Playwright locator for elements in Tactful's shadow root: the
 * `index`th element matching `selectors` (each one within the previous, like chained
 * locators). Reads go through `inTactful`; `click()` is a real mouse click.
 */
class UiLocator {
  constructor(page, selectors, index = 0) {
    this.page = page;
    this.selectors = selectors;
    this.index = index;
  }

  locator(selector) {
    return new UiLocator(this.page, [...this.selectors, selector]);
  }

  first() {
    return new UiLocator(this.page, this.selectors, 0);
  }

  nth(index) {
    return new UiLocator(this.page, this.selectors, index);
  }

  /** `op(el, arg)` on the element in Tactful's world; `undefined` when there is none. */
  evaluate(op, arg) {
    return inTactful(
      this.page,
      `(root, a) => {
        const all = root ? [...root.querySelectorAll(a.selector)] : [];
        const el = all.at(a.index);
        return el ? (${op})(el, a.arg) : undefined;
      }`,
      { selector: this.selectors.join(' '), index: this.index, arg },
    );
  }

  /** Like `evaluate`, waiting (up to `timeoutMs`) for the element to exist. */
  async read(op, arg, timeoutMs = 5000) {
    const wrapped = `(el, arg) => ({ value: (${op})(el, arg) })`;
    const found = await waitFor(() => this.evaluate(wrapped, arg), { timeoutMs, intervalMs: 50, what: `${this.selectors.join(' ')} in Tactful's UI` });
    return found.value;
  }

  count() {
    return inTactful(this.page, (root, selector) => (root ? root.querySelectorAll(selector).length : 0), this.selectors.join(' '));
  }

  getAttribute(name) {
    return this.read((el, n) => el.getAttribute(n), name);
  }

  innerText() {
    return this.read((el) => el.innerText);
  }

  focus() {
    return this.read((el) => {
      el.focus();
      return el.getRootNode().activeElement === el;
    });
  }

  async isVisible() {
    return (await this.evaluate((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')) === true;
  }

  /** @param {{state?: 'visible'|'hidden'|'attached'|'detached', timeout?: number}} [options] */
  async waitFor({ state = 'visible', timeout = 30_000 } = {}) {
    const what = `${this.selectors.join(' ')} to be ${state}`;
    const check = {
      visible: () => this.isVisible(),
      hidden: async () => !(await this.isVisible()),
      attached: async () => (await this.evaluate(() => true)) === true,
      detached: async () => (await this.evaluate(() => true)) === undefined,
    }[state];
    await waitFor(check, { timeoutMs: timeout, intervalMs: 50, what });
  }

  /** Viewport box (the shadow host sits at 0,0, fixed), or null. */
  async boundingBox() {
    const box = await this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    return box ?? null;
  }

  /**
   * A real (trusted) click at the element's centre, once it is visible, has stopped
   * moving and is what the pointer would hit there.
   */
  async click({ timeout = 5000 } = {}) {
    let last = null;
    const point = await waitFor(async () => {
      const now = await this.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const hit = el.getRootNode().elementFromPoint(x, y);
        return { x, y, hit: r.width > 0 && r.height > 0 && (hit === el || el.contains(hit)) };
      });
      const steady = now && last && now.x === last.x && now.y === last.y;
      last = now;
      return steady && now.hit ? now : null;
    }, { timeoutMs: timeout, intervalMs: 50, what: `${this.selectors.join(' ')} to be clickable` });
    await this.page.mouse.click(point.x, point.y);
  }
}

/** Elements matching `selector` in Tactful's shadow root of `page`. */
export const ui = (page, selector) => new UiLocator(page, [selector]);
export const card = (page) => ui(page, '[data-tactful-card]');
export const badge = (page) => ui(page, '[data-tactful-badge]').first();
export const panel = (page) => ui(page, '[data-tactful-panel]');

/** The class of the element focused inside Tactful's UI, or null. */
export const focusedInUi = (page) => inTactful(page, (root) => root?.activeElement?.className ?? null);

/** Hover a point and wait for the card to show `rule`. */
export async function openCardAt(page, point, rule) {
  await page.mouse.move(point.x - 5, point.y);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await card(page).waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await card(page).getAttribute('data-rule'), rule);
}

/**
 * Wait until the server's statistics satisfy `check(count)`, where `count(rule, action)`
 * is how much that counter grew since `since` (a `tactful.stats()` snapshot, or none).
 */
export async function waitForStats(tactful, check, what, since = { rules: {} }) {
  return waitFor(async () => {
    const rules = (await tactful.stats()).rules ?? {};
    const count = (rule, action) => (rules[rule]?.[action] ?? 0) - (since.rules?.[rule]?.[action] ?? 0);
    return check(count);
  }, { timeoutMs: 10_000, what });
}
