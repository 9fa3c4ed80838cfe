"""Rebuild the detector's weights from the corpus: `make train` (seeded, offline, a few minutes on 2 cores).

    python -m tactful.detector.train [--data data] [--out server/tactful/detector] [--second-stage-only]

Trains one logistic regression per category on the training writers (the
first stage); then the second stage, a small logistic regression per category
over first-stage scores of the sentence, its neighbours and the rest of the
draft, and the sentence's place, fitted on out-of-fold first-stage scores of
the training writers (folds of whole writers), its logit mapped onto the
first stage's scale; picks each category's threshold for the second stage's
confidence on the calibration writers (never trained on), and writes
`weights.npz` and `model.json`. `--second-stage-only` keeps the first stage
already in `weights.npz`. The validation writers are not read here at all:
`make eval` measures on them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from . import features
from .corpus import CALIBRATION, CATEGORIES, VALIDATION_PREFIX, batches, split, units
from .model import ScaleMap, second_stage_features

SEED = 20261129
C = 8.0  # inverse regularisation, the same for every category (chosen on the calibration writers)
BETA = 0.35  # thresholds maximise F-beta on the calibration writers (sentence level): precision first
MIN_THRESHOLD = 0.3
FOLDS = 5  # the second stage learns from first-stage scores of writers the first stage was not trained on
STAGE2_C = 1.0  # the second stage's inverse regularisation (chosen by writer-grouped CV on the training writers)


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


def corpus_matrix(items: list[dict]):
    """(feature rows of every sentence, the sentences as units, sentences per draft)."""
    drafts = [units(d) for d in items]
    us = [u for d in drafts for u in d]
    sizes = [len(d) for d in drafts]
    return matrix([u.text for u in us], sizes), us, sizes


def labels(us, category: str) -> tuple[np.ndarray, np.ndarray]:
    """(kept, positive): sentences not only optionally labelled `category`, and those firmly labelled it."""
    keep = np.array([category not in u.ignore for u in us], dtype=bool)
    return keep, np.array([category in u.positive for u in us], dtype=bool)


def first_stage(X, us) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per category on rows X: (weights DIM x 5, biases)."""
    weights = np.zeros((X.shape[1], len(CATEGORIES)), dtype=np.float32)
    bias = np.zeros(len(CATEGORIES), dtype=np.float32)
    for k, cat in enumerate(CATEGORIES):
        keep, y = labels(us, cat)
        weights[:, k], bias[k] = fit(X[keep], y[keep])
    return weights, bias


