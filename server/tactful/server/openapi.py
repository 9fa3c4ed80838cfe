"""GET /openapi.json (the API described for machines) and GET /docs (the same, for people).

`create_app` registers `blueprint(*areas)`: the document is built once per app, from this module's
dicts and the paths other areas describe (`teams_openapi.PATHS`), without changing any of them.
"""

from __future__ import annotations

import copy
import json
from html import escape

from flask import Blueprint, Response, jsonify

from .. import __version__
from ..engine.findings import CATEGORIES, SEVERITIES

_STR_LIST = {"type": "array", "items": {"type": "string"}}
_PROBLEM = {"description": "Problem", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _json(ref: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


# gunicorn answers a request line over 4,094 bytes itself, in plain text, before Tactful sees it.
TOO_LONG = {"414": {"description": "URI too long: the request line is over 4,094 bytes; send long text in a "
                                   "POST body instead", "content": {"text/plain": {"schema": {"type": "string"}}}}}


RULE_ID = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$"  # what POST /v1/feedback accepts as a rule id


def _errors(*codes: int) -> dict:
    return {str(c): _PROBLEM for c in codes}


def _body(ref: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


_DRAFT = {"type": "string", "description": "At most max_text_length characters (default 100,000); longer gets 413."}
_OPTIONS = {
    "pack": {"type": "string", "description": "Pack id (default: the team's pack, else core)."},
    "disabledRules": _STR_LIST, "disabledCategories": _STR_LIST,
    "minSeverity": {"type": "string", "enum": ["info", "warning", "error"]},
}

SCHEMAS = {
    "Problem": {"type": "object", "required": ["title", "status", "detail"], "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}}},
    "Suggestion": {"type": "object", "required": ["replacement", "label"], "properties": {
        "replacement": {"type": "string", "description": "The new text of the finding's span (for a fault, the clause its "
                        "rewrite edits); may hold a placeholder such as [day and time]."},
        "label": {"type": "string"}}},
    "Finding": {"type": "object", "required": ["id", "rule", "category", "severity", "offset", "length", "message", "suggestions",
                                           "source", "confidence"],
                "properties": {
                    "id": {"type": "string", "description": "rule@offset; names the finding for /v1/rewrite"},
                    "rule": {"type": "string"}, "category": {"type": "string", "enum": list(CATEGORIES)},
                    "severity": {"type": "string", "enum": list(SEVERITIES)},
                    "offset": {"type": "integer", "minimum": 0, "description": "UTF-16 code units"},
                    "length": {"type": "integer", "minimum": 0, "description": "UTF-16 code units"},
                    "message": {"type": "string"}, "rationale": {"type": "string"},
                    "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
                    "source": {"type": "string", "enum": ["rule", "model"],
                               "description": "rule: a pack rule or an analyzer; model: the learned detector, where no rule fired"},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1,
                                   "description": "the detector's probability for the category; 1 for a rule"}}},
    "Summary": {"type": "object", "description": "Counts by category and severity, the authored ranges, and the analyzers' figures.",
                "required": ["findings", "byCategory", "bySeverity", "sentences", "authored", "words", "questions",
                             "grade", "tone", "score", "scoreReasons", "grammar"],
                "properties": {
                    "findings": {"type": "integer"},
                    "byCategory": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "bySeverity": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "sentences": {"type": "integer"},
                    "authored": {"type": "array", "items": {"type": "object", "required": ["offset", "length"],
                                 "properties": {"offset": {"type": "integer"}, "length": {"type": "integer"}}}},
                    "words": {"type": "integer"}, "questions": {"type": "integer"},
                    "readingEase": {"type": "number"}, "grade": {"type": "number"},
                    "avgSentenceLength": {"type": "number"},
                    "tone": {"type": "object", "required": ["compound", "label"], "properties": {
                        "compound": {"type": "number", "minimum": -1, "maximum": 1}, "label": {"type": "string"}}},
                    "score": {"type": "integer", "minimum": 0, "maximum": 100,
                              "description": "Ready to send, 0-100 (the README gives the formula)"},
                    "scoreReasons": {"type": "array", "items": {"type": "string"},
                                     "description": "The two or three things that lower the score most, in plain words"},
                    "grammar": {"type": "object", "required": ["status"], "properties": {
                        "status": {"type": "string", "enum": ["ok", "off", "skipped"]}, "reason": {"type": "string"}}}}},
    "PackRef": {"type": "object", "required": ["id", "version"], "properties": {"id": {"type": "string"}, "version": {"type": "string"}}},
    "ReviewRequest": {"oneOf": [
        {"type": "object", "required": ["text"], "additionalProperties": False,
         "properties": {"text": _DRAFT, **_OPTIONS}},
        {"type": "object", "required": ["html"], "additionalProperties": False,
         "properties": {"html": {**_DRAFT, "description": "An HTML draft; quoted blocks and signatures are skipped."},
                        **_OPTIONS}}]},
    "ReviewResponse": {"type": "object", "required": ["findings", "summary", "pack"], "properties": {
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "summary": {"$ref": "#/components/schemas/Summary"}, "pack": {"$ref": "#/components/schemas/PackRef"},
        "text": {"type": "string", "description": "For an html request: the visible text the offsets point into."}}},
    "RewriteRequest": {"type": "object", "required": ["text"], "additionalProperties": False, "properties": {
        "text": _DRAFT, **_OPTIONS,
        "apply": {"oneOf": [{"type": "string", "enum": ["all"]}, {"type": "array", "items": {"oneOf": [
            {"type": "string"}, {"type": "object", "required": ["id"], "additionalProperties": False, "properties": {
                "id": {"type": "string"}, "suggestion": {"type": "integer", "minimum": 0}}}]}}]}}},
    "Edit": {"type": "object", "required": ["id", "rule", "offset", "length", "replacement", "round"], "properties": {
        "id": {"type": "string"}, "rule": {"type": "string"}, "offset": {"type": "integer"}, "length": {"type": "integer"},
        "replacement": {"type": "string"}, "round": {"type": "integer"}}},
    "RewriteResponse": {"type": "object", "required": ["text", "edits", "findings", "summary", "pack"], "properties": {
        "text": {"type": "string"}, "edits": {"type": "array", "items": {"$ref": "#/components/schemas/Edit"}},
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "summary": {"$ref": "#/components/schemas/Summary"}, "pack": {"$ref": "#/components/schemas/PackRef"}}},
    "PackSummary": {"type": "object", "required": ["id", "version", "rules"], "properties": {
        "id": {"type": "string"}, "version": {"type": "string"}, "name": {"type": "string"},
        "description": {"type": "string"}, "extends": {"type": ["string", "null"]}, "rules": {"type": "integer"}}},
    "Rule": {"type": "object", "required": ["id", "category", "severity", "message", "suggestions", "examples"], "properties": {
        "id": {"type": "string"}, "kind": {"type": "string"}, "category": {"type": "string"},
        "severity": {"type": "string"}, "message": {"type": "string"}, "rationale": {"type": "string"},
        "pack": {"type": "string"},
        "enabled": {"type": "boolean", "description": "false: the rule ships switched off; a team pack turns it on."},
        "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
        "examples": {"type": "object", "properties": {"flag": _STR_LIST, "pass": _STR_LIST}}}},
    "PackDetail": {"type": "object", "required": ["id", "version", "rules"], "properties": {
        "id": {"type": "string"}, "version": {"type": "string"}, "name": {"type": "string"},
        "description": {"type": "string"}, "extends": {"type": ["string", "null"]},
        "rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}},
    "Feedback": {"type": "object", "required": ["rule", "action"], "additionalProperties": False, "properties": {
        "rule": {"type": "string", "minLength": 1, "pattern": RULE_ID, "maxLength": 200}, "action": {"type": "string", "enum": ["applied", "dismissed", "disabled"]},
        "pack": {"type": "string"}}},
    "Stats": {"type": "object", "required": ["rules", "bySource"], "properties": {
        "rules": {"type": "object", "additionalProperties": {
            "type": "object", "properties": {k: {"type": "integer"} for k in ("fired", "applied", "dismissed", "disabled")}}},
        "bySource": {"type": "object", "description": "The same counts summed per source: pack rules against the detector.",
                     "properties": {src: {"type": "object", "additionalProperties": {"type": "integer"}}
                                    for src in ("rule", "model")}}}},
    "LTMatch": {"type": "object", "required": ["message", "shortMessage", "replacements", "offset", "length", "context",
                                               "sentence", "type", "rule"], "properties": {
        "message": {"type": "string"}, "shortMessage": {"type": "string"},
        "replacements": {"type": "array", "items": {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}}},
        "offset": {"type": "integer"}, "length": {"type": "integer"},
        "context": {"type": "object", "required": ["text", "offset", "length"], "properties": {
            "text": {"type": "string"}, "offset": {"type": "integer"}, "length": {"type": "integer"}}},
        "sentence": {"type": "string"}, "type": {"type": "object", "properties": {"typeName": {"type": "string"}}},
        "rule": {"type": "object", "required": ["id", "description", "issueType", "category"], "properties": {
            "id": {"type": "string"}, "description": {"type": "string"}, "issueType": {"type": "string"},
            "category": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}},
        "source": {"type": "string", "enum": ["rule", "model"], "description": "Tactful's own field: rule or learned detector"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1, "description": "Tactful's own field: 1 for a rule"}}},
    "LTCheckResponse": {"type": "object", "required": ["software", "warnings", "language", "matches"], "properties": {
        "software": {"type": "object"}, "warnings": {"type": "object"}, "language": {"type": "object"},
        "matches": {"type": "array", "items": {"$ref": "#/components/schemas/LTMatch"}}}},
    "LTCheckForm": {"type": "object", "required": ["language"], "properties": {
        "text": {"type": "string", "description": "At most max_text_length characters (default 100,000); longer gets 413."}, "data": {"type": "string", "description": "At most max_text_length characters (default 100,000); longer gets 413."},
        "language": {"type": "string", "minLength": 1, "example": "en-US"},
        "enabledRules": {"type": "string"}, "disabledRules": {"type": "string"},
        "enabledCategories": {"type": "string"}, "disabledCategories": {"type": "string"},
        "enabledOnly": {"type": "string", "enum": ["true", "false"]}, "level": {"type": "string", "enum": ["default", "picky"]}}},
    "Language": {"type": "object", "required": ["name", "code", "longCode"], "properties": {
        "name": {"type": "string"}, "code": {"type": "string"}, "longCode": {"type": "string"}}},
}

_LT_QUERY = [{"name": n, "in": "query", "required": n == "language", "schema": {"type": "string"}}
             for n in ("text", "data", "language", "enabledRules", "disabledRules", "enabledCategories",
                       "disabledCategories", "enabledOnly", "level")]

PATHS = {
    "/healthz": {"get": {"summary": "Liveness (no I/O)", "responses": {"200": {"description": "alive", "content": {
        "application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}}}}}}}},
    "/readyz": {"get": {"summary": "Readiness: packs loaded, database reachable when configured", "responses": {
        "200": {"description": "ready", "content": {"application/json": {"schema": {"type": "object"}}}},
        "503": {"description": "not ready", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/v1/review": {"post": {"summary": "Review a draft (text or HTML)", "requestBody": _body("ReviewRequest"),
                            "responses": {"200": _json("ReviewResponse"), **_errors(400, 404, 413, 415, 429)}}},
    "/v1/rewrite": {"post": {"summary": "Apply suggestions of chosen findings (or all)", "requestBody": _body("RewriteRequest"),
                             "responses": {"200": _json("RewriteResponse"), **_errors(400, 404, 413, 415, 429)}}},
    "/v1/packs": {"get": {"summary": "List packs", "responses": {"200": {"description": "OK", "content": {"application/json": {
        "schema": {"type": "object", "required": ["packs"], "properties": {
            "packs": {"type": "array", "items": {"$ref": "#/components/schemas/PackSummary"}}, "default": {"type": "string"}}}}}}}}},
    "/v1/packs/{pack_id}": {"get": {"summary": "A pack: metadata and rules with messages and examples",
                                    "parameters": [{"name": "pack_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                                    "responses": {"200": _json("PackDetail"), **_errors(404)}}},
    "/v1/rules/{rule_id}": {"get": {"summary": "One rule", "parameters": [
        {"name": "rule_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": _json("Rule"), **_errors(404)}}},
    "/v1/feedback": {"post": {"summary": "Count an applied, dismissed or disabled finding (rule id only, never text)",
                              "requestBody": _body("Feedback"),
                              "responses": {"202": {"description": "counted", "content": {"application/json": {"schema": {"type": "object"}}}},
                                            **_errors(400, 401, 403, 415, 422, 429)}}},
    "/v1/stats": {"get": {"summary": "Per rule: fired, applied, dismissed, disabled", "parameters": [
        {"name": "pack", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "Only the rules of this pack"}],
        "responses": {"200": _json("Stats"), **_errors(401, 403, 404), **TOO_LONG}}},
    "/v2/check": {
        "get": {"summary": "LanguageTool-compatible check", "parameters": _LT_QUERY,
                "responses": {"200": _json("LTCheckResponse"), **_errors(400, 413), **TOO_LONG}},
        "post": {"summary": "LanguageTool-compatible check (form-encoded)", "requestBody": {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/LTCheckForm"}}}},
                 "responses": {"200": _json("LTCheckResponse"), **_errors(400, 413)}}},
    "/v2/languages": {"get": {"summary": "Supported languages (LanguageTool shape)", "responses": {"200": {
        "description": "OK", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}}}}}}}},
}


def spec(*areas: dict) -> dict:
    """The OpenAPI document: this module's paths and schemas, plus each area's paths (path -> operations;
    an area may add operations to a path described here, as team packs add POST /v1/packs).

    A new document each call, sharing nothing with the module's dicts, so serving or changing it changes
    no other app's.
    """
    paths = {path: dict(ops) for path, ops in PATHS.items()}
    for area in areas:
        for path, ops in area.items():
            paths[path] = {**paths.get(path, {}), **ops}
    return copy.deepcopy({
        "openapi": "3.1.0",
        "info": {"title": "Tactful API", "version": __version__,
                 "description": "Reviews a reply to a customer before it is sent. Offsets and lengths count UTF-16 "
                                "code units. A request whose Host is not in allowed_hosts gets 400; a POST whose "
                                "Origin is another web site (not listed in cors_origins) gets 403."},
        "paths": paths,
        "components": {"schemas": SCHEMAS, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    })


def blueprint(*areas: dict) -> Blueprint:
    """GET /openapi.json and GET /docs for one app, describing `spec(*areas)`."""
    bp = Blueprint("openapi", __name__)
    doc = spec(*areas)
    page = _page(doc)

    @bp.get("/openapi.json")
    def openapi_json():
        return jsonify(doc)

    @bp.get("/docs")
    def docs():
        """A plain page listing every endpoint and its schema, built from the same spec (no scripts, no CDN)."""
        return Response(page, mimetype="text/html")

    return bp


def _page(doc: dict) -> str:
    parts = [f"<!doctype html><meta charset=utf-8><title>Tactful API</title>"
             f"<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em}}"
             f"code,pre{{background:#f5f5f7;padding:2px 4px;border-radius:4px}}h2{{margin-top:2em}}</style>"
             f"<h1>Tactful API {escape(__version__)}</h1><p>{escape(doc['info']['description'])}</p>"
             f"<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a></p>"]
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            parts.append(f"<h2><code>{method.upper()} {escape(path)}</code></h2><p>{escape(op.get('summary', ''))}</p>")
            body = op.get("requestBody", {}).get("content", {})
            for mime, media in body.items():
                parts.append(f"<p>Body ({escape(mime)}): <code>{escape(media['schema'].get('$ref', '').split('/')[-1])}</code></p>")
            codes = ", ".join(escape(c) for c in op.get("responses", {}))
            parts.append(f"<p>Responses: {codes}</p>")
    parts.append("<h2>Schemas</h2>")
    for name, schema in doc["components"]["schemas"].items():
        parts.append(f"<h3 id='{escape(name)}'>{escape(name)}</h3><pre>{escape(json.dumps(schema, indent=2))}</pre>")
    return "".join(parts)
