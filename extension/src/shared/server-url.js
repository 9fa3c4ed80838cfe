/**
 * Which Tactful server URLs the extension will talk to. Drafts and the API token go
 * to the server, so plain `http://` is accepted only for a server on this computer
 * (a loopback host: 127.0.0.1 or any 127.x address, localhost, [::1]); anywhere else
 * the URL must be `https://`. The options page and the background both ask here.
 */

export const INSECURE_SERVER_MESSAGE =
  'Use https:// for this server. Plain http:// would send your drafts and API token unencrypted, ' +
  'so it is allowed only for a server on this computer (127.0.0.1, localhost or [::1]).';

/** Whether `hostname` (as `URL` normalizes it) is this computer. */
export function isLoopbackHost(hostname) {
  const host = String(hostname).toLowerCase();
  // URL already turned 127.1, 0x7f.1 or 2130706433 into dotted decimal.
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Check a server URL.
 * @param {string} input
 * @returns {{ok: true, url: string} | {ok: false, reason: string}} `url` is the input
 *   trimmed, without trailing slashes.
 */
export function checkServerUrl(input) {
  const text = String(input ?? '').trim().replace(/\/+$/, '');
  let url;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'Enter the server URL, e.g. http://127.0.0.1:8765 or https://tactful.example.com.' };
  }
  if (url.protocol === 'https:' && url.hostname) return { ok: true, url: text };
  if (url.protocol === 'http:' && url.hostname) {
    return isLoopbackHost(url.hostname) ? { ok: true, url: text } : { ok: false, reason: INSECURE_SERVER_MESSAGE };
  }
  return { ok: false, reason: 'The server URL must start with https:// (or http:// for a server on this computer).' };
}
