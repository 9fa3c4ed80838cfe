/**
 * What the background answers to each message of the protocol. Content scripts get
 * reviews and send feedback; only the extension's own pages read or change settings.
 */

import { Msg, FEEDBACK_ACTIONS } from '../shared/messages.js';
import { isOriginEnabled } from '../shared/sites.js';
import { callServer, ServerError } from './server-client.js';
import { loadSettings, saveSettings } from './settings.js';
import { ReviewQueue } from './review-queue.js';

// How long after the last keystroke a draft is reviewed: mid-sentence, and just after a sentence
// or line ends. A review takes a few milliseconds on the server (it caches sentences it has seen),
// and a newer request for the same editor cancels the one in flight.
const DEBOUNCE_MS = 200;
const SENTENCE_END_MS = 50;
const SAMPLE_DRAFT = "Hi Anna,\n\nSorry for the delay, we've been swamped this week.\n\nTom";

const reviews = new ReviewQueue();

/** @type {Record<string, (message: any, sender: chrome.runtime.MessageSender) => Promise<unknown>>} */
export const handlers = {
  async [Msg.HELLO](_message, sender) {
    const settings = await loadSettings();
    return { enabled: isOriginEnabled(settings, senderOrigin(sender)), debounceMs: DEBOUNCE_MS, sentenceEndMs: SENTENCE_END_MS };
  },

  async [Msg.REVIEW]({ key, text }, sender) {
    const settings = await loadSettings();
    if (!isOriginEnabled(settings, senderOrigin(sender))) return { status: 'error', detail: 'Tactful is off for this site.' };
    if (typeof text !== 'string') return { status: 'error', detail: 'No text to review.' };
    const body = { text };
    if (settings.pack) body.pack = settings.pack;
    if (settings.disabledRules.length) body.disabledRules = settings.disabledRules;
    return reviews.run(`${sender.tab?.id}:${sender.frameId ?? 0}:${key}`, async (signal) => {
      try {
        const { body: answer } = await callServer(settings, '/v1/review', { method: 'POST', body, signal });
        const disabled = new Set(settings.disabledRules);
        const findings = (answer?.findings ?? []).filter((f) => !disabled.has(f.rule));
        return { status: 'ok', findings, summary: answer?.summary ?? {}, pack: answer?.pack ?? null };
      } catch (error) {
        if (error instanceof ServerError) return { status: error.kind, detail: error.message };
        throw error;
      }
    });
  },

  async [Msg.FEEDBACK]({ rule, action }) {
    if (typeof rule !== 'string' || !rule || !FEEDBACK_ACTIONS.includes(action)) return { ok: false };
    return sendFeedback(await loadSettings(), rule, action);
  },

  async [Msg.DISABLE_RULE]({ rule }) {
    if (typeof rule !== 'string' || !rule) return { ok: false };
    const current = await loadSettings();
    const settings = await saveSettings({ disabledRules: [...current.disabledRules, rule] });
    return sendFeedback(settings, rule, 'disabled');
  },

  async [Msg.GET_SETTINGS]() {
    return loadSettings();
  },

  async [Msg.SAVE_SETTINGS]({ patch }) {
    return saveSettings(patch ?? {});
  },

  async [Msg.TEST_CONNECTION]({ serverUrl, token, pack }) {
    return testConnection({ serverUrl: String(serverUrl ?? '').replace(/\/+$/, ''), token, pack });
  },
};

/** Cancel a closed tab's reviews. */
export function forgetTab(tabId) {
  reviews.cancelAll(`${tabId}:`);
}

/** Feedback carries a rule id and an action, never text. */
async function sendFeedback(settings, rule, action) {
  try {
    await callServer(settings, '/v1/feedback', { method: 'POST', body: { rule, action } });
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: error.message };
  }
}

/** Ask the server for its health and a sample review; report each answer as received. */
async function testConnection(settings) {
  const steps = [];
  const step = async (path, options) => {
    const url = `${settings.serverUrl}${path}`;
    try {
      const { status, body } = await callServer(settings, path, options);
      steps.push({ url, status, body });
      return true;
    } catch (error) {
      steps.push({ url, status: error.status ?? null, body: error.body ?? null, error: error.message });
      return false;
    }
  };
  const healthy = await step('/healthz');
  const body = { text: SAMPLE_DRAFT };
  if (settings.pack) body.pack = settings.pack;
  const reviewed = healthy && (await step('/v1/review', { method: 'POST', body }));
  return { ok: healthy && reviewed, steps };
}

function senderOrigin(sender) {
  if (sender.origin && sender.origin !== 'null') return sender.origin;
  try {
    return new URL(sender.url).origin;
  } catch {
    return '';
  }
}
