"""Score sentences with the shipped weights and turn confident scores into findings.

The model is one logistic regression per category over `features.indexes` of
the sentence and, in namespaces of their own, of its previous and next sentence,
stored as `weights.npz` (a float16 matrix, DIM x 5, and the biases) beside
`model.json` (thresholds chosen on the calibration writers, and the figures
of the model card). Inference is a sum of a few hundred weight rows: numpy
only, no network, no training library.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..engine import edits
from ..engine.findings import FAULTS, Finding, Suggestion
from . import features

CATEGORIES = FAULTS  # the order of the weight columns
MIN_WORDS = 3  # a greeting or a two-word line carries none of the five faults on its own

MESSAGES = {
    "excuse": "This explains the delay with internal circumstances; the customer needs what you will do, and when.",
    "overshare": "This tells the customer internal or personal matters; it makes them doubt the service.",
    "scripted": "This reads like a stock phrase; say something specific to this customer, or leave it out.",
    "overpromise": "This promises something you may not be able to guarantee; promise what you control, and when.",
    "defensive": "This argues with or blames the customer; state the fact neutrally and give the next step.",
}
RATIONALE = ("Found by Tactful's learned detector, trained on thousands of labelled replies; "
             "no rule in the pack matched this wording.")
SUGGESTIONS = {
    "excuse": (Suggestion("I'll update you by [day and time].", "Give a time instead"),),
    "overshare": (Suggestion("", "Remove it"),),
    "scripted": (Suggestion("", "Remove it"),),
    "overpromise": (Suggestion("I'll [what you control] and update you by [day and time].",
                               "Promise what you control"),),
    "defensive": (Suggestion("", "Remove it"), Suggestion("Here's what I can do: [next step].", "State the next step")),
}


@dataclass(frozen=True)
class Settings:
    """Per-category switches and thresholds (a team pack may change both)."""

    enabled: dict[str, bool]
    thresholds: dict[str, float]

    def merged(self, overrides: dict | None) -> "Settings":
        if not overrides:
            return self
        enabled, thresholds = dict(self.enabled), dict(self.thresholds)
        for cat, o in overrides.items():
            if "enabled" in o:
                enabled[cat] = bool(o["enabled"])
            if "threshold" in o:
                thresholds[cat] = float(o["threshold"])
        return Settings(enabled, thresholds)


def second_stage_features(z: np.ndarray, words: list[int]) -> np.ndarray:
    """The second stage's inputs for each sentence of one draft, from the first-stage logits `z` (sentences x 5,
    each sentence scored with its neighbours) and each sentence's number of words: its own logits, the previous
    and the next sentence's probabilities (0 where there is none), the highest probability among the other
    sentences of the draft (0 in a one-sentence draft), and its place: first, last, only, relative position, log
    of its words plus one. The others count as probabilities, so a neighbour far below any threshold weighs no
    more than one a little below it. Shared by `make train` and the detector, so both read the same columns."""
    n, k = z.shape
    F = np.zeros((n, 4 * k + 5))
    own = np.clip(z, -20.0, 20.0, out=F[:, :k])
    p = 0.5 * (1.0 + np.tanh(own / 2))
    F[1:, k:2 * k] = p[:-1]
    F[:-1, 2 * k:3 * k] = p[1:]
    if n > 1:  # the highest of the others: the draft's highest, or for the sentence holding it the second highest
        cols = np.arange(k)
        top = p.argmax(axis=0)
        F[:, 3 * k:4 * k] = p[top, cols]
        q = p.copy()
        q[top, cols] = -1.0
        F[top, 3 * k + cols] = q.max(axis=0)
    if n:
        F[0, 4 * k] = F[-1, 4 * k + 1] = 1.0
        F[:, 4 * k + 2] = n == 1
        F[:, 4 * k + 3] = np.arange(n) / max(n - 1, 1)
        F[:, 4 * k + 4] = np.log1p(np.asarray(words, dtype=np.float64))
    return F


class ScaleMap:
    """Second-stage logits (sentences x 5) mapped, per category, onto the first stage's logit scale by the
    monotone piecewise-linear map `make train` stores (`train.scale_map`); beyond its ends, its end values. All
    five maps are one `np.interp` over knots laid end to end."""

    def __init__(self, scale) -> None:
        xs = [np.asarray(m[0], dtype=np.float64) for m in scale]
        self.lo, self.hi = np.array([x[0] for x in xs]), np.array([x[-1] for x in xs])
        self.offset = np.arange(len(xs)) * (float((self.hi - self.lo).max()) + 1.0) - self.lo
        self.x = np.concatenate([x + o for x, o in zip(xs, self.offset)])
        self.y = np.concatenate([np.asarray(m[1], dtype=np.float64) for m in scale])

    def __call__(self, z2: np.ndarray) -> np.ndarray:
        return np.interp(np.clip(z2, self.lo, self.hi) + self.offset, self.x, self.y)


class Detector:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, meta: dict, cache_size: int = 8192) -> None:
        self.weights = weights.astype(np.float32)
        # Per bucket, its weights side by side with those of the buckets it maps to as a neighbour's previous
        # and next sentence (`features.context_buckets`): one row lookup per n-gram instead of three.
        buckets = np.arange(len(self.weights), dtype=np.int64)
        self._stacked = np.ascontiguousarray(np.concatenate(
            [self.weights, self.weights[features.context_buckets(buckets, 0)],
             self.weights[features.context_buckets(buckets, 1)]], axis=1))
        self.bias = bias.astype(np.float32)
        self.meta = meta
        self.settings = Settings({c: True for c in CATEGORIES},
                                 {c: float(meta["thresholds"][c]) for c in CATEGORIES})
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        second = meta.get("second_stage")
        self.second_stage = None if second is None else (
            np.asarray(second["weights"], dtype=np.float64), np.asarray(second["bias"], dtype=np.float64))
        self._scale = None if second is None else ScaleMap([(m["x"], m["y"]) for m in second["scale"]])

    def clear_cache(self) -> None:
        self._cache.clear()

    def probabilities(self, sentence: str) -> tuple[float, ...]:
        """The probability of each category (CATEGORIES order) for one sentence on its own (no neighbours)."""
        return self.batch([sentence])[0]

    def batch(self, sentences: list[str]) -> list[tuple[float, ...]]:
        """Probabilities for many sentences in one pass, each on its own (no neighbours)."""
        k = len(CATEGORIES)
        rows = self._rows(sentences)
        part = np.stack([rows[s] for s in sentences]) if sentences else np.zeros((0, 3 * k), np.float32)
        empty = np.isnan(part[:, 0])
        part = np.nan_to_num(part)
        z = part[:, :k] + self.bias
        probs = np.where(empty[:, None], 0.0, 0.5 * (1.0 + np.tanh(z / 2)))  # the logistic, overflow-free
        return [tuple(p) for p in probs.tolist()]

    def _rows(self, sentences: list[str]) -> dict[str, np.ndarray]:
        """Per sentence, the scores of its own n-grams and of its n-grams as the previous and as the next sentence
        of a neighbour (which `in_context` adds up); cached by sentence text, since re-reviews repeat most. The
        rows are returned, not read back from the cache, which may have let some go by then."""
        rows = {}
        for s in dict.fromkeys(sentences):
            row = self._cache.get(s)
            if row is not None:
                self._cache.move_to_end(s)
                rows[s] = row
        todo = [s for s in dict.fromkeys(sentences) if s not in rows]
        if todo:
            idx, owner = features.batch_indexes(todo)
            counts = np.bincount(owner, minlength=len(todo)).astype(np.float32)
            k = len(CATEGORIES)
            # The weight rows of each n-gram's bucket, of its bucket as a neighbour's previous sentence and as
            # its next sentence, side by side; summed per sentence in one pass over the n-grams in sentence order.
            order = np.argsort(owner, kind="stable")
            idx, owner = idx[order], owner[order]
            part = np.zeros((len(todo), 3 * k), dtype=np.float64)
            if len(idx):
                starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
                part[owner[starts]] = np.add.reduceat(self._stacked[idx], starts, axis=0)
            part *= 1.0 / np.sqrt(np.maximum(counts, 1.0))[:, None]
            part[:, k:] *= features.CONTEXT
            part = part.astype(np.float32)
            part[counts == 0] = np.nan  # an empty sentence: no score, and nothing for its neighbours
            for s, row in zip(todo, part):
                rows[s] = self._cache[s] = row
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return rows

    def in_context(self, sents, which) -> dict[int, tuple[float, ...]]:
        """The probabilities of sentences `which` (indexes into `sents`), each scored with its neighbours: only
        they and the sentences next to them are hashed (the batch fills the cache)."""
        k = len(CATEGORIES)
        needed = sorted({m for c in which for m in (c - 1, c, c + 1) if 0 <= m < len(sents)})
        by_text = self._rows([sents[m].text for m in needed])
        rows = {m: by_text[sents[m].text] for m in needed}
        out = {}
        for c in which:
            own = rows[c]
            if np.isnan(own[0]):
                out[c] = (0.0,) * k
                continue
            z = own[:k] + self.bias
            if c - 1 in rows:
                z = z + np.nan_to_num(rows[c - 1][k:2 * k])
            if c + 1 in rows:
                z = z + np.nan_to_num(rows[c + 1][2 * k:])
            out[c] = tuple((0.5 * (1.0 + np.tanh(z / 2))).tolist())
        return out

    def context_logits(self, sents) -> tuple[np.ndarray, np.ndarray]:
        """Every sentence's first-stage logits with its neighbours (sentences x 5), as `in_context` computes them,
        in one vectorised pass; and which sentences are empty (no n-grams, no score)."""
        k = len(CATEGORIES)
        texts = [s.text for s in sents]
        by_text = self._rows(texts)
        rows = np.stack([by_text[t] for t in texts]) if texts else np.zeros((0, 3 * k), np.float32)
        empty = np.isnan(rows[:, 0])
        rows = np.nan_to_num(rows).astype(np.float64)
        z = rows[:, :k] + self.bias
        z[1:] += rows[:-1, k:2 * k]
        z[:-1] += rows[1:, 2 * k:]
        return z, empty

    def in_draft(self, sents, which) -> dict[int, tuple[float, ...]]:
        """The confidence of each category for sentences `which`: the second stage's probability from the first
        stage's scores of the sentence, its neighbours and the rest of the draft, and its place in the draft, mapped
        onto the first stage's scale (`ScaleMap`); `in_context` where the model has no second stage."""
        if self.second_stage is None:
            return self.in_context(sents, which)
        sents = list(sents)
        z, empty = self.context_logits(sents)
        F = second_stage_features(z, [len(s.text.split()) for s in sents])
        which = list(which)
        w, b = self.second_stage
        z2 = self._scale(F[which] @ w + b)
        probs = np.where(empty[which][:, None], 0.0, 0.5 * (1.0 + np.tanh(z2 / 2)))
        return {c: tuple(p) for c, p in zip(which, probs.tolist())}

    def findings(self, text: str, sents, existing: list[Finding], settings: Settings | None = None,
                 wanted=lambda rule, category: True) -> list[Finding]:
        """Model findings, one per sentence at most, for sentences no finding covers yet (one card per span)."""
        settings = settings or self.settings
        if not any(settings.enabled.values()):
            return []
        sents = list(sents)
        candidates = [n for n, s in enumerate(sents) if len(s.text.split()) >= MIN_WORDS
                      and not any(f.start < s.end and s.start < f.end for f in existing)]
        if not candidates:
            return []
        probs_of = self.in_draft(sents, candidates)
        scored = [probs_of[c] for c in candidates]
        out = []
        for sent, probs in zip((sents[n] for n in candidates), scored):
            best = None
            for cat, p in zip(CATEGORIES, probs):
                thr = settings.thresholds[cat]
                if not settings.enabled[cat] or p < thr or not wanted(f"tactful.model.{cat}", cat):
                    continue
                if cat == "defensive" and (_plain_question(sent.text) or _plain_request(sent.text)):
                    continue
                if cat == "overpromise" and _PLEASE.match(sent.text) and not _PROMISES.search(sent.text):
                    continue  # "Please make sure you're signed in to the right account." asks; it promises nothing
                if best is None or p - thr > best[1] - settings.thresholds[best[0]]:
                    best = (cat, p)
            if best is None:
                continue
            cat, p = best
            start, end = self._fault_span(text, sent, CATEGORIES.index(cat), settings.thresholds[cat])
            suggestions = SUGGESTIONS[cat]
            out.append(Finding(f"tactful.model.{cat}", cat, "warning", start, end, MESSAGES[cat], RATIONALE,
                               suggestions, source="model", confidence=round(p, 3)))
        return out

    def _fault_span(self, text: str, sent, k: int, threshold: float) -> tuple[int, int]:
        """The clauses that carry the fault (`edits.fault_run`); the whole sentence when no run of them does."""
        limit = min(threshold, edits.clean_rest(CATEGORIES[k]))
        run = edits.fault_run(text, sent, lambda rests: [p[k] for p in self.batch(rests)], limit)
        return run or _span(text, sent)


