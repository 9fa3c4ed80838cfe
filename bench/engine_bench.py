"""Engine speed, in process, on one core (`make bench`). Prints numbers; asserts nothing.

- review of a 1,500-character draft: median and p99 (sentence cache cleared before every run);
- a 20,000-character draft: median;
- time against draft length (should grow linearly: look at µs per 1,000 characters);
- time against pack size, up to 5,000 extra phrases (should stay flat: one automaton);
- the sentence cache: a 5,000-character draft re-reviewed after a one-word edit;
- a one-click rewrite of a 1,500-character draft against its review time;
- proselint on the same drafts, as a reference.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from dataclasses import replace

from tactful.engine.check import _debris
from tactful.engine.findings import Suggestion
from tactful.engine.reviewer import Reviewer
from tactful.engine.rewrite import rewrite
from tactful.engine.utf16 import Utf16Index
from tactful.engine.segment import _line_spans, _punkt
from tactful.packs.pack import Rule, builtin_packs, parse_example

PARAGRAPHS = [
    "Thanks for getting back to me so quickly about the order. I checked the warehouse records this morning "
    "and the replacement blender left our Columbus depot yesterday afternoon.",
    "Sorry, we've been swamped this week, which is why the refund took longer than it should have.",
    "The tracking number is 1Z999AA10123456784 and UPS shows delivery on Thursday before noon.",
    "We apologize for any inconvenience this may have caused. Your satisfaction is our top priority.",
    "I can guarantee this will never happen again, and I'll make sure you get a full refund today.",
    "As I already explained in my last email, the warranty does not cover water damage.",
    "If the jams start again, pull the drawer, take a photo of where the sheet stopped and send it to me.",
    "Honestly my manager is on my back about returns right now, so I can't promise anything.",
    "I'll call you on Friday at 2 pm with the new delivery window and the credit note number.",
    "Could you tell me which size you ordered? Then I can check whether the larger one is in stock.",
]


NAMES = "Dana Marcus Aisha Jonas Brenda Omar Mei Lukas Priya Tomás Zoë Ngozi".split()


def draft(chars: int, seed: int = 1) -> str:
    """A draft of about `chars` characters whose sentences differ (so no sentence is reviewed twice)."""
    rng = random.Random(seed)
    parts, n = ["Hi Dana,\n\n"], 10
    while n < chars:
        p = rng.choice(PARAGRAPHS)
        p = f"{rng.choice(NAMES)}, order {rng.randint(10_000, 99_999)}: " + p.replace(
            ". ", f". Ref {rng.randint(100, 999)}, ")
        parts.append(p + ("\n\n" if rng.random() < 0.4 else " "))
        n += len(p) + 1
    return "".join(parts)[:chars]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p99(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=100)[98] if len(xs) >= 100 else max(xs)


def clear(reviewer: Reviewer) -> None:
    """Empty every cache (the detector's too)."""
    reviewer._cache.clear()
    _line_spans.cache_clear()
    _punkt()._decide.cache_clear()
    _debris.cache_clear()
    if reviewer.detector is not None:
        reviewer.detector.clear_cache()


def cold(reviewer: Reviewer, text: str, model: bool = True):
    """A review with every cache emptied first: the cost of a draft never seen before."""
    clear(reviewer)
    return reviewer.review(text, model=model)


def grown_pack(extra: int):
    """core plus one phrase rule holding `extra` synthetic phrases."""
    core = builtin_packs()["core"]
    rng = random.Random(7)
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november".split()
    phrases = tuple(" ".join(rng.choice(words) for _ in range(3)) + f" zz{i}" for i in range(extra))
    rule = Rule(id="bench.synthetic", kind="phrases", category="overshare", severity="info", message="m",
                rationale="r", suggestions=(Suggestion("x", "x"),), flag=(parse_example("[[a]]"),),
                passes=(parse_example("b"),), phrases=phrases, origin="bench")
    return replace(core, rules=core.rules + ((rule,) if extra else ()))


def proselint_runner():
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<bench>", text).lint(DEFAULT)


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    reviewer = Reviewer(builtin_packs()["core"])
    lint = proselint_runner()
    d1500, d20k = draft(1500), draft(20_000)
    for _ in range(20):
        cold(reviewer, d1500)

    print(f"Tactful engine benchmark (python {sys.version.split()[0]}, one core, every cache cleared per run)")
    for label, model in (("rules alone", False), ("rules + model", True)):
        t = timed(lambda: cold(reviewer, d1500, model), 1000)
        t20 = timed(lambda: cold(reviewer, d20k, model), 60)
        print(f"  {label}:")
        print(f"    1,500-char draft:  median {statistics.median(t):.3f} ms   p99 {p99(t):.3f} ms   ({len(t)} runs)")
        print(f"    20,000-char draft: median {statistics.median(t20):.3f} ms   p99 {p99(t20):.3f} ms   ({len(t20)} runs)")
    if lint:
        lint(d1500)
        pt = timed(lambda: lint(d1500), 30)
        pt20 = timed(lambda: lint(d20k), 5)
        print(f"  proselint (reference), same drafts: 1,500 chars median {statistics.median(pt):.1f} ms; "
              f"20,000 chars median {statistics.median(pt20):.1f} ms")

    print("\nOne-click rewrite (/v1/rewrite for one finding: a review, then the edit chosen, tidied and applied):")
    index = Utf16Index(d1500)
    first = next(f for f in cold(reviewer, d1500).findings if f.suggestions)
    wanted = {f"{first.rule}@{index.to_utf16(first.start)}": 0}
    rt = timed(lambda: (clear(reviewer), rewrite(reviewer, d1500, wanted)), 500)
    review = timed(lambda: cold(reviewer, d1500), 500)
    r, v = statistics.median(rt), statistics.median(review)
    print(f"  1,500-char draft: rewrite median {r:.3f} ms, review median {v:.3f} ms: {r / v:.2f}x the review time")

    print("\nTime against draft length (linear growth keeps µs per 1,000 characters flat):")
    print(f"  {'chars':>7} {'median ms':>10} {'µs/1k chars':>12}")
    for n in (1_500, 3_000, 6_000, 12_000, 24_000, 48_000):
        text = draft(n, seed=n)
        tt = timed(lambda: cold(reviewer, text), max(10, 600_000 // n))
        m = statistics.median(tt)
        print(f"  {n:>7,} {m:>10.3f} {m * 1000 / (n / 1000):>12.1f}")

    print("\nTime against pack size (one automaton: flat as phrases are added):")
    print(f"  {'extra phrases':>13} {'trie entries':>12} {'median ms':>10}")
    for extra in (0, 500, 1_000, 2_500, 5_000):
        r = Reviewer(grown_pack(extra))
        size = sum(getattr(m, "automaton", None).size for m in r.matchers if hasattr(m, "automaton"))
        tt = timed(lambda: cold(r, d1500), 300)
        print(f"  {extra:>13,} {size:>12,} {statistics.median(tt):>10.3f}")

    print("\nSentence cache: 5,000-char draft, first review vs. re-review after a one-word edit:")
    base = draft(5_000, seed=5)
    firsts, agains = [], []
    for i in range(50):
        firsts.extend(timed(lambda: cold(reviewer, base), 1))
        edited = base.replace("morning", f"morning{i}", 1)
        agains.extend(timed(lambda: reviewer.review(edited), 1))
    f, a = statistics.median(firsts), statistics.median(agains)
    print(f"  first review median {f:.3f} ms; after one-word edit median {a:.3f} ms; {f / a:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
