"""Team packs over HTTP: publish, refuse, rollback, history, tokens and roles, feedback and stats.

Most tests run on SQLite (the store itself is tested on both databases in
test_store.py); those marked `both` run on PostgreSQL too.
"""

from __future__ import annotations

import time

import pytest
from dbfixtures import fresh_postgres_database, pg_database, set_connections  # noqa: F401 - fixtures

from tactful.server import create_app

from packfixtures import Team, bearer, codename_pack
from tactful.server.parts import parts

TEAM_HEAD = """\
disable: [core.scripted.inconvenience]
overrides:
  core.excuse.workload:
    severity: error
"""
DRAFT = "Sorry, we have been swamped. It ships with project Falcon soon. We apologize for any inconvenience."


def pack_yaml(label="1.0.0", message="Code names mean nothing to customers.", passing="It ships soon."):
    return codename_pack(label, message, passing, head=TEAM_HEAD)


def make_app(tmp_path, url, **settings):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "database_url": url,
                      "rate_limit": "", **settings})
    return app


@pytest.fixture()
def url(request, tmp_path):
    if getattr(request, "param", "sqlite") == "sqlite":
        yield f"sqlite:///{tmp_path / 'instance' / 'tactful.db'}"
        return
    with fresh_postgres_database() as (_, found):
        yield found


