/**
 * Parts of a plain-text draft the writer did not write: quoted lines ("> ..."), the
 * attribution line above a quote ("On Mon, Anna wrote:"), a forwarded or original
 * message, and the signature after "-- ". Works on any extracted text, so it also
 * catches plain-text quoting inside a rich editor.
 */

const QUOTE_LINE = /^[ \t]*>/;
const ATTRIBUTION = /(\bwrote|\bwrites|\bschrieb|\ba écrit|\bescribió|\bscrisse|\bschreef|\bskrev)\s*:\s*$/i;
const ORIGINAL_MESSAGE = /^[ \t]*(-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine)\s*-{2,}|_{10,})[ \t]*$/i;
const SIGNATURE = /^--[ \t]?$/;

/**
 * Text ranges to leave out, as [start, end) pairs in order.
 * @param {string} text
 * @param {number[]} [quoteGaps] offsets where a quoted block was already cut from a rich editor
 */
export function excludedRanges(text, quoteGaps = []) {
  const lines = splitLines(text);
  const ranges = [];
  const gapAtLineEnd = new Set(quoteGaps);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (ORIGINAL_MESSAGE.test(line.text) || SIGNATURE.test(line.text)) {
      ranges.push([line.start, text.length]);
      break;
    }
    if (QUOTE_LINE.test(line.text)) {
      ranges.push([line.start, line.end]);
      continue;
    }
    if (line.text.trimEnd().endsWith(':') && ATTRIBUTION.test(line.text) && (quoteFollows(lines, i) || gapFollows(line, lines, i, gapAtLineEnd))) {
      ranges.push([line.start, line.end]);
    }
  }
  return ranges;
}

function splitLines(text) {
  const lines = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

/** The next non-blank line is a quote line. */
function quoteFollows(lines, i) {
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j].text.trim() === '') continue;
    return QUOTE_LINE.test(lines[j].text);
  }
  return false;
}

/** A cut-out quote block sits right after this line (only blank lines between). */
function gapFollows(line, lines, i, gaps) {
  let limit = line.end + 1;
  for (let j = i + 1; j < lines.length && lines[j].text.trim() === ''; j++) limit = lines[j].end + 1;
  for (const gap of gaps) if (gap >= line.end && gap <= limit) return true;
  return false;
}
