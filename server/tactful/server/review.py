"""POST /v1/review and POST /v1/rewrite, and the read-only pack catalogue."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, g, jsonify, request

from ..engine.findings import SEVERITIES
from ..engine.htmltext import html_to_text
from ..engine.rewrite import rewrite as rewrite_text
from .errors import ApiError
from .parts import parts

bp = Blueprint("review", __name__, url_prefix="/v1")


def json_body() -> dict:
    """The request's JSON object, or a 4xx that says what is wrong with it."""
    if not request.is_json:
        raise ApiError(415, "Send the request body as JSON with Content-Type: application/json.")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise ApiError(400, "The JSON is nested too deeply.") from None
    if data is None:
        raise ApiError(400, "The request body is not valid JSON (UTF-8, one JSON object).")
    if not isinstance(data, dict):
        raise ApiError(400, "The request body must be a JSON object, e.g. {\"text\": \"...\"}.")
    return data


def _string_list(data: dict, key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, f"'{key}' must be a list of strings.")
    return value


def _check_length(text: str, what: str) -> None:
    limit = current_app.config["TACTFUL"].max_text_length
    if len(text) > limit:
        raise ApiError(413, f"The {what} is {len(text):,} characters long; the limit is {limit:,}.")


_OPTION_KEYS = {"pack", "disabledRules", "disabledCategories", "minSeverity"}


def known_keys(data: dict, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ApiError(400, f"Unknown field(s) {', '.join(repr(k) for k in unknown)}; "
                            f"allowed: {', '.join(sorted(allowed))}.")


def draft(data: dict) -> tuple[str, list[tuple[int, int]], bool]:
    """(text to review, excluded ranges, came from HTML) from `text` or `html`."""
    if "text" in data and "html" in data:
        raise ApiError(400, "Send either 'text' or 'html', not both.")
    if "html" in data:
        html = data["html"]
        if not isinstance(html, str):
            raise ApiError(400, f"'html' must be a string, not {_type(html)}.")
        _check_length(html, "HTML")
        converted = html_to_text(html)
        return converted.text, converted.excluded, True
    if "text" not in data:
        raise ApiError(400, "Missing 'text': send {\"text\": \"your draft\"} (or 'html').")
    text = data["text"]
    if not isinstance(text, str):
        raise ApiError(400, f"'text' must be a string, not {_type(text)}.")
    _check_length(text, "text")
    return text, [], False


def _type(value) -> str:
    return {type(None): "null", bool: "a boolean", int: "a number", float: "a number", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def caller_team() -> str | None:
    """The team whose packs a caller may see: its token's team; None (every pack) without a token."""
    return g.get("team") if g.get("role") else None


def visible_pack(pack_id: str | None):
    """The pack, if it exists and the caller may see it (another team's pack is 'unknown' to a token).

    The pack chosen for the caller's team (`tactful teams set-pack`) is always visible to it.
    """
    registry = parts().packs
    pack = registry.get(pack_id)
    if pack is None:
        return None
    return pack if pack.id == g.get("team_pack") or registry.visible_to(pack.id, caller_team()) else None


def reviewer_and_options(data: dict):
    if "pack" in data and not isinstance(data["pack"], str):
        raise ApiError(400, f"'pack' must be a string, not {_type(data['pack'])}.")
    pack_id = data.get("pack") or g.get("team_pack")
    min_severity = data.get("minSeverity")
    if "minSeverity" in data and min_severity not in SEVERITIES:
        raise ApiError(400, f"'minSeverity' must be one of {', '.join(SEVERITIES)}.")
    reviewer = parts().packs.reviewer(pack_id) if visible_pack(pack_id) else None
    if reviewer is None:
        raise ApiError(404, f"Unknown pack '{pack_id}'. GET /v1/packs lists the packs.")
    options = {"disabled_rules": _string_list(data, "disabledRules"),
               "disabled_categories": _string_list(data, "disabledCategories"),
               "min_severity": min_severity, "deadline": deadline()}
    return reviewer, options


def deadline() -> float:
    """When a review of this request must stop (a `time.monotonic()` value): the `deadline_seconds` setting."""
    return time.monotonic() + float(getattr(current_app.config["TACTFUL"], "deadline_seconds", 5.0))


@bp.post("/review")
def review():
    data = json_body()
    known_keys(data, {"text", "html"} | _OPTION_KEYS)
    text, excluded, from_html = draft(data)
    reviewer, options = reviewer_and_options(data)
    result = reviewer.review(text, excluded=excluded, analyzers=parts().analyzers,
                             **options)
    parts().feedback.fired(g.get("team", "default"), [f.rule for f in result.findings])
    body = result.to_dict()
    if from_html:
        body["text"] = text
    return jsonify(body)


@bp.post("/rewrite")
def rewrite():
    data = json_body()
    known_keys(data, {"text", "html", "apply"} | _OPTION_KEYS)
    text, excluded, from_html = draft(data)
    if from_html:
        raise ApiError(400, "Rewrite works on 'text'; review the HTML first and rewrite its returned 'text'.")
    reviewer, options = reviewer_and_options(data)
    wanted = data.get("apply", "all")
    if wanted == "all":
        chosen = None
    elif isinstance(wanted, list) and all(isinstance(w, (str, dict)) for w in wanted):
        chosen = {}
        for w in wanted:
            if isinstance(w, str):
                chosen[w] = 0
                continue
            n = w.get("suggestion", 0)
            if isinstance(n, float) and n.is_integer():  # JSON has one number type: 1.0 is 1
                n = int(n)
            if not isinstance(w.get("id"), str) or not isinstance(n, int) or isinstance(n, bool) or n < 0 \
                    or not set(w) <= {"id", "suggestion"}:
                raise ApiError(400, "Each item of 'apply' is a finding id or {\"id\": ..., \"suggestion\": n}.")
            chosen[w["id"]] = n
    else:
        raise ApiError(400, "'apply' must be \"all\" or a list of finding ids from /v1/review.")
    new_text, edits, final = rewrite_text(reviewer, text, chosen, parts().analyzers,
                                          **options)
    body = final.to_dict()
    return jsonify({"text": new_text, "edits": edits, "findings": body["findings"], "summary": body["summary"],
                    "pack": body["pack"]})


@bp.get("/packs")
def packs():
    registry, team = parts().packs, caller_team()
    return jsonify(packs=[p.summary() for p in registry.packs().values() if registry.visible_to(p.id, team)],
                   default=registry.default)


@bp.get("/packs/<pack_id>")
def pack(pack_id: str):
    found = visible_pack(pack_id)
    if found is None:
        raise ApiError(404, f"Unknown pack '{pack_id}'. GET /v1/packs lists the packs.")
    return jsonify({**found.summary(), "rules": [r.to_dict() for r in found.rules]})


@bp.get("/rules/<rule_id>")
def rule(rule_id: str):
    registry = parts().packs
    preferred = registry.get(g.get("team_pack")) if g.get("team_pack") else None
    team = caller_team()
    visible = [p for p in registry.packs().values() if registry.visible_to(p.id, team)]
    for p in ([preferred] if preferred else []) + visible:
        found = p.rule(rule_id)
        if found:
            return jsonify(found.to_dict())
    raise ApiError(404, f"Unknown rule '{rule_id}'. GET /v1/packs/<id> lists a pack's rules.")
