/**
 * Calls to the Tactful server. Every failure becomes a `ServerError` whose `kind` the
 * badge can show: offline (no answer), unauthorized (token), error (the server said no,
 * or its URL is plain http:// to another computer, which is never called).
 */

import { checkServerUrl } from '../shared/server-url.js';

const TIMEOUT_MS = 10_000;

export class ServerError extends Error {
  /** @param {'offline'|'unauthorized'|'error'} kind */
  constructor(kind, detail, status = null, body = null) {
    super(detail);
    this.kind = kind;
    this.status = status;
    this.body = body;
  }
}

/**
 * @param {{serverUrl: string, token?: string}} settings
 * @param {string} path e.g. "/v1/review"
 * @param {{method?: string, body?: unknown, signal?: AbortSignal, timeoutMs?: number}} [options]
 * @returns {Promise<{status: number, body: any}>}
 */
export async function callServer(settings, path, { method = 'GET', body, signal, timeoutMs = TIMEOUT_MS } = {}) {
  // Settings stored before this rule existed may still hold such a URL.
  const checked = checkServerUrl(settings.serverUrl);
  if (!checked.ok) throw new ServerError('error', checked.reason);
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onAbort = () => timeout.abort();
  signal?.addEventListener('abort', onAbort);
  let response;
  try {
    // Relative to the server URL, so a server mounted under a path prefix works too.
    response = await fetch(new URL(path.replace(/^\/+/, ''), `${settings.serverUrl}/`), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeout.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    const why = timeout.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : 'cannot reach the server';
    throw new ServerError('offline', `${why} at ${settings.serverUrl}`);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  const parsed = await response.json().catch(() => null);
  if (response.ok) return { status: response.status, body: parsed };
  const detail = parsed?.detail ?? `HTTP ${response.status}`;
  const kind = response.status === 401 || response.status === 403 ? 'unauthorized' : 'error';
  throw new ServerError(kind, String(detail), response.status, parsed);
}
