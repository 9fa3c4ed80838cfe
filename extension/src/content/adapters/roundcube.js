/**
 * Roundcube webmail (self-hosted, so switched on as a custom site): plain-text and
 * HTML compose.
 *
 * Try it on:
 * - https://<your roundcube>/?_task=mail&_action=compose (plain text: `textarea#composebody`)
 * - the same page after choosing "HTML" in the editor type menu (TinyMCE: the body is
 *   `body#tinymce` inside `iframe#composebody_ifr`)
 * - https://<your roundcube>/?_task=mail&_reply_uid=<uid>&_mbox=INBOX&_action=compose (reply)
 *
 * Quoted text: in plain text, "> " lines under "On <date>, <name> wrote:" (handled by
 * the shared plain-text rules) and the signature after "-- "; in HTML, a
 * `blockquote[type="cite"]` and the signature in `#_rc_sig`.
 */

import { editorOf, iframeBodies, isShown } from './dom-helpers.js';

export default {
  id: 'roundcube',
  hosts: [],
  exclude: 'blockquote, [type="cite"], #_rc_sig, .moz-signature, .moz-cite-prefix',
  stopAt: '',

  detectPage(doc) {
    return doc.querySelector('textarea#composebody, iframe#composebody_ifr') !== null;
  },

  findEditors(doc) {
    const editors = [...doc.querySelectorAll('textarea#composebody')].filter(isShown).map(editorOf);
    for (const body of iframeBodies(doc, 'iframe#composebody_ifr')) editors.push(editorOf(body));
    return editors;
  },
};
