/**
 * Tactful's own work per keystroke on a 5,000-character Gmail draft, read from the
 * performance marks the content script sets ("tactful:keystroke" for reading the draft
 * and moving findings, "tactful:render" for drawing), and the time from the last
 * keystroke to the first underline with the server on loopback. Printed, not asserted:
 * timing depends on the machine. The tests fail only if the marks or underlines are missing.
 */

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, waitFor } from './harness.js';
import { highlightTexts } from './page-helpers.js';

const SENTENCES = [
  'Thanks for getting in touch about your order.',
  "We've been swamped this week.",
  'I checked the tracking number and the parcel left our warehouse on Monday.',
  'We apologize for any inconvenience this may have caused.',
  'The courier expects to deliver it by Thursday afternoon.',
  'If it has not arrived by then, reply to this email and I will send a replacement straight away.',
  'I guarantee this will never happen again.',
];

let env;
let page;

before(async () => {
  env = await setUp();
  page = await env.open('gmail.html');
});

after(async () => {
  await env?.tearDown();
});

test('per-keystroke work on a 5,000-character draft', async () => {
  const length = await page.locator('[g_editable="true"]').evaluate((editor, sentences) => {
    const paragraphs = [];
    let size = 0;
    for (let i = 0; size < 5000; i++) {
      const text = [0, 1, 2].map((k) => sentences[(i * 3 + k) % sentences.length]).join(' ');
      paragraphs.push(text);
      size += text.length + 2;
    }
    const start = editor.querySelector('#start');
    for (const text of paragraphs) {
      const div = document.createElement('div');
      div.textContent = text;
      const blank = document.createElement('div');
      blank.append(document.createElement('br'));
      start.before(div, blank);
    }
    return paragraphs.join('\n\n').length;
  }, SENTENCES);
  assert.ok(length >= 5000);

  const findingsOnScreen = async () => Object.values(await highlightTexts(page)).flat().length;
  await waitFor(async () => (await findingsOnScreen()) >= 10, { timeoutMs: 20_000, what: 'the review of the long draft' });
  const findings = await findingsOnScreen();

  // Type at the end of the last paragraph, like a writer finishing the reply.
  await page.locator('[g_editable="true"] > div').nth(-6).click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    performance.clearMeasures('tactful:keystroke');
    performance.clearMeasures('tactful:render');
  });
  const typed = ' Please let me know if there is anything else I can do for you today, Anna.';
  await page.keyboard.type(typed, { delay: 15 });
  await new Promise((r) => setTimeout(r, 100));

  const { keystroke, render } = await page.evaluate(() => ({
    keystroke: performance.getEntriesByName('tactful:keystroke').map((e) => e.duration),
    render: performance.getEntriesByName('tactful:render').map((e) => e.duration),
  }));
  assert.ok(keystroke.length >= typed.length, `one keystroke mark per key (${keystroke.length} for ${typed.length})`);
  assert.ok(render.length > 0, 'render marks present');

  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  const perKey = (sum(keystroke) + sum(render)) / typed.length;
  const fmt = (ms) => ms.toFixed(3);
  console.log(
    `Tactful work per keystroke on a ${length.toLocaleString('en')}-character draft with ${findings} underlines: ` +
      `${fmt(perKey)} ms mean (reading + rebasing ${fmt(sum(keystroke) / typed.length)} ms, p95 ${fmt(p95(keystroke))} ms; ` +
      `drawing ${fmt(sum(render) / render.length)} ms per frame over ${render.length} frames) for ${typed.length} keystrokes`,
  );
});

test('time from the last keystroke to underlines, server on loopback', async () => {
  const draft = await env.open('gmail.html');
  const editor = draft.locator('[g_editable="true"]');
  await draft.evaluate(() => {
    window.lastKeyAt = 0;
    document.addEventListener('keydown', () => {
      window.lastKeyAt = performance.now();
    }, true);
  });
  const timeToUnderline = async (text) => {
    await editor.evaluate((el) => {
      el.replaceChildren(document.createElement('div'));
      el.firstChild.append(document.createElement('br'));
    });
    await waitFor(() => draft.evaluate(() => !(CSS.highlights.get('tactful-excuse')?.size > 0)), { timeoutMs: 10_000, what: 'the underlines gone' });
    await editor.click();
    await draft.keyboard.type(text, { delay: 40 });
    return draft.evaluate(() => new Promise((resolve, reject) => {
      const give = setTimeout(() => reject(new Error('no underline within 10 s')), 10_000);
      const tick = () => {
        if (CSS.highlights.get('tactful-excuse')?.size > 0) {
          clearTimeout(give);
          resolve(performance.now() - window.lastKeyAt);
        } else requestAnimationFrame(tick);
      };
      tick();
    }));
  };
  // A new sentence each time, so the server's sentence cache does not answer for it; the draft ends
  // with a full stop (reviewed at once) or mid-sentence (after the short pause).
  const ended = [];
  const unfinished = [];
  for (let i = 1; i <= 5; i++) {
    ended.push(await timeToUnderline(`Hi Anna, about order ${1000 + i}: sorry, we've been swamped this week.`));
    unfinished.push(await timeToUnderline(`Hi Anna, about order ${2000 + i}: sorry, we've been swamped this week`));
  }
  const summary = (times) => {
    const sorted = [...times].sort((a, b) => a - b);
    return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)})`;
  };
  console.log(
    `Time from the last keystroke to underlines (server on loopback, ${ended.length} drafts each): ` +
      `last key a full stop ${summary(ended)}; last key mid-sentence ${summary(unfinished)}`,
  );
  assert.equal(ended.length + unfinished.length, 10);
  await draft.close();
});
