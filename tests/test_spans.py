"""How far an underline stretches: the words in rules/core/spans.yaml, read by packs/disk.py, used by `widen`.

The word lists were code (`_CLAUSE_WORDS`, `_LEAD_INS` in the reviewer) until they became core data; the
digest below was recorded from that code, so the data reproduces every span it drew.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tactful.engine.reviewer import Reviewer, widen
from tactful.packs.disk import core_spans, load_pack_folder
from tactful.packs.pack import PackError, builtin_packs
from tactful.packs.spans import Spans, parse_spans

ROOT = Path(__file__).resolve().parent.parent
SPANS = ROOT / "rules" / "core" / "spans.yaml"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"

# widen() over every one- and two-word hit of every line and sentence of ../shared/eval/dev.jsonl (split here,
# not by the engine, so that only spans.yaml and widen() move it), by the code before the move. If you changed
# spans.yaml on purpose, every clause rule's underline may move: check the rule examples (`tactful packs test
# rules/core`), then record the new digest printed by the failure.
DEV_WIDEN = (17499, "48c36fe4d007bbe79dd5609f05fe33a23280935b8cf41cc38ba18a42e4770e09")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _widen_digest(spans: Spans) -> tuple[int, str]:
    digest, n = hashlib.sha256(), 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for sentence in _SENTENCE_END.split(json.loads(line)["text"]):
            words = [m.span() for m in _WORD.finditer(sentence)]
            for i in range(len(words)):
                for j in (i, i + 1):
                    if j < len(words):
                        start, end = widen(sentence, words[i][0], words[j][1], "clause", spans)
                        digest.update(f"{start},{end};".encode())
                        n += 1
    return n, digest.hexdigest()


@pytest.mark.skipif(not DEV.is_file(), reason="needs ../shared/eval/dev.jsonl")
def test_the_data_draws_every_span_the_code_drew():
    assert _widen_digest(core_spans()) == DEV_WIDEN


def test_the_file_is_one_item_per_line_and_what_the_engine_reads():
    spans = core_spans()
    items = [line for line in SPANS.read_text(encoding="utf-8").splitlines() if line.startswith("  - ")]
    assert len(items) == len(spans.clause_words) + len(spans.lead_ins)
    assert {"but", "because", "however"} <= set(spans.clause_words)
    assert {"rest assured", "trust me", "don't worry"} <= set(spans.lead_ins)
    assert Reviewer(builtin_packs()["core"], detector=None).spans is spans


@pytest.mark.parametrize("sentence,hit,expected", [
    ("We are swamped because two agents are out.", "swamped", "We are swamped"),
    ("Sorry, we are swamped but it ships today.", "swamped", "we are swamped"),
    ("Rest assured this will never happen again.", "never happen again", "this will never happen again"),
    ("Don’t worry this will never happen again.", "never happen again", "this will never happen again"),
    ("PLEASE DON'T WORRY this will never happen again.", "never happen again", "this will never happen again"),
    ("dont worry this will never happen again.", "never happen again", "this will never happen again"),
])
def test_clause_words_and_lead_ins_bound_the_underline(sentence, hit, expected):
    start = sentence.index(hit)
    a, b = widen(sentence, start, start + len(hit), "clause", core_spans())
    assert sentence[a:b] == expected


def test_a_reviewer_handed_other_spans_draws_other_underlines(monkeypatch):
    from tactful.engine import reviewer as reviewer_module
    # The spans as widened, before the sentence-level rewrites reshape them.
    monkeypatch.setattr(reviewer_module, "sentence_level", lambda text, sents, found, *rest, **kw: found)
    sentence = "We have been swamped meanwhile your parcel ships today."
    core = core_spans()
    more = Spans(core.clause_words + ("meanwhile",), core.lead_ins)
    pack = builtin_packs()["core"]
    underlined = {spans: [sentence[f.start:f.end] for f in Reviewer(pack, detector=None, spans=spans).review(
        sentence).findings if f.rule == "core.excuse.workload"] for spans in (core, more)}
    assert underlined == {core: ["We have been swamped meanwhile your parcel ships today"],
                          more: ["We have been swamped"]}


@pytest.mark.parametrize("text,issue", [
    ("clause_words: [but]\n", "spans.yaml:1:1: 'lead_ins' must be a list of one or more words or phrases"),
    ("clause_words: [but]\nlead_ins: []\n", "spans.yaml:2:11: 'lead_ins' must be a list of one or more words"),
    ("clause_words: [but, But]\nlead_ins: [tbh]\n", "spans.yaml:1:21: clause_words item 'But': lower-case words"),
    ("clause_words: [but, but]\nlead_ins: [tbh]\n", "spans.yaml:1:21: clause_words item 'but' is listed twice"),
    ("clause_words: [but]\nlead_ins: ['don[’]t']\n", "spans.yaml:2:12: lead_ins item 'don[’]t': lower-case"),
    ("clause_words: [but]\nlead_ins: [tbh]\nleadins: [so]\n", "spans.yaml:3:1: unknown key 'leadins'"),
    ("[but]\n", "spans.yaml:1:1: a spans file is a mapping of clause_words and lead_ins"),
])
def test_a_bad_spans_file_is_refused_with_its_place(text, issue):
    with pytest.raises(PackError) as info:
        parse_spans(text, "spans.yaml")
    assert any(str(i).startswith(issue) for i in info.value.issues), info.value.issues


def test_the_core_folder_loads_with_spans_beside_it_but_not_other_unlisted_files(tmp_path):
    import shutil
    folder = Path(shutil.copytree(SPANS.parent, tmp_path / "core"))
    assert load_pack_folder(folder, "core").rules == builtin_packs()["core"].rules
    (folder / "spans2.yaml").write_text("clause_words: [but]\n", encoding="utf-8")
    with pytest.raises(PackError, match="spans2.yaml:1:1: not listed in pack.yaml's 'files'"):
        load_pack_folder(folder, "core")