both = pytest.mark.parametrize("url", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture()
def app(tmp_path, url):
    app = make_app(tmp_path, url, auth=True)
    yield app
    parts(app).background.stop()
    parts(app).store.close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def acme(app):
    return Team(app, "acme", "team-a")


def stored(app, team, rule, expected, timeout=5.0):
    """The counts of `rule` in the database once they equal `expected` (the background thread flushes too)."""
    store, counter = parts(app).store, parts(app).feedback
    deadline = time.monotonic() + timeout
    while True:
        counter.flush()
        found = store.counts(team).get(rule)
        if found == expected or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def publish(client, token, source, **kw):
    return client.post("/v1/packs", json={"source": source, "filename": "team-a.yaml"}, headers=bearer(token), **kw)


def review(client, token, text=DRAFT):
    r = client.post("/v1/review", json={"text": text}, headers=bearer(token))
    assert r.status_code == 200, r.get_json()
    return r.get_json()


@both
def test_publish_makes_the_pack_active_and_member_tokens_select_it(client, acme):
    before = review(client, acme.member)
    assert before["pack"]["id"] == "core"  # nothing published yet: the default pack
    r = publish(client, acme.admin, pack_yaml())
    assert r.status_code == 201, r.get_json()
    assert r.get_json() == {"id": "team-a", "version": 1, "label": "1.0.0", "rules": r.get_json()["rules"],
                            "active": True}
    body = review(client, acme.member)
    assert body["pack"] == {"id": "team-a", "version": "1.0.0"}
    by_rule = {f["rule"]: f for f in body["findings"]}
    assert by_rule["team-a.overshare.codename"]["message"] == "Code names mean nothing to customers."
    assert by_rule["core.excuse.workload"]["severity"] == "error"  # the override
    assert "core.scripted.inconvenience" not in by_rule  # disabled
    # A request may still name another pack.
    r = client.post("/v1/review", json={"text": DRAFT, "pack": "core"}, headers=bearer(acme.member))
    assert r.get_json()["pack"]["id"] == "core"


def test_yaml_body_is_accepted_too(client, acme):
    r = client.post("/v1/packs", data=pack_yaml().encode(), content_type="text/yaml", headers=bearer(acme.admin))
    assert r.status_code == 201, r.get_json()


def test_a_failing_pack_is_refused_and_the_previous_version_keeps_serving(client, acme):
    assert publish(client, acme.admin, pack_yaml()).status_code == 201
    bad = pack_yaml(label="1.1.0", message="Changed.", passing="Project Falcon is late.")
    r = publish(client, acme.admin, bad)
    assert r.status_code == 422
    problem = r.get_json()
    assert problem["detail"] == "1 rule example failed; the pack was not published. Version 1 keeps serving."
    assert problem["errors"] == ["team-a.yaml:21:14: rule 'team-a.overshare.codename': should pass "
                                 "'Project Falcon is late.' but flagged 'Project Falcon'"]
    body = review(client, acme.member)
    assert {f["rule"]: f["message"] for f in body["findings"]}["team-a.overshare.codename"] == \
        "Code names mean nothing to customers."
    history = client.get("/v1/packs/team-a/history", headers=bearer(acme.admin)).get_json()
    assert [v["version"] for v in history["versions"]] == [1]


def test_an_invalid_pack_gets_compiler_style_errors(client, acme):
    r = publish(client, acme.admin, pack_yaml().replace("    phrases:", "    phrase:"))
    assert r.status_code == 422
    assert r.get_json()["errors"][0].startswith("team-a.yaml:15:5: rule 'overshare.codename': unknown key 'phrase'")
    r = publish(client, acme.admin, "pack: [")
    assert r.status_code == 422 and "invalid YAML" in r.get_json()["errors"][0]
    r = client.post("/v1/packs", data="x", content_type="application/octet-stream", headers=bearer(acme.admin))
    assert r.status_code == 415
    r = client.post("/v1/packs", json={"yaml": "x"}, headers=bearer(acme.admin))
    assert r.status_code == 400


def test_built_in_packs_cannot_be_replaced(client, acme):
    r = publish(client, acme.admin, 'pack: core\nversion: "9"\n')
    assert r.status_code == 409 and "built-in" in r.get_json()["detail"]


@both
def test_history_and_rollback(client, acme):
    for i, message in enumerate(["First.", "Second.", "Third."]):
        r = publish(client, acme.admin, pack_yaml(label=f"1.{i}", message=message))
        assert r.get_json()["version"] == i + 1
    r = client.post("/v1/packs/team-a/rollback", json={"version": 1}, headers=bearer(acme.admin))
    assert r.status_code == 200 and r.get_json() == {"id": "team-a", "version": 1, "label": "1.0", "active": True}
    messages = {f["rule"]: f["message"] for f in review(client, acme.member)["findings"]}
    assert messages["team-a.overshare.codename"] == "First."
    versions = client.get("/v1/packs/team-a/history", headers=bearer(acme.admin)).get_json()["versions"]
    assert [(v["version"], v["label"], v["active"]) for v in versions] == [
        (3, "1.2", False), (2, "1.1", False), (1, "1.0", True)]
    r = client.post("/v1/packs/team-a/rollback", json={"version": 9}, headers=bearer(acme.admin))
    assert r.status_code == 404 and "no version 9" in r.get_json()["detail"]
    r = client.post("/v1/packs/team-a/rollback", json={"version": "two"}, headers=bearer(acme.admin))
    assert r.status_code == 400
    source = client.get("/v1/packs/team-a/source?version=2", headers=bearer(acme.member))
    assert source.status_code == 200 and 'message: "Second."' in source.get_data(as_text=True)
    assert client.get("/v1/packs/team-a/source", headers=bearer(acme.member)).headers["X-Tactful-Pack-Version"] == "1"
    core = client.get("/v1/packs/core/source", headers=bearer(acme.member))
    assert core.status_code == 200 and core.get_data(as_text=True).startswith("pack: core")


def test_no_token_is_401_and_wrong_role_is_403_each_saying_which(client, acme):
    r = client.post("/v1/review", json={"text": DRAFT})
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert r.get_json()["detail"] == "This server requires a team member token: send 'Authorization: Bearer <token>'."
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    r = client.post("/v1/review", json={"text": DRAFT}, headers=bearer("tct_not-a-token"))
    assert r.status_code == 401 and r.get_json()["detail"].startswith("Unknown or revoked token.")
    r = publish(client, None, pack_yaml())
    assert r.status_code == 401 and "admin token" in r.get_json()["detail"]
    for call in (lambda: publish(client, acme.member, pack_yaml()),
                 lambda: client.get("/v1/stats", headers=bearer(acme.member)),
                 lambda: client.post("/v1/packs/team-a/rollback", json={"version": 1}, headers=bearer(acme.member))):
        r = call()
        assert r.status_code == 403
        assert r.get_json()["detail"].startswith("This needs an admin token of team 'acme'")
    # Liveness, the API description and the pack schema need no token.
    for path in ("/healthz", "/openapi.json", "/v1/schema/pack.json"):
        assert client.get(path).status_code == 200


def test_a_team_cannot_change_another_teams_pack(app, client, acme):
    other = Team(app, "other")
    assert publish(client, acme.admin, pack_yaml()).status_code == 201
    r = publish(client, other.admin, pack_yaml(label="2"))
    assert r.status_code == 409 and r.get_json()["detail"] == "That pack id is taken; choose another."
    # Another team's pack is "not found", exactly like a pack nobody published (tests/test_team_isolation.py).
    assert client.get("/v1/packs/team-a/history", headers=bearer(other.admin)).status_code == 404
    assert client.get("/v1/packs/team-a/source", headers=bearer(other.member)).status_code == 404
    r = client.post("/v1/packs/team-a/rollback", json={"version": 1}, headers=bearer(other.admin))
    assert r.status_code == 404 and "acme" not in r.get_data(as_text=True)


@both
def test_another_teams_pack_is_unknown_to_its_tokens(app, client, acme):
    other = Team(app, "other")
    assert publish(client, acme.admin, pack_yaml()).status_code == 201
    for token, sees in ((acme.member, True), (acme.admin, True), (other.member, False), (other.admin, False)):
        listed = {p["id"] for p in client.get("/v1/packs", headers=bearer(token)).get_json()["packs"]}
        assert "core" in listed and ("team-a" in listed) == sees
        assert client.get("/v1/packs/team-a", headers=bearer(token)).status_code == (200 if sees else 404)
        assert client.get("/v1/rules/team-a.overshare.codename",
                          headers=bearer(token)).status_code == (200 if sees else 404)
        r = client.post("/v1/review", json={"text": DRAFT, "pack": "team-a"}, headers=bearer(token))
        assert r.status_code == (200 if sees else 404)
    assert client.get("/v1/stats?pack=team-a", headers=bearer(other.admin)).status_code == 404
    # Its code name stays out of the other team's reviews, which use core.
    body = review(client, other.member)
    assert body["pack"]["id"] == "core" and "project falcon" not in str(body).lower().replace(DRAFT.lower(), "")


def test_feedback_is_counted_per_team_and_rule_without_text(app, client, acme):
    other = Team(app, "other")
    publish(client, acme.admin, pack_yaml())
    review(client, acme.member)
    review(client, acme.member)
    for action in ("dismissed", "dismissed", "applied"):
        r = client.post("/v1/feedback", json={"rule": "team-a.overshare.codename", "action": action},
                        headers=bearer(acme.member))
        assert r.status_code == 202
    r = client.post("/v1/feedback", json={"rule": "core.excuse.workload", "action": "applied", "text": DRAFT},
                    headers=bearer(acme.member))
    assert r.status_code == 400 and "rule id and an action only" in r.get_json()["detail"]
    assert client.post("/v1/feedback", json={"rule": "x" * 300, "action": "applied"},
                       headers=bearer(acme.member)).status_code == 400
    stats = client.get("/v1/stats", headers=bearer(acme.admin)).get_json()
    assert stats["team"] == "acme"
    assert stats["rules"]["team-a.overshare.codename"] == {"fired": 2, "applied": 1, "dismissed": 2, "disabled": 0}
    assert stats["rules"]["core.excuse.workload"]["fired"] == 2
    assert client.get("/v1/stats", headers=bearer(other.admin)).get_json()["rules"] == {}
    only = client.get("/v1/stats?pack=team-a", headers=bearer(acme.admin)).get_json()["rules"]
    # One pack's view: its rules, and the learned detector's (which reviews under every pack).
    assert {r for r in only if not r.startswith("tactful.model.")} <= \
        {r.id for r in parts(app).packs.get("team-a").rules}
    # Flushed to the database: numbers only, and the same numbers.
    expected = {"fired": 2, "applied": 1, "dismissed": 2, "disabled": 0}
    assert stored(app, "acme", "team-a.overshare.codename", expected) == expected
    store = parts(app).store
    with store.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.exec_driver_sql("SELECT * FROM feedback_counts") for v in row)
    assert "swamped" not in dump and "Falcon" not in dump
    assert client.get("/v1/stats", headers=bearer(acme.admin)).get_json()["rules"][
        "team-a.overshare.codename"]["fired"] == 2  # not counted twice after the flush


