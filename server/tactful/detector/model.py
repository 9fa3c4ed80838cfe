"""Score sentences with the shipped weights and turn confident scores into findings.

The model is one logistic regression per category over `features.indexes`,
stored as `weights.npz` (a float16 matrix, DIM x 5, and the biases) beside
`model.json` (thresholds chosen on the calibration writers, and the figures
of the model card). Inference is a sum of a few hundred weight rows: numpy
only, no network, no training library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..findings import Finding, Suggestion
from . import features

CATEGORIES = ("excuse", "overshare", "scripted", "overpromise", "defensive")
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
    "excuse": (Suggestion("I'm sorry for the wait. I'll have this sorted by [day and time].",
                          "Own it and give a time"),),
    "overshare": (Suggestion("", "Remove it"),),
    "scripted": (Suggestion("", "Remove it"),),
    "overpromise": (Suggestion("I'll [what you control] and update you by [day and time].",
                               "Promise what you control"),),
    "defensive": (Suggestion("Here's what I can do: [next step].", "State the next step"),),
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


class Detector:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, meta: dict) -> None:
        self.weights = weights
        self.bias = bias.astype(np.float32)
        self.meta = meta
        self.settings = Settings({c: True for c in CATEGORIES},
                                 {c: float(meta["thresholds"][c]) for c in CATEGORIES})
        self.probabilities = lru_cache(maxsize=8192)(self._probabilities)

    def _probabilities(self, sentence: str) -> tuple[float, ...]:
        """Calibrated-threshold-ready probability per category (cached by sentence text)."""
        idx = features.indexes(sentence)
        if not idx:
            return (0.0,) * len(CATEGORIES)
        z = self.weights[idx].sum(axis=0, dtype=np.float32) / np.float32(len(idx) ** 0.5) + self.bias
        return tuple(float(p) for p in 1.0 / (1.0 + np.exp(-z)))

    def findings(self, text: str, sents, existing: list[Finding], settings: Settings | None = None,
                 wanted=lambda rule, category: True) -> list[Finding]:
        """Model findings for sentences where no finding of the same category stands, one per sentence."""
        settings = settings or self.settings
        out = []
        for sent in sents:
            if len(features.words(features.normalize(sent.text))) < MIN_WORDS:
                continue
            probs = self.probabilities(sent.text)
            best = None
            for cat, p in zip(CATEGORIES, probs):
                thr = settings.thresholds[cat]
                if not settings.enabled[cat] or p < thr or not wanted(f"tactful.model.{cat}", cat):
                    continue
                if best is None or p - thr > best[1] - settings.thresholds[best[0]]:
                    best = (cat, p)
            if best is None:
                continue
            start, end = _free_span(text, sent, existing)
            if start is None:
                continue
            cat, p = best
            if any(f.category == cat and f.start < sent.end and sent.start < f.end for f in existing):
                continue
            suggestions = SUGGESTIONS[cat]
            if suggestions[0].replacement == "":  # deleting the sentence takes the space after it too
                while end < len(text) and text[end] in " \t":
                    end += 1
            out.append(Finding(f"tactful.model.{cat}", cat, "warning", start, end, MESSAGES[cat], RATIONALE,
                               suggestions, source="model", confidence=round(p, 3)))
        return out


def _free_span(text: str, sent, existing: list[Finding]) -> tuple[int | None, int | None]:
    """The sentence's span, or None when a finding already covers part of it (one card per span)."""
    if any(f.start < sent.end and sent.start < f.end for f in existing):
        return None, None
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
