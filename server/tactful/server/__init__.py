"""The HTTP front end: a thin Flask application made by `create_app(config)`."""

from __future__ import annotations

import logging

from flask import Flask

from ..config import Settings
from ..service import Background, FeedbackCounter, PackRegistry
from . import errors
from .parts import KEY, Parts

log = logging.getLogger("tactful")

FLUSH_SECONDS = 1.0  # how often feedback counts go to the database


def create_app(config: dict | None = None, settings: Settings | None = None) -> Flask:
    """Build the application: defaults, then TACTFUL_* settings, then `config` overrides (tests)."""
    config = dict(config or {})
    app = Flask("tactful", instance_path=config.pop("INSTANCE_PATH", None), instance_relative_config=True)
    settings = settings or Settings.load(overrides={k: v for k, v in config.items() if k.islower()})
    app.config.update(
        TACTFUL=settings,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        JSON_SORT_KEYS=False,
    )
    app.config.update({k: v for k, v in config.items() if k.isupper()})
    app.json.sort_keys = False
    logging.getLogger("tactful").setLevel(settings.log_level.upper())

    store = _open_store(app, settings)
    registry = PackRegistry(settings.default_pack, store)
    counter = FeedbackCounter(store)
    from ..analyzers import Analyzers
    analyzers = Analyzers(settings.languagetool_url, settings.languagetool_budget, settings.languagetool_local)
    analyzers.warm()  # the CMU dictionary and VADER lexicon load now, not in the first review
    app.extensions[KEY] = found = Parts(store, registry, counter, analyzers)

    errors.register(app)
    # Readiness checks: name -> callable returning (ok, detail); areas add their own.
    found.checks["packs"] = lambda: (bool(registry.get()), "")

    from . import auth
    tokens = auth.TokenCache(store)
    found.tokens = tokens
    found.checks["database"] = store.ping
    found.checks["grammar"] = lambda: _grammar_check(analyzers)
    _first_load(registry, tokens, store)

    def poll() -> None:
        registry.refresh()
        tokens.refresh()

    background = Background([("flush", FLUSH_SECONDS, counter.flush),
                             ("poll", settings.pack_refresh_seconds, poll)], on_fork=store.after_fork)
    found.background = background
    app.before_request(background.ensure_running)

    from . import feedback, hardening, languagetool, meta, openapi, review, teams, teams_openapi
    hardening.init_app(app, settings)  # Host and Origin first: refused before anything looks further
    auth.init_app(app, settings, tokens)
    hardening.init_limits(app, settings)  # after auth: the limiter keys on the token auth verified
    app.register_blueprint(meta.bp)
    # /v2/check and /v2/languages. Its endpoints keep the names "meta.languagetool.*" that auth.PUBLIC uses.
    app.register_blueprint(languagetool.bp, name_prefix="meta")
    app.register_blueprint(review.bp)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(teams.bp)
    app.register_blueprint(openapi.blueprint(teams_openapi.PATHS))

    return app


def _grammar_check(analyzers) -> tuple[bool, str]:
    """Grammar is optional: off or starting is still ready; /readyz says which."""
    status = analyzers.status()
    detail = status["grammar"] + (f" ({status['languagetool']})" if status.get("languagetool") else "")
    if status.get("state"):
        detail += f", {status['state']}"
    return True, detail


def _open_store(app: Flask, settings: Settings):
    """The database named by TACTFUL_DATABASE_URL, else SQLite in the instance folder (made on first start)."""
    from ..store import Store, default_url, redacted

    url = settings.database_url or default_url(app.instance_path)
    store = Store(url)
    log.info("store: %s", redacted(url))
    return store


def _first_load(registry: PackRegistry, tokens, store) -> None:
    """Migrate and load team packs and tokens now; if the database is down, start anyway and catch up later."""
    from ..store import StoreUnavailable

    try:
        store.migrate()
        registry.refresh()
        tokens.refresh()
    except StoreUnavailable as exc:
        log.warning("database unreachable at start (%s); serving built-in packs, retrying in the background", exc)
    finally:
        store.close()  # hold no pooled connection a forked worker could inherit (the pool reopens on use)
