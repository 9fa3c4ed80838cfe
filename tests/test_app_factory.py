"""create_app registers every blueprint itself, and builds the OpenAPI document without changing any module.

Two apps in one process must serve the same /openapi.json, and making them
must leave openapi's and teams_openapi's dicts as their source wrote them.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tactful.server import create_app, openapi, teams_openapi
from tactful.server.parts import parts

SERVER = Path(openapi.__file__).parent

# Every URL the app answers, its endpoint and methods: registering blueprints in create_app changes none.
ROUTES = {
    ("/docs", "openapi.docs", "GET,HEAD,OPTIONS"),
    ("/healthz", "meta.healthz", "GET,HEAD,OPTIONS"),
    ("/openapi.json", "openapi.openapi_json", "GET,HEAD,OPTIONS"),
    ("/readyz", "meta.readyz", "GET,HEAD,OPTIONS"),
    ("/static/<path:filename>", "static", "GET,HEAD,OPTIONS"),
    ("/v1/feedback", "feedback.feedback", "OPTIONS,POST"),
    ("/v1/packs", "review.packs", "GET,HEAD,OPTIONS"),
    ("/v1/packs", "teams.publish", "OPTIONS,POST"),
    ("/v1/packs/<pack_id>", "review.pack", "GET,HEAD,OPTIONS"),
    ("/v1/packs/<pack_id>/history", "teams.history", "GET,HEAD,OPTIONS"),
    ("/v1/packs/<pack_id>/rollback", "teams.rollback", "OPTIONS,POST"),
    ("/v1/packs/<pack_id>/source", "teams.source", "GET,HEAD,OPTIONS"),
    ("/v1/review", "review.review", "OPTIONS,POST"),
    ("/v1/rewrite", "review.rewrite", "OPTIONS,POST"),
    ("/v1/rules/<rule_id>", "review.rule", "GET,HEAD,OPTIONS"),
    ("/v1/schema/pack.json", "teams.schema", "GET,HEAD,OPTIONS"),
    ("/v1/stats", "feedback.stats", "GET,HEAD,OPTIONS"),
    ("/v2/check", "meta.languagetool.check", "GET,HEAD,OPTIONS,POST"),
    ("/v2/languages", "meta.languagetool.languages", "GET,HEAD,OPTIONS"),
}


@pytest.fixture()
def make(tmp_path):
    made = []

    def make_app(name: str, **settings):
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / name), "rate_limit": "", **settings})
        made.append(app)
        return app

    yield make_app
    for app in made:
        parts(app).background.stop()
        parts(app).store.close()


def test_the_urls_and_endpoints_are_unchanged(make):
    app = make("one")
    assert {(str(r), r.endpoint, ",".join(sorted(r.methods))) for r in app.url_map.iter_rules()} == ROUTES


def test_only_create_app_registers_blueprints():
    for path in sorted(SERVER.glob("*.py")):
        if path.name == "__init__.py":
            continue
        calls = [node.lineno for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.Attribute) and node.attr == "register_blueprint"]
        assert not calls, f"{path.name}:{calls[0]} registers a blueprint; create_app registers every one"


def test_languages_stay_public_and_check_needs_a_token_with_auth_on(make):
    client = make("auth", auth=True).test_client()
    assert client.get("/v2/languages").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/v2/check?language=en-US&text=Hi").status_code == 401


def test_two_apps_serve_the_same_document_and_change_no_module(make):
    before = json.dumps([openapi.PATHS, openapi.SCHEMAS, teams_openapi.PATHS])
    first, second = make("one").test_client(), make("two").test_client()
    doc = first.get("/openapi.json").get_json()
    assert doc == second.get("/openapi.json").get_json()
    assert first.get("/docs").data == second.get("/docs").data
    assert json.dumps([openapi.PATHS, openapi.SCHEMAS, teams_openapi.PATHS]) == before
    assert doc == json.loads(json.dumps(openapi.spec(teams_openapi.PATHS)))
    assert set(doc["paths"]["/v1/packs"]) == {"get", "post"}  # an area adds operations to a path
    assert set(teams_openapi.PATHS) <= set(doc["paths"]) and set(openapi.PATHS) <= set(doc["paths"])
    assert doc["components"]["schemas"]["Feedback"]["properties"]["rule"]["pattern"] == openapi.RULE_ID


def test_the_document_shares_nothing_with_the_modules():
    doc = openapi.spec(teams_openapi.PATHS)
    doc["components"]["schemas"]["Problem"]["properties"].clear()
    doc["paths"]["/v1/packs"]["post"]["responses"].clear()
    doc["paths"]["/healthz"].clear()
    assert openapi.SCHEMAS["Problem"]["properties"] and teams_openapi.PATHS["/v1/packs"]["post"]["responses"]
    assert openapi.PATHS["/healthz"]
    assert openapi.spec(teams_openapi.PATHS) != doc


# A fresh interpreter: in this one another test may have made an app before the snapshot below.
FRESH = """
import copy, json, sys, tempfile
from tactful.server import create_app, openapi, teams_openapi
snapshot = copy.deepcopy([openapi.PATHS, openapi.SCHEMAS, teams_openapi.PATHS])
docs = []
for _ in range(2):
    app = create_app({"TESTING": True, "INSTANCE_PATH": tempfile.mkdtemp(), "rate_limit": ""})
    docs.append(app.test_client().get("/openapi.json").get_data(as_text=True))
unchanged = [openapi.PATHS, openapi.SCHEMAS, teams_openapi.PATHS] == snapshot
print(json.dumps({"same": docs[0] == docs[1], "unchanged": unchanged}))
"""


def test_making_apps_in_a_fresh_process_changes_no_module():
    out = subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"same": True, "unchanged": True}
