/**
 * Finding categories: label and underline colour. The colours differ in hue and
 * lightness so neighbouring underlines stay distinguishable.
 */

export const CATEGORIES = Object.freeze({
  excuse: { label: 'Excuse', color: '#d97706' },
  overshare: { label: 'Overshare', color: '#9333ea' },
  scripted: { label: 'Scripted', color: '#0891b2' },
  overpromise: { label: 'Overpromise', color: '#dc2626' },
  defensive: { label: 'Defensive', color: '#db2777' },
  clarity: { label: 'Clarity', color: '#2563eb' },
  tone: { label: 'Tone', color: '#65a30d' },
  grammar: { label: 'Grammar', color: '#0d9488' },
  spelling: { label: 'Spelling', color: '#e11d48' },
});

const OTHER = Object.freeze({ id: 'other', label: 'Other', color: '#6b7280' });

/** `{id, label, color}` for a category id; unknown ids share the grey "other" style. */
export function category(id) {
  const known = Object.hasOwn(CATEGORIES, id) ? CATEGORIES[id] : null;
  return known ? { id, ...known } : { ...OTHER, label: id ? String(id) : OTHER.label };
}

/** The CSS highlight name for a category (unknown ids map to one shared name). */
export function highlightName(id) {
  return `tactful-${Object.hasOwn(CATEGORIES, id) ? id : 'other'}`;
}
