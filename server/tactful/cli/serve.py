"""`tactful serve`: run the HTTP server (gunicorn; Flask's development server with ``--dev``).

    tactful serve --port 8765
"""

from __future__ import annotations

from .common import EXIT_OK


def add_parser(sub) -> None:
    s = sub.add_parser("serve", help="run the HTTP server (gunicorn)")
    s.add_argument("--host", default=None, help="address to bind (default 127.0.0.1, or TACTFUL_HOST)")
    s.add_argument("--port", type=int, default=None, help="port (default 8765, or TACTFUL_PORT)")
    s.add_argument("--workers", type=int, default=None, help="worker processes (default 2, or TACTFUL_WORKERS)")
    s.add_argument("--threads", type=int, default=None, help="threads per worker (default 4, or TACTFUL_THREADS)")
    s.add_argument("--dev", action="store_true", help="use Flask's development server (debugging only)")


def run(args) -> int:
    from ..config import Settings
    settings = Settings.load()
    for name in ("host", "port", "workers", "threads"):
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    from ..server import create_app
    # In-memory rate limits are counted per process: each worker takes its share (see server/hardening.py).
    app = create_app({"WORKER_PROCESSES": 1 if args.dev else settings.workers}, settings=settings)
    if args.dev:
        app.run(host=settings.host, port=settings.port)
        return EXIT_OK
    from ..server.wsgi import run_gunicorn
    run_gunicorn(app, settings)
    return EXIT_OK
