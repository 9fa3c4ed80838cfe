"""Tone: VADER sentiment through nltk, with the lexicon from the ``vaderSentiment`` pip package.

nltk's `SentimentIntensityAnalyzer` normally loads ``vader_lexicon`` from
nltk_data (downloaded). `Vader` reads the same tab-separated lexicon that
``vaderSentiment`` ships as package data, so nothing is fetched.

Tone is measured per sentence (compound score, −1…1, cached by sentence
text). The draft's tone is the word-weighted mean over its sentences, put in
words by `label`. A sentence is *curt* — evidence for the ``defensive``
category — when it is short, addressed to the customer ("you", "your"),
clearly negative, carries no softener ("please", "sorry", "thanks"…), owns
no mistake ("our mistake"), and does not follow a sentence that
acknowledges the customer. VADER alone is weak evidence, so curt findings
are ``info``; the pack's defensive rules carry the stronger ones.
"""

from __future__ import annotations

import re
import string
import threading
from functools import lru_cache
from importlib import resources

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from ..engine.edits import GREETING
from ..engine.findings import Finding, Suggestion
from ..engine.segment import Sentence

CURT_MAX_WORDS = 12
CURT_COMPOUND = -0.3
_YOU = re.compile(r"\b(you|your|yours|yourself|you['’](re|ve|ll|d))\b", re.IGNORECASE)
_SOFTENER = re.compile(
    r"\b(please|sorry|apolog\w*|thanks?|thank you|appreciate\w*|understand\w*|glad|happy to|"
    r"let me|I['’]ll|I will|we['’]ll|we will|could you|would you|kindly|frustrat\w*|"
    r"I can see|I see why|I hear|I['’]d hate|I would hate|"
    r"(our|my) (own )?(mistake|fault|error)|we (made|messed|got it wrong))\b",
    re.IGNORECASE)
# Words that name the technical trouble being discussed, not an attitude to the customer: VADER scores
# "error" or "lost" as negative, but "Are you seeing an error?" is not curt. Masked before scoring.
_TROUBLE = re.compile(
    r"\b(errors?|issues?|problems?|bugs?|glitch\w*|crash\w*|outages?|suspend\w*|suspension|lost|loss|"
    r"delay\w*|no (more|longer))\b", re.IGNORECASE)
