"""The HTTP API through Flask's test client: contract, errors, rewrite, catalogue, hardening."""

from __future__ import annotations

import json
import logging

import pytest

from tactful.server import create_app

SWAMPED = "Hi Dana,\n\nSorry, we've been swamped this week. We apologize for any inconvenience this may have caused.\n"


def test_review_contract(client):
    r = client.post("/v1/review", json={"text": SWAMPED})
    assert r.status_code == 200
    body = r.get_json()
    assert body["pack"]["id"] == "core"
    cats = {f["category"] for f in body["findings"]}
    assert {"excuse", "scripted"} <= cats
    for f in body["findings"]:
        assert SWAMPED[f["offset"]:f["offset"] + f["length"]].strip()
        assert f["suggestions"] and {"replacement", "label"} <= set(f["suggestions"][0])
    assert body["summary"]["findings"] == len(body["findings"])


def test_offsets_count_utf16_units(client):
    text = "😀😀 Sorry, we've been swamped this week."
    f = client.post("/v1/review", json={"text": text}).get_json()["findings"][0]
    units = text.encode("utf-16-le")
    assert units[f["offset"] * 2:(f["offset"] + f["length"]) * 2].decode("utf-16-le").lstrip(", ").startswith("we've been swamped")


@pytest.mark.parametrize("payload,status,needle", [
    ("{not json", 400, "not valid JSON"),
    ("[1, 2]", 400, "JSON object"),
    ("{}", 400, "Missing 'text'"),
    ('{"text": 42}', 400, "'text' must be a string, not a number"),
    ('{"text": null}', 400, "not null"),
    ('{"text": "a", "html": "b"}', 400, "either 'text' or 'html'"),
    ('{"text": "a", "minSeverity": "fatal"}', 400, "minSeverity"),
    ('{"text": "a", "disabledRules": "core.x"}', 400, "list of strings"),
    ('{"text": "a", "pack": "nope"}', 404, "Unknown pack"),
    ('{"text": "\\ud800 lone surrogate \\u0000 nul"}', 200, ""),
    ("[" * 5000 + "]" * 5000, 400, ""),
])
def test_bad_input_is_a_clear_4xx(client, payload, status, needle):
    r = client.post("/v1/review", data=payload, content_type="application/json")
    assert r.status_code == status
    if status >= 400:
        assert r.mimetype == "application/problem+json"
        assert needle in r.get_json()["detail"]


def test_invalid_utf8_and_wrong_media_type(client):
    r = client.post("/v1/review", data=b'{"text": "\xff\xfe"}', content_type="application/json")
    assert r.status_code == 400
    r = client.post("/v1/review", data="text=hello", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 415 and "application/json" in r.get_json()["detail"]


def test_wrong_method_and_unknown_path(client):
    r = client.get("/v1/review")
    assert r.status_code == 405 and "POST" in r.headers["Allow"] and r.mimetype == "application/problem+json"
    r = client.get("/v1/nothing-here")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"


def test_empty_text_gives_empty_result(client):
    body = client.post("/v1/review", json={"text": ""}).get_json()
    assert body["findings"] == [] and body["summary"]["findings"] == 0


def test_text_over_limit_is_413(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "max_text_length": 1000})
    r = app.test_client().post("/v1/review", json={"text": "a" * 1001})
    assert r.status_code == 413 and "1,000" in r.get_json()["detail"]


def test_huge_single_word_and_body_limit(client, app):
    r = client.post("/v1/review", json={"text": "x" * 100_000})
    assert r.status_code == 200 and r.get_json()["findings"] == []
    r = client.post("/v1/review", data=b'{"text": "' + b"a" * (app.config["MAX_CONTENT_LENGTH"] + 10) + b'"}',
                    content_type="application/json")
    assert r.status_code == 413


def test_options_filter_findings(client):
    full = client.post("/v1/review", json={"text": SWAMPED}).get_json()["findings"]
    rule = full[0]["rule"]
    less = client.post("/v1/review", json={"text": SWAMPED, "disabledRules": [rule]}).get_json()["findings"]
    assert rule not in {f["rule"] for f in less}
    cat = full[0]["category"]
    less = client.post("/v1/review", json={"text": SWAMPED, "disabledCategories": [cat]}).get_json()["findings"]
    assert cat not in {f["category"] for f in less}
    warn = client.post("/v1/review", json={"text": SWAMPED, "minSeverity": "warning"}).get_json()["findings"]
    assert all(f["severity"] in ("warning", "error") for f in warn)


