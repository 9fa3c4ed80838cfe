/**
 * The user's settings, kept in `storage.local` under one key. Only extension pages and
 * the service worker read them: content scripts never see the token. A server URL is
 * saved only if it is https://, or http:// on this computer (shared/server-url.js).
 */

import { api } from '../shared/browser-api.js';
import { BUILTIN_SITES, normalizeOrigin } from '../shared/sites.js';
import { checkServerUrl } from '../shared/server-url.js';

const KEY = 'settings';

/** @type {import('../shared/messages.js').Settings} */
export const DEFAULT_SETTINGS = Object.freeze({
  serverUrl: 'http://127.0.0.1:8765',
  token: '',
  pack: '',
  sites: Object.fromEntries(BUILTIN_SITES.map((site) => [site.id, false])),
  customSites: [],
  disabledRules: [],
});

/** Settings with defaults filled in and malformed values dropped. */
export function normalizeSettings(raw = {}) {
  const s = { ...DEFAULT_SETTINGS, ...raw };
  const serverUrl = String(s.serverUrl || DEFAULT_SETTINGS.serverUrl).trim().replace(/\/+$/, '');
  return {
    serverUrl,
    token: String(s.token ?? '').trim(),
    pack: String(s.pack ?? '').trim(),
    sites: Object.fromEntries(BUILTIN_SITES.map((site) => [site.id, Boolean(s.sites?.[site.id])])),
    customSites: (Array.isArray(s.customSites) ? s.customSites : [])
      .map((c) => ({ origin: normalizeOrigin(c?.origin), enabled: Boolean(c?.enabled) }))
      .filter((c, i, all) => c.origin && all.findIndex((d) => d.origin === c.origin) === i),
    disabledRules: [...new Set((Array.isArray(s.disabledRules) ? s.disabledRules : []).filter((r) => typeof r === 'string' && r))],
  };
}

export async function loadSettings() {
  const stored = await api.storage.local.get(KEY);
  return normalizeSettings(stored[KEY]);
}

/** Merge `patch` into the stored settings and return the result; throws on an unsafe server URL. */
export async function saveSettings(patch) {
  if (patch.serverUrl !== undefined) {
    const checked = checkServerUrl(patch.serverUrl);
    if (!checked.ok) throw new Error(checked.reason);
  }
  const next = normalizeSettings({ ...(await loadSettings()), ...patch });
  await api.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls `listener(settings, previous)` whenever the stored settings change. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[KEY]) listener(normalizeSettings(changes[KEY].newValue), normalizeSettings(changes[KEY].oldValue));
  });
}

/** Keep `storage.local` out of content scripts' reach where the browser allows it (Chrome). */
export function restrictStorageToExtensionPages() {
  api.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch?.(() => {});
}
