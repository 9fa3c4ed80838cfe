"""OpenAPI description of the team-pack endpoints: `PATHS`, which `openapi.spec` adds to its own.

With TACTFUL_AUTH on, every path here but the schema needs a bearer token
(admin for publish, rollback and history); without it, none does.
"""

from __future__ import annotations

from .openapi import RULE_ID, TOO_LONG  # noqa: F401 - RULE_ID: feedback.py reads it here

_PROBLEM = {"description": "Problem", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
_ID = [{"name": "pack_id", "in": "path", "required": True, "schema": {"type": "string"}}]


def _errors(*codes: int) -> dict:
    return {str(c): _PROBLEM for c in codes}


def _ok(schema: dict, status: str = "200", mime: str = "application/json") -> dict:
    return {status: {"description": "OK", "content": {mime: {"schema": schema}}}}


_PUBLISHED = {"type": "object", "required": ["id", "version", "active"], "properties": {
    "id": {"type": "string"}, "version": {"type": "integer", "description": "the server's version number"},
    "label": {"type": "string", "description": "the pack's own `version:`"}, "rules": {"type": "integer"},
    "active": {"type": "boolean"}}}
_VERSION = {"type": "object", "required": ["version", "label", "created", "active"], "properties": {
    "version": {"type": "integer"}, "label": {"type": "string"}, "team": {"type": "string"},
    "author": {"type": ["integer", "null"]}, "created": {"type": "string"}, "active": {"type": "boolean"}}}

PATHS = {
    "/v1/packs": {"post": {
        "summary": "Publish a team pack: validated, its examples run; 422 lists every failure like a compiler",
        "parameters": [{"name": "filename", "in": "query", "required": False, "schema": {"type": "string"},
                        "description": "The file name error lines give, for a YAML body"}],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "object", "required": ["source"], "additionalProperties": False,
                                            "properties": {"source": {"type": "string"}, "filename": {"type": "string"}}}},
            "text/yaml": {"schema": {"type": "string"}}}},
        "responses": {**_ok(_PUBLISHED, "201"), **_errors(400, 401, 403, 409, 413, 415, 422, 429, 503),
                      **TOO_LONG}}},
    "/v1/packs/{pack_id}/history": {"get": {
        "summary": "Every published version of a team pack, newest first, and which is active",
        "parameters": _ID,
        "responses": {**_ok({"type": "object", "required": ["id", "versions"], "properties": {
            "id": {"type": "string"}, "versions": {"type": "array", "items": _VERSION}}}),
            **_errors(401, 403, 404, 429, 503)}}},
    "/v1/packs/{pack_id}/rollback": {"post": {
        "summary": "Make an earlier version active again (after checking it still loads and passes)",
        "parameters": _ID,
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["version"], "properties": {
                "version": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}}}}},
        "responses": {**_ok(_PUBLISHED), **_errors(400, 401, 403, 404, 422, 429, 503)}}},
    "/v1/packs/{pack_id}/source": {"get": {
        "summary": "A pack's YAML (built-in, or a team pack's active or ?version=N version)",
        "parameters": _ID + [{"name": "version", "in": "query", "required": False,
                                                  "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}],
        "responses": {**_ok({"type": "string"}, mime="text/yaml"), **_errors(400, 401, 403, 404, 429, 503),
                      **TOO_LONG}}},
    "/v1/schema/pack.json": {"get": {
        "summary": "The JSON Schema of the pack format, for editors",
        "responses": _ok({"type": "object"})}},
}
