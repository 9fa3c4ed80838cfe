"""Patterns: a regular expression (RE2, case-insensitive) over each sentence.

All patterns are also compiled into one RE2 set, so a sentence that none of
them matches (nearly every sentence) costs one scan instead of one per rule.
"""

from __future__ import annotations

import re2

from ..engine.segment import Token
from ..packs.regex import compile_pattern, scrub
from .base import Hit


def _pattern_set(rules):
    """An RE2 set of every pattern, or None when the binding cannot build one."""
    try:
        options = re2.Options()
        options.log_errors = False
        rset = re2.Set.SearchSet(options)
        for rule in rules:
            rset.Add(f"(?i){rule.pattern}")
        rset.Compile()
        return rset
    except Exception:  # an older binding: fall back to one scan per pattern
        return None


class PatternMatcher:
    def __init__(self, rules) -> None:
        self.compiled = [(rule, compile_pattern(rule.pattern)) for rule in rules if rule.pattern]
        self._set = _pattern_set([rule for rule, _ in self.compiled]) if len(self.compiled) > 1 else None

    def match(self, sentence: str, toks: list[Token]) -> list[Hit]:
        text = scrub(sentence)
        candidates = self.compiled
        if self._set is not None:
            found = self._set.Match(text)
            if not found:
                return []
            candidates = [self.compiled[i] for i in sorted(found)]
        hits = []
        for rule, rx in candidates:
            for m in rx.finditer(text):
                if m.end() > m.start():
                    hits.append(Hit(rule, m.start(), m.end()))
        return hits


def build(rules, classes) -> PatternMatcher:
    return PatternMatcher(rules)
