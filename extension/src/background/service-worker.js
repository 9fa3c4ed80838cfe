/**
 * Tactful's background: the only part that talks to the server and reads settings.
 * Chrome runs it as a module service worker, Firefox as a module background script.
 */

import { api } from '../shared/browser-api.js';
import { CONTENT_MESSAGES } from '../shared/messages.js';
import { handlers, forgetTab } from './handlers.js';
import { loadSettings, onSettingsChanged, restrictStorageToExtensionPages } from './settings.js';
import { syncContentScripts } from './content-scripts.js';
import { enabledOrigins } from '../shared/sites.js';

const EXTENSION_ORIGIN = new URL(api.runtime.getURL('/')).origin;

/** Web pages' content scripts may send only the content protocol; extension pages anything. */
function allowed(type, sender) {
  if (sender.id !== api.runtime.id) return false;
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(`${EXTENSION_ORIGIN}/`);
  return fromExtensionPage || CONTENT_MESSAGES.has(type);
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = Object.hasOwn(handlers, message?.type) ? handlers[message.type] : null;
  if (!handler || !allowed(message.type, sender)) return false;
  handler(message, sender).then(sendResponse, (error) => {
    console.error(`[tactful] ${message.type} failed`, error);
    sendResponse({ status: 'error', detail: String(error?.message ?? error) });
  });
  return true; // answers asynchronously
});

api.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

api.action?.onClicked.addListener(() => api.runtime.openOptionsPage());

onSettingsChanged((settings, previous) => {
  const sites = (s) => enabledOrigins(s).join(' ');
  if (sites(settings) !== sites(previous)) syncContentScripts(settings, { injectOpenTabs: true });
});
api.permissions.onAdded.addListener(async () => syncContentScripts(await loadSettings(), { injectOpenTabs: true }));
api.permissions.onRemoved.addListener(async () => syncContentScripts(await loadSettings()));
api.runtime.onInstalled.addListener(async () => syncContentScripts(await loadSettings()));
api.runtime.onStartup.addListener(async () => syncContentScripts(await loadSettings()));

restrictStorageToExtensionPages();
