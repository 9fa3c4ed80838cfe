"""Rate limits, CORS for configured origins only, and security headers on every response."""

from __future__ import annotations

import hashlib

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

_EXEMPT = {"meta.healthz", "meta.readyz"}
_CORS_METHODS = "GET, POST, OPTIONS"
_CORS_HEADERS = "Content-Type, Authorization"


def _client_key() -> str:
    """Per client: the bearer token when there is one (hashed), else the remote address."""
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer ") and len(auth) > 7:
        return "token:" + hashlib.sha256(auth[7:].strip().encode("utf-8", "replace")).hexdigest()[:32]
    return "addr:" + (get_remote_address() or "unknown")


def init_app(app: Flask, settings) -> Limiter:
    storage = settings.redis_url or "memory://"
    limiter = Limiter(
        key_func=_client_key,
        app=app,
        default_limits=[settings.rate_limit] if settings.rate_limit else [],
        storage_uri=storage,
        storage_options={"socket_connect_timeout": 1, "socket_timeout": 1} if settings.redis_url else {},
        headers_enabled=True,
        swallow_errors=True,  # a Redis outage must not turn reviews into 500s
        default_limits_exempt_when=lambda: request.endpoint in _EXEMPT or request.method == "OPTIONS",
        strategy="moving-window" if not settings.redis_url else "fixed-window",
    )
    origins = set(settings.cors_origins)

    @app.after_request
    def _headers(resp):
        origin = request.headers.get("Origin")
        if origin and origin in origins:  # exact strings only: no wildcards, no prefixes
            resp.headers["Access-Control-Allow-Origin"] = origin
            resp.headers["Access-Control-Allow-Methods"] = _CORS_METHODS
            resp.headers["Access-Control-Allow-Headers"] = _CORS_HEADERS
            resp.headers["Access-Control-Max-Age"] = "600"
        if origins:
            resp.vary.add("Origin")
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp

    return limiter
