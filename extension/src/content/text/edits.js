/**
 * Edits in text offsets: what changed between two versions of a draft, moving findings
 * along with the writer's typing, and planning a suggestion's replacement.
 */

/**
 * The single replaced span that turns `before` into `after`, or null when equal.
 * @returns {{start: number, removed: number, inserted: number} | null}
 */
export function diffText(before, after) {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) tail++;
  return { start, removed: before.length - start - tail, inserted: after.length - start - tail };
}

/**
 * Findings moved to follow an edit. A finding the edit touches is dropped: its words
 * changed, so the next review decides. Findings have `start` and `end`.
 */
export function rebaseFindings(findings, edit) {
  if (!edit) return findings;
  const editEnd = edit.start + edit.removed;
  const delta = edit.inserted - edit.removed;
  const out = [];
  for (const f of findings) {
    if (f.end <= edit.start) out.push(f);
    else if (f.start >= editEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
  }
  return out;
}

const PLACEHOLDER = /\[[^\[\]\n]{1,60}\]/;

/** The first placeholder such as `[day and time]` in a replacement: `{start, end}` or null. */
export function findPlaceholder(replacement) {
  const m = PLACEHOLDER.exec(replacement);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/**
 * How applying `suggestion` to `finding` changes the text: replace [start, end) with
 * `text`, then select `select` (absolute offsets in the new text) if there is a placeholder.
 */
export function planReplacement(finding, suggestion) {
  const text = suggestion.replacement;
  const ph = findPlaceholder(text);
  return {
    start: finding.start,
    end: finding.end,
    text,
    select: ph ? { start: finding.start + ph.start, end: finding.start + ph.end } : null,
  };
}

/** Apply a plan to a string (what the editor should hold afterwards). */
export function applyPlan(text, plan) {
  return text.slice(0, plan.start) + plan.text + text.slice(plan.end);
}

/**
 * Plans for "Fix all": each finding's first suggestion, last first so earlier offsets
 * stay valid, skipping findings that overlap one already planned.
 */
export function planFixAll(findings) {
  const fixable = findings.filter((f) => f.suggestions?.length).sort((a, b) => b.start - a.start);
  const plans = [];
  let floor = Infinity;
  for (const f of fixable) {
    if (f.end > floor) continue;
    plans.push({ finding: f, plan: { ...planReplacement(f, f.suggestions[0]), select: null } });
    floor = f.start;
  }
  return plans;
}
