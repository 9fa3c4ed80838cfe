"""`make eval`: rules alone and rules plus the detector, side by side, on drafts nothing was tuned on.

    python -m tactful.detector.evaluate --corpus NAME=PATH ... [--external PATH] [--read 30] [--show]

Matching follows shared/eval/score.py: a finding matches a label of its
category when their spans overlap; a finding on an optional label only is
neither rewarded nor punished; a clean draft (no firm label) with any finding
is alarmed. Drafts are reviewed as the server reviews them, with the
analyzers (a curt sentence is a defensive finding where the detector agrees;
no LanguageTool). In-process, so the table comes in seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from ..analyzers import Analyzers
from ..engine.reviewer import Reviewer
from ..packs.pack import builtin_packs
from .corpus import CATEGORIES, label_span, read_jsonl

_ANALYZERS = Analyzers()  # as the server reviews (its tone findings count), without LanguageTool


def score(reviewer: Reviewer, items: list[dict], model: bool, show=None) -> dict:
    tp, fp, fn = ({c: 0 for c in CATEGORIES} for _ in range(3))
    clean = alarmed = 0
    for item in items:
        text = item["text"]
        found = [f for f in reviewer.review(text, model=model, analyzers=_ANALYZERS).findings
                 if f.category in CATEGORIES]
        labels = [(lab["category"], label_span(text, lab), bool(lab.get("optional")), lab["quote"])
                  for lab in item.get("labels", [])]
        is_clean = all(opt for _, _, opt, _ in labels)
        clean += is_clean
        matched, alarm = set(), False
        for f in found:
            hit = [i for i, (c, s, _, _) in enumerate(labels) if c == f.category and s and f.start < s[1] and s[0] < f.end]
            if hit and all(labels[i][2] for i in hit):
                continue
            alarm = True
            if hit:
                tp[f.category] += 0 if matched.issuperset(hit) else 1
                matched.update(hit)
            else:
                fp[f.category] += 1
                if show:
                    show(f"FALSE ALARM {item.get('id')} {f.category} ({f.source}): {text[f.start:f.end]!r}")
        alarmed += is_clean and alarm
        for i, (c, _, opt, quote) in enumerate(labels):
            if i not in matched and not opt:
                fn[c] += 1
                if show:
                    show(f"MISSED {item.get('id')} {c}: {quote!r}")
    return {"tp": tp, "fp": fp, "fn": fn, "clean": clean, "alarmed": alarmed, "drafts": len(items)}


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def figures(s: dict) -> dict:
    out = {}
    for c in CATEGORIES + ("all",):
        t = sum(s["tp"].values()) if c == "all" else s["tp"][c]
        p_ = sum(s["fp"].values()) if c == "all" else s["fp"][c]
        n = sum(s["fn"].values()) if c == "all" else s["fn"][c]
        p, r = _ratio(t, t + p_), _ratio(t, t + n)
        out[c] = {"labels": t + n, "precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r)}
    out["clean_alarmed"] = _ratio(s["alarmed"], s["clean"])
    return out


def table(name: str, rules: dict, both: dict) -> str:
    lines = [f"{name}: {rules['drafts']} drafts, {rules['clean']} clean",
             f"  {'category':<12}{'labels':>7}   {'rules alone':^17}   {'rules + model':^17}",
             f"  {'':<12}{'':>7}   {'P':>5}{'R':>6}{'F1':>6}   {'P':>5}{'R':>6}{'F1':>6}"]
    a, b = figures(rules), figures(both)
    for c in CATEGORIES + ("all",):
        label = "all (micro)" if c == "all" else c
        lines.append(f"  {label:<12}{a[c]['labels']:>7}   {a[c]['precision']:>5.2f}{a[c]['recall']:>6.2f}{a[c]['f1']:>6.2f}"
                     f"   {b[c]['precision']:>5.2f}{b[c]['recall']:>6.2f}{b[c]['f1']:>6.2f}")
    lines.append(f"  {'clean drafts alarmed':<19}   {rules['alarmed']:>3}/{rules['clean']:<3} ({a['clean_alarmed']:.0%})"
                 f"        {both['alarmed']:>3}/{both['clean']:<3} ({b['clean_alarmed']:.0%})")
    return "\n".join(lines)


def external(reviewer: Reviewer, path: str, read: int, seed: int = 7) -> str:
    items = read_jsonl(path)
    flagged = {True: [], False: []}
    for item in items:
        for model in (False, True):
            found = [f for f in reviewer.review(item["text"], model=model, analyzers=_ANALYZERS).findings
                     if f.category in CATEGORIES]
            if found:
                flagged[model].append((item, found))
    lines = [f"external replies: {len(items)}",
             f"  with a finding, rules alone:   {len(flagged[False]):>4} ({_ratio(len(flagged[False]), len(items)):.1%})",
             f"  with a finding, rules + model: {len(flagged[True]):>4} ({_ratio(len(flagged[True]), len(items)):.1%})"]
    if read:
        sample = random.Random(seed).sample(flagged[True], min(read, len(flagged[True])))
        lines.append(f"  {len(sample)} flagged replies to read (seed {seed}); judge each finding a fault or a false alarm:")
        for item, found in sample:
            for f in found:
                lines.append(f"    [{item['id'][-8:]}] {f.category:<11} {f.source:<5} {item['text'][f.start:f.end]!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], metavar="NAME=PATH",
                    help="a labelled corpus: a .jsonl file, a folder of them, or a glob")
    ap.add_argument("--external", help="unlabelled real replies (jsonl with 'text')")
    ap.add_argument("--read", type=int, default=30, help="how many flagged external replies to print for reading")
    ap.add_argument("--show", action="store_true", help="print every miss and false alarm (rules + model)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args(argv)
    reviewer = Reviewer(builtin_packs()["core"])
    report = {}
    for spec in args.corpus:
        name, _, path = spec.partition("=")
        paths = (sorted(Path().glob(path)) if "*" in path
                 else sorted(Path(path).glob("*.jsonl")) if Path(path).is_dir() else [Path(path)])
        items = [it for p in paths for it in read_jsonl(p)]
        rules = score(reviewer, items, model=False)
        both = score(reviewer, items, model=True, show=print if args.show else None)
        report[name] = {"rules": figures(rules), "rules+model": figures(both)}
        print(table(name, rules, both))
        print()
    if args.external:
        print(external(reviewer, args.external, args.read))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