def test_html_review_points_into_visible_text_and_skips_quotes(client):
    html = ("<div>Hi Dana,<br><br>Sorry, we&#39;ve been <b>swamped</b>&nbsp;this week.</div>"
            "<div class='gmail_signature'>We apologize for any inconvenience.</div>"
            "<div class='gmail_quote'>On Mon, Dana wrote:<blockquote>you are swamped, we are swamped</blockquote></div>")
    body = client.post("/v1/review", json={"html": html}).get_json()
    text = body["text"]
    assert "<" not in text and "we've been swamped" in text
    spans = [text[f["offset"]:f["offset"] + f["length"]] for f in body["findings"]]
    assert any("swamped" in s for s in spans)
    assert all(f["offset"] < text.index("We apologize") for f in body["findings"])


def test_outlook_reply_header_excluded(client):
    html = ("<div>Thanks for waiting.</div><div id='divRplyFwdMsg'><b>From:</b> Dana<br><b>Sent:</b> Monday</div>"
            "<div>We have been swamped. We apologize for any inconvenience.</div>")
    assert client.post("/v1/review", json={"html": html}).get_json()["findings"] == []


def test_rewrite_all_is_idempotent_and_local(client):
    text = "Intro line stays.\n\n" + SWAMPED + "\nLast line stays 😀."
    r = client.post("/v1/rewrite", json={"text": text, "apply": "all"}).get_json()
    assert r["edits"] and r["text"] != text
    assert r["text"].startswith("Intro line stays.\n\nHi Dana,\n\n") and r["text"].endswith("\nLast line stays 😀.")
    again = client.post("/v1/rewrite", json={"text": r["text"], "apply": "all"}).get_json()
    assert again["text"] == r["text"] and again["edits"] == []


def test_rewrite_chosen_ids(client):
    findings = client.post("/v1/review", json={"text": SWAMPED}).get_json()["findings"]
    first = findings[0]
    r = client.post("/v1/rewrite", json={"text": SWAMPED, "apply": [first["id"]]}).get_json()
    assert [e["id"] for e in r["edits"]] == [first["id"]]
    rep = first["suggestions"][0]["replacement"]
    assert r["text"] == SWAMPED[:first["offset"]] + rep + SWAMPED[first["offset"] + first["length"]:]
    assert client.post("/v1/rewrite", json={"text": SWAMPED, "apply": "some"}).status_code == 400
    unknown = client.post("/v1/rewrite", json={"text": SWAMPED, "apply": ["core.nothing@0"]}).get_json()
    assert unknown["text"] == SWAMPED and unknown["edits"] == []


@pytest.mark.parametrize("text, rule, expected", [
    ("We are working hard to resolve this, our team is on it.", "core.scripted.rest_assured", "Our team is on it."),
    ("Sorry for the delay, we've been swamped this week. It ships Friday.", "core.excuse.workload",
     "Sorry for the delay. It ships Friday."),
    # A deleted opening takes its full stop, and its line when nothing else is on it.
    ("Dear Mr. Okonkwo,\n\nThank you for bringing this matter to our attention. We have removed the charge.",
     "core.scripted.thanks_contact", "Dear Mr. Okonkwo,\n\nWe have removed the charge."),
    ("Dear Mr Thornton,\n\nThank you for taking the time to write to us.\n\nOur engineer came on 12 June.",
     "core.scripted.thanks_contact", "Dear Mr Thornton,\n\nOur engineer came on 12 June."),
    ("Hi Sarah,\n\nThanks so much for your valuable feedback!! The part ships Friday.", "core.scripted.thanks_contact",
     "Hi Sarah,\n\nThe part ships Friday."),
    # ... and a connective left opening the sentence.
    ("Hi Dana,\n\nThank you for your kind words, and I'm sorry the signal has been patchy.",
     "core.scripted.thanks_contact", "Hi Dana,\n\nI'm sorry the signal has been patchy."),
])
def test_rewrite_deletion_leaves_a_clean_sentence(client, text, rule, expected):
    found = client.post("/v1/review", json={"text": text}).get_json()["findings"]
    f = next(f for f in found if f["rule"] == rule)
    # The deletion is offered as the new text of the finding's span (suggestions are sentence-level edits).
    results = [client.post("/v1/rewrite", json={"text": text, "apply": [{"id": f["id"], "suggestion": n}]}).get_json()
               for n in range(len(f["suggestions"]))]
    assert expected in [r["text"] for r in results]
    r = next(r for r in results if r["text"] == expected)
    (edit,) = r["edits"]
    assert edit["id"] == f["id"]
    assert text[:edit["offset"]] + edit["replacement"] + text[edit["offset"] + edit["length"]:] == expected