# A question is defensive when it is rhetorical ("Did you even read the manual?", "What did you expect?");
# a plain one ("Did you try both suggestions?") is how troubleshooting works, and the detector's commonest
# false alarm on real replies.
_RHETORICAL = re.compile(
    r"\b(?:even|actually|really|ever|seriously|honestly|simply|just|surely|possibly|why would|why did|why didn'?t|"
    r"why not|how (?:could|can|did|else|hard|many times)|what (?:did|do|else|more|part)|not|\w+n[’']t|who)\b",
    re.IGNORECASE)


# "Why don't you send it to us here?" offers a way forward; "Why don't you just read the manual?" does not.
_SUGGESTING = re.compile(r"\b(?:why (?:don'?t|do not) (?:you|we)|why not)\b(?! (?:just|even|actually|simply|bother))",
                         re.IGNORECASE)


def _plain_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and not _RHETORICAL.search(_SUGGESTING.sub("", sentence))


# "Please make sure you are signed in to the account you bought it with." is a troubleshooting step; "Please read
# the guide carefully this time." is not. A polite request is defensive only with a word that lectures.
_PLEASE = re.compile(r"^\W*(?:please|kindly)\b", re.IGNORECASE)
_LECTURES = re.compile(
    r"\b(?:clearly|already|again|properly|carefully|this time|next time|before|signed(?! in\b)|agreed|explained|informed|calm|"
    r"breath|understand|previous|last|read|note|keep in mind|refer|as per|mentioned|told|stop|don'?t|do not|"
    r"all there|where in)\b", re.IGNORECASE)


# What a promise says in a request ("Please rest assured it'll be there Friday.")
_PROMISES = re.compile(r"\b(?:will|'ll|’ll|won'?t|shall|guarantee\w*|promise\w*|assur\w*|definitely|certainly|surely|"
                       r"never|always|for sure|100 ?%)", re.IGNORECASE)


def _plain_request(sentence: str) -> bool:
    return bool(_PLEASE.match(sentence)) and not _LECTURES.search(sentence) and not _RHETORICAL.search(sentence)


def _span(text: str, sent) -> tuple[int, int]:
    """The sentence's span without surrounding space."""
    start, end = sent.start, sent.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def load_detector() -> Detector | None:
    """The shipped detector, or None when the package carries no weights."""
    folder = resources.files("tactful.detector")
    try:
        meta = json.loads(folder.joinpath("model.json").read_text("utf-8"))
        with folder.joinpath("weights.npz").open("rb") as fh:
            arrays = np.load(fh)
            weights, bias = arrays["weights"], arrays["bias"]
    except FileNotFoundError:
        return None
    return Detector(weights, bias, meta)
