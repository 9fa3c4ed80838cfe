"""The store on SQLite and on PostgreSQL: migrations, append-only pack versions, tokens, counts, outages."""

from __future__ import annotations

import threading

import pytest
from dbfixtures import db_url, pg_database, set_connections  # noqa: F401 - fixtures
from sqlalchemy import inspect

from tactful.server.auth import hash_token, new_token
from tactful.service import FeedbackCounter, PackRegistry
from tactful.store import Store, StoreConflict, StoreUnavailable

PACK = """\
pack: team-a
version: "{label}"
extends: core
overrides:
  core.excuse.workload:
    message: "{message}"
"""


@pytest.fixture()
def store(db_url):  # noqa: F811
    s = Store(db_url)
    s.migrate()
    yield s
    s.close()


def test_migrations_make_the_schema_and_run_twice(store):
    store.migrate()  # already at head: nothing to do, no error
    tables = set(inspect(store.engine).get_table_names())
    assert {"teams", "tokens", "pack_versions", "active_packs", "feedback_counts", "alembic_version"} <= tables
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"


def test_feedback_table_has_no_place_for_text(store):
    columns = {c["name"] for c in inspect(store.engine).get_columns("feedback_counts")}
    assert columns == {"team", "rule", "fired", "applied", "dismissed", "disabled"}


def test_versions_are_append_only_and_rollback_moves_the_pointer(store):
    assert store.publish("team-a", "1.0", "v1", "acme") == 1
    assert store.publish("team-a", "1.1", "v2", "acme") == 2
    assert store.publish("team-b", "0.1", "b1", "other") == 1
    assert store.active_versions() == {"team-a": 2, "team-b": 1}
    assert store.sources({"team-a": 2, "team-b": 1}) == {"team-a": "v2", "team-b": "b1"}
    store.activate("team-a", 1)
    assert store.active_versions()["team-a"] == 1
    assert store.source("team-a") == (1, "v1")
    assert store.source("team-a", 2) == (2, "v2")
    history = store.history("team-a")
    assert [(v["version"], v["label"], v["active"]) for v in history] == [(2, "1.1", False), (1, "1.0", True)]
    assert all(v["created"] and v["team"] == "acme" for v in history)
    with pytest.raises(StoreConflict, match="no version 7"):
        store.activate("team-a", 7)
    assert store.owner("team-a") == "acme" and store.owner("nope") is None


def test_concurrent_publishes_get_distinct_numbers(store):
    numbers, errors = [], []

    def publish(i):
        try:
            numbers.append(store.publish("team-a", f"1.{i}", f"v{i}", "acme"))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
    assert store.active_versions()["team-a"] in numbers


def test_teams_and_hashed_tokens(store):
    store.create_team("acme")
    with pytest.raises(StoreConflict, match="already exists"):
        store.create_team("acme")
    with pytest.raises(StoreConflict, match="team name"):
        store.create_team("Acme Support!")
    token = new_token()
    token_id = store.add_token("acme", "admin", hash_token(token))
    assert store.token(hash_token(token)).role == "admin"
    assert store.token(hash_token(token + "x")) is None
    with store.engine.connect() as conn:  # only the hash is stored
        stored = [row[0] for row in conn.exec_driver_sql("SELECT token_hash FROM tokens")]
    assert stored == [hash_token(token)] and token not in stored
    with pytest.raises(StoreConflict, match="no team named 'nope'"):
        store.add_token("nope", "member", hash_token(new_token()))
    # The first pack a team publishes becomes the pack its member tokens select.
    store.publish("team-a", "1", "src", "acme", token_id)
    assert store.tokens()[hash_token(token)].team_pack == "team-a"
    assert store.teams() == [{"name": "acme", "pack": "team-a", "admin": 1, "member": 0}]
    assert store.revoke_tokens("acme") == 1
    assert store.token(hash_token(token)) is None


