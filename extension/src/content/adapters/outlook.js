/**
 * Outlook on the web (Microsoft 365 and outlook.com): compose, reply and forward.
 *
 * Try it on:
 * - https://outlook.office.com/mail/deeplink/compose (new message, work account)
 * - https://outlook.office365.com/mail/inbox then "Reply" on a message
 * - https://outlook.live.com/mail/0/deeplink/compose (personal account)
 *
 * The body is a contenteditable `div` with role "textbox" and an aria-label starting
 * "Message body". A reply puts an empty `#appendonsend` marker, an `<hr>`, the header
 * block `#divRplyFwdMsg` (From/Sent/To/Subject) and the quoted message after the
 * writer's text: everything from the marker on is left out. Signatures are `#Signature`.
 */

import { editorOf, isShown } from './dom-helpers.js';

const EDITOR = 'div[contenteditable="true"][aria-label^="Message body"], div[contenteditable="true"][role="textbox"][id^="editorParent"]';

export default {
  id: 'outlook',
  hosts: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
  exclude: '#Signature, #signature, [id^="Signature"], [id^="x_Signature"], blockquote',
  stopAt: '#appendonsend, #divRplyFwdMsg, [id^="divRplyFwdMsg"], [id^="x_divRplyFwdMsg"]',

  detectPage(doc, location) {
    return this.hosts.includes(location.hostname) || doc.querySelector('div[contenteditable="true"][aria-label^="Message body"]') !== null;
  },

  findEditors(doc) {
    return [...doc.querySelectorAll(EDITOR)].filter(isShown).map(editorOf);
  },
};