# A question or a condition ("If you think it happened in error, …") is not a curt statement.
_NOT_A_STATEMENT = re.compile(r"^\W*(if|when|whenever|in case|should|unless)\b|\?[\"'”’)\]]*\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_PUNCT = frozenset(string.punctuation)
_PUNCT_CHARS = string.punctuation
_MARKS = frozenset(VaderConstants.PUNC_LIST)


class _SentiText(SentiText):
    """nltk's SentiText with a linear punctuation strip.

    NOTE: nltk builds a dict of every (punctuation mark × word) pair of the
    sentence to strip one leading or trailing mark from a token: ~500 string
    joins per sentence, two thirds of VADER's time. The words have no ASCII
    punctuation left in them, so the mark to strip is exactly the token's
    leading (or trailing) run of punctuation; we look that up, and only for
    tokens that have punctuation at an edge. `tests/test_tone.py` checks the
    scores equal nltk's own.
    """

    def _words_and_emoticons(self):
        tokens = [t for t in self.text.split() if len(t) > 1]
        marks = _MARKS if self.PUNC_LIST is VaderConstants.PUNC_LIST else frozenset(self.PUNC_LIST)
        for n, token in enumerate(tokens):
            if token[0] in _PUNCT or token[-1] in _PUNCT:  # else nothing to strip: the common case
                stripped = _strip(token, marks)
                if stripped is not None:
                    tokens[n] = stripped
        return tokens


def _is_word(text: str) -> bool:
    """Whether nltk's word set for the sentence holds `text`: no punctuation, two characters or more.

    nltk's set is the sentence with punctuation deleted, split on whitespace,
    without one-letter words; a token's punctuation-free core is always in it.
    """
    return len(text) > 1 and not any(ch in _PUNCT for ch in text)


def _strip(token: str, marks: frozenset[str]) -> str | None:
    """`token` without one listed mark before or after a word of the sentence, as nltk's mapping gives."""
    # nltk lets "word + mark" win over "mark + word"; they never collide anyway.
    i = len(token)
    while i and token[i - 1] in _PUNCT:
        i -= 1
    if i < len(token) and token[i:] in marks and _is_word(token[:i]):
        return token[:i]
    j = 0
    while j < len(token) and token[j] in _PUNCT:
        j += 1
    if j and token[:j] in marks and _is_word(token[j:]):
        return token[j:]
    return None


class Vader(SentimentIntensityAnalyzer):
    """nltk's VADER with the lexicon from ``vaderSentiment`` and a faster tokenizer step."""

    def __init__(self) -> None:  # noqa: D107 - nltk's __init__ would load from nltk_data
        self.lexicon_file = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(
            encoding="utf-8").strip()
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()

    def polarity_scores(self, text):
        # nltk's method, except that it builds our _SentiText.
        sentitext = _SentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        lexicon, boosters, last = self.lexicon, self.constants.BOOSTER_DICT, len(words_and_emoticons) - 1
        first_index = {}
        for idx, token in enumerate(words_and_emoticons):
            first_index.setdefault(token, idx)
        for item in words_and_emoticons:
            i = first_index[item]
            lower = item.lower()
            if (i < last and lower == "kind" and words_and_emoticons[i + 1].lower() == "of") or lower in boosters \
                    or lower not in lexicon:  # sentiment_valence gives a word outside the lexicon 0 too
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


_lock = threading.Lock()
_vader: Vader | None = None


def vader() -> Vader:
    """The process's analyzer, built on first use (a few milliseconds)."""
    global _vader
    if _vader is None:
        with _lock:
            if _vader is None:
                _vader = Vader()
    return _vader


@lru_cache(maxsize=16384)
def compound(sentence: str) -> float:
    """VADER's compound score of one sentence, −1 (negative) … 1 (positive); cached by text."""
    analyzer = vader()
    if not _has_lexicon_word(sentence, analyzer.lexicon):
        return 0.0  # every word scores 0, so VADER's sum, and its compound, is 0
    return analyzer.polarity_scores(sentence)["compound"]


def _has_lexicon_word(sentence: str, lexicon: dict) -> bool:
    """Whether any token VADER could make of the sentence is in its lexicon.

    VADER's token is a whitespace-separated piece, possibly without its leading
    or its trailing punctuation; we try all three forms.
    """
    for token in sentence.lower().split():
        if token in lexicon or token.lstrip(_PUNCT_CHARS) in lexicon or token.rstrip(_PUNCT_CHARS) in lexicon:
            return True
    return False


def draft_tone(sentences: list[Sentence], weights: list[int]) -> float:
    """Word-weighted mean compound score of the sentences (0.0 for an empty draft)."""
    total = sum(weights)
    if not total:
        return 0.0
    return sum(compound(s.text) * w for s, w in zip(sentences, weights)) / total


def label(score: float) -> str:
    """The tone in words."""
    if score <= -0.35:
        return "negative"
    if score <= -0.05:
        return "slightly negative"
    if score < 0.05:
        return "neutral"
    if score < 0.35:
        return "mildly positive"
    if score < 0.7:
        return "positive"
    return "very positive"


def is_curt(sentence: str, previous: str = "") -> bool:
    """Short, aimed at the customer, clearly negative, unsoftened, and not after an acknowledgement."""
    if not _YOU.search(sentence) or _SOFTENER.search(sentence) or _SOFTENER.search(previous):
        return False
    if len(_WORD.findall(sentence)) > CURT_MAX_WORDS or _NOT_A_STATEMENT.search(sentence):
        return False
    return compound(_TROUBLE.sub("", sentence)) <= CURT_COMPOUND


ACKNOWLEDGE = "I understand how frustrating this is."


def findings(sentences: list[Sentence]) -> list[Finding]:
    """``defensive`` findings for curt sentences, with an acknowledgement to put first."""
    out = []
    previous = ""
    for sent in sentences:
        if is_curt(sent.text, previous):
            # a greeting on the sentence's line stays first ("Hi Tadhg, that's your Friday slot cancelled.")
            g = GREETING.match(sent.text)
            skip = g.end() if g and "," in g.group() and g.end() < len(sent.text) else 0
            rest = sent.text[skip:]
            out.append(Finding(
                "tactful.tone.curt", "defensive", "info", sent.start + skip, sent.end,
                "This short, negative sentence aimed at the customer can read as curt.",
                "You can win the argument and lose the customer: acknowledge how they feel before the facts.",
                (Suggestion(f"{ACKNOWLEDGE} {rest[:1].upper()}{rest[1:]}", "Acknowledge the customer first"),)))
        previous = sent.text
    return out
