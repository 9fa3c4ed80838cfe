"""Phrase lists: every phrase of every rule in one token automaton (see phrasebook)."""

from __future__ import annotations

from ..engine.segment import Token
from ..packs.phrasebook import Automaton, expand
from .base import Hit


class PhraseMatcher:
    def __init__(self, rules, classes) -> None:
        self.automaton = Automaton()
        for rule in rules:
            for phrase in rule.phrases:
                self.automaton.add(expand(phrase, classes), rule)

    def match(self, sentence: str, toks: list[Token]) -> list[Hit]:
        hits, seen = [], set()
        for rule, i, j in self.automaton.matches(toks):
            key = (rule.id, toks[i].start, toks[j - 1].end)
            if key not in seen:
                seen.add(key)
                hits.append(Hit(rule, key[1], key[2]))
        return hits


def build(rules, classes) -> PhraseMatcher:
    return PhraseMatcher(rules, classes)
