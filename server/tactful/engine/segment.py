"""Sentences and word tokens, with their spans in the draft.

Sentences come from nltk's Punkt tokenizer, built from parameters that ship
in this package (an abbreviation list), so no model is downloaded. A line
break also ends a sentence: greetings, bullet points and sign-offs stand on
lines of their own in an e-mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .authored import Block

_ABBREVIATIONS = (
    "mr mrs ms dr prof sr jr st mt ave blvd rd inc ltd co corp dept est approx appt "
    "e.g i.e etc vs a.m p.m no nos tel ext fig jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun u.s u.k min max misc ref attn"
).split()

# A word: letters/digits with inner apostrophes, hyphens or dots ("we're", "follow-up", "a.m").
WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*", re.UNICODE)

# Contractions are expanded so that a phrase written "we are" matches "we're".
_SUFFIXES = {"'re": ("are",), "'ve": ("have",), "'m": ("am",), "'ll": ("will",), "'d": ("would",)}
_NEGATIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
              "ain't": ("is", "not")}
_S_PRONOUNS = {"it", "that", "there", "he", "she", "what", "who", "here", "this", "where", "everything",
               "nothing", "everyone", "someone", "that's"}


_BEEN = re.compile(r"\s+(been|got|gotten)\b", re.IGNORECASE)


def _suffix_len(word: str) -> int:
    """Length of a contraction suffix ("'ve", "'m"...) that ends `word`, or 0."""
    if word[-3:] in _SUFFIXES:
        return 3
    if word[-2:] in _SUFFIXES:
        return 2
    return 0


class Token(NamedTuple):
    """A normalized word and its span (code-point indexes into the draft). A tuple: cheap to make."""

    norm: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


class _Punkt(PunktSentenceTokenizer):
    """Punkt with its decision at each candidate break cached.

    Punkt decides whether a full stop (or ? !) ends a sentence from a short
    context: the word before it and the token after. With fixed parameters that
    decision depends on the context string alone, and contexts such as
    "today. We" recur from draft to draft, so each is worked out once.
    """

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._decide = lru_cache(maxsize=65536)(super().text_contains_sentbreak)

    def text_contains_sentbreak(self, text: str) -> bool:
        return self._decide(text)


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS)
    return _Punkt(params)


@lru_cache(maxsize=8192)
def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Punkt's sentence spans in one line; cached, since a re-review after an edit repeats most lines."""
    if not _INNER_BREAK.search(line):  # no full stop, ? or ! followed by more text: one sentence
        return tuple(_split_after_urls(line, ((0, len(line)),)))
    return tuple(_split_after_urls(line, _punkt().span_tokenize(line)))


# Punkt only ends a sentence at terminal punctuation (perhaps closed by quotes or brackets) followed by
# white space and more text; a line without one is a single sentence.
_INNER_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")


# A pictograph, and one with what joins or styles it ("👍🏽", "❤️"): the emoji that a writer ends a sentence with.
EMOJI = "[\U0001F000-\U0001FAFF\u2600-\u27BF]"
EMOJI_RUN = EMOJI + "[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]*"

# A link or an emoji followed by a capitalised word ends a sentence even without a full stop
# ("… see https://help.example/x Let us know if …", "that's a rough start 😳 Honestly that station…"; an emoji
# only after a few words of a sentence).
_URL_BREAK = re.compile(r"(?:(?:https?://|www\.)\S+|" + EMOJI_RUN + r")[ \t]+(?=[A-Z@])")


def _split_after_urls(line: str, spans):
    for s, e in spans:
        start = s
        for m in _URL_BREAK.finditer(line, s, e):
            # an emoji after a greeting or a word or two ("Hi 😀 Dana,", "Thanks 👍 See you") ends no sentence
            if m.end() < e and (m.group().startswith(("http", "www")) or len(line[start:m.start()].split()) >= 3):
                yield start, m.end()
                start = m.end()
        yield start, e


def sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """Split every authored block into sentences, one line at most each."""
    out: list[Sentence] = []
    for block in blocks:
        for m in re.finditer(r"[^\r\n]+", text[block.start:block.end]):
            line = m.group()
            base = block.start + m.start()
            for s, e in _line_spans(line):
                chunk = line[s:e]
                stripped = chunk.strip()
                if not stripped:
                    continue
                lead = len(chunk) - len(chunk.lstrip())
                a = base + s + lead
                out.append(Sentence(a, a + len(stripped), stripped))
    return out


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of `text`, spans shifted by `offset`, contractions expanded."""
    if "'" not in text and "’" not in text:  # no contraction anywhere: the fast path
        return [Token(m.group().lower(), m.start() + offset, m.end() + offset) for m in WORD.finditer(text)]
    out: list[Token] = []
    for m in WORD.finditer(text):
        word = m.group().lower()
        a, b = m.start() + offset, m.end() + offset
        if "'" not in word and "’" not in word:  # most words: no contraction to expand
            out.append(Token(word, a, b))
            continue
        word = word.replace("’", "'")
        if word in _NEGATIONS:
            first, second = _NEGATIONS[word]
            out.append(Token(first, a, b - 3))
            out.append(Token(second, b - 3, b))
        elif word.endswith("n't"):
            out.append(Token(word[:-3], a, b - 3))
            out.append(Token("not", b - 3, b))
        elif (k := _suffix_len(word)) and len(word) > k:
            out.append(Token(word[:-k], a, b - k))
            out.append(Token(_SUFFIXES[word[-k:]][0], b - k, b))
        elif word.endswith("'s") and len(word) > 2 and (word[:-2] in _S_PRONOUNS or _BEEN.match(text, m.end())):
            # "it's" and "the shop's been": the verb, not a possessive ("the shop's door").
            out.append(Token(word[:-2], a, b - 2))
            out.append(Token("is", b - 2, b))
        elif word == "let's":
            out.append(Token("let", a, b - 2))
            out.append(Token("us", b - 2, b))
        else:
            out.append(Token(word, a, b))
    return out
