/**
 * Sites Tactful can be switched on for. Gmail and Outlook have fixed hosts; Roundcube
 * and any other webmail are added by the user as a custom origin.
 *
 * NOTE: match patterns carry no port (Firefox does not accept one), so a pattern
 * covers every port of its host; the background checks the exact origin on HELLO.
 */

export const BUILTIN_SITES = Object.freeze([
  { id: 'gmail', label: 'Gmail', origins: ['https://mail.google.com'] },
  {
    id: 'outlook',
    label: 'Outlook on the web',
    origins: ['https://outlook.office.com', 'https://outlook.office365.com', 'https://outlook.live.com'],
  },
]);

/** The normalized origin of a URL the user typed, or null when it is not http(s). */
export function normalizeOrigin(input) {
  let url;
  try {
    url = new URL(String(input).trim());
  } catch {
    try {
      url = new URL(`https://${String(input).trim()}`);
    } catch {
      return null;
    }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname) return null;
  return url.origin;
}

/** The host-permission match pattern for an origin: `https://host/*`. */
export function originPattern(origin) {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Origins the user has switched Tactful on for. */
export function enabledOrigins(settings) {
  const origins = [];
  for (const site of BUILTIN_SITES) if (settings.sites?.[site.id]) origins.push(...site.origins);
  for (const custom of settings.customSites ?? []) if (custom.enabled) origins.push(custom.origin);
  return origins;
}

export function isOriginEnabled(settings, origin) {
  return enabledOrigins(settings).includes(origin);
}
