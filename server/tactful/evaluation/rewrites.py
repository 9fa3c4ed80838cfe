"""One-click rewrites, judged: what a reader gets when they apply a finding's first suggestion.

    python -m tactful.evaluation.rewrites results --corpus NAME=PATH ... --out results.jsonl
    python -m tactful.evaluation.rewrites score --corpus NAME=PATH ... --judged data/rewrites.jsonl

`results` applies every finding's first suggestion on its own, through the same
`rewrite` the API's /v1/rewrite uses, and writes one line per result for a
careful writer to judge. `score` recomputes today's results and looks each one
up in the judged set (by draft id and the exact text after the apply): it
prints, per category, the share a support lead would accept, with how many of
today's results the judged set covers. A result that changed since it was
judged is counted as unjudged, never as accepted.

A judged line holds the draft id, the category, rule and source of the
finding, the flagged words, the text after the apply (or, for drafts whose
text may not be copied into the project, its SHA-256 only), and four verdicts:
fluent, fault_gone, meaning_kept and accept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from ..detector.corpus import CATEGORIES, read_jsonl
from ..engine.reviewer import Reviewer
from ..engine.rewrite import rewrite
from ..engine.utf16 import Utf16Index
from ..packs.pack import builtin_packs

QUESTIONS = ("fluent", "fault_gone", "meaning_kept", "accept")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def one_click(reviewer: Reviewer, item: dict) -> list[dict]:
    """Every finding's first suggestion applied on its own to the draft."""
    text = item["text"]
    index = Utf16Index(text)
    out = []
    for f in reviewer.review(text).findings:
        if f.category not in CATEGORIES or not f.suggestions:
            continue
        fid = f"{f.rule}@{index.to_utf16(f.start)}"
        after, applied, _ = rewrite(reviewer, text, {fid: 0})
        if not applied:
            continue
        out.append({"draft": item.get("id", ""), "category": f.category, "rule": f.rule, "source": f.source,
                    "start": f.start, "end": f.end, "flagged": text[f.start:f.end],
                    "suggestion": f.suggestions[0].replacement, "after": after, "after_sha256": digest(after),
                    "debris": debris(text, after, f.start, f.end)})
    return out


# The debris a reader would never leave, as `shared/eval/rewrite_check.py` looks for it (each counts only
# when the rewrite introduced it). The engine runs its own check before offering a suggestion
# (tactful.engine.check); this one measures the result independently, on the whole draft.
_GREETING = re.compile(r"^\s*((?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,\n!]{0,40}[,!]?)",
                       re.IGNORECASE)
_SENT_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)(\S)")
_DEBRIS = {
    "punct-start": lambda t: len(re.findall(r"(?:^|[.!?]\s+|\n)\s*[,.;:!?]", t)),
    "orphan-conj": lambda t: len(re.findall(r"(?:^|[.!?]\s+|\n\s*)(?:and|but|so|because|which|or)\b", t, re.I)),
    "lower-start": lambda t: sum(1 for m in _SENT_START.finditer(t) if m.group(1).islower()),
    "spacing": lambda t: len(re.findall(r"(?<=\S)  +(?=\S)| [,.!?](?=\s|$)", t)),
}


def debris(before: str, after: str, start: int, end: int) -> list[str]:
    """What the one click at before[start:end] left behind: [] for a clean result."""
    found = [name for name, count in _DEBRIS.items() if count(after) > count(before)]
    g = _GREETING.match(before)
    if g and not after.lstrip().startswith(g.group(1).strip()):
        found.append("greeting-lost")
    outside = before[:start] + before[end:]
    if any(after.count(x) < outside.count(x) for x in set(re.findall(r"[A-Za-z]*\d[\w/.:-]*", outside))):
        found.append("facts-lost")
    return found


def load_corpora(specs: list[str]) -> dict[str, list[dict]]:
    out = {}
    for spec in specs:
        name, _, path = spec.partition("=")
        paths = (sorted(Path().glob(path)) if any(ch in path for ch in "*?[")
                 else sorted(Path(path).glob("*.jsonl")) if Path(path).is_dir() else [Path(path)])
        out[name] = [it for p in paths for it in read_jsonl(p)]
    return out


def score(results: list[dict], judged: dict[tuple[str, str], dict]) -> dict:
    """Per category (and "all"): results, the share that pass the debris check, how many were judged, and
    the share judged yes on each question."""
    table: dict[str, dict] = {}
    for c in CATEGORIES + ("all",):
        rows = [r for r in results if c in ("all", r["category"])]
        verdicts = [judged[(r["draft"], r["after_sha256"])] for r in rows if (r["draft"], r["after_sha256"]) in judged]
        table[c] = {"results": len(rows),
                    "clean": sum(not r["debris"] for r in rows) / len(rows) if rows else None,
                    "judged": len(verdicts),
                    **{q: (sum(bool(v[q]) for v in verdicts) / len(verdicts) if verdicts else None) for q in QUESTIONS}}
    return table


def format_table(name: str, table: dict) -> str:
    lines = [f"{name}: one-click rewrites (first suggestion of every finding)",
             f"  {'category':<12}{'results':>8}{'no debris':>10}{'judged':>8}{'fluent':>8}{'fault gone':>11}"
             f"{'meaning':>9}{'accept':>8}"]

    def pct(x):
        return "—" if x is None else format(x, ".0%")

    for c, row in table.items():
        cells = "".join(f"{pct(row[q]):>{w}}" for q, w in zip(QUESTIONS, (8, 11, 9, 8)))
        label = "all" if c == "all" else c
        lines.append(f"  {label:<12}{row['results']:>8}{pct(row['clean']):>10}{row['judged']:>8}{cells}")
    return "\n".join(lines)


def read_judged(path: str | Path) -> dict[tuple[str, str], dict]:
    return {(j["draft"], j["after_sha256"]): j for j in read_jsonl(path)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("results", "score"))
    ap.add_argument("--corpus", action="append", default=[], metavar="NAME=PATH",
                    help="a labelled corpus: a .jsonl file, a folder of them, or a glob")
    ap.add_argument("--out", help="results: where to write them (default: standard output)")
    ap.add_argument("--judged", default="data/rewrites.jsonl", help="score: the judged set")
    args = ap.parse_args(argv)
    reviewer = Reviewer(builtin_packs()["core"])
    corpora = load_corpora(args.corpus)
    if args.command == "results":
        sink = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
        for name, items in corpora.items():
            for item in items:
                for r in one_click(reviewer, item):
                    sink.write(json.dumps({"corpus": name, **r}, ensure_ascii=False) + "\n")
        if args.out:
            sink.close()
        return 0
    judged = read_judged(args.judged)
    for name, items in corpora.items():
        results = [r for item in items for r in one_click(reviewer, item)]
        print(format_table(name, score(results, judged)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