def test_schema_is_published_for_editors(client):
    r = client.get("/v1/schema/pack.json")
    assert r.status_code == 200
    schema = r.get_json()
    assert schema["$id"] == "https://tactful.dev/schema/pack.json" and "overrides" in schema["properties"]


def test_single_user_mode_needs_no_token_and_publishes_from_this_machine_only(tmp_path, url):
    app = make_app(tmp_path, url)  # auth off: the default
    client = app.test_client()
    assert client.post("/v1/review", json={"text": DRAFT}).status_code == 200
    r = client.post("/v1/packs", json={"source": pack_yaml()}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert r.status_code == 403 and "from this machine only" in r.get_json()["detail"]
    r = client.post("/v1/packs", json={"source": pack_yaml()})
    assert r.status_code == 201
    body = client.post("/v1/review", json={"text": DRAFT, "pack": "team-a"}).get_json()
    assert any(f["rule"] == "team-a.overshare.codename" for f in body["findings"])
    client.post("/v1/feedback", json={"rule": "core.excuse.workload", "action": "dismissed"})
    assert client.get("/v1/stats").get_json()["rules"]["core.excuse.workload"]["dismissed"] == 1
    parts(app).store.close()


def test_sqlite_file_is_created_in_the_instance_folder_on_first_start(tmp_path):
    instance = tmp_path / "fresh-instance"
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(instance)})
    assert (instance / "tactful.db").is_file()
    assert app.test_client().get("/readyz").get_json()["checks"]["database"] == {"ok": True, "detail": "sqlite"}


