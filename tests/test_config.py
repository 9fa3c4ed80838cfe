"""Settings: defaults, then the TOML file named by TACTFUL_CONFIG, then TACTFUL_* variables."""

from __future__ import annotations

import pytest

from tactful.config import Settings


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