def test_feedback_counts_are_added_up(store):
    store.add_counts({("acme", "core.excuse.workload"): {"fired": 3, "applied": 0, "dismissed": 1, "disabled": 0}})
    store.add_counts({("acme", "core.excuse.workload"): {"fired": 2, "applied": 1, "dismissed": 0, "disabled": 0},
                      ("other", "core.excuse.workload"): {"fired": 9, "applied": 0, "dismissed": 0, "disabled": 0}})
    assert store.counts("acme") == {"core.excuse.workload": {"fired": 5, "applied": 1, "dismissed": 1, "disabled": 0}}
    assert store.counts("other")["core.excuse.workload"]["fired"] == 9


def test_counter_flushes_and_keeps_counts_when_the_store_fails(store):
    counter = FeedbackCounter(store)
    counter.fired("acme", ["r1", "r1", "r2"])
    counter.add("acme", "r1", "dismissed")
    assert counter.stats("acme")["r1"] == {"fired": 2, "applied": 0, "dismissed": 1, "disabled": 0}
    assert counter.flush() == 2
    assert store.counts("acme")["r1"]["fired"] == 2
    counter.fired("acme", ["r1"])

    class Down:
        def add_counts(self, _):
            raise StoreUnavailable("gone")

    counter.store = Down()
    with pytest.raises(StoreUnavailable):
        counter.flush()
    counter.store = store
    counter.flush()
    assert store.counts("acme")["r1"]["fired"] == 3  # nothing lost, nothing counted twice
    assert counter.stats("acme")["r1"]["fired"] == 3


def test_registry_loads_published_versions_and_keeps_serving_a_broken_one(store):
    registry = PackRegistry("core", store)
    assert registry.refresh() is False
    store.publish("team-a", "1.0", PACK.format(label="1.0", message="First."), "acme")
    assert registry.refresh() is True
    assert registry.get("team-a").rule("core.excuse.workload").message == "First."
    assert registry.refresh() is False  # nothing changed: one cheap query, nothing recompiled
    reviewer = registry.reviewer("team-a")
    store.publish("team-a", "1.1", "pack: team-a\nversion: 1.1\nrules: [oops", "acme")  # cannot load
    registry.refresh()
    assert registry.get("team-a").rule("core.excuse.workload").message == "First."
    assert registry.reviewer("team-a") is reviewer
    store.publish("team-a", "1.2", PACK.format(label="1.2", message="Third."), "acme")
    registry.refresh()
    assert registry.get("team-a").rule("core.excuse.workload").message == "Third."
    assert registry.reviewer("team-a") is not reviewer


def test_registry_resolves_a_pack_extending_another_team_pack(store):
    registry = PackRegistry("core", store)
    store.publish("team-b", "1", "pack: team-b\nversion: '1'\nextends: team-a\n", "acme")
    store.publish("team-a", "1", PACK.format(label="1", message="Base."), "acme")
    registry.refresh()
    assert registry.get("team-b").rule("core.excuse.workload").message == "Base."
    store.publish("team-a", "2", PACK.format(label="2", message="Changed base."), "acme")
    registry.refresh()
    assert registry.get("team-b").rule("core.excuse.workload").message == "Changed base."


def test_unreachable_database_is_store_unavailable():
    store = Store("postgresql+psycopg://postgres@127.0.0.1:1/nothing")
    with pytest.raises(StoreUnavailable):
        store.active_versions()
    ok, detail = store.ping()
    assert not ok and detail.startswith("database unreachable")
    registry = PackRegistry("core", store)
    with pytest.raises(StoreUnavailable):
        registry.refresh()
    assert registry.get("core") is not None  # built-in packs serve regardless


def test_postgres_outage_and_recovery_without_a_new_store(pg_database):  # noqa: F811
    name, url = pg_database
    store = Store(url)
    store.migrate()
    store.publish("team-a", "1", "v1", "acme")
    set_connections(name, False)
    try:
        with pytest.raises(StoreUnavailable):
            store.publish("team-a", "2", "v2", "acme")
        assert store.ping()[0] is False
    finally:
        set_connections(name, True)
    assert store.publish("team-a", "2", "v2", "acme") == 2  # the pool recovers by itself
    assert store.ping() == (True, "postgresql")
    store.close()
