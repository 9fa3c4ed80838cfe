"""The result type, from engine to wire.

A `Finding` is a small frozen record. Internally it carries code-point
indexes (`start`, `end`) into the draft; on the wire (`to_dict`) it carries
`offset` and `length` in UTF-16 code units, as the review contract requires.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .utf16 import Utf16Index

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
CATEGORIES = ("excuse", "overshare", "scripted", "overpromise", "defensive",
              "clarity", "tone", "grammar", "spelling")
FAULTS = CATEGORIES[:5]  # the five faults Tactful exists for: the rule pack's and the detector's categories


@dataclass(frozen=True, slots=True)
class Suggestion:
    replacement: str
    label: str

    def to_dict(self) -> dict:
        return {"replacement": self.replacement, "label": self.label}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    start: int  # code-point index into the draft
    end: int
    message: str
    rationale: str = ""
    suggestions: tuple[Suggestion, ...] = field(default=())
    source: str = "rule"  # "rule" (a pack rule or an analyzer) or "model" (the learned detector)
    confidence: float = 1.0  # the detector's probability; 1.0 for a rule

    def to_dict(self, index: Utf16Index) -> dict:
        offset = index.to_utf16(self.start)
        length = index.to_utf16(self.end) - offset
        return {
            "id": f"{self.rule}@{offset}",
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "offset": offset,
            "length": length,
            "message": self.message,
            "rationale": self.rationale,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "source": self.source,
            "confidence": self.confidence,
        }


def _rank(f: Finding) -> tuple:
    return (-SEVERITY_RANK[f.severity], -(f.end - f.start), f.start, f.rule)


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """One card per span: keep the most severe (then longest) of overlapping findings.

    The kept spans never overlap, so kept in (start, end) order their ends never
    decrease: only the last kept span starting before a candidate's end can overlap
    it. That makes this O(n log n) for drafts with hundreds of findings.
    """
    keys: list[tuple[int, int]] = []  # (start, end) of the kept findings, sorted
    kept: list[Finding] = []
    for f in sorted(findings, key=_rank):
        i = bisect.bisect_left(keys, (f.end, -1))  # kept[:i] start before f ends
        if i and keys[i - 1][1] > f.start and f.end > keys[i - 1][0]:
            continue
        j = bisect.bisect_left(keys, (f.start, f.end))
        keys.insert(j, (f.start, f.end))
        kept.insert(j, f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))
