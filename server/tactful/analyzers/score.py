"""The "ready to send" score: 100 minus penalties, clamped to 0–100.

The targets come from what is known about e-mails that get good responses —
Boomerang's study of millions of e-mails found the best response rates for
50–125 words, a reading level around grade 3–5, one to three questions and a
mildly positive tone — plus Tactful's own findings, weighted by severity.

| penalty | when | points |
|---|---|---|
| findings | every finding, by severity | error 12, warning 6, info 2; at most 50 in all |
| length | fewer than 50 words | 0.3 per missing word, at most 10 |
|  | more than 125 words | 3 per 25 words over, at most 15 |
| reading level | Flesch–Kincaid grade above 5 | 3 per grade over, at most 20 |
| questions | none | 4 (a reply that only answers may need none) |
|  | more than 3 | 3 per extra question, at most 10 |
| tone | negative (word-weighted VADER compound c ≤ −0.05) | 8 + 24 × (−c), at most 20 |
|  | neutral (−0.05 … 0.05) | 4 |
|  | very positive (≥ 0.7) | 3 |

score = round(max(0, 100 − sum of penalties)). The summary lists the two or
three largest penalties, in plain words, as the reasons. An empty draft
scores 0.
"""

from __future__ import annotations

from collections import Counter

from ..engine.findings import Finding
from .tone import label

SEVERITY_POINTS = {"error": 12, "warning": 6, "info": 2}
FINDINGS_CAP = 50
WORDS_LOW, WORDS_HIGH = 50, 125
GRADE_HIGH = 5
QUESTIONS_HIGH = 3
MAX_REASONS = 3

_NAMES = {"excuse": "excuse", "overshare": "overshare", "scripted": "scripted phrase",
          "overpromise": "overpromise", "defensive": "defensive line", "clarity": "unclear sentence",
          "tone": "tone issue", "grammar": "grammar mistake", "spelling": "spelling mistake"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def penalties(words: int, grade: float, questions: int, tone: float,
              findings: list[Finding]) -> list[tuple[float, str]]:
    """Every penalty that applies, as (points, reason in plain words)."""
    out: list[tuple[float, str]] = []
    if findings:
        points = min(FINDINGS_CAP, sum(SEVERITY_POINTS.get(f.severity, 2) for f in findings))
        counts = Counter(f.category for f in findings)
        listed = ", ".join(_plural(n, _NAMES.get(c, c)) for c, n in counts.most_common())
        out.append((points, f"Fix what Tactful flagged: {listed}."))
    if words < WORDS_LOW:
        out.append((min(10.0, 0.3 * (WORDS_LOW - words)),
                    f"Very short ({words} words): replies of 50–125 words get the best responses."))
    elif words > WORDS_HIGH:
        out.append((min(15.0, 3 * (words - WORDS_HIGH) / 25),
                    f"Long ({words} words): replies of 50–125 words get the best responses; cut what the "
                    "customer does not need."))
    if grade > GRADE_HIGH:
        out.append((min(20.0, 3 * (grade - GRADE_HIGH)),
                    f"Hard to read (grade {grade:.0f}): shorter sentences and plain words reach grade 3–5."))
    if questions == 0:
        out.append((4.0, "No question for the customer: one clear question (what you need from them) "
                         "gets more replies."))
    elif questions > QUESTIONS_HIGH:
        out.append((min(10.0, 3 * (questions - QUESTIONS_HIGH)),
                    f"{questions} questions: ask at most three, the ones you need answered."))
    if tone <= -0.05:
        out.append((min(20.0, 8 + 24 * abs(tone)), f"The tone reads {label(tone)}: a mildly positive reply does best."))
    elif tone < 0.05:
        out.append((4.0, "The tone reads flat: a little warmth (thanks, good news first) helps."))
    elif tone >= 0.7:
        out.append((3.0, "The tone is effusive: mildly positive reads more sincere."))
    return out


def ready_to_send(words: int, grade: float, questions: int, tone: float,
                  findings: list[Finding]) -> tuple[int, list[str]]:
    """The 0–100 score and the reasons for its largest penalties, largest first."""
    if words == 0:
        return 0, ["The draft is empty."]
    found = sorted(penalties(words, grade, questions, tone, findings), key=lambda p: -p[0])
    score = max(0, round(100 - sum(points for points, _ in found)))
    return score, [reason for points, reason in found[:MAX_REASONS] if points > 0]
