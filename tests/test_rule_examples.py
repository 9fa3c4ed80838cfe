"""Every rule's own examples: flag examples are flagged exactly at the marked span,
pass examples are not flagged, and the rule's first suggestion fixes what it flags
(the checks themselves live in `tactful.packs.packtest`, shared with `tactful packs test`)."""

from __future__ import annotations

import pytest

from tactful.engine.reviewer import Reviewer
from tactful.packs.pack import builtin_packs
from tactful.packs.packtest import check_rule


def _cases():
    for pack in builtin_packs().values():
        reviewer = Reviewer(pack)
        for rule in pack.rules:
            if rule.origin != pack.id:
                continue
            yield pytest.param(reviewer, rule, id=rule.id)


@pytest.mark.parametrize("reviewer,rule", list(_cases()))
def test_rule_examples(reviewer, rule):
    failures = check_rule(reviewer, rule)
    assert not failures, "\n".join(map(str, failures))
