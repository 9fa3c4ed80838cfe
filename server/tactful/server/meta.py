"""Liveness and readiness."""

from __future__ import annotations

from flask import Blueprint, jsonify

from .. import __version__
from .parts import parts

bp = Blueprint("meta", __name__)


@bp.get("/healthz")
def healthz():
    """Liveness: the process answers. No I/O."""
    return jsonify(status="ok", version=__version__)


@bp.get("/readyz")
def readyz():
    """Readiness: packs loaded (and the database reachable when one is configured)."""
    checks = {}
    for name, check in parts().checks.items():
        try:
            ok, detail = check()
        except Exception as exc:  # a failing check is "not ready", never a 500
            ok, detail = False, f"{type(exc).__name__}"
        checks[name] = {"ok": bool(ok), "detail": detail}
    ready = all(c["ok"] for c in checks.values())
    return jsonify(status="ready" if ready else "not ready", checks=checks), 200 if ready else 503
