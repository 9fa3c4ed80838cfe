"""Apply the suggestions of chosen findings to a draft.

Edits replace exactly their spans and nothing else. When two chosen edits
overlap, the one that starts first wins (then the longer, then the rule id),
so the outcome never depends on the order of the request. With ``"all"`` the
draft is reviewed again after each round and rewritten until no finding with
a suggestion is left (at most a few rounds), so applying "all" to the result
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .edits import tidy_deletion
from .findings import Finding
from .reviewer import Reviewer
from .utf16 import Utf16Index

MAX_ROUNDS = 4


@dataclass(frozen=True)
class Edit:
    finding: Finding
    replacement: str
    start: int  # what is replaced: the finding's span, or a little more for a tidy deletion
    end: int

    def to_dict(self, index: Utf16Index) -> dict:
        fid = f"{self.finding.rule}@{index.to_utf16(self.finding.start)}"
        offset = index.to_utf16(self.start)
        return {"id": fid, "rule": self.finding.rule, "offset": offset,
                "length": index.to_utf16(self.end) - offset, "replacement": self.replacement}


def choose(findings, wanted: dict[str, int] | None, index: Utf16Index) -> list[Edit]:
    """The edits for `wanted` ({finding id: suggestion number}) or for all findings (None), non-overlapping."""
    edits = []
    for f in findings:
        fid = f"{f.rule}@{index.to_utf16(f.start)}"
        if not f.suggestions or (wanted is not None and fid not in wanted):
            continue
        n = 0 if wanted is None else wanted[fid]
        if n < len(f.suggestions):
            edits.append(Edit(f, f.suggestions[n].replacement, f.start, f.end))
    kept: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.finding.start, -(e.finding.end - e.finding.start), e.finding.rule)):
        if all(e.finding.start >= k.finding.end or e.finding.end <= k.finding.start for k in kept):
            kept.append(e)
    return kept


def tidy(text: str, edits: list[Edit]) -> list[Edit]:
    """Deletions widened to leave clean sentences, where that touches no other edit."""
    out = []
    for i, e in enumerate(edits):
        if e.replacement == "":
            start, end, rep = tidy_deletion(text, e.start, e.end)
            others = edits[:i] + edits[i + 1:]
            if all(end <= o.start or o.end <= start for o in others):
                e = Edit(e.finding, rep, start, end)
        out.append(e)
    return out


def apply(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def rewrite(reviewer: Reviewer, text: str, wanted: dict[str, int] | None, analyzers=None, **options):
    """Returns (new text, edits applied, final Review).

    Chosen ids may name any finding of a review made with the same `analyzers`
    (clarity, tone, grammar); "all" applies the pack's rules only, whose
    suggestions are written to stand in for the span they replace.

    Each edit's offset counts in the text of its round: round 1 edits point into
    the original text; later rounds (only with "all") into the previous round's result.
    """
    review = reviewer.review(text, analyzers=analyzers if wanted is not None else None, **options)
    index = Utf16Index(text)
    edits = tidy(text, choose(review.findings, wanted, index))
    applied = [{**e.to_dict(index), "round": 1} for e in edits]
    current = apply(text, edits)
    review = reviewer.review(current, **options)
    rounds = 1
    while wanted is None and rounds < MAX_ROUNDS:
        round_index = Utf16Index(current)
        more = tidy(current, choose(review.findings, None, round_index))
        if not more:
            break
        rounds += 1
        applied.extend({**e.to_dict(round_index), "round": rounds} for e in more)
        current = apply(current, more)
        review = reviewer.review(current, **options)
    if analyzers is not None:
        review = reviewer.review(current, analyzers=analyzers, **options)
    return current, applied, review