def test_database_outage_reviews_go_on_publish_is_503_then_recovers(tmp_path, pg_database):  # noqa: F811
    name, url = pg_database
    app = make_app(tmp_path, url, auth=True)
    client = app.test_client()
    acme = Team(app, "acme", "team-a")
    assert publish(client, acme.admin, pack_yaml()).status_code == 201
    review(client, acme.member)  # tokens now known to this instance
    set_connections(name, False)
    try:
        body = review(client, acme.member)
        assert any(f["rule"] == "team-a.overshare.codename" for f in body["findings"])
        r = publish(client, acme.admin, pack_yaml(label="2"))
        assert r.status_code == 503 and r.headers["Retry-After"] == "5"
        assert r.get_json()["detail"].startswith("The pack store (database) is unreachable, so nothing was published.")
        assert client.get("/readyz").status_code == 503
        assert client.post("/v1/feedback", json={"rule": "core.excuse.workload", "action": "dismissed"},
                           headers=bearer(acme.member)).status_code == 202
    finally:
        set_connections(name, True)
    r = publish(client, acme.admin, pack_yaml(label="2"))
    assert r.status_code == 201 and r.get_json()["version"] == 2
    expected = {"fired": 2, "applied": 0, "dismissed": 1, "disabled": 0}  # two reviews, one during the outage
    assert stored(app, "acme", "core.excuse.workload", expected) == expected
    parts(app).background.stop()
    parts(app).store.close()
