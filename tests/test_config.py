"""Settings: defaults, then the TOML file named by TACTFUL_CONFIG, then TACTFUL_* variables."""

from __future__ import annotations

import pytest

from tactful.config import Settings
from tactful.server.parts import parts


def test_defaults():
    s = Settings.load(environ={})
    assert (s.host, s.port, s.max_text_length, s.default_pack) == ("127.0.0.1", 8765, 100_000, "core")
    assert s.cors_origins == [] and s.languagetool_budget == 1.5 and s.auth is False


def test_toml_then_environment(tmp_path):
    cfg = tmp_path / "tactful.toml"
    cfg.write_text('port = 9000\nmax_text_length = 5000\ncors_origins = ["chrome-extension://a"]\nauth = true\n')
    s = Settings.load(environ={"TACTFUL_CONFIG": str(cfg), "TACTFUL_PORT": "9100"})
    assert s.port == 9100  # the environment wins over the file
    assert s.max_text_length == 5000 and s.cors_origins == ["chrome-extension://a"] and s.auth is True
    s = Settings.load(environ={"TACTFUL_CORS_ORIGINS": "chrome-extension://a, moz-extension://b",
                               "TACTFUL_AUTH": "yes", "TACTFUL_LANGUAGETOOL_BUDGET": "0.5"})
    assert s.cors_origins == ["chrome-extension://a", "moz-extension://b"] and s.auth and s.languagetool_budget == 0.5


def test_bad_value_names_the_setting():
    with pytest.raises(ValueError, match="max_text_length"):
        Settings.load(environ={"TACTFUL_MAX_TEXT_LENGTH": "lots"})


def test_serve_compiles_the_packs_and_freezes_them_before_forking(tmp_path):
    import gc

    from tactful.server import create_app
    from tactful.server.wsgi import prepare_for_fork

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)})
    registry = parts(app).packs
    try:
        prepare_for_fork(app)
        assert gc.get_freeze_count() > 100_000  # the compiled core pack and the lexicons, out of GC's sight
        reviewer = registry.reviewer("core")
        assert registry.reviewer("core") is reviewer and reviewer.review("We are swamped.").findings
    finally:
        gc.unfreeze()
