"""service/ by part (registry, feedback, background), and the order the registry resolves team packs in.

The registry tests use an in-memory store: what they check is which version of
each team pack serves when packs extend one another, run in a cycle or do not
load, not the database (tests/test_store.py runs the registry on SQLite and
PostgreSQL).
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

import tactful.service as service
from tactful.service import PackRegistry
from tactful.service.background import Background
from tactful.service.feedback import ACTIONS, FeedbackCounter
from tactful.service.registry import compile_source, precheck

SERVICE = Path(service.__file__).parent


def test_each_part_lives_in_its_own_module_and_the_package_re_exports_them():
    assert service.PackRegistry.__module__ == "tactful.service.registry"
    assert service.FeedbackCounter is FeedbackCounter and FeedbackCounter.__module__ == "tactful.service.feedback"
    assert service.Background is Background and Background.__module__ == "tactful.service.background"
    assert (service.compile_source, service.precheck, service.ACTIONS) == (compile_source, precheck, ACTIONS)
    assert set(service.__all__) == {"ACTIONS", "Background", "FeedbackCounter", "PackRegistry",
                                    "compile_source", "precheck"}


def test_the_package_init_only_re_exports():
    tree = ast.parse((SERVICE / "__init__.py").read_text())
    own = [node for node in tree.body
           if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    assert own == [], "service/__init__.py defines code; it belongs in registry, feedback or background"


def test_feedback_and_background_do_not_reach_into_the_registry():
    for name in ("feedback.py", "background.py"):
        imports = {node.module for node in ast.walk(ast.parse((SERVICE / name).read_text()))
                   if isinstance(node, ast.ImportFrom)}
        assert not imports & {"registry", "engine.reviewer", "packs.pack"}, name


# --- the order team packs resolve in ---------------------------------------------------------------------

class MemoryStore:
    """The three store calls `PackRegistry.refresh` makes, over versions kept in memory."""

    def __init__(self) -> None:
        self.versions: dict[str, list[str]] = {}
        self.active: dict[str, int] = {}
        self.teams: dict[str, str] = {}

    def publish(self, pack_id: str, source: str, team: str = "acme") -> int:
        self.versions.setdefault(pack_id, []).append(source)
        self.active[pack_id] = len(self.versions[pack_id])
        self.teams.setdefault(pack_id, team)
        return self.active[pack_id]

    def active_versions(self) -> dict[str, int]:
        return dict(self.active)

    def owners(self) -> dict[str, str]:
        return dict(self.teams)

    def sources(self, changed: dict[str, int]) -> dict[str, str]:
        return {pid: self.versions[pid][n - 1] for pid, n in changed.items()}


def pack(pack_id: str, extends: str = "core", message: str | None = None) -> str:
    text = f"pack: {pack_id}\nversion: '1'\nextends: {extends}\n"
    if message:
        text += f"overrides:\n  core.excuse.workload:\n    message: \"{message}\"\n"
    return text


def message(registry: PackRegistry, pack_id: str) -> str | None:
    found = registry.get(pack_id)
    return found.rule("core.excuse.workload").message if found else None


@pytest.fixture()
def store():
    return MemoryStore()


@pytest.fixture()
def registry(store):
    return PackRegistry("core", store)


def test_a_base_resolves_first_whatever_the_ids_sort_as(store, registry):
    store.publish("team-a", pack("team-a", extends="team-m"))
    store.publish("team-m", pack("team-m", extends="team-z", message="From Z."))
    store.publish("team-z", pack("team-z", message="Z's own."))
    assert registry.refresh() is True
    assert message(registry, "team-z") == "Z's own."
    assert message(registry, "team-m") == message(registry, "team-a") == "From Z."
    assert registry.version_number("team-a") == 1
    assert registry.reviewer("team-a").review("Sorry, we're swamped this week.").findings


def test_a_cycle_is_not_served_nor_is_what_builds_on_it(store, registry, caplog):
    store.publish("team-a", pack("team-a", extends="team-b"))
    store.publish("team-b", pack("team-b", extends="team-a"))
    store.publish("team-c", pack("team-c", extends="team-a"))
    store.publish("team-d", pack("team-d", message="Fine."))
    store.publish("team-e", pack("team-e", extends="team-e"))  # refused when read, before any ordering
    with caplog.at_level(logging.WARNING, logger="tactful.service"):
        registry.refresh()
    assert message(registry, "team-d") == "Fine."
    for pid in ("team-a", "team-b", "team-c", "team-e"):
        assert registry.get(pid) is None and registry.reviewer(pid) is None
    for pid in ("team-a", "team-b", "team-c"):
        assert f"pack {pid} version 1 extends itself through other packs; not loaded" in caplog.text
    assert "pack team-e version 1 does not load now" in caplog.text
    assert "team-d" not in caplog.text
    assert not {"team-a", "team-b", "team-c", "team-e"} & set(registry.packs())


def test_a_pack_that_joins_a_cycle_keeps_its_last_good_version(store, registry):
    store.publish("team-a", pack("team-a", message="A one."))
    store.publish("team-b", pack("team-b", extends="team-a"))
    registry.refresh()
    served = registry.get("team-a"), registry.get("team-b")
    reviewer = registry.reviewer("team-b")
    assert message(registry, "team-b") == "A one."
    store.publish("team-a", pack("team-a", extends="team-b", message="A two."))  # a -> b -> a
    registry.refresh()
    assert (registry.get("team-a"), registry.get("team-b")) == served
    assert registry.reviewer("team-b") is reviewer
    store.publish("team-a", pack("team-a", message="A three."))  # the cycle is broken again
    registry.refresh()
    assert message(registry, "team-a") == message(registry, "team-b") == "A three."
    assert registry.reviewer("team-b") is not reviewer


def test_a_base_that_stops_loading_keeps_serving_and_so_does_what_extends_it(store, registry, caplog):
    store.publish("team-a", pack("team-a", message="Base."))
    store.publish("team-b", pack("team-b", extends="team-a"))
    registry.refresh()
    base, child, reviewer = registry.get("team-a"), registry.get("team-b"), registry.reviewer("team-b")
    store.publish("team-a", "pack: team-a\nversion: 1\nrules: [oops")
    with caplog.at_level(logging.WARNING, logger="tactful.service"):
        registry.refresh()
        registry.refresh()  # reported once, not on every poll
    assert registry.get("team-a") is base and registry.get("team-b") is child
    assert registry.reviewer("team-b") is reviewer  # nothing recompiled
    assert caplog.text.count("pack team-a version 2 does not load now") == 1


def test_a_new_pack_on_a_broken_base_is_not_served(store, registry):
    store.publish("team-a", "pack: team-a\nversion: 1\nrules: [oops")
    store.publish("team-b", pack("team-b", extends="team-a"))
    store.publish("team-c", pack("team-c", extends="no-such-pack"))
    registry.refresh()
    assert registry.get("team-a") is registry.get("team-b") is registry.get("team-c") is None
    assert registry.get("core") is not None


def test_only_what_changed_is_compiled_again(store, registry):
    store.publish("team-a", pack("team-a", message="Base."))
    store.publish("team-b", pack("team-b", extends="team-a"))
    store.publish("team-c", pack("team-c", message="Other."))
    registry.refresh()
    before = {pid: registry.get(pid) for pid in ("team-a", "team-b", "team-c")}
    store.publish("team-c", pack("team-c", message="Other, again."))
    registry.refresh()
    assert registry.get("team-a") is before["team-a"] and registry.get("team-b") is before["team-b"]
    assert message(registry, "team-c") == "Other, again."
    store.publish("team-a", pack("team-a", message="New base."))
    registry.refresh()
    assert registry.get("team-b") is not before["team-b"] and message(registry, "team-b") == "New base."


def test_a_pack_never_builds_on_another_teams_pack(store, registry):
    store.publish("team-x", pack("team-x", message="X's."), team="xco")
    store.publish("team-y", pack("team-y", extends="team-x"), team="yco")
    registry.refresh()
    assert message(registry, "team-x") == "X's."
    assert registry.get("team-y") is None


def test_install_serves_a_published_version_and_rebuilds_what_extends_it(store, registry):
    store.publish("team-a", pack("team-a", message="Base."))
    store.publish("team-b", pack("team-b", extends="team-a"))
    registry.refresh()
    source = pack("team-a", message="Published here.")
    number = store.publish("team-a", source)
    built, reviewer = registry.compiled(source, "team-a.yaml", team="acme")
    registry.install("team-a", number, source, built, reviewer)
    assert registry.get("team-a") is built and registry.reviewer("team-a") is reviewer
    assert message(registry, "team-b") == "Published here."
    assert registry.refresh() is False  # the poll finds nothing new
