/**
 * Gmail: the compose and reply editor.
 *
 * Try it on:
 * - https://mail.google.com/mail/u/0/#inbox?compose=new (new message)
 * - https://mail.google.com/mail/u/0/#inbox/<thread id> then "Reply" (reply with quote)
 * - https://mail.google.com/mail/u/0/#inbox?compose=new with a signature set in Settings
 *
 * The body is a contenteditable `div[g_editable="true"]` (role textbox, "Message Body").
 * The quoted message sits in `.gmail_quote` (newer: `.gmail_quote_container`, with the
 * "On …, … wrote:" line in `.gmail_attr`), the signature in `.gmail_signature`.
 */

import { editorOf, isShown } from './dom-helpers.js';

const EDITOR = 'div[contenteditable="true"][g_editable="true"], div.editable[contenteditable="true"][aria-label="Message Body"]';

export default {
  id: 'gmail',
  hosts: ['mail.google.com'],
  exclude: '.gmail_quote, .gmail_quote_container, .gmail_extra, .gmail_signature, [data-smartmail="gmail_signature"], blockquote',
  stopAt: '',

  detectPage(doc, location) {
    return this.hosts.includes(location.hostname) || doc.querySelector('[g_editable="true"]') !== null;
  },

  findEditors(doc) {
    return [...doc.querySelectorAll(EDITOR)].filter(isShown).map(editorOf);
  },
};
