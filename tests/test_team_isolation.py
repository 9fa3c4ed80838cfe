"""One team's packs are invisible to another team's tokens, through every route, and feedback
counts only rules the caller can see.

Another team's pack answers exactly like a pack that does not exist; a pack
may extend only built-in packs and its own team's; a pack id another team
owns is "taken", without saying by whom.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tactful.server import create_app

from packfixtures import Team, bearer, codename_pack
from tactful.server.parts import parts

ANALYZERS = Path(__file__).resolve().parent.parent / "server" / "tactful" / "analyzers"
PACK = codename_pack()  # team-a, extends core, rule team-a.overshare.codename
# Team Y's pack built on team X's: every rule of X's pack would come with it.
PIGGYBACK = 'pack: team-y\nversion: "1"\nextends: team-a\n'


@pytest.fixture()
def app(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "auth": True, "rate_limit": ""})
    yield app
    parts(app).background.stop()
    parts(app).store.close()


@pytest.fixture()
def teams(app):
    """(x, y): team X owns pack team-a; team Y has nothing published."""
    x, y = Team(app, "xco"), Team(app, "yco")
    r = app.test_client().post("/v1/packs", json={"source": PACK}, headers=bearer(x.admin))
    assert r.status_code == 201, r.get_json()
    return x, y


def same_as_unknown(client, token, method, path, unknown_path, **kw):
    """The answer for another team's pack equals the answer for an id nobody has, but for the id."""
    mine = getattr(client, method)(path, headers=bearer(token), **kw)
    none = getattr(client, method)(unknown_path, headers=bearer(token), **kw)
    assert mine.status_code == none.status_code == 404, (mine.get_json(), none.get_json())
    assert mine.get_json() == {**none.get_json(), "detail": none.get_json()["detail"].replace("team-z", "team-a")}
    assert "xco" not in mine.get_data(as_text=True)


# --- 6. reading and changing another team's pack -------------------------------------------------------

def test_a_pack_cannot_extend_another_teams_pack(app, teams):
    x, y = teams
    client = app.test_client()
    r = client.post("/v1/packs", json={"source": PIGGYBACK, "filename": "team-y.yaml"}, headers=bearer(y.admin))
    assert r.status_code == 422, r.get_json()
    assert r.get_json()["errors"] == ["team-y.yaml:3:10: extends unknown pack 'team-a'"]
    assert client.get("/v1/packs/team-y", headers=bearer(y.admin)).status_code == 404
    # Its own team may: X builds on its own pack.
    r = client.post("/v1/packs", json={"source": PIGGYBACK.replace("team-y", "team-x2")}, headers=bearer(x.admin))
    assert r.status_code == 201


@pytest.mark.parametrize("method,path,kw", [
    ("get", "/v1/packs/{id}/source", {}),
    ("get", "/v1/packs/{id}/source?version=1", {}),
    ("get", "/v1/packs/{id}/history", {}),
    ("post", "/v1/packs/{id}/rollback", {"json": {"version": 1}}),
    ("get", "/v1/packs/{id}", {}),
    ("get", "/v1/stats?pack={id}", {}),
])
def test_another_teams_pack_is_not_found_on_every_route(app, teams, method, path, kw):
    _, y = teams
    client = app.test_client()
    for token in (y.admin, y.member):
        if method == "post" or "history" in path or "stats" in path:
            token = y.admin  # admin-only routes: a member would get 403 for its role, whatever the pack
        same_as_unknown(client, token, method, path.format(id="team-a"), path.format(id="team-z"), **kw)


def test_a_pack_id_another_team_owns_is_taken_without_naming_the_owner(app, teams):
    x, y = teams
    client = app.test_client()
    r = client.post("/v1/packs", json={"source": codename_pack(label="2")}, headers=bearer(y.admin))
    assert r.status_code == 409 and r.get_json()["detail"] == "That pack id is taken; choose another."
    assert "xco" not in r.get_data(as_text=True)
    versions = client.get("/v1/packs/team-a/history", headers=bearer(x.admin)).get_json()["versions"]
    assert [v["version"] for v in versions] == [1]


def test_a_stored_version_built_on_another_teams_pack_is_neither_rolled_back_to_nor_served(app, teams):
    x, y = teams
    store, registry = parts(app).store, parts(app).packs
    client = app.test_client()
    # Published before packs were confined to their team: version 1 of Y's pack extends X's.
    store.publish("team-y", "1", PIGGYBACK, "yco")
    registry.refresh()
    assert registry.get("team-y") is None  # not served: its base is not Y's to use
    store.publish("team-y", "2", PIGGYBACK.replace("extends: team-a", "extends: core"), "yco")
    registry.refresh()
    assert registry.get("team-y") is not None
    r = client.post("/v1/packs/team-y/rollback", json={"version": 1}, headers=bearer(y.admin))
    assert r.status_code == 422 and "extends unknown pack 'team-a'" in r.get_json()["errors"][0]
    assert client.get("/v1/packs/team-y/history", headers=bearer(y.admin)).get_json()["versions"][0]["active"]


# --- 4. feedback names rules that exist --------------------------------------------------------------

def test_feedback_accepts_only_rules_the_caller_can_see(app, teams):
    x, y = teams
    client = app.test_client()

    def feedback(token, rule):
        return client.post("/v1/feedback", json={"rule": rule, "action": "dismissed"}, headers=bearer(token))

    for rule in ("core.excuse.workload", "team-a.overshare.codename", "tactful.clarity.long_sentence",
                 "tactful.clarity.hard_sentence", "tactful.tone.curt"):
        assert feedback(x.member, rule).status_code == 202, rule
    for rule in ("core.made.up", "team-a.overshare.codename", "tactful.clarity.made_up", "team-z.anything"):
        r = feedback(y.member, rule)
        assert r.status_code == 422 and r.mimetype == "application/problem+json", rule
        assert f"'{rule}'" in r.get_json()["detail"]
    counter = parts(app).feedback
    counter.flush()
    assert set(client.get("/v1/stats", headers=bearer(y.admin)).get_json()["rules"]) == set()
    assert "core.made.up" not in client.get("/v1/stats", headers=bearer(x.admin)).get_json()["rules"]


def test_made_up_rule_ids_do_not_grow_the_table(app):
    client = app.test_client()
    team = Team(app, "acme")
    for i in range(50):
        r = client.post("/v1/feedback", json={"rule": f"core.invented.r{i}", "action": "applied"},
                        headers=bearer(team.member))
        assert r.status_code == 422
    parts(app).feedback.flush()
    assert parts(app).store.counts("acme") == {}


def test_every_analyzer_rule_id_is_accepted_as_feedback(app):
    """The built-in analyzers' rule ids are written in their modules; feedback must know each one."""
    from tactful.server.feedback import ANALYZER_RULES

    written = set()
    for path in ANALYZERS.glob("*.py"):
        written |= set(re.findall(r"[\"'](tactful\.[a-z_]+\.[a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert written and written <= ANALYZER_RULES
