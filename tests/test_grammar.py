"""Grammar and spelling from LanguageTool, against real HTTP servers that speak its protocol.

The servers run in this process, on 127.0.0.1, and answer ``POST /v2/check``
the way LanguageTool does: with the answers recorded from real LanguageTool
servers (``shared/languagetool/``), for every place the recorded request's
text occurs in the text they receive, offsets counted in UTF-16 units and
shifted to that place. Nothing in the client is mocked: the analyzers talk to
these servers over sockets. One server is slow (it answers after the budget),
one is dead (a closed port), others answer errors.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tactful.analyzers import Analyzers
from tactful.analyzers.grammar import check_url, display_url
from tactful.engine.authored import authored_blocks
from tactful.engine.findings import Finding
from tactful.engine.segment import sentences

SHARED = Path(__file__).resolve().parents[2] / "shared" / "languagetool"
BUDGET = 0.5
MARGIN = 1.0  # thread hand-off and a loaded CI machine; a bound, not a benchmark (the slow server takes 5 s)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def recorded_answers() -> dict[str, dict]:
    """Request text → recorded answer, read from the README's table and the recorded request files."""
    readme = (SHARED / "README.md").read_text(encoding="utf-8")
    answers = {}
    for row in readme.splitlines():
        m = re.match(r"\|\s*`([\w.-]+\.response\.json)`\s*\|\s*([^|]+)\|", row)
        if not m:
            continue
        request = m.group(2)
        text = re.search(r"`text=([^`]*)`", request).group(1)
        assert "`language=en-US`" in request
        answers[text] = json.loads((SHARED / m.group(1)).read_text(encoding="utf-8"))
    # A recorded request file, where there is one, must agree with the table.
    for path in SHARED.glob("*.request.txt"):
        line, _, body = path.read_text(encoding="utf-8").partition("\n")
        assert line.split() == ["POST", "/v2/check"]
        form = urllib.parse.parse_qs(body.strip())
        assert form["language"] == ["en-US"]
        name = path.name.replace(".request.txt", ".response.json")
        assert answers[form["text"][0]] == json.loads((SHARED / name).read_text(encoding="utf-8"))
    # The README also reports the three matches the public API gave for this text.
    text = "I couldnt tell there freinds"
    spans = re.findall(r"offset (\d+) length (\d+) → `([^`]+)`", readme)
    assert len(spans) == 3
    # Rule ids and issue types are not in the README: these are LanguageTool's usual ones for such errors.
    rules = [("EN_CONTRACTION_SPELLING", "misspelling"), ("CONFUSION_RULE_THERE_THEIR", "grammar"),
             ("MORFOLOGIK_RULE_EN_US", "misspelling")]
    answers[text] = {"software": {"name": "LanguageTool", "version": "5.7-SNAPSHOT", "apiVersion": 1},
                     "warnings": {"incompleteResults": False},
                     "language": {"name": "English (US)", "code": "en-US"},
                     "matches": [{"message": "Possible spelling mistake found.", "shortMessage": "Spelling mistake",
                                  "offset": int(o), "length": int(n), "replacements": [{"value": v}],
                                  "context": {"text": text, "offset": int(o), "length": int(n)}, "sentence": text,
                                  "type": {"typeName": "Other"},
                                  "rule": {"id": rid, "description": "", "issueType": issue,
                                           "category": {"id": "TYPOS", "name": "Possible Typo"}}}
                                 for (o, n, v), (rid, issue) in zip(spans, rules)]}
    return answers


ANSWERS = recorded_answers()


def answer_for(text: str) -> dict:
    """What LanguageTool answers for `text`: the recorded matches wherever a recorded text occurs in it."""
    matches = []
    for recorded, answer in ANSWERS.items():
        for m in re.finditer(re.escape(recorded), text):
            shift = utf16_len(text[:m.start()])
            for match in answer["matches"]:
                moved = json.loads(json.dumps(match))
                moved["offset"] = match["offset"] + shift
                matches.append(moved)
    base = ANSWERS["my text"]
    return {"software": base["software"], "warnings": base["warnings"], "language": base["language"],
            "matches": sorted(matches, key=lambda m: m["offset"])}


