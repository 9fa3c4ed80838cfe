"""What the analyzers add to a review, in process, on one core. Prints numbers; asserts nothing.

    .venv/bin/python bench/analyzers_bench.py

- the engine's review of a 1,500-character draft alone (core pack), then with the
  analyzers (clarity and tone findings, grammar off, the summary): median and p99;
- "cold" empties every cache first (the engine's sentence cache, Punkt spans, the
  analyzers' per-sentence caches and textstat's own): a draft never seen before;
- "warm" re-reviews the same draft, as the extension does while the agent pauses;
- the analyzers alone, cold, on 5,000 different drafts (one per review).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_bench import draft, p99  # noqa: E402

from tactful.engine.segment import _line_spans  # noqa: E402

from tactful.analyzers import Analyzers, readability, tone  # noqa: E402
from tactful.engine.reviewer import Reviewer  # noqa: E402
from tactful.packs.pack import builtin_packs  # noqa: E402


def _caches() -> list:
    """Every cache keyed by text on the analyzers' path: ours, per sentence, and textstat's own.

    textstat's caches of resources (``backend.utils``: the Pyphen object, language settings) stay:
    a running server has them from its first review.
    """
    import textstat.backend as backend
    found = {id(f): f for f in (readability.stats, tone.compound)}
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if name.startswith(backend.__name__) and not name.startswith(backend.__name__ + ".utils"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "").startswith(
                        backend.__name__):
                    found[id(value)] = value
    return list(found.values())


CACHES: list = []


def clear_analyzers() -> None:
    for cache in CACHES:
        cache.cache_clear()


def analyze(analyzers: Analyzers, review) -> dict:
    sents = list(review.sentences)
    found = analyzers.findings(review.text, sents)
    extra, status = analyzers.grammar(review.text, list(review.blocks), found + list(review.findings))
    return analyzers.summary(review.text, sents, list(review.findings) + found + extra, status)


class Times(list):
    """Wall-clock milliseconds per run, with the CPU milliseconds of this thread beside them."""

    cpu: list[float]


def timed(fn, runs: int, setup=None) -> Times:
    """Time `fn`; `setup` (cache clearing) runs before each call, off the clock.

    CPU time (``time.thread_time``) is printed too: on a shared machine the wall clock
    also counts the time other processes hold the core.
    """
    out, cpu = Times(), []
    for _ in range(runs):
        if setup:
            setup()
        c0, t0 = time.thread_time(), time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    out.cpu = cpu
    return out


def line(name: str, t: Times) -> str:
    return (f"  {name:<44} median {statistics.median(t):7.3f} ms   p99 {p99(t):7.3f} ms   "
            f"CPU median {statistics.median(t.cpu):7.3f} ms   ({len(t)} runs)")


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    reviewer = Reviewer(builtin_packs()["core"])
    analyzers = Analyzers()
    t0 = time.perf_counter()
    analyzers.warm()
    CACHES.extend(_caches())
    warm_ms = (time.perf_counter() - t0) * 1000
    text = draft(1500)

    def clear_all():
        clear_analyzers()
        reviewer._cache.clear()
        _line_spans.cache_clear()

    for _ in range(30):
        clear_all()
        analyze(analyzers, reviewer.review(text))

    review = reviewer.review(text)

    print(f"Analyzers benchmark (python {sys.version.split()[0]}, one core, {len(text)}-char draft, "
          f"no LanguageTool); one-time load {warm_ms:.0f} ms")
    runs = 1000
    alone = timed(lambda: reviewer.review(text), runs, clear_all)
    both = timed(lambda: analyze(analyzers, reviewer.review(text)), runs, clear_all)
    added = timed(lambda: analyze(analyzers, review), runs, clear_analyzers)
    print(line("cold: review alone", alone))
    print(line("cold: review + analyzers", both))
    print(line("cold: the analyzers' own time", added))
    alone_w = timed(lambda: reviewer.review(text), runs)
    both_w = timed(lambda: analyze(analyzers, reviewer.review(text)), runs)
    added_w = timed(lambda: analyze(analyzers, review), runs)
    print(line("warm: review alone", alone_w))
    print(line("warm: review + analyzers", both_w))
    print(line("warm: the analyzers' own time", added_w))

    reviews = [reviewer.review(draft(1500, seed=s)) for s in range(2, 5002)]
    it = iter(reviews)
    only = timed(lambda: analyze(analyzers, next(it)), len(reviews))
    print(line("analyzers' own time, 5,000 different drafts", only))
    print("  (cold: every cache emptied first, including textstat's; warm: the same draft again;"
          " different drafts: new sentences, caches as a running server has them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
