"""Who may call, and how often: served host names, origins allowed to POST, rate limits, CORS for
configured origins only, and security headers on every response.

Any web page can make its visitor's browser POST to this server without
asking first (a form, or fetch with a text/plain body), and the visitor's
own browser passes the loopback-only rule. The browser names the page in the
``Origin`` header, so a POST from another web site is refused (403). Allowed:
no Origin (curl, the CLI), this server's own origin, an origin listed in
`cors_origins`, and browser extensions (Tactful's calls from its background
worker). DNS rebinding points an attacker's host name at this server so its
page counts as same-origin; the ``Host`` header still carries that name, so
only the names in `allowed_hosts` are served (400 otherwise).

Rate limits are per client: its verified team token (auth runs before the
limiter), else its address. Counters kept in memory live in each worker
process, so each of N workers enforces 1/N of the limit; in Redis they are
shared. /readyz says which holds.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from flask import Flask, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

from .errors import ApiError
from .parts import parts

_EXEMPT = {"meta.healthz", "meta.readyz"}
_CORS_METHODS = "GET, POST, OPTIONS"
_CORS_HEADERS = "Content-Type, Authorization"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_EXTENSIONS = ("chrome-extension://", "moz-extension://", "safari-web-extension://")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def init_app(app: Flask, settings) -> None:
    """The Host and Origin checks, run before auth looks at a request, and the response headers."""
    hosts = {_hostname(h) for h in settings.allowed_hosts}
    origins = set(settings.cors_origins)

    @app.before_request
    def _host_and_origin():
        if "*" not in hosts and _hostname(request.host) not in hosts:
            raise ApiError(400, f"This server does not answer to the host name '{request.host[:100]}'. If it "
                                "should, add it to TACTFUL_ALLOWED_HOSTS (comma-separated; '*' allows any).")
        origin = request.headers.get("Origin")
        if request.method not in _SAFE_METHODS and origin is not None and not _origin_allowed(origin, origins):
            raise ApiError(403, f"A web page at '{origin[:100]}' may not send this request. If that site "
                                "should call this server, add its origin to TACTFUL_CORS_ORIGINS.")
        return None

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


def _hostname(host: str) -> str:
    """'LocalHost:8765' → 'localhost', '[::1]:8765' → '[::1]': the port does not matter."""
    host = host.strip().lower()
    if host.count(":") > 1 and not host.startswith("["):
        return f"[{host}]"  # a bare IPv6 address, as a setting may give it
    name = host[:host.index("]") + 1] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
    return name.rstrip(".")


def _origin_allowed(origin: str, configured: set[str]) -> bool:
    return origin in configured or origin.startswith(_EXTENSIONS) or _same_origin(origin)


def _same_origin(origin: str) -> bool:
    """Whether `origin` is this server as the request reached it: same scheme, host and port."""
    def key(url: str):
        parts = urlsplit(url)
        return parts.scheme, parts.hostname, parts.port or _DEFAULT_PORTS.get(parts.scheme)
    try:
        return key(origin) == key(request.host_url)
    except ValueError:  # a malformed port
        return False


def _client_key() -> str:
    """Per client: its verified team token (hashed), else its remote address.

    Auth has run, so `g.token_id` is set for a valid token only: a made-up
    bearer string counts as none and gains no budget of its own.
    """
    if g.get("token_id") is not None:
        token = request.headers.get("Authorization", "")[7:].strip()
        return "token:" + hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:32]
    return "addr:" + (get_remote_address() or "unknown")


def init_limits(app: Flask, settings) -> Limiter:
    """The rate limits. Called after `auth.init_app`: Flask-Limiter checks in the `before_request` it
    registers now, and the key needs the token auth verified.

    ``app.config["WORKER_PROCESSES"]`` (set by `tactful serve`) is how many
    processes serve the app; without Redis each enforces its share of each
    limit (at least 1 request), so together they never pass more than it.
    """
    workers = max(1, int(app.config.get("WORKER_PROCESSES", 1)))
    shared = bool(settings.redis_url)
    try:
        items = parse_many(settings.rate_limit) if settings.rate_limit else []
    except ValueError:
        raise ValueError(f"setting rate_limit: {settings.rate_limit!r} is not a rate limit such as "
                         "'600 per minute'") from None
    share = [f"{max(1, i.amount // workers)} per {i.multiples} {i.GRANULARITY.name}" for i in items]
    limit = "; ".join(share if not shared else map(str, items))
    limiter = Limiter(
        key_func=_client_key,
        app=app,
        default_limits=[limit] if limit else [],
        storage_uri=settings.redis_url or "memory://",
        storage_options={"socket_connect_timeout": 1, "socket_timeout": 1} if shared else {},
        headers_enabled=True,
        swallow_errors=True,  # a Redis outage must not turn reviews into 500s
        default_limits_exempt_when=lambda: request.endpoint in _EXEMPT or request.method == "OPTIONS",
        strategy="moving-window" if not shared else "fixed-window",
    )
    configured = "; ".join(map(str, items))
    if not items:
        mode = "off"
    elif shared:
        mode = f"{configured}, shared via Redis"
    elif workers == 1:
        mode = f"{configured}, in memory"
    else:
        mode = f"{configured}, in memory, split over {workers} workers ({'; '.join(share)} each)"
    parts(app).checks["rate_limit"] = lambda: (True, mode)
    return limiter
