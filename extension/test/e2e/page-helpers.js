/**
 * Reading Tactful's work from a page in end-to-end tests: highlight ranges (Custom
 * Highlight API), overlay marks, the card and the badge (open shadow root, which
 * Playwright locators pierce).
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

/** Wait until the highlight `name` covers exactly `text`. */
export async function waitForHighlight(target, name, text, timeoutMs = 15_000) {
  return waitFor(async () => (await highlightTexts(target))[name]?.includes(text), { timeoutMs, what: `${name} on "${text}"` });
}

/** Viewport centre of the first range highlighted as `name` covering `text` (top-page coordinates). */
export async function highlightCenter(target, name, text, frameOffset = { x: 0, y: 0 }) {
  const rect = await target.evaluate(
    ([n, t]) => {
      const range = [...(CSS.highlights.get(n) ?? [])].find((r) => r.toString() === t);
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

export const card = (page) => page.locator('[data-tactful-card]');
export const badge = (page) => page.locator('[data-tactful-badge]').first();

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
