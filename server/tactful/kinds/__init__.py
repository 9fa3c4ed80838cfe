"""Rule kinds: one module per kind, dispatched on the rule's `kind` key.

Each kind module has `build(rules, classes) -> Matcher`. A matcher's
`match(sentence, tokens)` returns the hits in one sentence (offsets relative
to it; a pure function of the sentence, so the engine may cache it), and its
optional `accept(hit, draft)` decides with the whole draft in view.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..packs.pack import Rule
from . import pattern, phrases

KINDS = {"phrases": phrases, "pattern": pattern}


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    start: int
    end: int


def build_matchers(rules: tuple[Rule, ...], classes: dict) -> list:
    matchers = []
    for name, module in KINDS.items():
        of_kind = [r for r in rules if r.kind == name]
        if of_kind:
            matchers.append(module.build(of_kind, classes))
    unknown = {r.kind for r in rules} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown rule kind(s) {sorted(unknown)}; valid kinds: {', '.join(KINDS)}")
    return matchers
