"""Run a pack's rule examples, like a compiler runs its test suite.

Every rule carries examples. For each rule, checked on its own (the pack's
other rules switched off, so one rule's finding never hides another's):

- each flag example is flagged at its marked span ``[[like this]]``;
- applying the rule's first suggestion there leaves text it no longer flags;
- each pass example is not flagged.

Failures read like compiler errors, located at the example in the pack file:

    rules/teams/acme.yaml:41:11: rule 'acme-support.codename': should flag 'Falcon' in "..."; it found nothing

Used by `tests/test_rule_examples.py`, `tactful packs test` and publishing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.reviewer import Reviewer
from .pack import Example, Pack, Rule


@dataclass(frozen=True)
class Failure:
    source: str
    line: int
    column: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}: rule '{self.rule}': {self.message}"


def rules_to_check(pack: Pack) -> list[Rule]:
    """The rules a pack answers for: its own, and inherited rules it changes (overrides)."""
    changed = set(pack.raw.get("overrides", {})) if pack.raw else set()
    return [r for r in pack.rules if r.origin == pack.id or r.id in changed]


def check_pack(pack: Pack, reviewer: Reviewer | None = None, rules: list[Rule] | None = None) -> list[Failure]:
    """Every failure of the examples of `rules` (default: `rules_to_check(pack)`); empty when all pass."""
    reviewer = reviewer or Reviewer(pack)
    failures: list[Failure] = []
    for rule in rules_to_check(pack) if rules is None else rules:
        failures.extend(check_rule(reviewer, rule))
    return failures


def check_rule(reviewer: Reviewer, rule: Rule) -> list[Failure]:
    """The failures of one rule's examples, reviewed with `reviewer` (a compiled pack holding the rule)."""
    out: list[Failure] = []
    marks = list(rule.example_marks) or [(rule.origin or "<pack>", 1, 1)] * (len(rule.flag) + len(rule.passes))

    def fail(k: int, message: str) -> None:
        source, line, col = marks[k] if k < len(marks) else (rule.origin or "<pack>", 1, 1)
        out.append(Failure(source, line, col, rule.id, message))

    if not rule.flag:
        fail(0, "has no examples that it must flag")
    if not rule.passes:
        fail(0, "has no examples that it must pass")
    for k, example in enumerate(rule.flag):
        for message in _flag_problems(reviewer, rule, example):
            fail(k, message)
    for k, example in enumerate(rule.passes, start=len(rule.flag)):
        hits = _hits(reviewer, rule, example.text)
        if hits:
            fail(k, f"should pass {example.text!r} but flagged {_spans(example.text, hits)}")
    return out


def _flag_problems(reviewer: Reviewer, rule: Rule, example: Example) -> list[str]:
    if example.span is None:
        return [f"a flag example must mark the flagged span [[like this]]: {example.text!r}"]
    hits = _hits(reviewer, rule, example.text)
    a, b = example.span
    # The finding covers the marked span, and not much more (a clause or sentence scope widens it).
    if not any(f.start <= a and b <= f.end and f.end - f.start <= (b - a) * 3 + 20 for f in hits):
        found = _spans(example.text, hits) if hits else "nothing"
        return [f"should flag {example.text[a:b]!r} in {example.text!r}; it found {found}"]
    problems = []
    for f in hits:
        if not f.suggestions:
            problems.append(f"gave no suggestion for {example.text[f.start:f.end]!r}")
            continue
        replacement = f.suggestions[0].replacement
        fixed = example.text[:f.start] + replacement + example.text[f.end:]
        region = (f.start, f.start + len(replacement))
        if any(g.start < region[1] and region[0] < g.end for g in _hits(reviewer, rule, fixed)):
            problems.append(f"its first suggestion does not fix {example.text!r} (got {fixed!r})")
    return problems


def _hits(reviewer: Reviewer, rule: Rule, text: str) -> list:
    others = [r.id for r in reviewer.pack.rules if r.id != rule.id]
    return [f for f in reviewer.review(text, disabled_rules=others, enabled_rules={rule.id}).findings
            if f.rule == rule.id]


def _spans(text: str, hits: list) -> str:
    return ", ".join(repr(text[f.start:f.end]) for f in hits)
