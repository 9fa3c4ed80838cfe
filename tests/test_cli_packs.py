"""`tactful packs …` and `tactful teams …`: offline test and lint, and push/pull/history/rollback/stats
against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tactful.cli.main import main

from packfixtures import codename_pack
from tactful.server.parts import parts

TEAMS = Path(__file__).resolve().parent.parent / "rules" / "teams"
CORE = TEAMS.parent / "core"



def write(tmp_path, name="team-a.yaml", label="1.0", message="Code names mean nothing.", passing="It ships soon."):
    path = tmp_path / name
    path.write_text(codename_pack(label, message, passing), encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- offline ------------------------------------------------------------------------------------------

def test_test_passes_the_repository_team_packs(capsys):
    code, out, err = run(capsys, "packs", "test", str(TEAMS))
    assert code == 0, out + err
    assert out == ""
    assert re.search(r"acme-support\.yaml: acme-support 1\.0\.0: \d+ rules checked, \d+ examples, 0 failures", err)


def test_test_prints_failures_like_a_compiler(tmp_path, capsys):
    path = write(tmp_path, passing="Project Falcon is late.")
    code, out, _ = run(capsys, "packs", "test", str(path))
    assert code == 1
    assert re.fullmatch(r".*team-a\.yaml:17:14: rule 'team-a\.overshare\.codename': should pass "
                        r"'Project Falcon is late\.' but flagged 'Project Falcon'\n", out), out


def test_test_resolves_extends_to_a_pack_file_beside_it(tmp_path, capsys):
    write(tmp_path)
    (tmp_path / "team-b.yaml").write_text('pack: team-b\nversion: "1"\nextends: team-a\n'
                                          "disable: [team-a.overshare.codename]\n", encoding="utf-8")
    code, _, err = run(capsys, "packs", "test", str(tmp_path / "team-b.yaml"))
    assert code == 0, err


def test_test_checks_the_core_pack_folder(capsys):
    code, out, err = run(capsys, "packs", "test", str(CORE))
    assert code == 0, out + err
    assert re.search(r"core: core [\d.]+: \d+ rules checked, \d+ examples, 0 failures", err), err
    code, out, _ = run(capsys, "packs", "lint", str(CORE / "excuse.yaml"))
    assert code == 1 and "excuse.yaml:1:1: this file is part of the pack folder" in out, out


def test_check_pack_resolves_extends_like_packs_test(tmp_path, capsys):
    write(tmp_path)
    team_b = tmp_path / "team-b.yaml"
    team_b.write_text('pack: team-b\nversion: "1"\nextends: team-a\n', encoding="utf-8")
    draft = tmp_path / "reply.txt"
    draft.write_text("It ships with project Falcon soon.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--pack", str(team_b), str(draft))
    assert code == 1 and "team-a.overshare.codename" in out, out + err
    code, out, err = run(capsys, "check", "--pack", str(CORE), str(draft))  # a pack folder, by path
    assert code == 0 and "team-a" not in out, out + err


def test_lint_reports_format_errors_and_style(tmp_path, capsys):
    path = write(tmp_path)
    path.write_text(path.read_text().replace("    phrases:", "    phrase:"))
    code, out, _ = run(capsys, "packs", "lint", str(path))
    assert code == 1 and ":11:5: rule 'overshare.codename': unknown key 'phrase'" in out
    style = write(tmp_path, "style.yaml", message="No period")
    style.write_text(style.read_text() + "overrides:\n  core.excuse.workload:\n    add_phrases: [\"we are slammed\"]\n")
    code, out, _ = run(capsys, "packs", "lint", str(style))
    assert code == 1
    assert "style.yaml:9:14: rule 'team-a.overshare.codename': the message should be one full sentence" in out
    assert "rule 'core.excuse.workload': added phrases have no examples" in out
    code, _, err = run(capsys, "packs", "lint", str(TEAMS / "acme-support.yaml"))
    assert code == 0, err


def test_usage_errors_exit_2_with_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "packs", "test", str(tmp_path / "missing.yaml"))
    assert (code, out) == (2, "") and err.strip() == f"tactful: error: {tmp_path / 'missing.yaml'}: no such file or folder"
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"pack: caf\xe9\n")
    code, _, err = run(capsys, "packs", "lint", str(bad))
    assert code == 2 and "cannot read: not UTF-8 text" in err
    port = _closed_port()
    code, out, err = run(capsys, "packs", "history", "team-a", "--server", f"http://127.0.0.1:{port}")
    assert code == 2 and err.startswith(f"tactful: error: cannot reach the server at http://127.0.0.1:{port}: ")
    assert len(err.strip().splitlines()) == 1


def _closed_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- against a server -------------------------------------------------------------------------------------

@pytest.fixture()
def server(tmp_path):
    from tactful.server import create_app
    db = tmp_path / "instance" / "tactful.db"
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(db.parent), "auth": True, "rate_limit": ""})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", f"sqlite:///{db}", app
    http.shutdown()
    parts(app).background.stop()


def _tokens(out: str) -> dict[str, str]:
    return dict(re.findall(r"(admin|member) token:\s+(\S+)", out))


def test_teams_then_push_pull_history_rollback_stats(server, tmp_path, capsys, monkeypatch):
    url, database, app = server
    code, out, err = run(capsys, "teams", "create", "acme", "--pack", "team-a", "--database", database)
    assert code == 0 and "shown once" in err
    tokens = _tokens(out)
    assert set(tokens) == {"admin", "member"} and all(t.startswith("tct_") for t in tokens.values())
    code, out, _ = run(capsys, "teams", "token", "acme", "--role", "member", "--database", database)
    assert code == 0 and re.search(r"member token for acme: tct_\S+", out)
    code, out, _ = run(capsys, "teams", "list", "--database", database)
    assert re.search(r"acme\s+team-a\s+1\s+2", out)
    code, _, err = run(capsys, "teams", "create", "acme", "--database", database)
    assert code == 1 and "already exists" in err

    monkeypatch.setenv("TACTFUL_SERVER", url)
    admin = ["--token", tokens["admin"]]
    code, out, err = run(capsys, "packs", "push", str(write(tmp_path, message="First.")), *admin)
    assert code == 0 and out.startswith("published team-a version 1 (1.0, "), err
    code, out, err = run(capsys, "packs", "push", str(write(tmp_path, label="1.1", message="Second.")), *admin)
    assert code == 0 and "version 2" in out
    # A failing pack is refused: the failures, then a one-line reason; exit 1.
    code, out, err = run(capsys, "packs", "push", str(write(tmp_path, label="1.2", passing="Project Falcon.")), *admin)
    assert code == 1
    assert "team-a.yaml:17:14: rule 'team-a.overshare.codename': should pass" in out
    assert err.startswith("tactful: error: server answered 422: 1 rule example failed")
    # The member token may not push: 403, exit 2, the server's reason.
    code, _, err = run(capsys, "packs", "push", str(write(tmp_path)), "--token", tokens["member"])
    assert code == 2 and "server answered 403: This needs an admin token of team 'acme'" in err
    code, _, err = run(capsys, "packs", "push", str(write(tmp_path)))
    assert code == 2 and "server answered 401" in err

    code, out, _ = run(capsys, "packs", "history", "team-a", *admin)
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith("*       2  1.1") and lines[2].startswith("        1  1.0")
    code, out, _ = run(capsys, "packs", "rollback", "team-a", "1", *admin)
    assert code == 0 and out.strip() == "team-a version 1 (1.0) is active again"
    code, out, _ = run(capsys, "packs", "pull", "team-a", "--token", tokens["member"])
    assert code == 0 and 'message: "First."' in out
    target = tmp_path / "pulled.yaml"
    code, _, _ = run(capsys, "packs", "pull", "team-a", "--version", "2", "-o", str(target), *admin)
    assert code == 0 and 'message: "Second."' in target.read_text()

    client = app.test_client()
    member = {"Authorization": f"Bearer {tokens['member']}"}
    for _ in range(3):
        client.post("/v1/review", json={"text": "It ships with project Falcon soon."}, headers=member)
    for action in ("dismissed", "dismissed", "applied"):
        client.post("/v1/feedback", json={"rule": "team-a.overshare.codename", "action": action}, headers=member)
    code, out, _ = run(capsys, "packs", "stats", "team-a", *admin)
    assert code == 0
    assert re.search(r"team-a\.overshare\.codename\s+3\s+1\s+2\s+67%", out), out
    code, out, _ = run(capsys, "packs", "stats", "team-a", "--format", "json", *admin)
    assert '"dismissed": 2' in out


# --- push: refuse before sending what the server would refuse; report the server's 413 -------------------

def _phrase_pack(n: int) -> str:
    """A pack whose one rule lists `n` phrases, each expanding to 121 variants through its word classes."""
    phrases = ", ".join(f'"{{we}} {{are}} busy with c{i}"' for i in range(n))
    return (codename_pack().replace("extends: core\n", "classes:\n  we: [we, i, our team, the team, my team, our staff, "
                                    "the office, everyone, all of us, the rest of us, we all]\n  are: [am, is, are, was, "
                                    "were, have been, has been, had been, be, been, are all]\n")
            .replace('phrases: ["project falcon"]', f"phrases: [{phrases}]"))


def test_push_refuses_a_pack_too_large_without_sending_it(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    path.write_text(codename_pack() + "# " + "x" * 5_000_000 + "\n", encoding="utf-8")
    port = _closed_port()  # nothing listens: had it tried to send, this would be "cannot reach the server"
    code, out, err = run(capsys, "packs", "push", str(path), "--server", f"http://127.0.0.1:{port}")
    assert code == 1, err
    assert out == f"{path}:1:1: pack is larger than 1,000,000 bytes\n"
    assert err.strip() == f"tactful: error: {path}: not sent; the server would refuse it"


def test_push_lint_and_test_count_phrases_before_compiling_them(tmp_path, capsys):
    import time

    path = tmp_path / "phrases.yaml"
    path.write_text(_phrase_pack(25_000), encoding="utf-8")
    port = _closed_port()
    for argv in (["push", str(path), "--server", f"http://127.0.0.1:{port}"], ["lint", str(path)], ["test", str(path)]):
        started = time.monotonic()
        code, out, err = run(capsys, "packs", *argv)
        assert code == 1, err
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: the pack has 25,000 phrases; the limit is 20,000\n", out)
        assert time.monotonic() - started < 2.0, argv  # expanding them first took seconds


def test_publish_counts_phrases_before_compiling_them(tmp_path):
    import time

    from tactful.server import create_app
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "rate_limit": ""})
    started = time.monotonic()
    r = app.test_client().post("/v1/packs", json={"source": _phrase_pack(25_000), "filename": "p.yaml"})
    assert r.status_code == 422
    assert re.fullmatch(r"p\.yaml:\d+:\d+: the pack has 25,000 phrases; the limit is 20,000", r.get_json()["errors"][0])
    assert time.monotonic() - started < 2.0


def test_push_reports_the_servers_413(tmp_path, capsys, monkeypatch):
    from live import live_server

    from tactful.packs import pack as packs
    monkeypatch.setattr(packs, "MAX_PACK_BYTES", 10_000_000)  # as if this client allowed more than the server
    path = tmp_path / "huge.yaml"
    path.write_text(codename_pack() + "# " + "x" * 5_000_000 + "\n", encoding="utf-8")
    env = {"TACTFUL_DATABASE_URL": f"sqlite:///{tmp_path / 'tactful.db'}", "TACTFUL_MAX_BODY_BYTES": "100000"}
    with live_server(env=env) as url:
        code, out, err = run(capsys, "packs", "push", str(path), "--server", url)
    assert code == 1, err
    assert err.strip() == ("tactful: error: server answered 413: The request body is too large. The pack is larger "
                           "than this server accepts (its TACTFUL_MAX_BODY_BYTES).")
