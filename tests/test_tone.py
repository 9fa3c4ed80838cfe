"""Tone: nltk's VADER with the lexicon from vaderSentiment, and curt sentences as defensive evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from tactful.analyzers import Analyzers, tone
from tactful.engine.authored import authored_blocks
from tactful.engine.segment import sentences

SENTENCES = [
    "You are wrong!!", "That is not our problem, you should have read the manual.", ":) great, thanks!!!",
    'I LOVE it,but the "box" was bad...', '"Great!" -- kind of bad, (sadly). :( ,happy', "at least not terrible",
    "NOT GOOD at all, never good", "It isn't very good, but it's not the worst either!?", "Thanks!!! :-)",
    "The tracking number is 1Z999AA10123456784 and UPS shows delivery on Thursday.", "", "   ", "ok",
    "We apologize for any inconvenience this may have caused.", "I'm SO sorry... that's horrible!",
    "Without doubt the best, no kidding; you're kind of amazing.", "'Terrible' isn't the word, it's 'fine'.",
    "a.b, good;bad e-mail! ...great (yes) --awful-- ?!?good!?! x! !x :-) ;) <3 Ünïcode, ça va? 😀 good😀",
    "GOOD!!! bad??? \"nice\" 'ok' ,sad. .happy, happy.. !!love!!",
]


def test_lexicon_comes_from_the_vader_sentiment_package():
    import vaderSentiment
    shipped = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    v = tone.vader()
    words = {line.split("\t")[0] for line in shipped.read_text(encoding="utf-8").strip().splitlines()}
    assert set(v.lexicon) == words and len(words) > 7000
    assert v.lexicon["good"] == 1.9 and v.lexicon["horrible"] == -2.5
    assert isinstance(v, SentimentIntensityAnalyzer)


@pytest.mark.parametrize("text", SENTENCES)
def test_scores_equal_nltks_own_analyzer(text):
    v = tone.vader()
    # nltk's own polarity_scores, with its own SentiText, on the same lexicon.
    assert v.polarity_scores(text) == SentimentIntensityAnalyzer.polarity_scores(v, text)
    assert tone.compound(text) == SentimentIntensityAnalyzer.polarity_scores(v, text)["compound"]


def test_compound_scores_point_the_right_way():
    assert tone.compound("Thank you so much, this is wonderful news!") > 0.5
    assert tone.compound("This is terrible and you ruined it.") < -0.5
    assert tone.compound("The parcel left the depot on Monday.") == 0.0


@pytest.mark.parametrize("score, label", [(-0.8, "negative"), (-0.2, "slightly negative"), (0.0, "neutral"),
                                          (0.2, "mildly positive"), (0.5, "positive"), (0.9, "very positive")])
def test_labels(score, label):
    assert tone.label(score) == label


def test_draft_tone_is_word_weighted():
    text = "Thanks so much for your patience, it is great to hear from you again today. Sorry."
    sents = sentences(text, authored_blocks(text))
    mean = tone.draft_tone(sents, [10, 1])
    a, b = tone.compound(sents[0].text), tone.compound(sents[1].text)
    assert mean == pytest.approx((10 * a + b) / 11)
    assert tone.draft_tone([], []) == 0.0


def test_a_curt_sentence_after_a_greeting_on_its_line_keeps_the_greeting_first():
    draft = "Hi Tadhg, you failed to follow the instructions!\n\nSam"
    sents = sentences(draft, authored_blocks(draft))
    (f,) = Analyzers().findings(draft, sents)
    assert draft[f.start:f.end] == "you failed to follow the instructions!"
    fixed = draft[:f.start] + f.suggestions[0].replacement + draft[f.end:]
    assert fixed.startswith(f"Hi Tadhg, {tone.ACKNOWLEDGE} You failed to follow the instructions!")


@pytest.mark.parametrize("text", [
    "You are wrong.",
    "You broke it, not us.",
    "Your complaint is ridiculous.",
    "You failed to follow the instructions!",
])
def test_curt_sentences_are_defensive(text):
    draft = f"Hi Dana,\n\n{text}\n\nRegards,\nSam"
    sents = sentences(draft, authored_blocks(draft))
    (f,) = Analyzers().findings(draft, sents)
    assert (f.rule, f.category, f.severity) == ("tactful.tone.curt", "defensive", "info")
    assert draft[f.start:f.end] == text
    (s,) = f.suggestions
    assert s.replacement == f"{tone.ACKNOWLEDGE} {text}"
    fixed = draft[:f.start] + s.replacement + draft[f.end:]
    assert Analyzers().findings(fixed, sentences(fixed, authored_blocks(fixed))) == []


@pytest.mark.parametrize("text", [
    "You are right, that was our mistake.",              # owns the mistake (VADER scores it -0.34)
    "Sorry, you were charged twice by mistake.",          # softened
    "The courier lost the parcel, which is terrible.",    # not aimed at the customer
    "Please don't worry, you will not be charged again.", # softened
    "I know this is a terrible situation for you and I completely understand why you are upset with us.",  # long
    "This is a terrible mess. You broke it, not us.",     # … still curt: no acknowledgement first
    "Are you getting an error message on the checkout page?",  # a question, and "error" is the topic
    "If you think we charged you in error, you can dispute it.",  # a condition
    "Nothing you uploaded was lost in the outage.",       # the trouble, not the customer, is negative
    "I'd hate for you to pay twice for the same month.",  # caring, not curt
])
def test_other_sentences_are_not_curt(text):
    draft = f"Hi Dana,\n\n{text}"
    found = Analyzers().findings(draft, sentences(draft, authored_blocks(draft)))
    if text.startswith("This is a terrible mess"):
        assert [draft[f.start:f.end] for f in found] == ["You broke it, not us."]
    else:
        assert found == []


def test_a_curt_sentence_is_a_defensive_finding_only_where_the_detector_agrees():
    """Sentiment alone is a poor witness: "Bad news, the courier's lost your parcel." is curt to VADER, but the
    detector reads it as no argument with the customer, so the review drops it; without the detector none stands."""
    from tactful.engine.reviewer import Reviewer
    from tactful.packs.pack import builtin_packs
    reviewer = Reviewer(builtin_packs()["core"])
    for text, kept in (("Hi Dana,\n\nBad news, the courier's lost your parcel.\n\nSam", False),
                       ("Hi Dana,\n\nYour complaint is ridiculous.\n\nSam", True)):
        sents = sentences(text, authored_blocks(text))
        assert [f.rule for f in Analyzers().findings(text, sents)] == ["tactful.tone.curt"]  # VADER flags both
        curt = [f for f in reviewer.review(text, analyzers=Analyzers()).findings if f.rule == "tactful.tone.curt"]
        assert bool(curt) is kept, text
        assert not [f for f in reviewer.review(text, analyzers=Analyzers(), model=False).findings
                    if f.rule == "tactful.tone.curt"]
