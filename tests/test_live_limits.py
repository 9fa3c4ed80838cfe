"""Rate limiting through real HTTP on a real `tactful serve` with two workers: with Redis the
limit holds across workers; without it each worker takes its share, so the limit still holds;
every refusal is a 429 with Retry-After."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from live import live_server

from tactful.cli.main import main


def _post(url: str, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    req = urllib.request.Request(url + "/v1/review", json.dumps({"text": "hi"}).encode(), headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def _refusals_are_problems(results) -> None:
    refused = [h for c, h in results if c == 429]
    assert refused and all(int(h["Retry-After"]) > 0 for h in refused)
    assert all(h["Content-Type"].startswith("application/problem+json") for h in refused)


def test_limit_shared_by_workers_through_redis(tmp_path, capsys):
    # A real team token: the limiter keys on verified tokens, and a new token per run keeps runs apart in Redis.
    database = f"sqlite:///{tmp_path / 'tactful.db'}"
    assert main(["teams", "create", f"limits-{uuid.uuid4().hex[:8]}", "--database", database]) == 0
    token = re.search(r"member token:\s+(\S+)", capsys.readouterr().out).group(1)
    env = {"TACTFUL_RATE_LIMIT": "8 per minute", "TACTFUL_REDIS_URL": "redis://127.0.0.1:6379/0",
           "TACTFUL_DATABASE_URL": database}
    with live_server("--workers", "2", env=env) as url:
        results = [_post(url, token) for _ in range(12)]
        with urllib.request.urlopen(url + "/readyz", timeout=10) as resp:
            mode = json.loads(resp.read())["checks"]["rate_limit"]["detail"]
    codes = [c for c, _ in results]
    assert codes.count(200) == 8 and codes.count(429) == 4, codes
    _refusals_are_problems(results)
    assert mode == "8 per 1 minute, shared via Redis"


def test_limit_holds_across_workers_without_redis(tmp_path):
    env = {"TACTFUL_RATE_LIMIT": "6 per minute", "TACTFUL_REDIS_URL": "",
           "TACTFUL_DATABASE_URL": f"sqlite:///{tmp_path / 'tactful.db'}"}
    with live_server("--workers", "2", env=env) as url:
        with ThreadPoolExecutor(8) as pool:  # a burst, so both workers take requests
            results = list(pool.map(lambda _: _post(url), range(24)))
        made_up = [_post(url, uuid.uuid4().hex) for _ in range(4)]
        with urllib.request.urlopen(url + "/readyz", timeout=10) as resp:
            mode = json.loads(resp.read())["checks"]["rate_limit"]["detail"]
    codes = [c for c, _ in results + made_up]  # a made-up bearer string is the same client: no new budget
    assert 3 <= codes.count(200) <= 6 and codes.count(200) + codes.count(429) == 28, codes
    _refusals_are_problems(results)
    assert mode == "6 per 1 minute, in memory, split over 2 workers (3 per 1 minute each)"
