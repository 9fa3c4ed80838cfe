"""LanguageTool's HTTP protocol (`/v2/check`, `/v2/languages`), so LanguageTool clients can use Tactful.

Editors and browser extensions that speak LanguageTool's protocol point their
"server URL" at Tactful and get its findings as LanguageTool matches. The
JSON shape follows answers recorded from real LanguageTool servers
(`shared/languagetool/`). Offsets count UTF-16 code units, as in Java.
"""

from __future__ import annotations

import json

from flask import Blueprint, current_app, g, jsonify, request

from .. import __version__
from ..engine.utf16 import Utf16Index
from .errors import ApiError
from .parts import parts
from .review import deadline

bp = Blueprint("languagetool", __name__, url_prefix="/v2")

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "English (New Zealand)", "code": "en", "longCode": "en-NZ"},
    {"name": "English (South African)", "code": "en", "longCode": "en-ZA"},
]
_BY_CODE = {lang["longCode"].lower(): lang for lang in LANGUAGES}
_CATEGORY_NAMES = {"excuse": "Excuses", "overshare": "Oversharing", "scripted": "Scripted phrases",
                   "overpromise": "Overpromising", "defensive": "Defensive tone", "clarity": "Clarity",
                   "tone": "Tone", "grammar": "Grammar", "spelling": "Possible Typo"}
_ISSUE_TYPES = {"spelling": "misspelling", "grammar": "grammar", "defensive": "register", "tone": "register"}
_CONTEXT = 40


def category_id(category: str) -> str:
    return "TACTFUL_" + category.upper()


def _param(name: str) -> str | None:
    value = request.values.get(name)
    return value if value not in (None, "") else None


def _list(name: str) -> set[str]:
    return {v.strip() for v in (_param(name) or "").split(",") if v.strip()}


def _language() -> dict:
    code = _param("language")
    if code is None:
        raise ApiError(400, "Missing 'language' parameter, e.g. language=en-US (or language=auto).")
    if code.lower() == "auto":
        return _BY_CODE["en-us"]
    lang = _BY_CODE.get(code.lower()) or (_BY_CODE["en-us"] if code.lower() == "en" else None)
    if lang is None:
        raise ApiError(400, f"'{code}' is not a language code known to Tactful; it reviews English "
                            f"({', '.join(sorted(l['longCode'] for l in LANGUAGES))}).")
    return lang


def _annotated(raw: str) -> tuple[str, list[int], str]:
    """LanguageTool's `data` (annotation JSON) → (plain text, offset of each plain char in the whole, whole)."""
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(400, "'data' is not valid JSON; expected {\"annotation\": [{\"text\": ...}, {\"markup\": ...}]}.") from None
    items = doc.get("annotation") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise ApiError(400, "'data' needs an 'annotation' array of {\"text\": ...} and {\"markup\": ...} items.")
    plain, positions, whole = [], [], []
    pos = 0
    for item in items:
        if not isinstance(item, dict) or not (isinstance(item.get("text"), str) or isinstance(item.get("markup"), str)):
            raise ApiError(400, "Each annotation item needs a string 'text' or 'markup'.")
        if isinstance(item.get("text"), str):
            t = item["text"]
            plain.append(t)
            positions.extend(range(pos, pos + len(t)))
        else:
            t = item["markup"]
            shown = item.get("interpretAs", "")
            if not isinstance(shown, str):
                raise ApiError(400, "'interpretAs' must be a string.")
            plain.append(shown)
            positions.extend([pos] * len(shown))
        whole.append(t)
        pos += len(t)
    positions.append(pos)
    return "".join(plain), positions, "".join(whole)


@bp.get("/languages")
def languages():
    return jsonify(LANGUAGES)


