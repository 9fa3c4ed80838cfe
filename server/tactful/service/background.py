"""Background jobs: one daemon thread per process flushes feedback counts and polls packs and tokens."""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref

from ..store import StoreUnavailable

log = logging.getLogger(__name__)


class Background:
    """One daemon thread per process running periodic jobs (flush counts, poll packs and tokens).

    Started lazily in the process that serves requests (`ensure_running`), so a
    gunicorn master never holds a lock or a connection when it forks workers.
    A failing job is logged once when the database goes away and once when it
    returns, not on every tick.
    """

    def __init__(self, jobs: list[tuple[str, float, object]], on_fork=None) -> None:
        self.jobs = [(name, max(0.05, float(every)), fn) for name, every, fn in jobs]
        self._on_fork = on_fork
        self._born = os.getpid()
        self._pid: int | None = None
        self._stop = threading.Event()
        self._start_lock = threading.Lock()
        self.healthy = True
        ref = weakref.ref(self)
        # A gunicorn worker starts polling as soon as it is forked, before its first request.
        os.register_at_fork(after_in_child=lambda: _start_in_child(ref))

    def ensure_running(self) -> None:
        if self._pid == os.getpid():
            return
        with self._start_lock:
            if self._pid == os.getpid():
                return
            if os.getpid() != self._born and self._on_fork:
                self._on_fork()  # a forked child: drop the parent's pooled connections
            self._pid = os.getpid()
            self._stop = threading.Event()
            ref = weakref.ref(self)
            threading.Thread(target=_loop, args=(ref, self._stop), name="tactful-background", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def run_due(self, due: dict[str, float]) -> None:
        now, ran, failed = time.monotonic(), False, False
        for name, every, fn in self.jobs:
            if now < due.get(name, 0.0):
                continue
            due[name], ran = now + every, True
            try:
                fn()
            except StoreUnavailable as exc:
                failed = True
                if self.healthy:
                    log.warning("database unreachable (%s); reviews go on with the packs loaded, "
                                "counts wait in memory", exc)
                self.healthy = False
            except Exception:
                log.exception("background job %s failed", name)
        if ran and not failed and not self.healthy:
            log.warning("database reachable again")
            self.healthy = True


def _start_in_child(ref) -> None:
    me = ref()
    if me is not None and not me._stop.is_set():
        me._start_lock = threading.Lock()  # the parent's lock may have been held at fork time
        me.ensure_running()


def _loop(ref, stop: threading.Event) -> None:
    due: dict[str, float] = {}
    while not stop.wait(0.1):
        me = ref()
        if me is None:
            return
        me.run_due(due)
        del me
