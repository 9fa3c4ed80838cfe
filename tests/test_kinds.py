"""Rule kinds: one module per kind, each returning `kinds.base.Hit`s, each importable on its own."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from tactful.engine.segment import tokens
from tactful.kinds import KINDS, build_matchers
from tactful.kinds.base import Hit
from tactful.packs.pack import builtin_packs


@pytest.mark.parametrize("module", ["tactful.kinds.base", *(f"tactful.kinds.{name}" for name in KINDS)])
def test_each_kind_module_imports_first_in_a_fresh_process(module):
    """No import cycle between a kind, `kinds/__init__` and the engine, whichever is imported first."""
    proc = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_every_kind_returns_hits_of_the_base_type():
    core = builtin_packs()["core"]
    sentence = "Sorry, we've been swamped this week, and I am 100% sure it will never happen again."
    kinds_seen = set()
    for matcher in build_matchers(core.rules, core.classes):
        for hit in matcher.match(sentence, tokens(sentence)):
            assert type(hit) is Hit and 0 <= hit.start < hit.end <= len(sentence)
            kinds_seen.add(hit.rule.kind)
    assert kinds_seen == set(KINDS), "the sentence should exercise every kind"


def test_an_unknown_kind_is_refused_with_the_valid_kinds():
    rule = replace(builtin_packs()["core"].rules[0], kind="condition")
    with pytest.raises(ValueError, match=r"unknown rule kind\(s\) \['condition'\]; valid kinds: phrases, pattern"):
        build_matchers((rule,), {})
