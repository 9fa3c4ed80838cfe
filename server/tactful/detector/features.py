"""Sentence features: hashed word 1-3-grams and character 3-5-grams, with a few signal pseudo-words,
and the same n-grams of the neighbouring sentences in namespaces of their own.

Deterministic across processes and platforms: words hash by CRC-32 of their
UTF-8 bytes (never Python's salted `hash`), n-grams of words and of characters
by a polynomial hash over those (numpy, a few microseconds a sentence), and
every hash is mixed into `DIM` buckets the same way. So the weights trained by
`make train` mean the same thing at run time. Numbers, amounts and ids are
folded to one shape (digits become 0), so "order 48213" and "order 90017"
share their features.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from ..engine.signals import ETA_FAST as ETA  # the engine's time expressions, on a linear-time engine

BITS = 18
DIM = 1 << BITS  # hashed feature space
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,:]\d+)*")
_DIGITS = re.compile(r"\d")
_P = np.uint64(1_000_003)  # polynomial base for n-grams
_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top BITS bits of h * _MIX pick the bucket
_SALT = {n: np.uint64(s) for n, s in (("w1", 11), ("w2", 13), ("w3", 17), (3, 19), (4, 23), (5, 29))}
WORD_SIZES = (1, 2, 3)
CHAR_SIZES = (3, 4, 5)


_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize(sentence: str) -> str:
    """Lower case, curly quotes straightened, digits folded to 0, lone surrogates (which no encoder takes)
    replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", _DIGITS.sub("0", sentence.lower().replace("’", "'").replace("‘", "'")))


def words(norm: str) -> list[str]:
    return _WORD.findall(norm)


def tokens(norm: str, eta: bool | None = None) -> list[str]:
    """The words, then a pseudo-word for each signal the words alone lose: a question mark, an exclamation
    mark, a time expression ("by Friday", "at 2 pm": a cause given with a new time is a fact, not an excuse).
    `eta` passes in whether the sentence holds a time expression, when the caller already knows."""
    out = words(norm)
    if "?" in norm:
        out.append("zzq")
    if "!" in norm:
        out.append("zzexcl")
    if eta is None:
        eta = ("0" in norm or any(t.partition("'")[0] in _ETA_WORDS for t in out)) and bool(ETA.search(norm))
    if eta:
        out.append("zzeta")
    return out


# Every time expression ETA matches holds a digit (folded to 0) or one of these words; most sentences hold
# neither and skip the pattern.
_ETA_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun today tonight "
    "tomorrow morning afternoon evening week weeks month day days hour hours minute minutes noon midday eod eow cob "
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec".split())


def grams(sentence: str) -> list[str]:
    """Every n-gram feature of a sentence, as strings: what `indexes` hashes (for inspection and tests)."""
    toks = tokens(normalize(sentence))
    out = [f"w {t}" for t in toks]
    out += [f"b {a} {b}" for a, b in zip(toks, toks[1:])]
    out += [f"t {a} {b} {c}" for a, b, c in zip(toks, toks[1:], toks[2:])]
    squeezed = " " + " ".join(toks) + " "
    for n in CHAR_SIZES:
        out += [squeezed[i:i + n] for i in range(len(squeezed) - n + 1)]
    return out


MAX_CHARS = 4096  # a longer sentence is scored on its first MAX_CHARS characters
_INV = pow(int(_P), -1, 1 << 64)  # _P is odd, so it has an inverse modulo 2^64


