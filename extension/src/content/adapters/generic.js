/**
 * Any other site the user switches Tactful on for: every sizeable `textarea`, every
 * contenteditable root, and editable bodies of same-origin iframes (CKEditor 4,
 * older TinyMCE). Used only on pages no site adapter recognises.
 *
 * Try it on:
 * - https://github.com/<owner>/<repo>/issues/new (textarea)
 * - https://www.zendesk.com/ agent workspace, https://app.helpscout.net/ (contenteditable)
 * - any page with `<textarea rows="8">` or `<div contenteditable>`
 */

import { editorOf, iframeBodies, isShown } from './dom-helpers.js';

const MIN_HEIGHT = 40;

export default {
  id: 'generic',
  hosts: [],
  exclude: 'blockquote, .gmail_quote, [type="cite"], .moz-cite-prefix, .moz-signature, [class*="signature" i], [id*="signature" i]',
  stopAt: '',

  detectPage() {
    return true;
  },

  findEditors(doc) {
    const found = [];
    for (const el of doc.querySelectorAll('textarea, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) {
      if (el.nodeName === 'TEXTAREA' ? el.readOnly || el.disabled : el.parentElement?.isContentEditable) continue;
      if (!isShown(el) || el.getBoundingClientRect().height < MIN_HEIGHT) continue;
      found.push(editorOf(el));
    }
    for (const body of iframeBodies(doc, 'iframe')) found.push(editorOf(body));
    return found;
  },
};
