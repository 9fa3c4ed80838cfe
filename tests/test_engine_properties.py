"""Properties of every review, on arbitrary text: spans stay inside the authored part and
UTF-16 offsets point at the characters the engine meant."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tactful.engine.authored import authored_blocks
from tactful.engine.utf16 import Utf16Index, utf16_len

PHRASES = [
    "we've been swamped this week", "We apologize for any inconvenience.", "I guarantee it",
    "as I already explained", "my manager is on my back", "Have a nice day!", "😀", "👍🏽", "é", "\r\n", "\n",
    "> quoted line we are swamped\n", "\nOn Mon, 3 May 2021, Dana wrote:\n", "\n-- \n", "\nKind regards,\nBob\n",
    "• bullet\n", "“curly” ‘quotes’", "\t", "  ",
]
drafts = st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=40)), max_size=25).map("".join)


@given(drafts)
@example("we've been swamped this week–)we've been swamped this week")  # two edits once reached for the "–)"
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_spans_inside_authored_part_and_offsets_true(reviewer, text):
    review = reviewer.review(text)
    blocks = authored_blocks(text)
    index = Utf16Index(text)
    units = text.encode("utf-16-le", "surrogatepass")
    for f in review.findings:
        assert any(b.start <= f.start and f.end <= b.end for b in blocks), "finding outside the authored part"
        wire = f.to_dict(index)
        assert wire["offset"] == utf16_len(text[:f.start])
        assert wire["length"] == utf16_len(text[f.start:f.end])
        # What a JavaScript client would slice out is what the engine flagged.
        assert units[wire["offset"] * 2:(wire["offset"] + wire["length"]) * 2].decode(
            "utf-16-le", "surrogatepass") == text[f.start:f.end]
    spans = sorted((f.start, f.end) for f in review.findings)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "one span, one card: findings never overlap"


@given(st.text(max_size=60))
def test_utf16_index_round_trip(text):
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index.to_index(index.to_utf16(i)) == i
    assert index.length == utf16_len(text)


@given(drafts)
@settings(max_examples=100, deadline=None)
def test_rewrite_all_twice_changes_nothing(reviewer, text):
    from tactful.engine.rewrite import rewrite
    once, _, _ = rewrite(reviewer, text, None)
    twice, edits, _ = rewrite(reviewer, once, None)
    assert twice == once and edits == []


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12), st.sampled_from(["info", "warning", "error"])),
                  max_size=30)


@given(_spans)
@settings(max_examples=500, deadline=None)
def test_overlap_resolution_keeps_one_card_per_span(spans):
    from tactful.engine.findings import SEVERITY_RANK, Finding, resolve_overlaps

    found = [Finding(f"r{i}", "excuse", sev, a, a + n, "m") for i, (a, n, sev) in enumerate(spans)]
    kept = resolve_overlaps(found)

    def overlap(x, y):
        return not (x.end <= y.start or y.end <= x.start)

    assert all(not overlap(x, y) for i, x in enumerate(kept) for y in kept[i + 1:])
    assert kept == sorted(kept, key=lambda f: (f.start, f.end, f.rule))
    for f in found:
        if f not in kept:  # a dropped finding lost to a kept one at least as severe (then as long)
            assert any(overlap(f, k) and (SEVERITY_RANK[k.severity], k.end - k.start)
                       >= (SEVERITY_RANK[f.severity], f.end - f.start) for k in kept)
