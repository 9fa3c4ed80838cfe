"""What a hostile web page, client or file can do to the web layer, and what it cannot.

A page on another site may not publish, roll back or count feedback through
the user's browser (simple-request content types refused, foreign Origins
403); a DNS-rebound host name gets 400; made-up bearer strings gain no rate
budget and in-memory limits hold across workers; deeply nested JSON or YAML
is a 4xx, never a 500; admin reads stay on this machine without auth; and
the OpenAPI description owns up to 414. The same attacks through a real
browser are in extension/test/e2e/cross-site.test.js.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from tactful.cli.main import main
from tactful.config import Settings
from tactful.server import create_app
from tactful.server.auth import hash_token, new_token

from packfixtures import codename_pack
from tactful.server.parts import parts

README = Path(__file__).resolve().parent.parent / "README.md"
PROBLEM = "application/problem+json"
PACK = codename_pack()
LAUGHS = 'pack: team-a\nversion: "1"\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
DEEP_YAML = 'pack: team-a\nversion: "1"\nrules: ' + "[" * 2000 + "]" * 2000 + "\n"


def make(tmp_path, **settings):
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), **settings})


def published(client) -> set[str]:
    return {p["id"] for p in client.get("/v1/packs").get_json()["packs"]}


# --- 1. cross-site requests and DNS rebinding ----------------------------------------------------------

def test_publish_accepts_only_types_a_browser_must_preflight(client):
    r = client.post("/v1/packs", data=PACK, content_type="text/plain")
    assert r.status_code == 415 and r.mimetype == PROBLEM
    for simple in ("application/x-www-form-urlencoded", "multipart/form-data"):
        assert client.post("/v1/packs", data=PACK, content_type=simple).status_code in (400, 415)
    assert "team-a" not in published(client)
    assert client.post("/v1/packs", data=PACK, content_type="text/yaml").status_code == 201


STATE_CHANGING = [
    ("/v1/packs", {"json": {"source": PACK}}),
    ("/v1/packs/team-a/rollback", {"json": {"version": 1}}),
    ("/v1/feedback", {"json": {"rule": "core.excuse.workload", "action": "dismissed"}}),
]


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:9999", "https://localhost",
                                    "null", "http://127.0.0.1"])
def test_a_post_from_another_site_is_403(client, origin):
    for path, kw in STATE_CHANGING:
        r = client.post(path, headers={"Origin": origin}, **kw)
        assert r.status_code == 403 and r.mimetype == PROBLEM, (path, r.get_json())
        assert "TACTFUL_CORS_ORIGINS" in r.get_json()["detail"]
    assert "team-a" not in published(client)
    assert client.get("/v1/stats").get_json()["rules"] == {}


def test_no_origin_own_origin_extensions_and_configured_origins_may_post(tmp_path):
    client = make(tmp_path, cors_origins="https://mail.example.com").test_client()
    feedback = {"rule": "core.excuse.workload", "action": "dismissed"}
    for origin in (None, "http://localhost", "chrome-extension://abcdefghijklmnop", "moz-extension://1234-5678",
                   "safari-web-extension://ABCD", "https://mail.example.com"):
        r = client.post("/v1/feedback", json=feedback, headers={"Origin": origin} if origin else {})
        assert r.status_code == 202, (origin, r.get_json())
    r = client.post("/v1/packs", json={"source": PACK}, headers={"Origin": "chrome-extension://abcdefghijklmnop"})
    assert r.status_code == 201
    # The server's own origin is the request's scheme, host and port, not just any port on the host.
    own = client.post("/v1/feedback", json=feedback, base_url="http://localhost:8765",
                      headers={"Origin": "http://localhost:8765"})
    assert own.status_code == 202
    assert client.post("/v1/feedback", json=feedback, base_url="http://localhost:8765",
                       headers={"Origin": "http://localhost:8766"}).status_code == 403


def test_a_host_not_allowed_is_400_naming_the_setting(client):
    for host in ("localhost", "localhost:8765", "127.0.0.1:8765", "[::1]:8765", "LOCALHOST"):
        assert client.get("/v1/packs", headers={"Host": host}).status_code == 200, host
    for host in ("rebind.evil.example", "rebind.evil.example:8765", "127.0.0.1.evil.example", "[::2]:8765"):
        r = client.get("/v1/packs", headers={"Host": host})
        assert r.status_code == 400 and r.mimetype == PROBLEM, host
        assert "TACTFUL_ALLOWED_HOSTS" in r.get_json()["detail"]
    # DNS rebinding: the browser thinks it talks to the attacker's own origin.
    r = client.post("/v1/packs", json={"source": PACK},
                    headers={"Host": "rebind.evil.example:8765", "Origin": "http://rebind.evil.example:8765"})
    assert r.status_code == 400
    assert "team-a" not in published(client)


def test_allowed_hosts_setting(tmp_path):
    only = make(tmp_path, allowed_hosts="tactful.internal:8765, 10.0.0.5").test_client()
    assert only.get("/healthz", headers={"Host": "tactful.internal"}).status_code == 200
    assert only.get("/healthz", headers={"Host": "10.0.0.5:80"}).status_code == 200
    assert only.get("/healthz", headers={"Host": "localhost"}).status_code == 400
    anyone = make(tmp_path, allowed_hosts="*").test_client()
    assert anyone.get("/healthz", headers={"Host": "whatever.example"}).status_code == 200
    assert Settings.load(environ={}).allowed_hosts == ["127.0.0.1", "localhost", "[::1]"]
    assert Settings.load(environ={"TACTFUL_ALLOWED_HOSTS": "a.example, b.example"}).allowed_hosts == [
        "a.example", "b.example"]


# --- 2. rate limits ------------------------------------------------------------------------------------

def _review(client, token=None, addr="127.0.0.1"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/v1/review", json={"text": "hi"}, headers=headers,
                       environ_base={"REMOTE_ADDR": addr}).status_code


def test_made_up_bearer_strings_gain_no_budget_but_real_tokens_have_their_own(tmp_path):
    app = make(tmp_path, rate_limit="3 per minute")
    store = parts(app).store
    store.create_team("acme", None)
    token = new_token()
    store.add_token("acme", "member", hash_token(token))
    client = app.test_client()
    assert [_review(client) for _ in range(3)] == [200] * 3
    assert [_review(client, f"made-up-{i}") for i in range(5)] == [429] * 5  # counts as the same address
    assert [_review(client, token) for _ in range(4)] == [200] * 3 + [429]  # a verified token: its own budget
    assert _review(client, addr="10.9.8.7") == 200  # another address


def test_in_memory_limits_are_split_over_the_workers(tmp_path):
    app = make(tmp_path, rate_limit="5 per minute", WORKER_PROCESSES=2)
    client = app.test_client()
    assert [_review(client) for _ in range(3)] == [200, 200, 429]  # 5 // 2 each: never more than 5 in all
    assert client.get("/readyz").get_json()["checks"]["rate_limit"] == {
        "ok": True, "detail": "5 per 1 minute, in memory, split over 2 workers (2 per 1 minute each)"}
    one = make(tmp_path, rate_limit="5 per minute").test_client()
    assert one.get("/readyz").get_json()["checks"]["rate_limit"]["detail"] == "5 per 1 minute, in memory"
    off = make(tmp_path, rate_limit="").test_client()
    assert off.get("/readyz").get_json()["checks"]["rate_limit"]["detail"] == "off"


def test_a_tiny_limit_leaves_each_worker_at_least_one(tmp_path):
    client = make(tmp_path, rate_limit="1 per minute", WORKER_PROCESSES=4).test_client()
    assert [_review(client) for _ in range(2)] == [200, 429]


def test_limits_kept_in_redis_are_not_split(tmp_path):
    import redis
    redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    app = make(tmp_path, rate_limit="4 per minute", redis_url="redis://127.0.0.1:6379/0", WORKER_PROCESSES=2)
    client = app.test_client()
    addr = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    assert [_review(client, addr=addr) for _ in range(5)] == [200] * 4 + [429]
    assert client.get("/readyz").get_json()["checks"]["rate_limit"]["detail"] == "4 per 1 minute, shared via Redis"


# --- 3. nesting ----------------------------------------------------------------------------------------

DEEP_JSON = '{"source": ' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize("path", ["/v1/packs", "/v1/packs/team-a/rollback", "/v1/feedback", "/v1/review",
                                  "/v1/rewrite"])
def test_deeply_nested_json_is_400_everywhere(client, path):
    r = client.post(path, data=DEEP_JSON, content_type="application/json")
    assert r.status_code == 400 and r.mimetype == PROBLEM, r.get_data(as_text=True)[:200]
    r = client.post("/v2/check", data={"language": "en-US", "data": DEEP_JSON})
    assert r.status_code == 400


@pytest.mark.parametrize("source,line,needle", [(LAUGHS, 3, "anchors (&a) are not allowed"),
                                                (DEEP_YAML, 3, "nested more than 32 levels deep")])
def test_yaml_bombs_are_422_naming_the_line(client, source, line, needle):
    r = client.post("/v1/packs?filename=bomb.yaml", data=source, content_type="text/yaml")
    assert r.status_code == 422 and r.mimetype == PROBLEM
    [error] = r.get_json()["errors"]
    assert re.match(rf"bomb\.yaml:{line}:\d+: invalid YAML: ", error) and needle in error, error


@pytest.mark.parametrize("source,line", [(LAUGHS, 3), (DEEP_YAML, 3)])
@pytest.mark.parametrize("command", ["lint", "test"])
def test_yaml_bombs_fail_lint_and_test(tmp_path, capsys, source, line, command):
    path = tmp_path / "bomb.yaml"
    path.write_text(source, encoding="utf-8")
    code = main(["packs", command, str(path)])
    out, _ = capsys.readouterr()
    assert code == 1 and re.search(rf"bomb\.yaml:{line}:\d+: invalid YAML: ", out), out


# --- 5. admin reads without auth -----------------------------------------------------------------------

def test_without_auth_history_and_stats_are_for_this_machine_only(client):
    assert client.post("/v1/packs", json={"source": PACK}).status_code == 201
    away = {"REMOTE_ADDR": "10.1.2.3"}
    for path in ("/v1/packs/team-a/history", "/v1/stats", "/v1/stats?pack=team-a"):
        r = client.get(path, environ_base=away)
        assert r.status_code == 403 and "from this machine only" in r.get_json()["detail"], path
        assert client.get(path).status_code == 200, path
    # Reviews and the catalogue stay open, as before.
    assert client.post("/v1/review", json={"text": "hi"}, environ_base=away).status_code == 200
    assert client.get("/v1/packs/team-a", environ_base=away).status_code == 200


# --- 8 and 9. the API description and the settings -----------------------------------------------------

def test_every_operation_with_query_parameters_documents_414(client):
    spec = client.get("/openapi.json").get_json()
    with_query = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if any(p["in"] == "query" for p in op.get("parameters", [])):
                with_query.append(f"{method} {path}")
                assert "414" in op["responses"], f"{method} {path}"
    assert {"get /v2/check", "get /v1/packs/{pack_id}/source", "get /v1/stats", "post /v1/packs"} <= set(with_query)


def test_deadline_setting_and_every_setting_is_in_the_readme():
    assert Settings.load(environ={}).deadline_seconds == 5.0
    assert Settings.load(environ={"TACTFUL_DEADLINE_SECONDS": "2.5"}).deadline_seconds == 2.5
    readme = README.read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration"):readme.index("## API")]
    from dataclasses import fields
    for f in fields(Settings):
        assert f"TACTFUL_{f.name.upper()}" in table, f.name
    assert "a review or rewrite that cannot finish in this time answers 503 with Retry-After" in table
