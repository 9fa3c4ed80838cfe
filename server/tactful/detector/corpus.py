"""The labelled corpus (LABELING.md format) as sentences with category labels.

Drafts are split exactly as the engine splits them (authored part only,
Tactful's sentences), so the detector learns on the units it will score. A
sentence is positive for a category when a firm label of that category
overlaps it; a sentence touched only by an optional label of a category is
left out of that category's training (borderline by policy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..engine.authored import authored_blocks
from ..engine.findings import FAULTS
from ..engine.segment import sentences

CATEGORIES = FAULTS

# Whole batches (writers) per split: the calibration writers are never trained on and
# set the thresholds; the validation writers are never trained or tuned on.
CALIBRATION = ("t05", "t10", "t15", "t20", "t25", "t30", "t35", "t40", "t45", "t50", "t55")
VALIDATION_PREFIX = "v"


@dataclass(frozen=True)
class Unit:
    draft: str  # draft id
    text: str  # the sentence
    positive: frozenset  # categories with a firm label on it
    ignore: frozenset  # categories with only an optional label on it


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def label_span(text: str, label: dict) -> tuple[int, int] | None:
    start = -1
    for _ in range(label.get("occurrence", 1)):
        start = text.find(label["quote"], start + 1)
        if start < 0:
            return None
    return start, start + len(label["quote"])


def units(item: dict) -> list[Unit]:
    text = item["text"]
    spans = []
    for lab in item.get("labels", []):
        span = label_span(text, lab)
        if span and lab["category"] in CATEGORIES:
            spans.append((lab["category"], span, bool(lab.get("optional"))))
    out = []
    for sent in sentences(text, authored_blocks(text)):
        firm, optional = set(), set()
        for cat, (a, b), opt in spans:
            if a < sent.end and sent.start < b:
                (optional if opt else firm).add(cat)
        out.append(Unit(item.get("id", ""), sent.text, frozenset(firm), frozenset(optional - firm)))
    return out


def batches(data_dir: str | Path) -> dict[str, list[dict]]:
    """Batch id -> drafts, from data/batches/*.jsonl."""
    return {p.stem: read_jsonl(p) for p in sorted(Path(data_dir, "batches").glob("*.jsonl"))}


def split(data_dir: str | Path) -> dict[str, list[dict]]:
    """{"train", "calibration", "validation"} -> drafts, by batch."""
    out: dict[str, list[dict]] = {"train": [], "calibration": [], "validation": []}
    for batch, items in batches(data_dir).items():
        name = ("validation" if batch.startswith(VALIDATION_PREFIX)
                else "calibration" if batch in CALIBRATION else "train")
        out[name].extend(items)
    return out
