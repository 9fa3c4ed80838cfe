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

/** The edit (from `diffText`) typed the end of a sentence or a line into `after`: worth a review at once. */
export function endsSentence(after, edit) {
  if (!edit || edit.inserted === 0) return false;
  return /[.!?…\n]/u.test(after[edit.start + edit.inserted - 1] ?? '');
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
export function planReplacement(finding, suggestion, draft = null) {
  const text = suggestion.replacement;
  const ph = findPlaceholder(text);
  const plan = {
    start: finding.start,
    end: finding.end,
    text,
    select: ph ? { start: finding.start + ph.start, end: finding.start + ph.end } : null,
  };
  return draft === null ? plan : tidyDeletion(draft, plan);
}

const AT_SENTENCE_START = /(?:^|[.!?…]["'”’)\]]*[ \t]+|\n)[ \t"'“‘*•-]*$/;
const SEP_AFTER = /^[ \t]*[,;:—–]?[ \t]*/;
const ENDS_WHOLE = /[.!?…]["'”’)\]]*(?:[ \t]*[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}\u{200D}]+)?[ \t]*$/u;
// What a deleted sentence opening leaves behind: its closing punctuation, or a connective now opening it.
const LEFT_BEHIND = /^(?:[.!?…]+["'”’)\]]*[ \t]*|(?:and|but|so|because|which|or)[ \t]+(?=[\p{L}\p{N}]))/iu;
const SEP_BEFORE = /[,;:—–]?[ \t]*$/;
const GREETING_LINE =
  /(?:^|\n)[ \t]*(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening|day))\b[^,!?.\n]{0,40},[ \t]*$/i;
const CARRIES_SEPARATOR = /^[ \t,;:—–]/;
// The comma that closes an aside: one not followed by a word that opens a clause of its own.
const ASIDE_CLOSES =
  /^,(?=[ \t]+(?!(?:and|but|so|or|yet|then|plus|which|because|who|where|I|we|you|it|they|he|she|there|this|that)\b)[\p{L}\p{N}])/iu;

/**
 * A deletion that leaves a clean sentence: "Rest assured, our team is on it." minus
 * "Rest assured" becomes "Our team is on it.", not ", our team…"; "Sorry for the delay,
 * we've been swamped." minus the clause becomes "Sorry for the delay." Other plans are
 * returned as they are. The server's /v1/rewrite tidies deletions the same way.
 */
export function tidyDeletion(text, plan) {
  if (plan.text !== '') return plan;
  // ", my back is killing me": the clause takes its own separator, not the next one.
  // An aside between two commas takes both ("was, as stated at booking, payable" -> "was payable").
  if (CARRIES_SEPARATOR.test(text.slice(plan.start, plan.end))) {
    const aside = text.charAt(plan.start) === ',' && ASIDE_CLOSES.test(text.slice(plan.end));
    return aside ? { ...plan, end: plan.end + 1 } : plan;
  }
  const before = text.slice(0, plan.start);
  // A whole sentence ("Have a wonderful day! ") takes no separator after it: "— Mod Rin" signs off.
  const whole = ENDS_WHOLE.test(text.slice(plan.start, plan.end));
  let afterEnd = plan.end + (whole ? /^[ \t]*/ : SEP_AFTER).exec(text.slice(plan.end))[0].length;
  let next = text.charAt(afterEnd);
  if (AT_SENTENCE_START.test(before)) {
    const left = LEFT_BEHIND.exec(text.slice(afterEnd));
    if (left) {
      afterEnd += left[0].length;
      next = text.charAt(afterEnd);
    }
    if (/\p{L}/u.test(next)) return { start: plan.start, end: afterEnd + 1, text: next.toUpperCase(), select: null };
    if ((plan.start === 0 || before.endsWith('\n')) && /^(?:[\r\n]|$)/.test(text.slice(afterEnd))) {
      afterEnd += /^[\r\n]*/.exec(text.slice(afterEnd))[0].length; // the line is gone: so is its break
    }
    return { ...plan, end: afterEnd };
  }
  // The comma after "Hi Rob" is the greeting's: "Hi Rob,\n" stays as it was.
  // (the blanks after it go)
  const head = /^[\r\n]?$/.test(next) && GREETING_LINE.test(before.slice(-64))
    ? /[ \t]*$/.exec(before)[0].length
    : SEP_BEFORE.exec(before)[0].length;
  if (head && (next === '' || /[.!?…\n]/.test(next))) return { ...plan, start: plan.start - head };
  if (afterEnd > plan.end) return { ...plan, end: afterEnd };
  return plan;
}

/** Apply a plan to a string (what the editor should hold afterwards). */
export function applyPlan(text, plan) {
  return text.slice(0, plan.start) + plan.text + text.slice(plan.end);
}

/**
 * Plans for "Fix all": each finding's first suggestion, last first so earlier offsets
 * stay valid, skipping findings that overlap one already planned.
 */
export function planFixAll(findings, draft = null) {
  const fixable = findings.filter((f) => f.suggestions?.length).sort((a, b) => b.start - a.start);
  const plans = [];
  let floor = Infinity;
  for (const f of fixable) {
    if (f.end > floor) continue;
    const plan = { ...planReplacement(f, f.suggestions[0], draft), select: null };
    if (plan.end > floor) continue;
    plans.push({ finding: f, plan });
    floor = plan.start;
  }
  return plans;
}