class Server:
    """A LanguageTool-protocol server on 127.0.0.1; `delay` makes it slow, `status`/`body` make it fail."""

    def __init__(self, delay: float = 0.0, status: int = 200, body: bytes | None = None,
                 truncate: bool = False) -> None:
        self.delay, self.status, self.body, self.truncate = delay, status, body, truncate
        self.received: list[str] = []
        self.release = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
                if self.path != "/v2/check":
                    return self._send(404, b"Not found")
                if "language" not in form or "text" not in form:
                    return self._send(400, b"Error: Missing 'language' parameter")
                if self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
                    return self._send(400, b"Error: expected form data")
                owner.received.append(form["text"][0])
                if owner.delay:
                    owner.release.wait(owner.delay)
                body = owner.body if owner.body is not None else json.dumps(answer_for(form["text"][0])).encode()
                try:
                    self._send(owner.status, body)
                except OSError:  # the client gave up on a slow answer
                    pass

            def _send(self, status: int, body: bytes):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                # A truncated answer announces more than it sends, then the connection closes.
                self.send_header("Content-Length", str(len(body) + (100 if owner.truncate else 0)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "Server":
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def dead_url() -> str:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def check(analyzers: Analyzers, text: str, existing=()) -> tuple[list[Finding], dict, float]:
    t0 = time.monotonic()
    found, status = analyzers.grammar(text, authored_blocks(text), list(existing))
    return found, status, time.monotonic() - t0


DRAFT = ("Hi Dana 😀,\n\n"
         "Thanks for waiting. I have many dog. 🐶 I couldnt tell there freinds apart.\n"
         "my text\n\n"
         "> I have many dog.\n\n"
         "Kind regards,\n"
         "Sam\n")


def test_recorded_answers_become_findings_at_the_right_spans():
    with Server() as lt:
        found, status, _ = check(Analyzers(lt.url, budget=BUDGET), DRAFT)
    assert status == {"status": "ok", "reason": ""}
    got = {(DRAFT[f.start:f.end], f.rule, f.category, f.severity, f.suggestions[0].replacement) for f in found}
    assert got == {
        ("many dog", "languagetool.MANY_NN", "grammar", "warning", "many dogs"),
        ("couldnt", "languagetool.EN_CONTRACTION_SPELLING", "spelling", "warning", "couldn't"),
        ("there", "languagetool.CONFUSION_RULE_THERE_THEIR", "grammar", "warning", "their"),
        ("freinds", "languagetool.MORFOLOGIK_RULE_EN_US", "spelling", "warning", "friends"),
        ("my", "languagetool.UPPERCASE_SENTENCE_START", "grammar", "info", "My"),
    }
    many = next(f for f in found if f.rule == "languagetool.MANY_NN")
    assert many.message.startswith("Possible agreement error.")
    assert many.rationale == "LanguageTool: Grammar"


def test_only_the_authored_part_is_sent():
    with Server() as lt:
        check(Analyzers(lt.url, budget=BUDGET), DRAFT)
    (sent,) = lt.received
    assert "I have many dog." in sent and "my text" in sent
    assert ">" not in sent and "Kind regards" not in sent and "Sam" not in sent
    assert sent.count("I have many dog.") == 1  # the quoted copy stayed home


def test_matches_overlapping_tactful_findings_are_dropped():
    start = DRAFT.index("many dog")
    existing = [Finding("core.test", "scripted", "info", start - 2, start + 4, "m")]
    with Server() as lt:
        found, status, _ = check(Analyzers(lt.url, budget=BUDGET), DRAFT, existing)
    assert status["status"] == "ok"
    assert "languagetool.MANY_NN" not in {f.rule for f in found}
    assert len(found) == 4


def test_offsets_in_utf16_units_map_back_past_astral_characters():
    text = "😀😀 🐶 I have many dog. 🐶 my text"
    with Server() as lt:
        found, _, _ = check(Analyzers(lt.url, budget=BUDGET), text)
    assert sorted(text[f.start:f.end] for f in found) == ["many dog", "my"]


def test_several_blocks_map_back_to_their_own_places():
    text = "I have many dog.\n> quoted line\nmy text\n> another\nI couldnt tell there freinds"
    blocks = authored_blocks(text)
    assert len(blocks) == 3
    with Server() as lt:
        found, status = Analyzers(lt.url, budget=BUDGET).grammar(text, blocks, [])
    assert status["status"] == "ok"
    assert [text[f.start:f.end] for f in sorted(found, key=lambda f: f.start)] == [
        "many dog", "my", "couldnt", "there", "freinds"]


def test_slow_languagetool_never_holds_the_review_beyond_the_budget():
    with Server(delay=5.0) as lt:
        analyzers = Analyzers(lt.url, budget=BUDGET)
        found, status, elapsed = check(analyzers, DRAFT)
        assert found == []
        assert status == {"status": "skipped", "reason": f"LanguageTool did not answer within {BUDGET:g} s"}
        assert BUDGET * 0.9 <= elapsed < BUDGET + MARGIN
        # Within the cooldown the next review does not wait at all, and says why.
        found, status, elapsed = check(analyzers, DRAFT)
        assert found == [] and status["status"] == "skipped"
        assert status["reason"].startswith("LanguageTool did not answer within") and "next try in" in status["reason"]
        assert elapsed < BUDGET / 2  # no wait for the budget at all
        assert len(lt.received) == 1


def test_slow_languagetool_is_tried_again_after_the_cooldown():
    with Server(delay=5.0) as lt:
        analyzers = Analyzers(lt.url, budget=0.2, cooldown=0.0)
        for _ in range(2):
            _, status, elapsed = check(analyzers, DRAFT)
            assert status["status"] == "skipped" and elapsed < 0.2 + MARGIN
        assert len(lt.received) == 2


def test_default_budget_is_one_and_a_half_seconds():
    with Server(delay=5.0) as lt:
        _, status, elapsed = check(Analyzers(lt.url), DRAFT)
    assert status["reason"] == "LanguageTool did not answer within 1.5 s"
    assert 1.4 <= elapsed < 1.5 + MARGIN


def test_dead_languagetool_is_skipped_with_the_reason():
    url = dead_url()
    analyzers = Analyzers(url, budget=BUDGET)
    found, status, elapsed = check(analyzers, DRAFT)
    assert found == []
    assert status == {"status": "skipped", "reason": f"LanguageTool at {url}/v2/check refused the connection"}
    assert elapsed < BUDGET + MARGIN
    assert analyzers.status() == {"grammar": "on", "languagetool": url}


@pytest.mark.parametrize("status, body, reason", [
    (500, b"Internal error", "LanguageTool answered HTTP 500"),
    (200, b"<html>proxy login</html>", "LanguageTool's answer was not JSON"),
    (200, b'{"software": {}}', "LanguageTool's answer had no list of matches"),
])
def test_broken_answers_skip_grammar(status, body, reason):
    with Server(status=status, body=body) as lt:
        found, result, _ = check(Analyzers(lt.url, budget=BUDGET), DRAFT)
    assert found == [] and result == {"status": "skipped", "reason": reason}


def test_answer_cut_short_skips_grammar():
    with Server(truncate=True) as lt:
        found, status, elapsed = check(Analyzers(lt.url, budget=BUDGET), DRAFT)
    assert found == [] and status["status"] == "skipped"
    assert status["reason"] == f"LanguageTool at {lt.url}/v2/check failed (IncompleteRead)"
    assert elapsed < BUDGET + MARGIN


def test_malformed_matches_are_ignored_not_fatal():
    body = json.dumps({"matches": [{"offset": "x"}, {"message": "no span"},
                                   {"offset": 0, "length": 2, "message": "Start with a capital.",
                                    "rule": {"id": "UPPERCASE_SENTENCE_START", "issueType": "typographical"}},
                                   {"offset": 10_000, "length": 3, "message": "outside the text"}]}).encode()
    with Server(body=body) as lt:
        found, status, _ = check(Analyzers(lt.url, budget=BUDGET), "my text is here")
    assert status["status"] == "ok"
    assert [(f.start, f.end, f.suggestions) for f in found] == [(0, 2, ())]


def test_without_languagetool_grammar_is_off_and_the_rest_works():
    analyzers = Analyzers()
    found, status = analyzers.grammar(DRAFT, authored_blocks(DRAFT), [])
    assert found == [] and status["status"] == "off" and "TACTFUL_LANGUAGETOOL_URL" in status["reason"]
    assert analyzers.status() == {"grammar": "off", "languagetool": ""}
    sents = sentences(DRAFT, authored_blocks(DRAFT))
    summary = analyzers.summary(DRAFT, sents, analyzers.findings(DRAFT, sents), status)
    assert summary["grammar"] == status and summary["words"] > 0


def test_server_urls_are_normalized_and_shown_without_credentials():
    assert check_url("http://lt:8081") == "http://lt:8081/v2/check"
    assert check_url("http://lt:8081/v2/") == "http://lt:8081/v2/check"
    assert check_url("http://lt:8081/v2/check") == "http://lt:8081/v2/check"
    assert display_url("https://user:secret@lt.example:8443/v2/check?apiKey=k") == "https://lt.example:8443/v2/check"
    shown = Analyzers("https://user:secret@lt.example").status()
    assert shown == {"grammar": "on", "languagetool": "https://lt.example"}


# A local LanguageTool installation: Tactful starts `java -cp languagetool-server.jar
# org.languagetool.server.HTTPServer --port N`. No LanguageTool can be downloaded here, so the
# installation is a jar we build from a few lines of Java with the same class name, answering the
# same protocol (an empty list of matches).
FAKE_SERVER_JAVA = r"""
package org.languagetool.server;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class HTTPServer {
    public static void main(String[] args) throws Exception {
        int port = 8081;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) port = Integer.parseInt(args[i + 1]);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/languages", ex -> reply(ex,
            "[{\"name\": \"English (US)\", \"code\": \"en\", \"longCode\": \"en-US\"}]"));
        server.createContext("/v2/check", ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, "{\"software\": {\"name\": \"LanguageTool\", \"version\": \"stand-in\", \"apiVersion\": 1},"
                      + " \"matches\": []}");
        });
        server.start();
    }

    static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
"""


@pytest.fixture(scope="module")
def local_installation(tmp_path_factory):
    if not (shutil.which("javac") and shutil.which("jar")):
        pytest.skip("needs a JDK (javac, jar) to build the stand-in LanguageTool")
    root = tmp_path_factory.mktemp("languagetool")
    src = root / "src" / "org" / "languagetool" / "server"
    src.mkdir(parents=True)
    (src / "HTTPServer.java").write_text(FAKE_SERVER_JAVA)
    subprocess.run(["javac", "-d", str(root / "classes"), str(src / "HTTPServer.java")], check=True)
    subprocess.run(["jar", "cf", str(root / "languagetool-server.jar"), "-C", str(root / "classes"), "."], check=True)
    return root


def test_local_languagetool_is_started_and_used(local_installation):
    analyzers = Analyzers(languagetool_local=str(local_installation), budget=BUDGET)
    try:
        assert analyzers.status()["languagetool"] == "local"
        deadline = time.monotonic() + 30
        status = analyzers.grammar(DRAFT, authored_blocks(DRAFT), [])[1]
        while status["status"] != "ok" and time.monotonic() < deadline:
            assert status == {"status": "skipped", "reason": "the local LanguageTool is starting"}
            time.sleep(0.2)
            status = analyzers.grammar(DRAFT, authored_blocks(DRAFT), [])[1]
        assert status == {"status": "ok", "reason": ""}
        assert analyzers.status() == {"grammar": "on", "languagetool": "local"}
    finally:
        analyzers.close()


def test_local_languagetool_without_a_jar_turns_grammar_off(tmp_path):
    analyzers = Analyzers(languagetool_local=str(tmp_path))
    found, status = analyzers.grammar(DRAFT, authored_blocks(DRAFT), [])
    assert found == [] and status["status"] == "off"
    assert status["reason"] == f"the local LanguageTool could not start: no languagetool-server.jar in {tmp_path}"
    assert analyzers.status() == {"grammar": "off", "languagetool": "local", "state": "failed"}


# --- through the HTTP API: /v1/review, /v1/rewrite and /readyz with the analyzers wired in -------------

def _app(tmp_path, **settings):
    from tactful.server import create_app
    return create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "rate_limit": "", **settings})


