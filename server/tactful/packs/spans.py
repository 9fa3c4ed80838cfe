"""The words that decide how far an underline stretches: core data in `rules/core/spans.yaml`.

A rule with `scope: clause` underlines the clause its hit is in. Punctuation
ends a clause (the engine's `_CLAUSE_BREAK`); so do the words listed here:

- `clause_words`: a clause begins after one and ends before one
  ("we're swamped **because** two agents are out");
- `lead_ins`: a clause of its own before the hit, which the underline does not
  take in ("**Rest assured**, this will never happen again").

Each item is one or more lower-case words; matching ignores case, and an
apostrophe matches both ' and ’. The file is read-only core data: the engine
reads core's for every pack, and a team pack cannot change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pack import Issue, PackError, parse_yaml
from .yamlmarks import mark_of

KEYS = ("clause_words", "lead_ins")
_ITEM = re.compile(r"^[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?)*$")


@dataclass(frozen=True)
class Spans:
    clause_words: tuple[str, ...]
    lead_ins: tuple[str, ...]
    clause_word: re.Pattern = field(init=False, repr=False, compare=False)  # any one of `clause_words`
    lead_in: re.Pattern = field(init=False, repr=False, compare=False)  # any one of `lead_ins`

    def __post_init__(self) -> None:
        object.__setattr__(self, "clause_word", _any_of(self.clause_words))
        object.__setattr__(self, "lead_in", _any_of(self.lead_ins))


def _any_of(items: tuple[str, ...]) -> re.Pattern:
    """One whole-word, case-insensitive expression for the items, the longest first where two start alike."""
    alternatives = (re.escape(item).replace("'", "[’']") for item in sorted(items, key=len, reverse=True))
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def parse_spans(text: str, source: str) -> Spans:
    """Spans from the text of a spans file; PackError with file:line:col for anything else in it."""
    data, marks = parse_yaml(text, source)
    where = lambda *path: mark_of(marks, path, (source, 1, 1))  # noqa: E731
    if not isinstance(data, dict):
        raise PackError([Issue(source, 1, 1, f"a spans file is a mapping of {' and '.join(KEYS)}")])
    issues = [Issue(*where(key, "<key>"), f"unknown key '{key}'; a spans file holds {' and '.join(KEYS)}")
              for key in data if key not in KEYS]
    for key in KEYS:
        items = data.get(key)
        if not (isinstance(items, list) and items):
            issues.append(Issue(*where(key), f"'{key}' must be a list of one or more words or phrases"))
            continue
        for j, item in enumerate(items):
            if not (isinstance(item, str) and _ITEM.match(item)):
                issues.append(Issue(*where(key, j), f"{key} item {item!r}: lower-case words, single spaces, "
                                                    "straight apostrophes (an apostrophe also matches ’)"))
            elif item in items[:j]:
                issues.append(Issue(*where(key, j), f"{key} item {item!r} is listed twice"))
    if issues:
        raise PackError(issues)
    return Spans(tuple(data["clause_words"]), tuple(data["lead_ins"]))
