"""Rate limiting through real HTTP on a real `tactful serve` with two workers: with Redis the
limit holds across workers; every refusal is a 429 with Retry-After."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

from live import live_server


def _post(url: str, token: str) -> tuple[int, dict]:
    req = urllib.request.Request(url + "/v1/review", json.dumps({"text": "hi"}).encode(),
                                 {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def test_limit_shared_by_workers_through_redis():
    env = {"TACTFUL_RATE_LIMIT": "8 per minute", "TACTFUL_REDIS_URL": "redis://127.0.0.1:6379/0"}
    with live_server("--workers", "2", env=env) as url:
        token = uuid.uuid4().hex
        results = [_post(url, token) for _ in range(12)]
    codes = [c for c, _ in results]
    assert codes.count(200) == 8 and codes.count(429) == 4, codes
    refused = [h for c, h in results if c == 429]
    assert all(int(h["Retry-After"]) > 0 for h in refused)
    assert all(h["Content-Type"].startswith("application/problem+json") for h in refused)