def test_review_endpoint_merges_grammar_and_reports_it(tmp_path):
    text = "Hi Sam,\n\nI couldnt tell there freinds about the refund yet.\n"
    with Server() as lt:
        client = _app(tmp_path, languagetool_url=lt.url).test_client()
        body = client.post("/v1/review", json={"text": text}).get_json()
        ready = client.get("/readyz").get_json()
    by_rule = {f["rule"]: f for f in body["findings"]}
    spelling = by_rule["languagetool.MORFOLOGIK_RULE_EN_US"]
    assert spelling["category"] == "spelling"
    assert text[spelling["offset"]:spelling["offset"] + spelling["length"]] == "freinds"
    assert spelling["suggestions"][0]["replacement"] == "friends"
    assert body["summary"]["grammar"] == {"status": "ok", "reason": ""}
    assert ready["checks"]["grammar"]["ok"] and ready["checks"]["grammar"]["detail"].startswith("on")


def test_review_endpoint_without_languagetool_says_grammar_is_off(tmp_path):
    client = _app(tmp_path).test_client()
    body = client.post("/v1/review", json={"text": "Thanks for waiting. Your refund went out today."}).get_json()
    summary = body["summary"]
    assert summary["grammar"]["status"] == "off" and "TACTFUL_LANGUAGETOOL_URL" in summary["grammar"]["reason"]
    assert summary["words"] == 8 and summary["questions"] == 0 and 0 <= summary["score"] <= 100
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["checks"]["grammar"]["detail"] == "off"


