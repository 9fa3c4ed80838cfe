/** Text of a textarea with its offset map: the value itself, one to one. */

import { TextMap } from './text-map.js';

/** @param {string} value a textarea's value */
export function extractPlain(value) {
  const segments = value ? [{ start: 0, length: value.length, node: null, from: 0, to: value.length }] : [];
  return new TextMap(value, segments);
}
