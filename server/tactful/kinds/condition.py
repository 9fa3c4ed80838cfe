"""Sentence-level conditions: a trigger in the sentence plus a fact about the whole draft.

Example: a clause about workload is an excuse when the draft gives the
customer no ETA (``draft_lacks: [eta]``). The trigger is a phrase list or a
pattern; the draft facts are the signals in `tactful.engine.signals`.
"""

from __future__ import annotations

from ..engine.segment import Token
from .pattern import PatternMatcher
from .phrases import PhraseMatcher


class ConditionMatcher:
    def __init__(self, rules, classes) -> None:
        self.phrases = PhraseMatcher([r for r in rules if r.phrases], classes)
        self.patterns = PatternMatcher([r for r in rules if r.pattern])

    def match(self, sentence: str, toks: list[Token]) -> list:
        return self.phrases.match(sentence, toks) + self.patterns.match(sentence, toks)

    @staticmethod
    def accept(hit, draft) -> bool:
        rule = hit.rule
        return (all(not draft.signal(name) for name in rule.draft_lacks)
                and all(draft.signal(name) for name in rule.draft_has))


def build(rules, classes) -> ConditionMatcher:
    return ConditionMatcher(rules, classes)
