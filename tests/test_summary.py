"""The draft summary and the ready-to-send score."""

from __future__ import annotations

import pytest

from tactful.analyzers import Analyzers, format_summary, questions, score
from tactful.engine.authored import authored_blocks
from tactful.engine.findings import Finding
from tactful.engine.segment import sentences

GOOD = ("Hi Dana,\n\n"
        "Thanks for your patience. Your new blender left our depot today. It will reach you on Thursday. "
        "I am glad we could sort this out for you. I have added a ten dollar credit to your account, "
        "so the next order costs less. You will get an email from the courier with a link. "
        "It lets you pick a time that suits you. Would Thursday morning work for you?\n\n"
        "Best regards,\nSam")

BAD = ("Hi,\n\n"
       "As previously communicated, organizational prioritization necessitates comprehensive verification "
       "of documentation. You failed to follow the instructions. This is terrible and unacceptable. "
       "Why did you not read the manual? Why did you not call us? Why did you not check the box? "
       "Why did you ignore the warning? Why did you wait so long? ") * 3


def summarize(text: str, found=(), status=None) -> dict:
    analyzers = Analyzers()
    sents = sentences(text, authored_blocks(text))
    status = status or {"status": "off", "reason": "no LanguageTool configured"}
    return analyzers.summary(text, sents, list(found) + analyzers.findings(text, sents), status)


def test_summary_fields():
    s = summarize(GOOD)
    assert set(s) == {"words", "sentences", "questions", "readingEase", "grade", "avgSentenceLength", "tone",
                      "score", "scoreReasons", "grammar"}
    # The signature is not the writer's text: "Hi Dana," plus eight sentences.
    assert s["sentences"] == 9 and s["questions"] == 1
    assert s["words"] == 71
    assert s["avgSentenceLength"] == round(71 / 9, 1)
    assert 0 < s["grade"] <= 5 and s["readingEase"] > 70
    assert s["tone"]["label"] == "mildly positive" and 0.05 <= s["tone"]["compound"] < 0.35
    assert s["grammar"] == {"status": "off", "reason": "no LanguageTool configured"}


def test_a_good_reply_is_ready_to_send():
    s = summarize(GOOD)
    assert s["score"] == 100 and s["scoreReasons"] == []


def test_a_bad_reply_scores_low_with_plain_reasons(reviewer):
    s = summarize(BAD, reviewer.review(BAD).findings)
    assert s["score"] < 40
    assert 2 <= len(s["scoreReasons"]) <= 3
    text = " ".join(s["scoreReasons"])
    assert "Fix what Tactful flagged" in text and "questions" in text.lower()
    assert all(r.endswith(".") and "_" not in r for r in s["scoreReasons"])


def test_reasons_are_the_largest_penalties_in_order():
    found = [Finding("core.x", "excuse", "error", 0, 1, "m")] * 2
    pens = score.penalties(words=300, grade=9.0, questions=0, tone=-0.6, findings=found)
    points, reasons = score.ready_to_send(300, 9.0, 0, -0.6, found)
    ranked = [r for _, r in sorted(pens, key=lambda p: -p[0])]
    assert reasons == ranked[:3]
    assert points == max(0, round(100 - sum(p for p, _ in pens)))
    assert reasons[0] == "Fix what Tactful flagged: 2 excuses."


@pytest.mark.parametrize("words, grade, asked, tone, expected", [
    (90, 4.0, 2, 0.3, 100),                 # inside every target
    (90, 4.0, 2, 0.0, 96),                  # flat tone: 4
    (90, 4.0, 0, 0.3, 96),                  # no question: 4
    (90, 4.0, 5, 0.3, 94),                  # two questions too many: 6
    (20, 4.0, 2, 0.3, 91),                  # 30 words short: 9
    (225, 4.0, 2, 0.3, 88),                 # 100 words long: 12
    (1000, 4.0, 2, 0.3, 85),                # the length penalty stops at 15
    (90, 8.0, 2, 0.3, 91),                  # three grades over: 9
    (90, 4.0, 2, -0.5, 80),                 # negative: 8 + 24 × 0.5
    (90, 4.0, 2, 0.8, 97),                  # effusive: 3
])
def test_score_formula(words, grade, asked, tone, expected):
    assert score.ready_to_send(words, grade, asked, tone, [])[0] == expected


def test_findings_weigh_by_severity_up_to_a_cap():
    def with_findings(*severities):
        return score.ready_to_send(90, 4.0, 2, 0.3, [Finding("r", "scripted", s, 0, 1, "m") for s in severities])[0]

    assert with_findings("info") == 98
    assert with_findings("warning") == 94
    assert with_findings("error") == 88
    assert with_findings(*["error"] * 10) == 50


def test_more_findings_never_raise_the_score():
    base = summarize(GOOD)["score"]
    extra = [Finding("core.x", "scripted", "warning", 10, 20, "m")]
    assert summarize(GOOD, extra)["score"] == base - 6


def test_empty_draft():
    s = summarize("")
    assert s["words"] == 0 and s["sentences"] == 0 and s["score"] == 0
    assert s["scoreReasons"] == ["The draft is empty."]
    assert s["tone"] == {"compound": 0.0, "label": "neutral"}


def test_questions_count_sentences_that_ask():
    text = "Can you send a photo? Thanks. Is it the blue one?) Which size (small or large)?\nOK?"
    assert questions(sentences(text, authored_blocks(text))) == 4


def test_summary_of_an_engine_review(reviewer):
    review = reviewer.review(GOOD.replace("Thanks for your patience.", "Sorry, we've been swamped this week."))
    analyzers = Analyzers()
    sents = list(review.sentences)
    found = list(review.findings) + analyzers.findings(review.text, sents)
    extra, status = analyzers.grammar(review.text, list(review.blocks), found)
    s = analyzers.summary(review.text, sents, found + extra, status)
    assert review.findings and s["score"] < 100
    assert s["scoreReasons"][0].startswith("Fix what Tactful flagged: ")
    assert s["score"] == score.ready_to_send(s["words"], s["grade"], s["questions"], s["tone"]["compound"],
                                             found + extra)[0]


def test_plain_text_summary_for_the_cli():
    s = summarize(GOOD.replace("Would Thursday morning work for you?", "Thursday works."), status={
        "status": "skipped", "reason": "LanguageTool did not answer within 1.5 s"})
    text = format_summary(s)
    assert text.splitlines()[0] == f"Ready to send: {s['score']}/100"
    assert f"  - {s['scoreReasons'][0]}" in text
    assert f"{s['words']} words in 9 sentences" in text and "0 questions" in text
    assert "Tone: mildly positive (+0." in text
    assert text.splitlines()[-1] == "Grammar: skipped (LanguageTool did not answer within 1.5 s)"
