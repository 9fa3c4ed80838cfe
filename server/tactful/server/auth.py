"""Team tokens: who is asking, for which team, with which role.

Each team has admin tokens (publish, rollback, history, stats) and member
tokens (review, feedback). A token is random (`secrets.token_urlsafe`), shown
once when made, and stored only as its SHA-256 hash; a presented token is
hashed and compared with `hmac.compare_digest`.

A `before_request` hook reads ``Authorization: Bearer <token>`` and sets
`flask.g.team`, `g.role`, `g.token_id` and `g.team_pack` (the pack a member
token selects). With the `auth` setting on, a request without a valid token
gets 401 and one with too small a role 403, each saying which. With `auth`
off (single-user mode, the default for `make serve`), everything works
without a token (a valid token still selects its team; an unknown one counts
as none), and what needs an admin token with auth on (publish, rollback,
history, statistics) is allowed without one from the machine itself (a
loopback address) only.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time

from flask import Flask, g, request

from ..store import StoreUnavailable, TokenInfo
from .errors import ApiError
from .parts import parts

ADMIN, MEMBER = "admin", "member"
TOKEN_PREFIX = "tct_"

# Endpoints anyone may call, and those that need an admin; everything else needs a member (or admin).
PUBLIC = {"meta.healthz", "meta.readyz", "openapi.openapi_json", "openapi.docs", "teams.schema",
          "meta.languagetool.languages", "static"}
ADMIN_ONLY = {"teams.publish", "teams.rollback", "teams.history", "feedback.stats"}
LOCAL_WITHOUT_AUTH = ADMIN_ONLY


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class TokenCache:
    """Live tokens by hash, read whole from the store and refreshed in the background.

    Verifying a token never waits for the database unless the token is new to
    this instance (made after the last refresh); then the store is asked once.
    """

    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._by_hash: dict[str, tuple[str, TokenInfo]] = {}
        self._offline_until = 0.0

    def refresh(self) -> None:
        table = {h: (h, info) for h, info in self.store.tokens().items()}
        with self._lock:
            self._by_hash = table
        self._offline_until = 0.0

    def lookup(self, token: str) -> TokenInfo | None:
        """The token's team and role, or None. Raises StoreUnavailable if it must ask a database that is down."""
        digest = hash_token(token)
        entry = self._by_hash.get(digest)
        if entry is None:
            if time.monotonic() < self._offline_until:
                raise StoreUnavailable("database unreachable a moment ago")
            try:
                info = self.store.token(digest)
            except StoreUnavailable:
                # Do not make every request wait for a connect timeout while the database is away.
                self._offline_until = time.monotonic() + 5
                raise
            if info is None:
                return None
            entry = (digest, info)
            with self._lock:
                self._by_hash = {**self._by_hash, digest: entry}
        stored, info = entry
        return info if hmac.compare_digest(stored, digest) else None


def init_app(app: Flask, settings, tokens: TokenCache | None) -> None:
    enforce = bool(settings.auth)

    @app.before_request
    def _authenticate():
        g.team, g.role, g.token_id, g.team_pack = "default", None, None, None
        endpoint = request.endpoint
        if endpoint is None or request.method == "OPTIONS" or endpoint in PUBLIC:
            return None
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        if enforce and header and not token:
            raise ApiError(401, "The Authorization header must be 'Bearer <token>'.",
                           {"WWW-Authenticate": 'Bearer realm="tactful"'})
        if token and tokens is not None:
            try:
                info = tokens.lookup(token)
            except StoreUnavailable:
                if enforce:
                    raise ApiError(503, "Cannot check this token: the database is unreachable. "
                                        "Try again shortly.", {"Retry-After": "5"}) from None
                info = None
            if info is None and not enforce:
                pass  # single-user mode: an unknown token counts as none
            elif info is None:
                raise ApiError(401, "Unknown or revoked token. Ask your team lead for a new one "
                                    "(tactful teams token TEAM --role member).",
                               {"WWW-Authenticate": 'Bearer realm="tactful", error="invalid_token"'})
            else:
                g.team, g.role, g.token_id = info.team, info.role, info.id
                registry = parts().packs
                if info.team_pack and registry.get(info.team_pack) is not None:
                    g.team_pack = info.team_pack
        need = ADMIN if endpoint in ADMIN_ONLY else MEMBER
        if g.role == ADMIN or (need == MEMBER and g.role == MEMBER):
            return None
        if g.role == MEMBER:
            raise ApiError(403, f"This needs an admin token of team '{g.team}'; a member token may review "
                                "and send feedback only.")
        if enforce:
            raise ApiError(401, f"This server requires a team {need} token: send 'Authorization: Bearer <token>'.",
                           {"WWW-Authenticate": 'Bearer realm="tactful"'})
        if endpoint in LOCAL_WITHOUT_AUTH and not _is_loopback(request.remote_addr):
            raise ApiError(403, "Without TACTFUL_AUTH, packs may be published and rolled back, and their history "
                                "and statistics read, from this machine only; turn on TACTFUL_AUTH and use a team "
                                "admin token.")
        return None


def _is_loopback(addr: str | None) -> bool:
    try:
        return addr is not None and ipaddress.ip_address(addr).is_loopback
    except ValueError:
        return False
