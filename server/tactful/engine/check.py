"""The rewrite check: a suggestion is offered only if applying it leaves a clean draft.

Each suggestion is applied to its draft and the text around the edit is
compared before and after. It fails when the edit introduced any of:

- a sentence or line that starts with stray punctuation (", . ; : ! ?");
- a sentence that starts with an orphan connective (and, but, so, because, which, or), or ends on one
  ("I've been at the desk all week and.");
- a sentence that starts with a lower-case letter;
- punctuation doubled where a clause was ("Hi Leo,. They…");
- a phrase that introduced a removed clause left standing ("At Brightwater Energy, and we are delighted…");
- a subject left with only its relative clause ("Peter, who handles your accounts, and the partners…");
- two connectives in a row ("…frozen this quarter because so the team…");
- a doubled space, or a space before , . ! ?;
- a reporting frame left with nothing to report ("I should say, though.");
- a dependent clause standing alone as a sentence ("If you look at the quote you signed.", "And if they
  don't."), or a sentence
  that lost its subject ("Is due within 30 days.");
- a sentence removed or replaced just before one that opens with a pronoun pointing back ("They let go of
  six people." after "The new owners cut the spa." is gone), or with a word that adds to it or sets
  itself against it ("Also", "But", "Not fun."): what it points to may have gone with it;
- the only mention of a person removed while a "he" or "she" further on still means them ("Mick has done his
  back in." gone before "Soon as he's back I'll book you in."), or a whole sentence removed before one that adds
  to it ("Our IT guy is also only in on Wednesdays.", "I should say, though, …", "…the same week too") or soon
  says "they" ("Hopefully they show up today."), or that draws its conclusion ("So it will be after the 31st.");
- a sentence that says what would have happened with no condition left to say when ("We would have sent
  four movers." once "Had you told us about the piano," is gone);
- a changed greeting ("Hi Sarah,"), or a change in the words that run on after a greeting with no comma;
- a lost number or id outside the fault's own words (the caller says which words are the fault: for a
  template that stands in for a whole sentence the detector flagged, none are, so every fact must stay).

Only what the edit introduced counts, never what the draft already had.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .edits import FINITE

_MARGIN = 3  # characters either side of the sentence: enough to see how it starts and what follows it
_AFTER = 8  # ... and after it, enough to see the first word of the next sentence ("😊 And once you're in")
_SENT_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)(\S)")
_CHECKS = {
    "punct-start": re.compile(r"(?:^|[.!?]\s+|\n)\s*[,.;:!?]"),
    "orphan-conj": re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:and|but|so|because|which|or)\b", re.IGNORECASE),
    # ... or right after the name the draft opens with: "Mr Carrow, and that you had until…"
    "orphan-after-name": re.compile(r"(?:^|\n)[ \t]*(?:(?:hi|hello|hey|dear|mr|mrs|ms|miss|dr)\.?[ \t]+)*"
                                    r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?,[ \t]+(?:and|but|so|because|which|or)\b"),
    # (a look at the first letter first: the alternation is tried only where a word could start it)
    "orphan-end": re.compile(r"\b(?=[abotw])(?:and|but|or|because|which|the|an?|of|with)\s*[.!?]", re.IGNORECASE),
    # a name that introduced a removed clause left standing: "At Brightwater Energy, and we are delighted…"
    "stranded-phrase": re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:here )?(?:at|for|with|from|in)[ \t]+[^,.!?\n]{1,40},[ \t]*"
                                  r"(?:and|but|so|or)\b", re.IGNORECASE),
    "stray-punct": re.compile(r"[,;:][ \t]*[.!?,;]"),  # "Hi Leo,." and ", ." left where a clause was
    "double-connective": re.compile(r"\b(?=[bswa])(?:because|since|which|but|and)[ \t,]+(?:so|and|but|because|which)\b"
                                    r"(?! on\b)|"
                                    r"\bso[ \t,]+(?:and|but|because|which)\b", re.IGNORECASE),
    # a subject whose predicate went, leaving its relative clause: "Peter, who handles your accounts, and the…"
    "stranded-subject": re.compile(r"(?-i:[A-Z])[\w'’-]*,[ \t]+(?:who|which)[ \t][^,.!?\n]{2,80},[ \t]+"
                                   r"(?:and|but|so|he|she|they|it|I|we|since|until|from|for|with|after|before)\b",
                                   re.IGNORECASE),
    "spacing": re.compile(r"(?<=\S)  +(?=\S)| [,.!?](?=\s|$)"),
    # a dependent clause left on its own: "If you look at the quote you signed."
    "fragment": re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:(?:and|but|or|so)[ \t]+)?"
                           r"(?:if|when|because|since|although|though|unless|while|whereas)\b"
                           r"[^,;:.!?\n]*[.!?]", re.IGNORECASE),
    # a reporting frame left with nothing to report: "I should say, though." once "that our Wi-Fi works…" is gone
    "empty-frame": re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:I|we)(?:[ \t]+(?:would|should|must|have to|need to|do|just|"
                              r"also|really))*(?:[ \t]+|'d[ \t]+)(?:say|add|point out|mention|stress|note|admit|"
                              r"confess|remind you|tell you|explain|remind|repeat)(?:[ \t,]+(?:though|however|also|"
                              r"again|too|that))*[ \t,]*[.!?]", re.IGNORECASE),
    # a sentence that lost its subject: "The invoice stands and is due in 30 days." -> "Is due in 30 days."
    "no-subject": re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:is|are|was|were|has|have|had|will|would|can|could|should|"
                             r"does|did|must)\b[^.!?\n]*[.!](?=\s|$)", re.IGNORECASE),
}
# The draft's opening as a reader sees it: the greeting and, when it has no comma, what runs on after it
# on its line (up to 40 characters): an edit never changes it.
_OPENING = re.compile(r"^\s*((?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,\n!]{0,40}[,!]?)",
                      re.IGNORECASE)
_NAMES = (*_CHECKS, "lower-start", "dangling-conditional", "verbless-reason")
# A reason with no verb left: "Your assembly is late because Stavros, our main fitter." once "cut his hand…" is gone
_BECAUSE = re.compile(r"\bbecause(?![ \t]+of\b)([^.!?;\n]*)[.!?]", re.IGNORECASE)
# What would have happened, and the condition that says when: a sentence with the first needs the second.
_RESULT = re.compile(r"\b(?:would|could|might|'d)(?:n't| not)?(?:[ \t]+\w+ly)?[ \t]+"
                     r"(?!(?:like|love|prefer|suggest|recommend|appreciate|advise|ask|say|welcome)\b)[a-z]+\b|"
                     r"\b(?:would|could|might)(?:n't)?'ve\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|had|were|otherwise|without|unless|then|else|in that case|either way|but for|"
                        r"in your (?:place|shoes)|ideally)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+")
# A sentence that opens by pointing back at what came before.
_POINTS_BACK = re.compile(r"\s*(?:it|its|it's|they|them|their|they're|they've|they'll|she|he|his|her|this|that|"
                          r"these|those|one of them|both|neither|either|which|"
                          # ("Yours was one of them.", "Without it I can't…"; never the sign-off "Yours sincerely,")
                          r"(?:yours|theirs)(?! *(?:sincerely|faithfully|truly|ever|respectfully|aye|,|\n|$))|"
                          r"(?:without|because of|after|despite) (?:it|that|this|them)|"
                          # ... or adds to it, or sets itself against it ("Also…", "But totally your call.")
                          r"also|plus|but|however|still|even so|that said|on top of that|not|"
                          # ... or draws its conclusion ("So it will be after the 31st.")
                          r"so|that's why|that is why|which is why|hence|therefore|as a result)\b", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"(?:^|[.!?][\"')\]]*|\n)\s*$")  # a sentence or a line ends right before
_FACT = re.compile(r"[A-Za-z]*\d[\w/.:-]*")


# A person the draft names only in the removed words, whom a "he" or "she" further on still means ("Mick, who does
# our fencing, has done his back in." gone before "Soon as he's back I'll book you in.")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)(?<!\n)" + "".join(rf"(?<!\b{w} )" for w in (
    "the", "in", "on", "at", "to", "from", "of", "with", "by", "for", "near", "up", "a")) +
    r"\b(?!I\b)(?-i:[A-Z][a-z]+)\b(?!\s+[A-Z])")  # (not a place or a firm: "on the Greenway", "Enterprise Ireland")
_HE_OR_SHE = re.compile(r"\b(?:he|she|him|her|his|hers|he's|she's|he'll|she'll|he'd|she'd)\b", re.IGNORECASE)
_NOT_PEOPLE = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
                        "July August September October November December Easter Christmas".split())
_NOT_PEOPLE |= {d + "s" for d in _NOT_PEOPLE}
_CAPITAL = re.compile(r"[A-Z]")
_PRONOUN_REACH = 300  # characters after the edit in which a "he" or "she" may still mean the removed name


def _orphans_a_pronoun(text: str, start: int, end: int, replacement: str) -> bool:
    gone = text[start:end]
    if not _CAPITAL.search(gone):  # (no name, no check: most deletions)
        return False
    after = text[end:end + _PRONOUN_REACH]
    if not _HE_OR_SHE.search(after):
        return False
    names = {m.group() for m in _NAME.finditer(gone)
             # (after another capitalised word it is a place or a firm, "Enterprise Ireland", unless "Our Dave")
             if not re.search(r"(?<!\w)(?!(?:Our|My)\b)(?-i:[A-Z])[\w'’-]*[ \t]+$", gone[:m.start()])} - _NOT_PEOPLE
    if not names:  # a name that opens the removed sentence: "Declan has been in court all week."
        names = {m.group() for m in re.finditer(r"^[A-Z][a-z]+(?=,? (?:is|was|has|had|who|does|did|will|can)\b)",
                                                gone.lstrip())} - _NOT_PEOPLE
    kept = text[:start] + replacement + text[end:]
    return any(not re.search(r"\b" + n + r"\b", kept) for n in names)


# What the sentence after a removed sentence still leans on: "Our IT guy is also only in on Wednesdays." once the
# contractors' sentence is gone, "Hopefully they show up today." once the supplier's is.
_LEANS_BACK = re.compile(r"\b(?:also|as well)\b|,[ \t]*though\b|\bthough,|\btoo(?=[ \t]*[.!?,;]|[ \t]+so\b)|"
                         r"^\W*(?:\w+[ \t,]+){0,2}(?:they|them|their|they're|they've|they'll)\b", re.IGNORECASE)
_NEXT_SENTENCE = re.compile(r"[^.!?\n]*[.!?]?")


def _orphans_the_next(text: str, start: int, end: int, replacement: str) -> bool:
    """Whether a whole sentence goes (or a template stands in for it) before a sentence that leans on it."""
    if not _ENDS_SENTENCE.search(text[max(0, start - 4):start]) or _keeps_words(text[start:end], replacement):
        return False
    if 0 < len(replacement) <= 2 and text[end - len(replacement):end].lower() == replacement.lower():
        end -= len(replacement)  # a deletion that re-capitalised the next sentence's first word ("…expected. D" -> "D")
    if not re.search(r"[.!?][\"')\]]*\s*$", text[start:end]) and not re.match(r"\s*\n", text[end:end + 2]):
        return False  # (only part of the sentence goes: what follows is the same sentence)
    nxt = _NEXT_SENTENCE.match(text, end + len(text[end:]) - len(text[end:].lstrip(" \t")))
    return bool(nxt and _LEANS_BACK.search(nxt.group()) and not _LEANS_BACK.search(text[:start][-200:]))


def _keeps_words(old: str, new: str) -> bool:
    """Whether a replacement keeps most of the words it replaces (a hedged sentence, not a deletion or a
    template standing in for the sentence)."""
    words = set(re.findall(r"[a-z']+", old.lower()))
    return bool(words) and len(words & set(re.findall(r"[a-z']+", new.lower()))) >= len(words) / 2


@lru_cache(maxsize=4096)
def _debris(window: str) -> tuple[int, ...]:
    """How often each kind of debris occurs in a stretch of text (cached: every suggestion for a sentence
    compares against the same stretch, and re-reviews repeat them)."""
    return (*(len(rx.findall(window)) for rx in _CHECKS.values()),
            sum(1 for m in _SENT_START.finditer(window) if m.group(1).islower()),
            sum(1 for m in _SENTENCE.finditer(window) if _RESULT.search(m.group()) and not _CONDITION.search(m.group()))
            if _RESULT.search(window) else 0,
            sum(1 for m in _BECAUSE.finditer(window) if not FINITE.search(m.group(1))) if "ecause" in window else 0)


def problems(text: str, start: int, end: int, replacement: str, fault: tuple[int, int],
             around: tuple[int, int]) -> list[str]:
    """What applying `replacement` to text[start:end] would break (empty: the suggestion is clean).

    `fault` is the span of the faulty words themselves, whose facts a deletion may drop. `around` is the
    sentence the edit belongs to: only it and the characters next to it are compared (an edit changes
    nothing further away), which keeps the check cheap.
    """
    lo = max(0, min(around[0], start) - _MARGIN)
    hi = min(len(text), max(around[1], end) + _AFTER)
    before = text[lo:hi]
    after = text[lo:start] + replacement + text[end:hi]
    found = [name for name, a, b in zip(_NAMES, _debris(after), _debris(before)) if a > b]
    g = _OPENING.match(text)
    if g and start < g.end() + 1:
        new = text[:start] + replacement + text[end:]
        if not new.lstrip().startswith(g.group(1).strip()):
            found.append("greeting-lost")
    # what opens the sentence after the edit: the text after it, or (a deletion that re-capitalised the next
    # word: "…up. It" -> "It") the replacement and what follows
    follows = (replacement + text[end:end + 40] if len(replacement) <= 2 or re.fullmatch(r"[A-Z][\w'’]*", replacement)
               else text[end:end + 40])
    opens = _ENDS_SENTENCE.search(text[max(0, start - 4):start]) or (g and start <= g.end() + 1)  # (or the greeting)
    if ((opens and _POINTS_BACK.match(follows) and not _keeps_words(text[start:end], replacement))
            or _orphans_a_pronoun(text, start, end, replacement) or _orphans_the_next(text, start, end, replacement)):
        found.append("dangling-reference")
    f0, f1 = max(lo, min(fault[0], hi)), max(lo, min(fault[1], hi))
    keep = text[lo:f0] + text[f1:hi]
    facts = set(_FACT.findall(keep))
    if any(after.count(x) < keep.count(x) for x in facts):
        found.append("facts-lost")
    return found
