"""Sentence features: hashed word 1-3-grams and character 3-5-grams.

Deterministic across processes and platforms: indexes come from CRC-32 of the
n-gram's UTF-8 bytes (never Python's salted `hash`), so the weights trained by
`make train` mean the same thing at run time. Numbers, amounts and ids are
folded into one shape token each, so "order 48213" and "order 90017" share
their features.
"""

from __future__ import annotations

import re
import zlib

DIM = 1 << 18  # hashed feature space
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,:]\d+)*")
_DIGITS = re.compile(r"\d")


def normalize(sentence: str) -> str:
    """Lower case, curly quotes straightened, digits folded to 0."""
    return _DIGITS.sub("0", sentence.lower().replace("’", "'").replace("‘", "'"))


def words(norm: str) -> list[str]:
    return _WORD.findall(norm)


def grams(sentence: str) -> list[str]:
    """Every n-gram feature of a sentence, as strings (for inspection and tests)."""
    norm = normalize(sentence)
    toks = words(norm)
    out = [f"w {t}" for t in toks]
    out += [f"b {a} {b}" for a, b in zip(toks, toks[1:])]
    out += [f"t {a} {b} {c}" for a, b, c in zip(toks, toks[1:], toks[2:])]
    squeezed = " " + " ".join(toks) + " "
    for n in (3, 4, 5):
        out += [squeezed[i:i + n] for i in range(len(squeezed) - n + 1)]
    return out


def indexes(sentence: str) -> list[int]:
    """Sorted distinct hashed indexes of the sentence's n-grams."""
    crc = zlib.crc32
    return sorted({crc(g.encode("utf-8")) % DIM for g in grams(sentence)})
