"""Two real `tactful serve` processes on one PostgreSQL database.

A pack published through one instance is used by the other within 5 seconds
(each polls the store every `pack_refresh_seconds`, 2 s by default). When the
database goes away, reviews keep working with the packs already loaded and
publishing answers 503 with a clear message; when it comes back, everything
recovers without a restart.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from dbfixtures import fresh_postgres_database, set_connections
from packfixtures import codename_pack

TACTFUL = str(Path(sys.executable).with_name("tactful"))
DRAFT = "It ships with project Falcon soon."



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


class Server:
    def __init__(self, url: str, tmp: Path, name: str) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "TACTFUL_DATABASE_URL": url, "TACTFUL_RATE_LIMIT": "", "TACTFUL_AUTH": "false",
               "TACTFUL_LOG_LEVEL": "WARNING"}
        env.pop("TACTFUL_CONFIG", None)
        self.log = open(tmp / f"{name}.log", "wb")
        self.proc = subprocess.Popen([TACTFUL, "serve", "--port", str(self.port), "--workers", "1"],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=tmp)

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited with {self.proc.returncode}: {self.output()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"server did not start: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def codename_message(self) -> str | None:
        status, body = call(self.base, "POST", "/v1/review", {"text": DRAFT, "pack": "team-a"})
        if status != 200:
            return None
        return next((f["message"] for f in body["findings"] if f["rule"] == "team-a.overshare.codename"), None)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("instances")
    with fresh_postgres_database() as (name, url):
        a, b = Server(url, tmp, "a"), Server(url, tmp, "b")
        try:
            a.wait_ready()
            b.wait_ready()
            yield name, a, b
        finally:
            a.stop()
            b.stop()


def wait_for(predicate, timeout: float) -> float:
    """Seconds until `predicate()` held; AssertionError after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s")


def test_a_pack_published_through_one_instance_serves_on_the_other_within_5_seconds(servers):
    _, a, b = servers
    assert b.codename_message() is None  # unknown pack on b so far
    status, body = call(a.base, "POST", "/v1/packs", {"source": codename_pack("1", "First.", "It ships soon.")})
    assert status == 201, body
    published = time.monotonic()
    assert a.codename_message() == "First."  # at once on the instance that published
    wait_for(lambda: b.codename_message() == "First.", timeout=5 - (time.monotonic() - published))
    # And the other way round: a new version through b reaches a.
    status, body = call(b.base, "POST", "/v1/packs", {"source": codename_pack("2", "Second.", "It ships soon.")})
    assert status == 201 and body["version"] == 2
    wait_for(lambda: a.codename_message() == "Second.", timeout=5)


def test_database_outage_reviews_go_on_publish_is_503_then_everything_recovers(servers):
    name, a, b = servers
    wait_for(lambda: b.codename_message() is not None, timeout=10)  # (the first test's pack, on a busy machine)
    set_connections(name, False)
    try:
        for server in (a, b):
            status, body = call(server.base, "POST", "/v1/review", {"text": DRAFT, "pack": "team-a"})
            assert status == 200 and any(f["rule"] == "team-a.overshare.codename" for f in body["findings"])
        status, body = call(a.base, "POST", "/v1/packs", {"source": codename_pack("3", "Third.", "It ships soon.")})
        assert status == 503, body
        assert body["detail"].startswith("The pack store (database) is unreachable, so nothing was published. "
                                         "Reviews go on with the packs already loaded")
        status, body = call(b.base, "GET", "/readyz")
        assert status == 503 and not body["checks"]["database"]["ok"]
        time.sleep(2.5)  # let both instances' background polls fail at least once
        assert b.codename_message() is not None
    finally:
        set_connections(name, True)
    # Back: publishing works again on the same processes, and the other instance follows.
    wait_for(lambda: call(a.base, "POST", "/v1/packs",
                          {"source": codename_pack("3", "Third.", "It ships soon.")})[0] == 201, timeout=10)
    wait_for(lambda: b.codename_message() == "Third.", timeout=10)
    assert call(b.base, "GET", "/readyz")[0] == 200
    assert a.proc.poll() is None and b.proc.poll() is None
