/**
 * The options page: server URL, token and team pack, "Test connection", and per-site
 * switches. Switching a site on asks the browser for that site's permission first
 * (inside the click, as browsers require). Settings go through the background.
 * A server URL must be https://, or http:// on this computer (shared/server-url.js).
 */

import { api } from '../shared/browser-api.js';
import { Msg, message } from '../shared/messages.js';
import { BUILTIN_SITES, normalizeOrigin, originPattern } from '../shared/sites.js';
import { checkServerUrl } from '../shared/server-url.js';

const $ = (id) => document.getElementById(id);
const send = (type, payload) => api.runtime.sendMessage(message(type, payload));

let settings = null;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function status(id, text, ok = true) {
  $(id).textContent = text;
  $(id).className = ok ? 'ok' : 'bad';
}

/** Ask for host permission for `origins` (must run inside the user's click). */
function requestOrigins(origins) {
  return api.permissions.request({ origins: origins.map(originPattern) });
}

async function save(patch) {
  const next = await send(Msg.SAVE_SETTINGS, { patch });
  if (next?.status === 'error') throw new Error(next.detail);
  settings = next;
  render();
}

function render() {
  $('server-url').value ||= settings.serverUrl;
  $('token').value ||= settings.token;
  $('pack').value ||= settings.pack;

  $('builtin-sites').replaceChildren(
    ...BUILTIN_SITES.map((site) => {
      const box = el('input', { type: 'checkbox', role: 'switch', checked: settings.sites[site.id], 'data-site': site.id });
      box.addEventListener('change', () => toggleBuiltin(site, box));
      return el('li', {}, el('label', {}, box, el('span', { class: 'name' }, site.label)), el('span', { class: 'hint' }, site.origins[0].replace('https://', '')));
    }),
  );

  $('custom-sites').replaceChildren(
    ...settings.customSites.map((site) => {
      const box = el('input', { type: 'checkbox', role: 'switch', checked: site.enabled, 'data-origin': site.origin });
      box.addEventListener('change', () => toggleCustom(site, box));
      const remove = el('button', { type: 'button', 'aria-label': `Remove ${site.origin}`, onClick: () => removeCustom(site) }, 'Remove');
      return el('li', {}, el('label', {}, box, el('span', { class: 'name' }, site.origin)), remove);
    }),
  );

  $('disabled-rules').replaceChildren(
    ...settings.disabledRules.map((rule) =>
      el('li', {}, el('span', { class: 'name' }, rule), el('button', { type: 'button', onClick: () => save({ disabledRules: settings.disabledRules.filter((r) => r !== rule) }) }, 'Turn back on')),
    ),
  );
  $('no-disabled-rules').hidden = settings.disabledRules.length > 0;
}

async function toggleBuiltin(site, box) {
  if (box.checked && !(await requestOrigins(site.origins))) {
    box.checked = false;
    return status('sites-status', `${site.label}: permission not granted.`, false);
  }
  await save({ sites: { ...settings.sites, [site.id]: box.checked } });
  status('sites-status', `${site.label} switched ${box.checked ? 'on' : 'off'}.`);
}

async function toggleCustom(site, box) {
  if (box.checked && !(await requestOrigins([site.origin]))) {
    box.checked = false;
    return status('sites-status', `${site.origin}: permission not granted.`, false);
  }
  await save({ customSites: settings.customSites.map((s) => (s.origin === site.origin ? { ...s, enabled: box.checked } : s)) });
  status('sites-status', `${site.origin} switched ${box.checked ? 'on' : 'off'}.`);
}

async function removeCustom(site) {
  await save({ customSites: settings.customSites.filter((s) => s.origin !== site.origin) });
  status('sites-status', `${site.origin} removed.`);
}

async function addCustom(event) {
  event.preventDefault();
  const origin = normalizeOrigin($('new-site').value);
  if (!origin) return status('sites-status', 'Enter a web address such as https://mail.example.org.', false);
  if (!(await requestOrigins([origin]))) return status('sites-status', `${origin}: permission not granted.`, false);
  const others = settings.customSites.filter((s) => s.origin !== origin);
  await save({ customSites: [...others, { origin, enabled: true }] });
  $('new-site').value = '';
  status('sites-status', `${origin} added and switched on. Reload its tabs if they were open.`);
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function serverFields() {
  return { serverUrl: $('server-url').value.trim().replace(/\/+$/, ''), token: $('token').value.trim(), pack: $('pack').value.trim() };
}

/**
 * A server URL Tactful may use (https://, or http:// on this computer), and permission
 * for its origin (127.0.0.1 and localhost are granted at install).
 */
async function allowServer(serverUrl) {
  const checked = checkServerUrl(serverUrl);
  $('server-url').setAttribute('aria-invalid', String(!checked.ok));
  if (!checked.ok) {
    status('server-status', checked.reason, false);
    return false;
  }
  const origin = normalizeOrigin(checked.url);
  if (!(await requestOrigins([origin]))) {
    status('server-status', `Tactful may not contact ${origin} until you allow it.`, false);
    return false;
  }
  return true;
}

async function saveServer(event) {
  event.preventDefault();
  const fields = serverFields();
  if (!(await allowServer(fields.serverUrl))) return;
  try {
    await save(fields);
  } catch (error) {
    return status('server-status', `Not saved: ${error.message}`, false);
  }
  status('server-status', 'Saved.');
}

async function testConnection() {
  const fields = serverFields();
  if (!(await allowServer(fields.serverUrl))) return;
  status('server-status', 'Testing…');
  const report = await send(Msg.TEST_CONNECTION, fields);
  const output = $('test-output');
  output.hidden = false;
  output.textContent = report.steps
    .map((s) => `${s.url}\n→ ${s.status ?? 'no answer'}${s.error ? ` (${s.error})` : ''}\n${s.body === null ? '' : JSON.stringify(s.body, null, 2)}`)
    .join('\n\n');
  const review = report.steps[1]?.body;
  if (report.ok) {
    const pack = review?.pack ? ` Pack ${review.pack.id} ${review.pack.version}.` : '';
    status('server-status', `Connected: the server answered and reviewed a sample draft (${plural(review?.findings?.length ?? 0, 'finding')}).${pack}`);
    if (review?.pack?.id) $('packs').replaceChildren(el('option', { value: review.pack.id }));
  } else {
    status('server-status', `Not connected: ${report.steps.at(-1)?.error ?? 'unexpected answer'}.`, false);
  }
}

async function init() {
  settings = await send(Msg.GET_SETTINGS);
  render();
  $('server-form').addEventListener('submit', saveServer);
  $('test').addEventListener('click', testConnection);
  $('add-site-form').addEventListener('submit', addCustom);
}

init();
