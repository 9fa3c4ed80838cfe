"""Configuration: defaults, then an optional TOML file, then ``TACTFUL_*`` environment variables.

Every setting is documented in the README's Configuration table. The TOML
file is named by ``TACTFUL_CONFIG``; its keys are the setting names in lower
case without the prefix (``max_text_length = 50000``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields

_BOOL_TRUE = {"1", "true", "yes", "on"}


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 2
    threads: int = 4
    max_text_length: int = 100_000
    max_body_bytes: int = 2_000_000
    default_pack: str = "core"
    cors_origins: list[str] = field(default_factory=list)
    allowed_hosts: list[str] = field(default_factory=lambda: ["127.0.0.1", "localhost", "[::1]"])
    rate_limit: str = "600 per minute"
    redis_url: str = ""
    database_url: str = ""
    languagetool_url: str = ""
    languagetool_budget: float = 1.5
    languagetool_local: str = ""
    pack_refresh_seconds: float = 2.0
    deadline_seconds: float = 5.0
    auth: bool = False
    log_level: str = "INFO"

    @classmethod
    def load(cls, environ: dict | None = None, overrides: dict | None = None) -> "Settings":
        environ = os.environ if environ is None else environ
        values: dict = {}
        path = environ.get("TACTFUL_CONFIG")
        if path:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh))
        for f in fields(cls):
            key = f"TACTFUL_{f.name.upper()}"
            if key in environ:
                values[f.name] = environ[key]
        values.update({k.lower(): v for k, v in (overrides or {}).items() if k.lower() in _names()})
        settings = cls()
        for f in fields(cls):
            if f.name in values:
                setattr(settings, f.name, _coerce(f, values[f.name]))
        return settings


def _names() -> set[str]:
    return {f.name for f in fields(Settings)}


def _coerce(f, value):
    kind = {"int": int, "float": float, "bool": bool, "str": str}.get(f.type, list)
    if f.name in ("cors_origins", "allowed_hosts"):
        return [o.strip() for o in value.split(",") if o.strip()] if isinstance(value, str) else list(value)
    try:
        if kind is bool:
            return value if isinstance(value, bool) else str(value).lower() in _BOOL_TRUE
        if kind in (int, float):
            return kind(value)
    except ValueError:
        raise ValueError(f"setting {f.name}: {value!r} is not a valid {kind.__name__}") from None
    return str(value)
