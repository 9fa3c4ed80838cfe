/**
 * Site adapters, most specific first. On a page a site adapter recognises (by host or
 * by its compose DOM), only site adapters look for editors; elsewhere the generic one does.
 */

import gmail from './gmail.js';
import outlook from './outlook.js';
import roundcube from './roundcube.js';
import generic from './generic.js';

export const SITE_ADAPTERS = Object.freeze([gmail, outlook, roundcube]);
export const ALL_ADAPTERS = Object.freeze([...SITE_ADAPTERS, generic]);

/** Adapters to use on this page now (a webmail may draw its compose window later). */
export function adaptersFor(doc, location) {
  const site = SITE_ADAPTERS.filter((adapter) => {
    try {
      return adapter.detectPage(doc, location);
    } catch (error) {
      console.warn(`[tactful] adapter ${adapter.id} failed to detect the page`, error);
      return false;
    }
  });
  return site.length ? site : [generic];
}
