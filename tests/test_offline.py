"""A review with every analyzer and the learned detector, in a process that has no network and no nltk_data.

Two ways to take the network away: a network namespace (``unshare -n``, as
root), where only a loopback that is down exists; and, everywhere, a socket
guard that makes every connect() raise. In both, nltk's data path points at an
empty directory, so a textstat that asked nltk for the CMU dictionary, or a
VADER that asked for its lexicon, would have to download and would fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

GUARD = textwrap.dedent("""
    import socket

    def _refuse(*args, **kwargs):
        raise OSError("network access attempted in the offline test")

    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
""")

REVIEW = textwrap.dedent("""
    import json, os, socket, sys
    import nltk

    nltk.data.path[:] = [os.environ["EMPTY_NLTK_DATA"]]
    for resource in ("corpora/cmudict", "sentiment/vader_lexicon.zip"):
        try:
            nltk.data.find(resource)
            sys.exit(f"{resource} is installed; the test would prove nothing")
        except LookupError:
            pass
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=1).close()  # TEST-NET-1, never routed
        sys.exit("the network is reachable")
    except OSError:
        pass

    import textstat
    from tactful.analyzers import Analyzers, tone
    from tactful.engine.reviewer import Reviewer
    from tactful.packs.pack import builtin_packs

    text = ("Hi Dana,\\n\\nSorry, we've been swamped this week. "
            "Our new warehouse system went live on Monday and everything has been upside down since. "
            "I checked the warehouse records this morning and the replacement blender left our Columbus depot "
            "yesterday afternoon, and it should reach you by Thursday because UPS has already scanned it at the "
            "regional hub near your town. You failed to follow the instructions. Could you confirm the address?"
            "\\n\\nKind regards,\\nSam")
    review = Reviewer(builtin_packs()["core"]).review(text)
    analyzers = Analyzers()
    sents = list(review.sentences)
    found = analyzers.findings(text, sents)
    extra, status = analyzers.grammar(text, list(review.blocks), found)
    summary = analyzers.summary(text, sents, list(review.findings) + found + extra, status)
    print(json.dumps({
        "syllables": textstat.syllable_count("area idea fire hour"),
        "compound": tone.compound("Thank you so much, this is wonderful news!"),
        "rules": sorted({f.rule for f in list(review.findings) + found}),
        "sources": sorted({f.source for f in review.findings}),
        "summary": summary,
        "status": analyzers.status(),
    }))
""")


def run_offline(tmp_path, prefix: list[str], guard: bool) -> dict:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "EMPTY_NLTK_DATA": str(empty), "NLTK_DATA": str(empty),
           "PYTHONDONTWRITEBYTECODE": "1"}
    code = (GUARD if guard else "") + REVIEW
    proc = subprocess.run([*prefix, sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def check(result: dict) -> None:
    assert result["syllables"] == 10  # CMU dictionary counts (Pyphen alone would give 4)
    assert result["compound"] > 0.5  # VADER with its lexicon
    assert {"tactful.clarity.long_sentence", "tactful.tone.curt"} <= set(result["rules"])
    assert any(rule.startswith("core.") for rule in result["rules"])  # the engine's own review ran too
    assert "tactful.model.excuse" in result["rules"] and result["sources"] == ["model", "rule"]  # and the detector
    summary = result["summary"]
    assert summary["words"] > 50 and summary["questions"] == 1 and summary["grade"] > 0
    assert summary["grammar"]["status"] == "off" and 0 <= summary["score"] < 100
    assert result["status"] == {"grammar": "off", "languagetool": ""}


def _can_unshare() -> bool:
    exe = shutil.which("unshare")
    return bool(exe) and subprocess.run([exe, "-n", "true"], capture_output=True).returncode == 0


def test_review_in_a_network_namespace(tmp_path):
    if not _can_unshare():
        pytest.skip("unshare -n needs root or user namespaces; test_review_with_a_socket_guard covers this")
    check(run_offline(tmp_path, [shutil.which("unshare"), "-n"], guard=False))


def test_review_with_a_socket_guard(tmp_path):
    check(run_offline(tmp_path, [], guard=True))


def test_the_guard_does_catch_network_use(tmp_path):
    """The offline runs would notice a download: the same guard makes a connection attempt fail the run."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    code = GUARD + "import nltk\nassert nltk.download('cmudict', download_dir=%r, quiet=True) is False\n" % str(empty)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not any(empty.iterdir())
