"""Run the app under gunicorn, the production WSGI server (`tactful serve`)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


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
    _Gunicorn(app, options).run()
