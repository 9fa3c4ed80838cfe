/** Styles of Tactful's shadow root and of the highlight names in the page, in a light and a dark theme. */

import { CATEGORIES, category } from '../../shared/categories.js';

/** The dark theme's background: underlines and dots must stand out on it as on white. */
export const DARK_BACKGROUND = '#111827';

/**
 * NOTE: two shared category colours reach only 3.2:1 (excuse, #d97706) and 3.1:1 (tone,
 * #65a30d) against white. Tactful draws them darker so every underline and dot has at
 * least 3:1 (WCAG 1.4.11) against white and against DARK_BACKGROUND alike.
 */
const CONTRAST_SAFE = Object.freeze({ excuse: '#b45f06', tone: '#5b8c0a' });

/** The colour Tactful draws a category's underline and dot in. */
export function categoryColor(id) {
  return Object.hasOwn(CONTRAST_SAFE, id) ? CONTRAST_SAFE[id] : category(id).color;
}

/** The "T" of the badge's logo, as an image: it is an icon, not a word of the badge's label. */
const LOGO = "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 10'%3E%3Cpath d='M0 0h8v2H5v8H3V2H0z' fill='white'/%3E%3C/svg%3E\")";

const WAVE = "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='6' height='3'%3E%3Cpath d='M0 2.5 Q1.5 0 3 1.5 T6 0.5' fill='none' stroke='black' stroke-width='1.2'/%3E%3C/svg%3E\")";

/** `::highlight()` rules for the page (or iframe) holding an editor. */
export function highlightCss() {
  const rules = Object.keys(CATEGORIES).map(
    (id) => `::highlight(tactful-${id}) { text-decoration: underline wavy ${categoryColor(id)}; text-decoration-thickness: 1.5px; text-underline-offset: 3px; }`,
  );
  rules.push(`::highlight(tactful-other) { text-decoration: underline wavy ${categoryColor('other')}; }`);
  rules.push('::highlight(tactful-active) { background-color: rgba(250, 204, 21, 0.35); }');
  return rules.join('\n');
}

