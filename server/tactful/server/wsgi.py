"""Run the app under gunicorn, the production WSGI server (`tactful serve`)."""

from __future__ import annotations

import gc

from gunicorn.app.base import BaseApplication

from .parts import parts


class _Gunicorn(BaseApplication):
    def __init__(self, app, options: dict) -> None:
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def run_gunicorn(app, settings) -> None:
    options = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": settings.workers,
        "threads": settings.threads,
        "worker_class": "gthread",
        "accesslog": None,  # the access log would hold nothing of a draft, but stays off by default
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "timeout": 30,
        "graceful_timeout": 5,
        "keepalive": 5,
        # gunicorn's control socket lives at one path per user, so two servers on one machine would share
        # it; Tactful does not use gunicornc.
        "control_socket_disable": True,
    }
    prepare_for_fork(app)
    _Gunicorn(app, options).run()


def prepare_for_fork(app) -> None:
    """Compile the built-in packs now and move everything loaded so far out of the garbage collector's sight.

    The compiled packs, the CMU dictionary and the VADER lexicon are half a
    million long-lived objects; a full collection over them takes a few hundred
    milliseconds, which a review that happened to trigger it would wait for.
    Frozen before the workers fork, they are never scanned again, and the
    workers share their memory pages.
    """
    registry = parts(app).packs
    for pack_id in registry.packs():
        registry.reviewer(pack_id)
    gc.collect()
    gc.freeze()
