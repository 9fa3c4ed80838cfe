/**
 * The content script's side of the message protocol. When the extension is reloaded
 * or updated the old content script loses its background: calls then reject with
 * `Disconnected`, and the page is left alone.
 */

import { api } from '../shared/browser-api.js';
import { Msg, message } from '../shared/messages.js';

export class Disconnected extends Error {}

async function send(type, payload) {
  try {
    return await api.runtime.sendMessage(message(type, payload));
  } catch (error) {
    if (!api.runtime?.id || /context invalidated|receiving end does not exist/i.test(String(error?.message))) throw new Disconnected(String(error?.message));
    throw error;
  }
}

export const client = {
  /** @returns {Promise<import('../shared/messages.js').HelloReply>} */
  hello: () => send(Msg.HELLO),
  /** @returns {Promise<import('../shared/messages.js').ReviewReply>} */
  review: (key, text) => send(Msg.REVIEW, { key, text }),
  /** Rule id and action only: feedback never carries text. */
  feedback: (rule, action) => send(Msg.FEEDBACK, { rule, action }).catch(() => {}),
  disableRule: (rule) => send(Msg.DISABLE_RULE, { rule }).catch(() => {}),
};
