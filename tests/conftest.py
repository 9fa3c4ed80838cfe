"""Shared fixtures: the built-in pack, a reviewer, the Flask app and its client."""

from __future__ import annotations

import pytest

from tactful.engine.reviewer import Reviewer
from tactful.packs.pack import builtin_packs


@pytest.fixture(scope="session")
def core_pack():
    return builtin_packs()["core"]


@pytest.fixture(scope="session")
def reviewer(core_pack):
    return Reviewer(core_pack)


@pytest.fixture()
def app(tmp_path):
    from tactful.server import create_app
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)})


@pytest.fixture()
def client(app):
    return app.test_client()
