"""English inflections for phrase lists: `slam~` matches slam, slams, slammed, slamming.

Generation over-produces on purpose (both "slamed" and "slammed"): a form
that English never uses never occurs in a draft, so it costs nothing, and it
spares us knowing where a word's stress falls.
"""

from __future__ import annotations

_IRREGULAR = {
    "be": "am is are was were been being",
    "have": "has had having",
    "do": "does did done doing",
    "go": "goes went gone going",
    "get": "gets got gotten getting",
    "make": "makes made making",
    "take": "takes took taken taking",
    "give": "gives gave given giving",
    "keep": "keeps kept keeping",
    "tell": "tells told telling",
    "say": "says said saying",
    "leave": "leaves left leaving",
    "hold": "holds held holding",
    "put": "puts putting",
    "send": "sends sent sending",
    "come": "comes came coming",
    "know": "knows knew known knowing",
    "see": "sees saw seen seeing",
    "let": "lets letting",
    "set": "sets setting",
    "pay": "pays paid paying",
    "lose": "loses lost losing",
    "break": "breaks broke broken breaking",
    "bring": "brings brought bringing",
    "buy": "buys bought buying",
    "catch": "catches caught catching",
    "feel": "feels felt feeling",
    "find": "finds found finding",
    "forget": "forgets forgot forgotten forgetting",
    "hear": "hears heard hearing",
    "mean": "means meant meaning",
    "meet": "meets met meeting",
    "read": "reads reading",
    "sell": "sells sold selling",
    "spend": "spends spent spending",
    "stand": "stands stood standing",
    "think": "thinks thought thinking",
    "understand": "understands understood understanding",
    "write": "writes wrote written writing",
    "run": "runs ran running",
    "fall": "falls fell fallen falling",
    "drive": "drives drove driven driving",
    "eat": "eats ate eaten eating",
    "grow": "grows grew grown growing",
    "shut": "shuts shutting",
    "sit": "sits sat sitting",
    "steal": "steals stole stolen stealing",
    "swear": "swears swore sworn swearing",
    "throw": "throws threw thrown throwing",
    "wear": "wears wore worn wearing",
    "win": "wins won winning",
    "cut": "cuts cutting",
    "hit": "hits hitting",
    "quit": "quits quitting",
    "lay": "lays laid laying",
    "lie": "lies lay lain lying",
    "ring": "rings rang rung ringing",
    "sink": "sinks sank sunk sinking",
    "slip": "slips slipped slipping",
    "child": "children",
    "person": "people persons",
    "man": "men",
    "woman": "women",
}
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """The word and its -s, -ed, -ing forms (verbs) or plural (nouns)."""
    forms = {word}
    if word in _IRREGULAR:
        forms.update(_IRREGULAR[word].split())
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if (len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"}
                and word[-2] in _VOWELS and word[-3] not in _VOWELS):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms
