/**
 * The content script runs only on sites the user switched on and granted: it is
 * registered at run time for exactly those origins, never declared in the manifest.
 * With it goes the one script in the page's own world, which wraps an apply in one step
 * of a rich editor's undo history (src/page/undo-steps.js).
 */

import { api } from '../shared/browser-api.js';
import { enabledOrigins, originPattern } from '../shared/sites.js';

const SCRIPT_ID = 'tactful-content';
const LOADER = 'src/content/loader.js';
const PAGE_SCRIPT_ID = 'tactful-undo-steps';
const PAGE_SCRIPT = 'src/page/undo-steps.js';
const IDS = [SCRIPT_ID, PAGE_SCRIPT_ID];

let queue = Promise.resolve();

/**
 * Register the content script for the enabled, granted origins. With `injectOpenTabs`,
 * also start it in tabs already open on those origins (a site just switched on).
 * Calls are serialized so two quick changes never race on the script id.
 */
export function syncContentScripts(settings, { injectOpenTabs = false } = {}) {
  queue = queue.then(() => sync(settings, injectOpenTabs)).catch((error) => console.warn('[tactful] content script registration failed', error));
  return queue;
}

async function sync(settings, injectOpenTabs) {
  const patterns = [...new Set(enabledOrigins(settings).map(originPattern))];
  const granted = [];
  for (const pattern of patterns) if (await api.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  const existing = await api.scripting.getRegisteredContentScripts({ ids: IDS });
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (granted.length === 0) return;
  await api.scripting.registerContentScripts([
    { id: PAGE_SCRIPT_ID, matches: granted, js: [PAGE_SCRIPT], world: 'MAIN', runAt: 'document_idle', allFrames: false, persistAcrossSessions: false },
    { id: SCRIPT_ID, matches: granted, js: [LOADER], runAt: 'document_idle', allFrames: false, persistAcrossSessions: false },
  ]);
  if (injectOpenTabs) await injectIntoOpenTabs(granted);
}

async function injectIntoOpenTabs(patterns) {
  const tabs = await api.tabs.query({ url: patterns });
  await Promise.all(
    tabs.map(async (tab) => {
      await api.scripting.executeScript({ target: { tabId: tab.id }, files: [PAGE_SCRIPT], world: 'MAIN' }).catch(() => {});
      await api.scripting.executeScript({ target: { tabId: tab.id }, files: [LOADER] }).catch(() => {});
    }),
  );
}
