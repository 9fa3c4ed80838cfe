/**
 * The authored part of a draft: the editor's text minus quoted text and signature,
 * with the offset map that leads each character back to the editor.
 */

import { extractHtml } from './extract-html.js';
import { extractPlain } from './extract-plain.js';
import { excludedRanges } from './quoted-text.js';

/**
 * @param {{kind: 'textarea'|'contenteditable', element: Element}} editor
 * @param {{exclude?: string, stopAt?: string}} rules the site adapter's selectors
 */
export function readDraft(editor, rules = {}) {
  const map = editor.kind === 'textarea' ? extractPlain(editor.element.value) : extractHtml(editor.element, rules);
  return map.without(excludedRanges(map.text, map.quoteGaps));
}
