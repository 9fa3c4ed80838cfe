"""The phrase language and its automaton: alternatives, optional parts, classes, inflections,
wildcards, sentence anchors, contractions, and the size guarantees that keep matching fast."""

from __future__ import annotations

import time

import pytest

from tactful.engine.segment import tokens
from tactful.packs.phrasebook import MAX_EXPANSIONS, Automaton, PhraseError, expand

CLASSES = {
    "we": ["we", "i", "our team"],
    "be": ["am", "is", "are", "was", "have been", "has been", "is been"],
    "busy": ["swamped", "slammed", "snowed under"],
    "self": ["{self}"],
    "many": ["w%d" % i for i in range(60)],
}


def spans(phrase: str, text: str, classes=CLASSES) -> list[str]:
    automaton = Automaton()
    automaton.add(expand(phrase, classes), "rule")
    toks = tokens(text)
    return [text[toks[i].start:toks[j - 1].end] for _, i, j in automaton.matches(toks)]


def test_plain_words_match_case_insensitively_on_word_boundaries():
    assert spans("rest assured", "Rest Assured, we're on it.") == ["Rest Assured"]
    assert spans("rest assured", "Restassured we are") == []
    assert spans("calm", "calmly") == []


def test_alternatives_and_optional_parts():
    assert spans("(sorry|apologies) for [any] inconvenience", "Sorry for the inconvenience") == []
    assert spans("(sorry|apologies) for [any|the] inconvenience", "Sorry for the inconvenience") == [
        "Sorry for the inconvenience"]
    assert spans("have a (nice|great) day", "Have a great day!") == ["Have a great day"]
    assert spans("thank you (so much)? for", "Thank you so much for waiting") == ["Thank you so much for"]
    assert spans("thank you (so much)? for", "Thank you for waiting") == ["Thank you for"]


def test_word_classes_and_nesting():
    assert spans("{we} {be} [really] {busy}", "Our team has been really snowed under.") == [
        "Our team has been really snowed under"]
    assert spans("{we} {be} {busy}", "They are swamped") == []


def test_inflections():
    assert spans("{we} (slam~|swamp~)", "we slammed") == ["we slammed"]
    assert spans("apologi~", "He apologises") == []  # not a word stem
    assert spans("apologise~", "We apologised twice") == ["apologised"]


def test_wildcard_is_exactly_one_word():
    assert spans("the _ team", "the billing team") == ["the billing team"]
    assert spans("the _ team", "the team") == []
    assert spans("the [_] [_] team", "the night shift team") == ["the night shift team"]


@pytest.mark.parametrize("text,expected", [
    ("We've been swamped", ["We've been swamped"]),
    ("We have been swamped", ["We have been swamped"]),
    ("I'm swamped", ["I'm swamped"]),
    ("it's been slammed", ["it's been slammed"]),
])
def test_contractions_are_expanded_on_both_sides(text, expected):
    assert spans("(we|i|it) {be} {busy}", text) == expected


def test_negative_contractions():
    assert spans("can not keep up", "We can't keep up") == ["can't keep up"]
    assert spans("will not happen again", "It won't happen again") == ["won't happen again"]
    assert spans("do not hesitate", "Don’t hesitate to call") == ["Don’t hesitate"]


def test_possessive_is_kept_but_been_contraction_is_split():
    assert spans("shop is been {busy}", "the shop's been swamped") == ["shop's been swamped"]
    assert spans("shop is", "the shop's door") == []


def test_start_anchor():
    assert spans("^ calm down", "Calm down please") == ["Calm down"]
    assert spans("^ calm down", "The sea should calm down") == []
    assert spans("[^] hope this helps", "Hope this helps") == ["Hope this helps"]
    assert spans("[^] hope this helps", "I hope this helps") == ["hope this helps"]


def test_end_anchor():
    assert spans("i promise $", "It will be fine, I promise.") == ["I promise"]
    assert spans("i promise $", "I promise to call you") == []
    assert spans("no (problem|worries) $", "I'll be there, no problem!") == ["no problem"]


def test_anchor_in_the_middle_is_an_error():
    with pytest.raises(PhraseError):
        expand("calm ^ down", CLASSES)
    with pytest.raises(PhraseError):
        expand("calm $ down", CLASSES)


@pytest.mark.parametrize("bad", ["(a|b", "[a b", "a )", "{nosuch}", "a , b", "{self}"])
def test_bad_phrases_raise_phrase_error(bad):
    with pytest.raises(PhraseError):
        expand(bad, CLASSES)


def test_expand_lists_the_word_sequences():
    phrase = expand("(a|b) [c]", {})
    assert sorted(phrase) == [("a",), ("a", "c"), ("b",), ("b", "c")]
    assert len(phrase) == 3  # graph words, not variants


def test_classes_cost_their_sum_not_their_product():
    # 60 × 60 × 60 × 60 variants, but only 240 words in the graph.
    phrase = expand("{many} {many} {many} {many}", CLASSES)
    assert len(phrase) == 240 < MAX_EXPANSIONS
    automaton = Automaton()
    automaton.add(phrase, "rule")
    toks = tokens("w1 w59 w0 w7")
    assert [(i, j) for _, i, j in automaton.matches(toks)] == [(0, 4)]


def test_many_rules_share_one_automaton():
    automaton = Automaton()
    automaton.add(expand("calm down", {}), "defensive")
    automaton.add(expand("[please] calm down", {}), "other")
    automaton.add(expand("down", {}), "third")
    found = sorted((p, i, j) for p, i, j in automaton.matches(tokens("please calm down")))
    assert found == [("defensive", 1, 3), ("other", 0, 3), ("other", 1, 3), ("third", 2, 3)]


def test_matching_time_grows_with_the_draft_not_the_phrases():
    def best_of_three(n_phrases: int) -> tuple[float, int]:
        automaton = Automaton()
        for i in range(n_phrases):
            automaton.add(expand(f"word{i} (alpha|beta) [gamma] _ delta{i % 7}", {}), i)
        toks = tokens(" ".join(f"word{i} beta x delta{i % 7}" for i in range(300)))
        automaton.matches(toks)  # build the lazy states once
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            found = automaton.matches(toks)
            times.append(time.perf_counter() - t0)
        return min(times), len(found)

    few, found_few = best_of_three(300)
    many, found_many = best_of_three(3000)
    assert (found_few, found_many) == (300, 300)
    # Ten times the phrases: a scan per phrase would take ten times as long.
    assert many < 3 * few + 0.002, (few, many)