def test_dead_languagetool_never_fails_the_review_endpoint(tmp_path):
    client = _app(tmp_path, languagetool_url=dead_url()).test_client()
    resp = client.post("/v1/review", json={"text": "Sorry, we've been swamped this week."})
    body = resp.get_json()
    assert resp.status_code == 200
    assert body["summary"]["grammar"]["status"] == "skipped"
    assert any(f["category"] == "excuse" for f in body["findings"])


def test_disabled_grammar_category_skips_languagetool(tmp_path):
    with Server() as lt:
        client = _app(tmp_path, languagetool_url=lt.url).test_client()
        body = client.post("/v1/review", json={"text": "I couldnt tell there freinds.",
                                               "disabledCategories": ["grammar", "spelling"]}).get_json()
        assert lt.received == []
    assert not any(f["category"] in ("grammar", "spelling") for f in body["findings"])
    assert body["summary"]["grammar"]["status"] == "off"


def test_rewrite_applies_a_grammar_finding_by_id(tmp_path):
    text = "I couldnt tell there freinds."
    with Server() as lt:
        client = _app(tmp_path, languagetool_url=lt.url).test_client()
        found = client.post("/v1/review", json={"text": text}).get_json()["findings"]
        fid = next(f["id"] for f in found if f["rule"] == "languagetool.MORFOLOGIK_RULE_EN_US")
        body = client.post("/v1/rewrite", json={"text": text, "apply": [fid]}).get_json()
    assert body["text"] == "I couldnt tell there friends."
    assert [e["id"] for e in body["edits"]] == [fid]