def _powers(base: int, count: int = MAX_CHARS + 1) -> np.ndarray:
    """base ** i modulo 2^64, for i = 0 .. count - 1."""
    steps = np.full(count, base, dtype=np.uint64)
    steps[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(steps, dtype=np.uint64)


_POW, _INV_POW = _powers(int(_P)), _powers(_INV)


def _ngrams(values: np.ndarray, sizes) -> list[np.ndarray]:
    """Hash of every run of n consecutive values, for each n in `sizes` (wrapping uint64 arithmetic).

    One prefix sum G[k] = sum(values[j] * P^j, j < k) gives every run at once:
    (G[i+n] - G[i]) * P^-i is the run's hash whatever its position.
    """
    m = len(values)
    pw, inv = (_POW, _INV_POW) if m <= MAX_CHARS else (_powers(int(_P), m + 1), _powers(_INV, m + 1))
    prefix = np.zeros(m + 1, dtype=np.uint64)
    np.cumsum(values * pw[:m], out=prefix[1:])
    return [(prefix[n:] - prefix[:m - n + 1]) * inv[:m - n + 1] if m >= n else np.empty(0, np.uint64)
            for n in sizes]


def indexes(sentence: str) -> np.ndarray:
    """The bucket of every n-gram of the sentence (int64), repeats kept: a feature's value is its count."""
    return batch_indexes([sentence])[0]


def batch_indexes(sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(bucket, sentence number) of every n-gram of every sentence, for a whole draft at once.

    Hashed over all sentences joined, keeping only the n-grams that do not cross
    from one sentence into the next: a draft costs a few dozen numpy calls, not a
    few dozen per sentence.
    """
    norms = [normalize(s) for s in sentences]
    toks = [tokens(n, eta)[:MAX_CHARS // 2] for n, eta in zip(norms, _time_expressions(norms))]
    texts = [(" " + " ".join(t) + " ").encode("utf-8")[:MAX_CHARS] if t else b"" for t in toks]
    buckets, owners = [], []
    with np.errstate(over="ignore"):
        for values, lengths, sizes, salts in (
                (np.array([zlib.crc32(w.encode("utf-8")) for t in toks for w in t], dtype=np.uint64),
                 np.array([len(t) for t in toks]), WORD_SIZES, tuple(f"w{n}" for n in WORD_SIZES)),
                (np.frombuffer(b"".join(texts), dtype=np.uint8).astype(np.uint64),
                 np.array([len(t) for t in texts]), CHAR_SIZES, CHAR_SIZES)):
            owner = np.repeat(np.arange(len(sentences)), lengths)
            end = np.cumsum(lengths)[owner]
            for n, h, salt in zip(sizes, _ngrams(values, sizes), salts):
                keep = np.arange(len(h)) + n <= end[:len(h)]
                buckets.append(h[keep] + _SALT[salt])
                owners.append(owner[:len(h)][keep])
        mixed = (np.concatenate(buckets) * _MIX) >> np.uint64(64 - BITS) if buckets else np.empty(0, np.uint64)
    return mixed.astype(np.int64), np.concatenate(owners) if owners else np.empty(0, np.int64)


# Context: the n-grams of the previous and of the next sentence of the same draft, each in a namespace of its
# own (a bucket re-mixed with a salt), weighted CONTEXT against the sentence's own n-grams. A sentence's faults
# cluster with its neighbours' wording (a cause spread over two lines, a stock close after a stock apology).
CONTEXT = 0.3
_CONTEXT_SALT = (np.uint64(0x5BD1E995), np.uint64(0x27D4EB2F))  # 0: seen as the previous sentence, 1: as the next


def context_buckets(buckets: np.ndarray, side: int) -> np.ndarray:
    """The buckets of a sentence's n-grams as features of its neighbour: side 0 when it is that neighbour's
    previous sentence, side 1 when it is its next sentence."""
    with np.errstate(over="ignore"):
        mixed = ((buckets.astype(np.uint64) + _CONTEXT_SALT[side]) * _MIX) >> np.uint64(64 - BITS)
    return mixed.astype(np.int64)


def _time_expressions(norms: list[str]) -> list[bool]:
    """Whether each sentence holds a time expression: one pass of ETA over the sentences joined by line breaks."""
    starts = np.cumsum([0] + [len(n) + 1 for n in norms[:-1]]) if norms else []
    found = [False] * len(norms)
    for m in ETA.finditer("\n".join(norms)):
        found[int(np.searchsorted(starts, m.start(), side="right")) - 1] = True
    return found
