/**
 * The message protocol between content scripts, the options page and the background
 * service worker. Every message is `{type, ...payload}` with `type` one of `Msg`.
 *
 * Content scripts may send only HELLO, REVIEW and FEEDBACK/DISABLE_RULE; the other
 * messages are answered only for the extension's own pages (the options page), so
 * the API token and settings never reach a web page's process.
 */

export const Msg = Object.freeze({
  /** content → background. `{}` → {@link HelloReply} */
  HELLO: 'tactful/hello',
  /** content → background. {@link ReviewRequest} → {@link ReviewReply} */
  REVIEW: 'tactful/review',
  /** content → background. `{rule, action: 'applied'|'dismissed'}` → `{ok}` */
  FEEDBACK: 'tactful/feedback',
  /** content → background. `{rule}` → `{ok}`; the rule stays off for this user. */
  DISABLE_RULE: 'tactful/disable-rule',
  /** options → background. `{}` → {@link Settings} */
  GET_SETTINGS: 'tactful/get-settings',
  /** options → background. `{patch: Partial<Settings>}` → {@link Settings} */
  SAVE_SETTINGS: 'tactful/save-settings',
  /** options → background. `{serverUrl, token, pack}` → {@link ConnectionReport} */
  TEST_CONNECTION: 'tactful/test-connection',
});

/** Messages a content script (a web page's process) is allowed to send. */
export const CONTENT_MESSAGES = Object.freeze(new Set([Msg.HELLO, Msg.REVIEW, Msg.FEEDBACK, Msg.DISABLE_RULE]));

/** Feedback actions a content script may report; `disabled` is sent by DISABLE_RULE. */
export const FEEDBACK_ACTIONS = Object.freeze(['applied', 'dismissed']);

/**
 * @typedef {object} HelloReply
 * @property {boolean} enabled   whether Tactful is switched on for the sender's origin
 * @property {number} debounceMs how long to wait after the last keystroke before reviewing
 * @property {number} sentenceEndMs the same wait when that keystroke ended a sentence or a line
 *
 * @typedef {object} ReviewRequest
 * @property {string} key   identifies one editor in the tab; a newer request with the
 *                          same key cancels the older one
 * @property {string} text  the authored part of the draft (no quote, no signature)
 *
 * @typedef {object} Suggestion
 * @property {string} replacement may hold a placeholder such as `[day and time]`
 * @property {string} label
 *
 * @typedef {object} Finding  as the server sends it; offset/length in UTF-16 code units
 * @property {string} id
 * @property {string} rule
 * @property {string} category
 * @property {'info'|'warning'|'error'} severity
 * @property {number} offset
 * @property {number} length
 * @property {string} message
 * @property {string} [rationale]
 * @property {Suggestion[]} suggestions
 *
 * @typedef {object} ReviewReply
 * @property {'ok'|'cancelled'|'offline'|'unauthorized'|'error'} status
 * @property {Finding[]} [findings]
 * @property {{findings: number, byCategory: Record<string, number>, score?: number}} [summary]
 * @property {string} [detail]  what went wrong, for the badge's tooltip
 *
 * @typedef {object} Settings
 * @property {string} serverUrl
 * @property {string} token
 * @property {string} pack
 * @property {Record<string, boolean>} sites       built-in site id → switched on
 * @property {{origin: string, enabled: boolean}[]} customSites
 * @property {string[]} disabledRules
 *
 * @typedef {object} ConnectionReport
 * @property {boolean} ok
 * @property {{url: string, status: number|null, body: unknown, error?: string}[]} steps
 */

/** Build a message; the one place a `type` string is attached to a payload. */
export function message(type, payload = {}) {
  if (!Object.values(Msg).includes(type)) throw new Error(`Unknown message type: ${type}`);
  return { type, ...payload };
}
