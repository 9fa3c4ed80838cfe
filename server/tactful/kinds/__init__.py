"""Rule kinds: one module per kind, dispatched on the rule's `kind` key.

Each kind module has `build(rules, classes) -> Matcher` (see `base`): a
matcher's `match(sentence, tokens)` returns the `Hit`s in one sentence,
offsets relative to it.
"""

from __future__ import annotations

from ..packs.pack import Rule
from . import pattern, phrases
from .base import Matcher

KINDS = {"phrases": phrases, "pattern": pattern}


def build_matchers(rules: tuple[Rule, ...], classes: dict) -> list[Matcher]:
    matchers = []
    for name, module in KINDS.items():
        of_kind = [r for r in rules if r.kind == name]
        if of_kind:
            matchers.append(module.build(of_kind, classes))
    unknown = {r.kind for r in rules} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown rule kind(s) {sorted(unknown)}; valid kinds: {', '.join(KINDS)}")
    return matchers
