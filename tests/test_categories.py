"""One category list: the engine's `CATEGORIES`. Every copy (detector, pack schema, OpenAPI, extension) agrees."""

from __future__ import annotations

import re
from pathlib import Path

from tactful.detector import CATEGORIES as DETECTOR
from tactful.engine.findings import CATEGORIES
from tactful.packs.pack import pack_schema

EXTENSION = Path(__file__).resolve().parent.parent / "extension" / "src" / "shared" / "categories.js"


def test_the_detector_scores_the_five_review_categories_in_order():
    assert DETECTOR == CATEGORIES[:5]


def test_the_pack_schema_names_only_known_categories():
    schema = pack_schema()
    assert schema["properties"]["detector"]["propertyNames"]["enum"] == list(DETECTOR)
    rule = schema["$defs"]["rule"]["properties"]["category"]["enum"]
    assert set(DETECTOR) <= set(rule) <= set(CATEGORIES)  # a rule may also flag clarity or tone


def test_the_openapi_finding_lists_every_category(client):
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    assert schemas["Finding"]["properties"]["category"]["enum"] == list(CATEGORIES)


def test_the_extension_styles_every_category():
    keys = re.findall(r"^\s+(\w+): \{ label:", EXTENSION.read_text(encoding="utf-8"), re.MULTILINE)
    assert keys == list(CATEGORIES)
