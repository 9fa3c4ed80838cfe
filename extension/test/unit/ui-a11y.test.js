import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeCard } from '../../src/content/ui/card.js';
import { badgePlace } from '../../src/content/ui/badge.js';
import { categoryColor, DARK_BACKGROUND } from '../../src/content/ui/styles.js';
import { luminance } from '../../src/content/ui/ui-root.js';
import { CATEGORIES } from '../../src/shared/categories.js';

const rgb = (hex) => hex.match(/[0-9a-f]{2}/gi).map((h) => parseInt(h, 16));
const contrast = (a, b) => {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const line = (top) => ({ left: 100, right: 200, top, bottom: top + 20 });

test('every underline and dot colour has 3:1 against white and the dark theme', () => {
  for (const id of [...Object.keys(CATEGORIES), 'other']) {
    const color = categoryColor(id);
    assert.ok(contrast(color, '#ffffff') >= 3, `${id} ${color} on white: ${contrast(color, '#ffffff').toFixed(2)}`);
    assert.ok(contrast(color, DARK_BACKGROUND) >= 3, `${id} ${color} on ${DARK_BACKGROUND}: ${contrast(color, DARK_BACKGROUND).toFixed(2)}`);
  }
});

test('the card goes below the line when it fits there', () => {
  assert.deepEqual(placeCard(line(100), { width: 340, height: 200 }, { width: 1280, height: 800 }), { left: 100, top: 126, maxHeight: 800 - 8 - 126 });
});

test('the card flips above a line near the bottom of the window', () => {
  const place = placeCard(line(350), { width: 340, height: 200 }, { width: 640, height: 400 });
  assert.equal(place.top + 200, 350 - 6);
  assert.ok(place.top >= 8);
});

test('a card taller than either side takes the roomier one, stays inside the window and scrolls', () => {
  const viewport = { width: 640, height: 180 };
  const place = placeCard(line(60), { width: 340, height: 300 }, viewport);
  assert.ok(place.top >= 8 && place.top + place.maxHeight <= viewport.height - 8, JSON.stringify(place));
  assert.ok(place.maxHeight < 300 && place.maxHeight >= 120);
  // Taller than the whole window: the window's height, less the margins.
  const tiny = placeCard(line(40), { width: 340, height: 300 }, { width: 640, height: 100 });
  assert.deepEqual([tiny.top, tiny.maxHeight], [8, 84]);
});

test('the card stays inside the window sideways', () => {
  assert.equal(placeCard({ left: 600, right: 630, top: 10, bottom: 30 }, { width: 340, height: 100 }, { width: 640, height: 400 }).left, 640 - 340 - 8);
  assert.equal(placeCard({ left: -20, right: 30, top: 10, bottom: 30 }, { width: 340, height: 100 }, { width: 640, height: 400 }).left, 8);
});

test('the badge sits inside a tall editor and outside a short one', () => {
  const size = { width: 80, height: 24 };
  const tall = { left: 0, top: 0, right: 600, bottom: 300, width: 600, height: 300 };
  assert.deepEqual(badgePlace(tall, size, 800), { left: 512, top: 268 });
  const short = { left: 0, top: 100, right: 600, bottom: 150, width: 600, height: 50 };
  assert.deepEqual(badgePlace(short, size, 800), { left: 512, top: 154 }, 'below');
  assert.deepEqual(badgePlace({ ...short, top: 740, bottom: 790 }, size, 800), { left: 512, top: 712 }, 'above, at the bottom of the window');
  // A tall editor scrolled mostly out of view keeps its badge inside.
  assert.deepEqual(badgePlace(short, size, 800, 400), { left: 512, top: 118 });
});
