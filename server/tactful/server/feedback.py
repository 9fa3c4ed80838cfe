"""Feedback from the extension (rule id and action, never text) and per-rule statistics.

Counts are per team (the token's team; "default" without a token) and rule:
how often the rule fired in reviews, and how often its finding was applied,
dismissed, or the rule disabled. They are kept in memory and added to the
database every second, so neither a review nor a feedback call waits for it.

Feedback names a rule of a pack the caller can see, or one of the built-in
analyzers' rules; any other id is refused, so made-up ids cannot grow the
table without bound.
"""

from __future__ import annotations

import re

from flask import Blueprint, g, jsonify, request

from ..engine.findings import CATEGORIES
from ..service import ACTIONS
from ..store import StoreUnavailable
from .errors import ApiError
from .parts import parts
from .review import caller_team, json_body, visible_pack
from .teams_openapi import RULE_ID

bp = Blueprint("feedback", __name__, url_prefix="/v1")

_RULE_ID = re.compile(RULE_ID)
# Rules of the analyzers rather than of a pack (clarity, curt tone, the model's per-category findings).
ANALYZER_RULES = frozenset({"tactful.clarity.long_sentence", "tactful.clarity.hard_sentence", "tactful.tone.curt",
                            *(f"tactful.model.{c}" for c in CATEGORIES)})


def _known(rule_id: str) -> bool:
    """Whether `rule_id` is an analyzer's rule or a rule of a pack the caller can see."""
    if rule_id in ANALYZER_RULES:
        return True
    registry, team = parts().packs, caller_team()
    return any(pack.rule(rule_id) for pack in registry.packs().values()
               if pack.id == g.get("team_pack") or registry.visible_to(pack.id, team))


@bp.post("/feedback")
def feedback():
    data = json_body()
    rule, action = data.get("rule"), data.get("action")
    if not isinstance(rule, str) or not _RULE_ID.fullmatch(rule):
        raise ApiError(400, "'rule' must be a rule id, e.g. \"core.excuse.workload\".")
    if action not in ACTIONS:
        raise ApiError(400, f"'action' must be one of {', '.join(ACTIONS)}.")
    if "pack" in data and not isinstance(data["pack"], str):
        raise ApiError(400, "'pack' must be a pack id (a string).")
    extra = set(data) - {"rule", "action", "pack"}
    if extra:
        raise ApiError(400, f"Feedback carries a rule id and an action only; unexpected: {', '.join(sorted(extra))}.")
    if not _known(rule):
        raise ApiError(422, f"Unknown rule '{rule}': feedback names a rule of a pack you can see "
                            "(GET /v1/packs/<id> lists them) or of the built-in analyzers.")
    parts().feedback.add(g.get("team", "default"), rule, action)
    return jsonify(ok=True), 202


@bp.get("/stats")
def stats():
    """Per rule of the team: fired, applied, dismissed, disabled (?pack=ID: that pack's rules and the detector's
    only), and the same summed per source (pack rules against the learned detector)."""
    team = g.get("team", "default")
    pack_id = request.args.get("pack")
    try:
        counts = parts().feedback.stats(team)
    except StoreUnavailable:
        raise ApiError(503, "The database is unreachable, so statistics cannot be read now; counting goes on "
                            "in memory and nothing is lost. Try again shortly.", {"Retry-After": "5"}) from None
    if pack_id:
        pack = visible_pack(pack_id)
        if pack is None:
            raise ApiError(404, f"Unknown pack '{pack_id}'. GET /v1/packs lists the packs.")
        ids = {r.id for r in pack.rules}
        counts = {rule: c for rule, c in counts.items() if rule in ids or rule.startswith(MODEL_RULES)}
    return jsonify(team=team, pack=pack_id, rules=counts, bySource=by_source(counts))


MODEL_RULES = "tactful.model."  # the learned detector's findings, one rule id per category


def by_source(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The counts summed per source: pack rules and analyzers ("rule") against the learned detector ("model")."""
    out: dict[str, dict[str, int]] = {"rule": {}, "model": {}}
    for rule, actions in counts.items():
        into = out["model" if rule.startswith(MODEL_RULES) else "rule"]
        for action, n in actions.items():
            into[action] = into.get(action, 0) + n
    return out
