"""The application's working parts, typed: `parts()` inside a request, `parts(app)` outside one.

    registry = parts().packs          # instead of current_app.extensions["tactful.packs"]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from flask import Flask, current_app

if TYPE_CHECKING:
    from ..analyzers import Analyzers
    from ..service import Background, FeedbackCounter, PackRegistry
    from .auth import TokenCache

KEY = "tactful"


@dataclass
class Parts:
    store: object | None  # the pack and token store (SQLite or PostgreSQL); None without a database
    packs: PackRegistry
    feedback: FeedbackCounter
    analyzers: Analyzers
    tokens: TokenCache | None = None
    background: Background | None = None
    # Readiness checks: name -> callable returning (ok, detail); each area adds its own.
    checks: dict[str, Callable[[], tuple[bool, str]]] = field(default_factory=dict)


def parts(app: Flask | None = None) -> Parts:
    return (app or current_app).extensions[KEY]
