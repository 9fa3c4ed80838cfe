"""`tactful check`: output format, exit codes, folders of canned replies, .eml bodies, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

BAD = "Hi Dana,\n\nSorry, we've been swamped this week.\n"
CLEAN = "Hi Dana,\n\nYour replacement ships Friday by DHL; the tracking number follows by noon.\n"


def run(*args, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "tactful.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def test_text_output_and_exit_1(tmp_path):
    f = tmp_path / "reply.txt"
    f.write_text(BAD, encoding="utf-8")
    code, out, _ = run("check", str(f))
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith(f"{f}:3:8: warning excuse core.excuse.")
    assert "→" in line


def test_clean_file_exit_0_and_fail_on(tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text(CLEAN, encoding="utf-8")
    assert run("check", str(f))[0] == 0
    g = tmp_path / "bad.txt"
    g.write_text(BAD, encoding="utf-8")
    assert run("check", "--fail-on", "error", str(g))[0] == 0
    assert run("check", "--fail-on", "info", str(g))[0] == 1


def test_stdin_and_json(tmp_path):
    code, out, _ = run("check", "--format", "json", "-", stdin=BAD)
    assert code == 1
    doc = json.loads(out)
    assert doc[0]["file"] == "<stdin>"
    f = doc[0]["findings"][0]
    assert f["line"] == 3 and f["category"] == "excuse" and BAD[f["offset"]:f["offset"] + f["length"]]


def test_folder_of_canned_replies_with_eml(tmp_path):
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.eml").write_text(
        "From: agent@example.com\nTo: customer@example.com\nSubject: Re: order\n"
        "Content-Type: text/plain; charset=utf-8\n\nHi,\n\nWe apologize for any inconvenience this may have caused.\n",
        encoding="utf-8")
    code, out, _ = run("check", str(tmp_path))
    assert code == 1
    names = {line.split(":")[0] for line in out.splitlines()}
    assert names == {str(tmp_path / "a.md"), str(sub / "c.eml")}
    assert "c.eml:3:1:" in out  # line numbers count within the body


def test_summary_flag_prints_the_summary_in_plain_words():
    code, out, _ = run("check", "--summary", "-", stdin=BAD)
    assert code == 1
    summary = out[out.index("<stdin>: summary:"):]
    assert "Ready to send: " in summary
    score = int(summary.split("Ready to send: ")[1].split("/")[0])
    assert 0 <= score < 100  # the excuse costs points
    assert " words in " in summary and "Reading level: grade " in summary and "Tone: " in summary
    assert "Grammar: off" in summary


def test_json_summary_carries_the_score():
    _, out, _ = run("check", "--format", "json", "-", stdin=CLEAN)
    summary = json.loads(out)[0]["summary"]
    assert summary["words"] > 5 and 0 <= summary["score"] <= 100 and summary["grammar"]["status"] == "off"


@pytest.mark.parametrize("args,needle", [
    (("check", "/no/such/file.txt"), "no such file"),
    (("check", "--format", "xml", "-"), "invalid choice"),
    (("check", "--pack", "nope", "-"), "unknown pack"),
    ((), "usage"),
])
def test_usage_errors_exit_2(args, needle):
    code, out, err = run(*args, stdin="")
    assert code == 2
    assert needle in (out + err).lower()


def test_unreadable_and_non_utf8(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = run("check", str(f))
    assert code == 2 and "not UTF-8" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("check", str(empty))
    assert code == 2 and "no .txt" in err