@bp.route("/check", methods=["GET", "POST"])
def check():
    # An empty value counts as absent, as LanguageTool's own server treats it.
    text, data = request.values.get("text"), _param("data")
    if text == "" and data is not None:
        text = None
    if text is not None and data is not None:
        raise ApiError(400, "Send either 'text' or 'data', not both.")
    if text is None and data is None:
        raise ApiError(400, "Missing 'text' or 'data' parameter.")
    lang = _language()
    level = _param("level") or "default"
    if level not in ("default", "picky"):
        raise ApiError(400, f"'level' must be 'default' or 'picky', not '{level}'.")
    enabled_rules, disabled_rules = _list("enabledRules"), _list("disabledRules")
    enabled_cats, disabled_cats = _list("enabledCategories"), _list("disabledCategories")
    enabled_only = (_param("enabledOnly") or "false").lower()
    if enabled_only not in ("true", "false"):
        raise ApiError(400, "'enabledOnly' must be 'true' or 'false'.")
    enabled_only = enabled_only == "true"
    if enabled_only and not (enabled_rules or enabled_cats):
        raise ApiError(400, "You cannot use 'enabledOnly' without 'enabledRules' or 'enabledCategories'.")
    if enabled_only and (disabled_rules or disabled_cats):
        raise ApiError(400, "You cannot specify disabled rules or categories using enabledOnly=true.")

    if data is not None:
        plain, positions, whole = _annotated(data)
    else:
        plain, positions, whole = text, None, text
    limit = current_app.config["TACTFUL"].max_text_length
    if len(whole) > limit:
        raise ApiError(413, f"The text is {len(whole):,} characters long; the limit is {limit:,}.")

    reviewer = parts().packs.reviewer(g.get("team_pack"))
    review = reviewer.review(plain, deadline=deadline())
    index, sentence_of = Utf16Index(whole), review.sentences
    matches = []
    for f in review.findings:
        cat = category_id(f.category)
        if enabled_only and f.rule not in enabled_rules and cat not in enabled_cats:
            continue
        if f.rule in disabled_rules or cat in disabled_cats or f.category.upper() in disabled_cats:
            continue
        start = positions[f.start] if positions else f.start
        end = positions[f.end] if positions else f.end
        matches.append(_match(whole, index, start, end, f, sentence_of))
    parts().feedback.fired(g.get("team", "default"), [m["rule"]["id"] for m in matches])
    return jsonify({
        "software": {"name": "Tactful", "version": __version__, "buildDate": None, "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": lang["name"], "code": lang["longCode"],
                     "detectedLanguage": {"name": lang["name"], "code": lang["longCode"], "confidence": 1.0}},
        "matches": matches,
    })


def _match(whole: str, index: Utf16Index, start: int, end: int, f, sentences) -> dict:
    c_start, c_end = max(0, start - _CONTEXT), min(len(whole), end + _CONTEXT)
    context = whole[c_start:c_end].replace("\n", " ")
    sentence = next((s.text for s in sentences if s.start <= f.start < s.end), whole[start:end])
    offset = index.to_utf16(start)
    return {
        "message": f.message,
        "shortMessage": _CATEGORY_NAMES.get(f.category, f.category.title()),
        "replacements": [{"value": s.replacement} for s in f.suggestions],
        "offset": offset,
        "length": index.to_utf16(end) - offset,
        "context": {"text": context,
                    "offset": len(whole[c_start:start].encode("utf-16-le", "surrogatepass")) // 2,
                    "length": len(whole[start:end].encode("utf-16-le", "surrogatepass")) // 2},
        "sentence": sentence,
        "type": {"typeName": "Other"},
        "rule": {"id": f.rule, "description": f.rationale or f.message,
                 "issueType": _ISSUE_TYPES.get(f.category, "style"),
                 "category": {"id": category_id(f.category), "name": _CATEGORY_NAMES.get(f.category, f.category)}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        # Tactful's own fields, ignored by LanguageTool clients: a pack rule or the learned detector, and how sure.
        "source": f.source,
        "confidence": f.confidence,
    }
