"""Rebuild the detector's weights from the corpus: `make train` (seeded, offline, a minute on 2 cores).

    python -m tactful.detector.train [--data data] [--out server/tactful/detector]

Trains one logistic regression per category on the training writers, picks
each category's threshold on the calibration writers (never trained on), and
writes `weights.npz` and `model.json`. The validation writers are not read
here at all: `make eval` measures on them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from . import features
from .corpus import CATEGORIES, split, units

SEED = 20261129
C = 8.0  # inverse regularisation, the same for every category (chosen on the calibration writers)
BETA = 0.35  # thresholds maximise F-beta on the calibration writers (sentence level): precision first
MIN_THRESHOLD = 0.3


def matrix(sentences: list[str], draft_sizes: list[int] | None = None):
    """Rows of n-gram counts, each scaled by 1/sqrt(its number of n-grams), as the detector scores them, plus the
    previous and next sentence's n-grams (same scaling, times `features.CONTEXT`) in namespaces of their own.

    `sentences` are the sentences of whole drafts in order, `draft_sizes` how many each draft has (None: every
    sentence is a draft of its own, without context)."""
    from scipy.sparse import csr_matrix

    n = len(sentences)
    sizes = np.ones(n, dtype=np.int64) if draft_sizes is None else np.asarray(draft_sizes, dtype=np.int64)
    ends = np.cumsum(sizes)
    last = np.zeros(n, dtype=bool)
    last[ends[sizes > 0] - 1] = True
    first = np.zeros(n, dtype=bool)
    first[(ends - sizes)[sizes > 0]] = True
    cols, rows = features.batch_indexes(sentences)
    per_row = np.bincount(rows, minlength=n).astype(np.float64)
    vals = 1.0 / np.sqrt(per_row[rows]) if len(rows) else np.empty(0)
    before, after = ~last[rows], ~first[rows]  # n-grams of a sentence that has a next / a previous sentence
    all_rows = np.concatenate([rows, rows[before] + 1, rows[after] - 1])
    all_cols = np.concatenate([cols, features.context_buckets(cols[before], 0), features.context_buckets(cols[after], 1)])
    all_vals = np.concatenate([vals, features.CONTEXT * vals[before], features.CONTEXT * vals[after]])
    return csr_matrix((all_vals, (all_rows, all_cols)), shape=(n, features.DIM))


def fit(X, y):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=SEED, max_iter=1000)
    model.fit(X, y)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def threshold(probs: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """(threshold, precision, recall) on calibration: the one with the best F-beta, beta = BETA.

    Beta below 1 weighs precision above recall: a tool that cries wolf gets uninstalled.
    """
    best = (-1.0, 0.5, 0.0, 0.0)
    for t in np.arange(MIN_THRESHOLD, 0.99, 0.01):
        pred = probs >= t
        tp = int((pred & y).sum())
        p = tp / pred.sum() if pred.sum() else 0.0
        r = tp / y.sum() if y.sum() else 0.0
        f = (1 + BETA ** 2) * p * r / (BETA ** 2 * p + r) if p + r else 0.0
        if f > best[0]:
            best = (f, round(float(t), 2), p, r)
    return best[1], best[2], best[3]


def dataset(items: list[dict], category: str):
    """(feature rows, labels) of every sentence of the drafts, less those only optionally labelled `category`.
    Context comes from every sentence of the draft, left out or not."""
    drafts = [units(d) for d in items]
    us = [u for d in drafts for u in d]
    keep = np.array([category not in u.ignore for u in us], dtype=bool)
    X = matrix([u.text for u in us], [len(d) for d in drafts])
    return X[keep], np.array([category in u.positive for u in us])[keep]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="data")
    ap.add_argument("--out", default=str(Path(__file__).parent))
    args = ap.parse_args(argv)
    started = time.monotonic()
    parts = split(args.data)
    print(f"corpus: {len(parts['train'])} training drafts, {len(parts['calibration'])} calibration drafts "
          f"(validation drafts are not read)", file=sys.stderr)
    weights = np.zeros((features.DIM, len(CATEGORIES)), dtype=np.float32)
    bias = np.zeros(len(CATEGORIES), dtype=np.float32)
    thresholds, calibration = {}, {}
    for k, cat in enumerate(CATEGORIES):
        X, y = dataset(parts["train"], cat)
        w, b = fit(X, y)
        weights[:, k], bias[k] = w, b
        cX, cy = dataset(parts["calibration"], cat)
        z = cX @ w.astype(np.float64) + b
        t, p, r = threshold(1 / (1 + np.exp(-z)), cy)
        thresholds[cat] = t
        calibration[cat] = {"threshold": t, "precision": round(p, 3), "recall": round(r, 3),
                            "positives": int(cy.sum()), "sentences": len(cy)}
        print(f"{cat:<12} trained on {int(y.sum()):>4} positive of {len(y)} sentences; "
              f"threshold {t:.2f}: calibration precision {p:.2f} recall {r:.2f}", file=sys.stderr)
    out = Path(args.out)
    np.savez_compressed(out / "weights.npz", weights=weights.astype(np.float16), bias=bias)
    meta = {"features": {"dim": features.DIM, "words": [1, 2, 3], "chars": [3, 4, 5],
                         "context": {"sentences": ["previous", "next"], "weight": features.CONTEXT}},
            "trainer": {"kind": "logistic regression, one per category", "C": C, "class_weight": "balanced",
                        "seed": SEED, "threshold_rule": f"max F{BETA} on calibration"},
            "data": {"train_drafts": len(parts["train"]), "calibration_drafts": len(parts["calibration"])},
            "thresholds": thresholds, "calibration": calibration}
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out / 'weights.npz'} and model.json in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