export const SHADOW_CSS = `
:host {
  all: initial;
  --fg: #1f2937; --fg-strong: #111827; --muted: #4b5563; --bg: #fff; --bg-hover: #f3f4f6;
  --border: #d1d5db; --rule: #e5e7eb; --accent: #2563eb; --accent-hover: #1d4ed8; --on-accent: #fff; --ok: #15803d;
  --sugg-bg: #eff6ff; --sugg-hover: #dbeafe; --sugg-border: #bfdbfe; --sugg-label: #1d4ed8; --focus: #2563eb;
  --shadow: rgba(0,0,0,.18); --active: rgba(250, 204, 21, 0.35);
}
* { box-sizing: border-box; }
.layer { position: fixed; overflow: hidden; pointer-events: none; }
.mark { position: absolute; pointer-events: none; border-radius: 2px; }
.mark::after {
  content: ''; position: absolute; left: 0; right: 0; bottom: -3px; height: 3px;
  background: var(--c); -webkit-mask: ${WAVE} repeat-x; mask: ${WAVE} repeat-x;
}
.mark.active { background: var(--active); }
.mirror { position: absolute; top: 0; left: -10000px; visibility: hidden; white-space: pre-wrap; overflow-wrap: break-word; border: 0; margin: 0; height: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

.badge, .card, .panel { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
button { font: inherit; color: inherit; cursor: pointer; }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }

.badge {
  position: fixed; display: inline-flex; align-items: center; gap: 6px; height: 24px; padding: 0 8px;
  border: 1px solid var(--border); border-radius: 12px; background: var(--bg); box-shadow: 0 1px 3px rgba(0,0,0,.15);
  pointer-events: auto; white-space: nowrap; font-size: 12px;
}
.badge[hidden] { display: none; }
.badge .logo { display: inline-block; width: 14px; height: 14px; border-radius: 4px; background: var(--accent) ${LOGO} center / 8px 10px no-repeat; flex: none; }
.badge .count { display: inline-flex; align-items: center; gap: 3px; font-weight: 600; }
/* The counts are drawn from data-n: the button's aria-label says them with their categories, and
   digits in its text ("1 1 87") would make a name that does not contain its visible label. */
.badge .count::after { content: attr(data-n); }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); display: inline-block; flex: none; }
.badge .score { padding-left: 6px; border-left: 1px solid var(--rule); color: var(--fg); font-variant-numeric: tabular-nums; }
.badge .ok { color: var(--ok); font-weight: 600; }
.badge.busy { opacity: .7; }
.badge.quiet { color: var(--muted); border-style: dashed; box-shadow: none; }

.card, .panel {
  position: fixed; width: 340px; max-width: calc(100vw - 16px); padding: 12px; background: var(--bg);
  border: 1px solid var(--border); border-radius: 8px; box-shadow: 0 8px 24px var(--shadow); pointer-events: auto;
  overflow-y: auto; overscroll-behavior: contain;
}
.panel { max-height: calc(100vh - 16px); }
.card[hidden], .panel[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 6px; margin-bottom: 6px; font-size: 12px; color: var(--muted); }
.chip { display: inline-flex; align-items: center; gap: 4px; font-weight: 600; color: var(--fg-strong); }
.severity { margin-left: auto; text-transform: capitalize; }
.message { margin: 0 0 4px; font-weight: 600; }
.rationale { margin: 0 0 10px; color: var(--muted); }
.suggestions { display: flex; flex-direction: column; gap: 6px; margin-bottom: 10px; }
.suggestion {
  display: flex; flex-direction: column; align-items: flex-start; gap: 2px; width: 100%; padding: 6px 8px;
  text-align: left; background: var(--sugg-bg); border: 1px solid var(--sugg-border); border-radius: 6px;
}
.suggestion:hover { background: var(--sugg-hover); }
.suggestion .label { font-size: 11px; color: var(--sugg-label); font-weight: 600; }
.suggestion .replacement { color: var(--fg-strong); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.plain { padding: 3px 8px; background: none; border: 1px solid var(--border); border-radius: 6px; font-size: 12px; color: var(--fg); }
.plain:hover { background: var(--bg-hover); }
.panel h2 { margin: 0 0 8px; font-size: 14px; }
.panel ul { list-style: none; margin: 0 0 10px; padding: 3px; max-height: 300px; overflow: auto; }
.panel li + li { margin-top: 4px; }
.item { display: flex; gap: 8px; width: 100%; padding: 6px; text-align: left; background: none; border: 1px solid transparent; border-radius: 6px; }
.item:hover { background: var(--bg-hover); border-color: var(--rule); }
.item .dot { margin-top: 5px; }
.quote { display: block; color: var(--muted); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 280px; }
.primary { padding: 4px 10px; background: var(--accent); color: var(--on-accent); border: 0; border-radius: 6px; font-weight: 600; }
.primary:hover { background: var(--accent-hover); }
.primary:disabled { cursor: default; opacity: .6; }
.empty { color: var(--muted); margin: 0 0 8px; }
`;

/** The dark theme: added to the shadow root when the page is dark (see UiRoot.syncTheme). */
export const DARK_CSS = `
:host {
  color-scheme: dark;
  --fg: #e5e7eb; --fg-strong: #f9fafb; --muted: #9ca3af; --bg: ${DARK_BACKGROUND}; --bg-hover: #1f2937;
  --border: #4b5563; --rule: #374151; --accent: #2563eb; --accent-hover: #1d4ed8; --on-accent: #fff; --ok: #4ade80;
  --sugg-bg: #172554; --sugg-hover: #1e3a8a; --sugg-border: #1e40af; --sugg-label: #93c5fd; --focus: #60a5fa;
  --shadow: rgba(0,0,0,.6); --active: rgba(250, 204, 21, 0.28);
}
`;