def test_pack_catalogue(client):
    packs = client.get("/v1/packs").get_json()
    assert "core" in {p["id"] for p in packs["packs"]}
    core = client.get("/v1/packs/core").get_json()
    rule = core["rules"][0]
    assert rule["message"] and rule["examples"]["flag"] and rule["examples"]["pass"]
    assert client.get(f"/v1/rules/{rule['id']}").get_json()["id"] == rule["id"]
    assert client.get("/v1/rules/core.no.such.rule").status_code == 404
    assert client.get("/v1/packs/no-such-pack").status_code == 404


def test_security_headers_everywhere(client):
    for r in (client.get("/healthz"), client.post("/v1/review", json={}), client.get("/nope")):
        assert r.headers["Cache-Control"] == "no-store"
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_cors_only_for_configured_exact_origins(tmp_path):
    ext = "chrome-extension://abcdefghijklmnop"
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path),
                      "cors_origins": f"{ext}, moz-extension://1234-5678"})
    c = app.test_client()
    assert c.post("/v1/review", json={"text": "hi"}, headers={"Origin": ext}).headers["Access-Control-Allow-Origin"] == ext
    fx = c.post("/v1/review", json={"text": "hi"}, headers={"Origin": "moz-extension://1234-5678"})
    assert fx.headers["Access-Control-Allow-Origin"] == "moz-extension://1234-5678"
    for other in ("https://evil.example", ext + "x", "chrome-extension://abcdefghijklmno"):
        r = c.post("/v1/review", json={"text": "hi"}, headers={"Origin": other})
        assert "Access-Control-Allow-Origin" not in r.headers
    pre = c.options("/v1/review", headers={"Origin": ext, "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200 and "Authorization" in pre.headers["Access-Control-Allow-Headers"]


def _rate_limited(tmp_path, **extra):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "rate_limit": "5 per minute", **extra})
    c = app.test_client()
    codes = [c.post("/v1/review", json={"text": "hi"}).status_code for _ in range(7)]
    return c, codes


def test_rate_limit_in_memory(tmp_path):
    c, codes = _rate_limited(tmp_path)
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    r = c.post("/v1/review", json={"text": "hi"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert r.mimetype == "application/problem+json"
    assert c.get("/healthz").status_code == 200  # liveness is never limited
    made_up = c.post("/v1/review", json={"text": "hi"}, headers={"Authorization": "Bearer another-client"})
    assert made_up.status_code == 429  # a bearer string that is no token is no new client
    other = c.post("/v1/review", json={"text": "hi"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code != 429  # per client


def test_rate_limit_on_redis(tmp_path):
    import uuid

    import redis
    r = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    r.ping()  # Redis runs on every machine; a missing Redis is a failure, not a skip
    prefix_before = set(r.keys("LIMITS*"))
    # Each run comes from its own address so earlier runs never count against it.
    addr = "10." + ".".join(str(b) for b in uuid.uuid4().bytes[:3])
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "rate_limit": "5 per minute",
                      "redis_url": "redis://127.0.0.1:6379/0"})
    c = app.test_client()
    codes = [c.post("/v1/review", json={"text": "hi"}, environ_base={"REMOTE_ADDR": addr}).status_code
             for _ in range(7)]
    assert codes == [200] * 5 + [429, 429]
    assert set(r.keys("LIMITS*")) - prefix_before, "the limiter should keep its counters in Redis"


def test_draft_text_never_logged(client, caplog):
    secret = "Zanzibar-overshare-7731 my manager is on my back about budgets"
    with caplog.at_level(logging.DEBUG):
        client.post("/v1/review", json={"text": secret})
        client.post("/v1/review", json={"html": f"<p>{secret}</p>"})
        client.post("/v1/rewrite", json={"text": secret})
        client.post("/v2/check", data={"text": secret, "language": "en-US"})
        client.post("/v1/review", data=json.dumps({"text": secret})[:-3], content_type="application/json")
    assert "Zanzibar" not in caplog.text
