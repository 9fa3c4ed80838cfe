"""No input may stall a worker: every path runs in time linear in the draft.

Each path (review, rewrite, the HTML converter) gets 100,000 characters of a
pathological input: one long token, runs of punctuation the patterns look for,
emoji, nested tags. Its time is compared with the same path on the same size of
ordinary text. The bound is a ratio, not a wall-clock time, so a busy machine
slows both sides alike; it is generous, because a quadratic path at this size
is thousands of times slower, not a few.
"""

from __future__ import annotations

import time

import pytest

from tactful.analyzers import Analyzers
from tactful.engine.htmltext import html_to_text
from tactful.engine.rewrite import rewrite

SIZE = 100_000
RATIO = 50.0  # pathological / ordinary, on the same path and size: a quadratic path is thousands of times slower,
# while a busy machine (or a tag-dense input, several times the work per character) moves a linear one by 10-20x
FLOOR = 0.05  # seconds: below this a ratio is noise

_ORDINARY = ("Hi Sam, thanks for the photos of the cracked panel. The replacement ships on Friday, "
             "and I will call you at 2 pm to book the fitting. Kind regards, Lee. ")

TEXTS = {
    "one token": "a" * SIZE,
    "dots": "." * SIZE,
    "at signs": "@" * SIZE,
    "ampersands": "&" * SIZE,
    "angle brackets": "<" * SIZE,
    "emoji": "\U0001F600" * (SIZE // 2),
    "address-like": "x@" * (SIZE // 2),
    "spaces then words": "word " * 40 + " " * (SIZE - 400) + " word" * 40,
    "dashes": "-" * SIZE,
    "quote marks": ">" * SIZE,
    "semicolons": "; " * (SIZE // 2),
    "entity-like": "&a" * (SIZE // 2),
    "link": "https://" + "a/" * (SIZE // 2),
    "capital dots": "A. " * (SIZE // 3),
    "newlines": "\n" * SIZE,
    "commas and words": "and, " * (SIZE // 5),
}

HTMLS = {
    "unclosed end tags": "<b>" * 15_000 + "x" + "</i>" * 12_000,
    "ampersands": "&" * SIZE,
    "angle brackets": "<" * SIZE,
    "nested divs": "<div>" * (SIZE // 11) + "x" + "</div>" * (SIZE // 11),
    "entities": "&amp;" * (SIZE // 5),
    "comment openers": "<!--" * (SIZE // 4),
    "attributes": "<a " + 'x="1" ' * (SIZE // 7) + ">y</a>",
}


def _seconds(fn) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.fixture(scope="module")
def analyzers():
    a = Analyzers()
    a.warm()
    return a


@pytest.fixture(scope="module")
def ordinary_times(reviewer, analyzers):
    text = (_ORDINARY * (SIZE // len(_ORDINARY) + 1))[:SIZE]
    html = "".join(f"<p>{_ORDINARY}</p>" for _ in range(SIZE // (len(_ORDINARY) + 7)))
    return {
        "review": _seconds(lambda: reviewer.review(text, analyzers=analyzers)),
        "rewrite": _seconds(lambda: rewrite(reviewer, text, None, analyzers)),
        "html": _seconds(lambda: html_to_text(html)),
    }


def _check(path: str, name: str, took: float, ordinary: float) -> None:
    bound = max(RATIO * ordinary, FLOOR)
    assert took <= bound, (f"{path} on {name!r}: {took * 1000:.0f} ms, over {RATIO:.0f}x the "
                           f"{ordinary * 1000:.0f} ms of ordinary text of the same size")


@pytest.mark.parametrize("name", TEXTS)
def test_review_is_linear(name, reviewer, analyzers, ordinary_times):
    text = TEXTS[name]
    _check("review", name, _seconds(lambda: reviewer.review(text, analyzers=analyzers)), ordinary_times["review"])


@pytest.mark.parametrize("name", TEXTS)
def test_rewrite_is_linear(name, reviewer, analyzers, ordinary_times):
    text = TEXTS[name]
    _check("rewrite", name, _seconds(lambda: rewrite(reviewer, text, None, analyzers)), ordinary_times["rewrite"])


@pytest.mark.parametrize("name", HTMLS)
def test_html_is_linear(name, ordinary_times):
    html = HTMLS[name]
    _check("html", name, _seconds(lambda: html_to_text(html)), ordinary_times["html"])
