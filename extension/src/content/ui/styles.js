/** Styles of Tactful's shadow root and of the highlight names in the page. */

import { CATEGORIES } from '../../shared/categories.js';

const WAVE = "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='6' height='3'%3E%3Cpath d='M0 2.5 Q1.5 0 3 1.5 T6 0.5' fill='none' stroke='black' stroke-width='1.2'/%3E%3C/svg%3E\")";

/** `::highlight()` rules for the page (or iframe) holding an editor. */
export function highlightCss() {
  const rules = Object.entries(CATEGORIES).map(
    ([id, { color }]) => `::highlight(tactful-${id}) { text-decoration: underline wavy ${color}; text-decoration-thickness: 1.5px; text-underline-offset: 3px; }`,
  );
  rules.push('::highlight(tactful-other) { text-decoration: underline wavy #6b7280; }');
  rules.push('::highlight(tactful-active) { background-color: rgba(250, 204, 21, 0.35); }');
  return rules.join('\n');
}

export const SHADOW_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { position: fixed; overflow: hidden; pointer-events: none; }
.mark { position: absolute; pointer-events: none; border-radius: 2px; }
.mark::after {
  content: ''; position: absolute; left: 0; right: 0; bottom: -3px; height: 3px;
  background: var(--c); -webkit-mask: ${WAVE} repeat-x; mask: ${WAVE} repeat-x;
}
.mark.active { background: rgba(250, 204, 21, 0.35); }
.mirror { position: absolute; top: 0; left: -10000px; visibility: hidden; white-space: pre-wrap; overflow-wrap: break-word; border: 0; margin: 0; height: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

.badge, .card, .panel { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937; }
button { font: inherit; color: inherit; cursor: pointer; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }

.badge {
  position: fixed; display: inline-flex; align-items: center; gap: 6px; height: 24px; padding: 0 8px;
  border: 1px solid #d1d5db; border-radius: 12px; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.15);
  pointer-events: auto; white-space: nowrap; font-size: 12px;
}
.badge[hidden] { display: none; }
.badge .logo { display: inline-grid; place-items: center; width: 14px; height: 14px; border-radius: 4px; background: #2563eb; color: #fff; font-size: 10px; font-weight: 700; }
.badge .count { display: inline-flex; align-items: center; gap: 3px; font-weight: 600; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); display: inline-block; flex: none; }
.badge .score { padding-left: 6px; border-left: 1px solid #e5e7eb; color: #374151; font-variant-numeric: tabular-nums; }
.badge .ok { color: #15803d; font-weight: 600; }
.badge.busy { opacity: .7; }
.badge.quiet { color: #6b7280; border-style: dashed; box-shadow: none; }

.card, .panel {
  position: fixed; width: 340px; max-width: calc(100vw - 16px); padding: 12px; background: #fff;
  border: 1px solid #d1d5db; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.18); pointer-events: auto;
}
.card[hidden], .panel[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 6px; margin-bottom: 6px; font-size: 12px; color: #4b5563; }
.chip { display: inline-flex; align-items: center; gap: 4px; font-weight: 600; color: #111827; }
.severity { margin-left: auto; text-transform: capitalize; }
.message { margin: 0 0 4px; font-weight: 600; }
.rationale { margin: 0 0 10px; color: #4b5563; }
.suggestions { display: flex; flex-direction: column; gap: 6px; margin-bottom: 10px; }
.suggestion {
  display: flex; flex-direction: column; align-items: flex-start; gap: 2px; width: 100%; padding: 6px 8px;
  text-align: left; background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 6px;
}
.suggestion:hover { background: #dbeafe; }
.suggestion .label { font-size: 11px; color: #1d4ed8; font-weight: 600; }
.suggestion .replacement { color: #111827; }
.actions { display: flex; gap: 8px; }
.plain { padding: 3px 8px; background: none; border: 1px solid #d1d5db; border-radius: 6px; font-size: 12px; color: #374151; }
.plain:hover { background: #f3f4f6; }
.panel h2 { margin: 0 0 8px; font-size: 14px; }
.panel ul { list-style: none; margin: 0 0 10px; padding: 3px; max-height: 300px; overflow: auto; }
.panel li + li { margin-top: 4px; }
.item { display: flex; gap: 8px; width: 100%; padding: 6px; text-align: left; background: none; border: 1px solid transparent; border-radius: 6px; }
.item:hover { background: #f9fafb; border-color: #e5e7eb; }
.item .dot { margin-top: 5px; }
.quote { display: block; color: #6b7280; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 280px; }
.primary { padding: 4px 10px; background: #2563eb; color: #fff; border: 0; border-radius: 6px; font-weight: 600; }
.primary:hover { background: #1d4ed8; }
.empty { color: #6b7280; margin: 0 0 8px; }
`;