def logits(X, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """First-stage logits of rows X as the detector computes them (float16 weights, as shipped)."""
    return X @ weights.astype(np.float16).astype(np.float64) + bias.astype(np.float64)


def fold_of(batch_names: list[str], folds: int = FOLDS) -> dict[str, int]:
    """Batches (writers) dealt to folds by a seeded shuffle: a writer's drafts never straddle two folds."""
    names = sorted(set(batch_names))
    order = np.random.default_rng(SEED).permutation(len(names))
    n = max(2, min(folds, len(names)))
    return {names[i]: j % n for j, i in enumerate(order)}


def out_of_fold(items: list[dict], batch_of: list[str], X, us, sizes) -> np.ndarray:
    """Each training sentence's first-stage logits from a first stage trained without its writer's fold."""
    fold = fold_of(batch_of)
    draft_fold = np.array([fold[b] for b in batch_of])
    sent_fold = np.repeat(draft_fold, sizes)
    z = np.zeros((len(us), len(CATEGORIES)))
    for f in sorted(set(fold.values())):
        part = sent_fold == f
        w, b = first_stage(X[~part], [u for u, p in zip(us, part) if not p])
        z[part] = logits(X[part], w, b)
        print(f"  fold {f}: first stage scored {int(part.sum())} held-out sentences", file=sys.stderr)
    return z


def stage2_inputs(z: np.ndarray, us, sizes) -> np.ndarray:
    """The second stage's features of every sentence, draft by draft (`model.second_stage_features`)."""
    out, start = [], 0
    for n in sizes:
        out.append(second_stage_features(z[start:start + n], [len(u.text.split()) for u in us[start:start + n]]))
        start += n
    return np.concatenate(out) if out else np.zeros((0, 0))


def fit_stage2(F: np.ndarray, us, rows=None) -> tuple[np.ndarray, np.ndarray]:
    """Per category an (unweighted) logistic regression over the second-stage features of sentences `rows` (all
    when None), standardised while fitting and folded back: (weights F x 5, biases)."""
    from sklearn.linear_model import LogisticRegression

    rows = np.ones(len(F), dtype=bool) if rows is None else rows
    mean, scale = F[rows].mean(axis=0), F[rows].std(axis=0)
    scale[scale == 0] = 1.0
    S = (F - mean) / scale
    weights, bias = np.zeros((F.shape[1], len(CATEGORIES))), np.zeros(len(CATEGORIES))
    for k, cat in enumerate(CATEGORIES):
        keep, y = labels(us, cat)
        model = LogisticRegression(C=STAGE2_C, solver="lbfgs", max_iter=5000, random_state=SEED)
        model.fit(S[keep & rows], y[keep & rows])
        w = model.coef_[0] / scale
        weights[:, k], bias[k] = w, model.intercept_[0] - float(w @ mean)
    return weights, bias


# Quantile levels of the scale map: dense where the thresholds are (the top few per cent of sentences).
LEVELS = np.unique(np.round(np.concatenate([np.linspace(0, 0.9, 46), np.linspace(0.9, 0.999, 100),
                                            1 - np.geomspace(1e-3, 1e-5, 9)]), 7))


def scale_map(F: np.ndarray, z1: np.ndarray, us, batch_of: list[str], sizes) -> list[tuple[list, list]]:
    """Per category, a monotone map from the second stage's logit to the first stage's: the second stage's
    out-of-fold logit at each quantile of the training sentences goes to the first stage's out-of-fold logit at
    the same quantile. So a confidence stays on the first stage's scale: a threshold flags about as many
    sentences as the same threshold did before, and a team pack's thresholds keep their meaning."""
    fold = fold_of(batch_of)
    sent_fold = np.repeat(np.array([fold[b] for b in batch_of]), sizes)
    z2 = np.zeros_like(z1)
    for f in sorted(set(fold.values())):
        w, b = fit_stage2(F, us, sent_fold != f)
        z2[sent_fold == f] = F[sent_fold == f] @ w + b
    out = []
    for k, cat in enumerate(CATEGORIES):
        keep, _ = labels(us, cat)
        x, y = np.quantile(z2[keep, k], LEVELS), np.quantile(np.clip(z1[keep, k], -20, 20), LEVELS)
        x, first = np.unique(np.round(x, 4), return_index=True)
        out.append((x.tolist(), np.round(np.maximum.accumulate(y)[first], 4).tolist()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="data")
    ap.add_argument("--out", default=str(Path(__file__).parent))
    ap.add_argument("--second-stage-only", action="store_true",
                    help="keep the first stage in OUT/weights.npz; rebuild the second stage and the thresholds")
    args = ap.parse_args(argv)
    started = time.monotonic()
    parts = split(args.data)
    batch_of = [b for b, items in batches(args.data).items()
                if not b.startswith(VALIDATION_PREFIX) and b not in CALIBRATION for _ in items]
    print(f"corpus: {len(parts['train'])} training drafts, {len(parts['calibration'])} calibration drafts "
          f"(validation drafts are not read)", file=sys.stderr)
    X, us, sizes = corpus_matrix(parts["train"])
    out = Path(args.out)
    if args.second_stage_only:
        with np.load(out / "weights.npz") as arrays:
            weights, bias = arrays["weights"].astype(np.float32), arrays["bias"]
        print("first stage: kept as it is in weights.npz", file=sys.stderr)
    else:
        weights, bias = first_stage(X, us)
        for k, cat in enumerate(CATEGORIES):
            keep, y = labels(us, cat)
            print(f"{cat:<12} first stage trained on {int(y[keep].sum()):>4} positive of {int(keep.sum())} sentences",
                  file=sys.stderr)
    print("second stage: out-of-fold first-stage scores of the training writers", file=sys.stderr)
    z1 = out_of_fold(parts["train"], batch_of, X, us, sizes)
    F = stage2_inputs(z1, us, sizes)
    w2, b2 = fit_stage2(F, us)
    scale = scale_map(F, z1, us, batch_of, sizes)
    cX, cus, csizes = corpus_matrix(parts["calibration"])
    cz = ScaleMap(scale)(stage2_inputs(logits(cX, weights, bias), cus, csizes) @ w2 + b2)
    thresholds, calibration = {}, {}
    for k, cat in enumerate(CATEGORIES):
        keep, y = labels(cus, cat)
        t, p, r = threshold(1 / (1 + np.exp(-cz[keep, k])), y[keep])
        thresholds[cat] = t
        calibration[cat] = {"threshold": t, "precision": round(p, 3), "recall": round(r, 3),
                            "positives": int(y[keep].sum()), "sentences": int(keep.sum())}
        print(f"{cat:<12} threshold {t:.2f}: calibration precision {p:.2f} recall {r:.2f}", file=sys.stderr)
    out = Path(args.out)
    if not args.second_stage_only:
        np.savez_compressed(out / "weights.npz", weights=weights.astype(np.float16), bias=bias)
    meta = {"features": {"dim": features.DIM, "words": [1, 2, 3], "chars": [3, 4, 5],
                         "context": {"sentences": ["previous", "next"], "weight": features.CONTEXT}},
            "trainer": {"kind": "logistic regression, one per category", "C": C, "class_weight": "balanced",
                        "seed": SEED, "threshold_rule": f"max F{BETA} on calibration, on the second stage's scores"},
            "second_stage": {"kind": "logistic regression per category over second_stage_features, "
                                     f"out-of-fold first-stage scores ({FOLDS} folds of training writers)",
                             "C": STAGE2_C, "features": len(w2),
                             "weights": np.round(w2, 6).tolist(), "bias": np.round(b2, 6).tolist(),
                             "scale": [{"x": x, "y": y} for x, y in scale]},
            "data": {"train_drafts": len(parts["train"]), "calibration_drafts": len(parts["calibration"])},
            "thresholds": thresholds, "calibration": calibration}
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    wrote = "model.json" if args.second_stage_only else f"{out / 'weights.npz'} and model.json"
    print(f"wrote {wrote} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
