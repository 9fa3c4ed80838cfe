"""Tactful as a LanguageTool server: the real language-tool-python client against a live server,
and the protocol's shape and errors against the answers recorded from real LanguageTool servers."""

from __future__ import annotations

import json
from pathlib import Path

import language_tool_python
import pytest

from live import live_server

SHARED = Path(__file__).resolve().parents[2] / "shared" / "languagetool"
DRAFT = "Hi 😀 Dana, we have been swamped this week. We apologize for any inconvenience this may have caused."


@pytest.fixture(scope="module")
def server_url():
    with live_server("--workers", "1") as url:
        yield url


def test_language_tool_python_client_builds_matches(server_url):
    tool = language_tool_python.LanguageTool("en-US", remote_server=server_url)
    try:
        matches = tool.check(DRAFT)
    finally:
        tool.close()
    assert {m.category for m in matches} >= {"TACTFUL_EXCUSE", "TACTFUL_SCRIPTED"}
    for m in matches:
        # The client turns UTF-16 offsets into Python indexes; they must land on the flagged words.
        flagged = DRAFT[m.offset:m.offset + m.error_length]
        assert flagged and flagged == flagged.strip()
        assert m.replacements and m.message and m.rule_id.startswith("core.")
        assert m.context and m.sentence
    excuse = next(m for m in matches if m.category == "TACTFUL_EXCUSE")
    assert "swamped" in DRAFT[excuse.offset:excuse.offset + excuse.error_length]


def test_client_applies_rule_filters(server_url):
    tool = language_tool_python.LanguageTool("en-US", remote_server=server_url)
    try:
        tool.disabled_categories = {"TACTFUL_SCRIPTED"}
        assert {m.category for m in tool.check(DRAFT)} == {"TACTFUL_EXCUSE"}
    finally:
        tool.close()


def _keys(obj, prefix=""):
    """Every key path in a JSON document, e.g. 'matches[].rule.category.id'."""
    out = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.add(prefix + k)
            out |= _keys(v, prefix + k + ".")
    elif isinstance(obj, list) and obj:
        out |= _keys(obj[0], prefix[:-1] + "[]." if prefix else "[].")
    return out


@pytest.mark.parametrize("recorded", sorted(SHARED.glob("*.response.json")), ids=lambda p: p.name)
def test_shape_matches_recorded_languagetool(client, recorded):
    real = json.loads(recorded.read_text(encoding="utf-8"))
    ours = client.post("/v2/check", data={"language": "en-US", "text": DRAFT}).get_json()
    required = {"software", "software.name", "software.version", "software.apiVersion", "warnings",
                "warnings.incompleteResults", "language", "language.name", "language.code", "matches",
                "matches[].message", "matches[].shortMessage", "matches[].replacements",
                "matches[].replacements[].value", "matches[].offset", "matches[].length", "matches[].context",
                "matches[].context.text", "matches[].context.offset", "matches[].context.length",
                "matches[].sentence", "matches[].type", "matches[].type.typeName", "matches[].rule",
                "matches[].rule.id", "matches[].rule.description", "matches[].rule.issueType",
                "matches[].rule.category", "matches[].rule.category.id", "matches[].rule.category.name"}
    assert required <= _keys(real), "the recorded answer should have every field we imitate"
    assert required <= _keys(ours)
    for m in ours["matches"]:
        ctx = m["context"]
        assert _units(ctx["text"], ctx["offset"], ctx["length"]) == _units(DRAFT, m["offset"], m["length"])


def _units(text: str, offset: int, length: int) -> str:
    """The slice of `text` at a UTF-16 offset and length, as Java and JavaScript count."""
    return text.encode("utf-16-le")[offset * 2:(offset + length) * 2].decode("utf-16-le")


def test_get_and_languages(client):
    r = client.get("/v2/check", query_string={"language": "en-GB", "text": "We are swamped."})
    assert r.status_code == 200 and r.get_json()["language"]["code"] == "en-GB"
    langs = client.get("/v2/languages").get_json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in langs


def test_annotation_data_counts_markup_in_offsets(client):
    data = {"annotation": [{"markup": "<p class='x'>"}, {"text": "Hello. We are swamped."},
                           {"markup": "<br/>", "interpretAs": "\n"}, {"text": "Bye."}, {"markup": "</p>"}]}
    whole = "<p class='x'>Hello. We are swamped.<br/>Bye.</p>"
    r = client.post("/v2/check", data={"language": "en-US", "data": json.dumps(data)}).get_json()
    m = next(m for m in r["matches"] if m["rule"]["category"]["id"] == "TACTFUL_EXCUSE")
    assert whole[m["offset"]:m["offset"] + m["length"]] == "We are swamped"


@pytest.mark.parametrize("params,needle", [
    ({"text": "hi"}, "Missing 'language'"),
    ({"language": "en-US"}, "Missing 'text' or 'data'"),
    ({"language": "en-US", "text": "a", "data": "{}"}, "either 'text' or 'data'"),
    ({"language": "xx-YY", "text": "a"}, "not a language code"),
    ({"language": "en-US", "text": "a", "enabledOnly": "true"}, "enabledOnly"),
    ({"language": "en-US", "text": "a", "enabledOnly": "true", "enabledRules": "x", "disabledRules": "y"}, "disabled"),
    ({"language": "en-US", "text": "a", "level": "loud"}, "level"),
    ({"language": "en-US", "data": "{oops"}, "not valid JSON"),
    ({"language": "en-US", "data": '{"annotation": [{"nothing": 1}]}'}, "'text' or 'markup'"),
])
def test_invalid_combinations_are_400(client, params, needle):
    r = client.post("/v2/check", data=params)
    assert r.status_code == 400 and needle in r.get_json()["detail"]


def test_enabled_only(client):
    r = client.post("/v2/check", data={"language": "en-US", "text": DRAFT, "enabledOnly": "true",
                                       "enabledCategories": "TACTFUL_SCRIPTED"}).get_json()
    assert r["matches"] and {m["rule"]["category"]["id"] for m in r["matches"]} == {"TACTFUL_SCRIPTED"}
