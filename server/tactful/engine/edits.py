"""Sentence-level edits: a suggestion rewrites the faulty clause within its sentence, not just the flagged words.

A rule or the detector flags some words; what a reader needs is a sentence that
still reads well once the fault is gone. So each suggestion becomes an edit of
the sentence:

- a **deletion** removes the whole clause with its connective ("…, so things
  are all over the place here") and its dependent clauses ("… since Sharon
  left"), or the whole sentence, and leaves clean punctuation;
- a **template** ("I'll have this sorted by [day and time].") never lands
  inside a clause that depended on the removed words: the faulty clause goes,
  and the template follows as a sentence of its own, or takes the place of the
  whole sentence when the fault was the whole sentence;
- a **greeting** on the same line ("Hi Sarah, thanks for getting in touch!")
  is never part of the edit: "Hi Sarah," stays.

Also here: how far a fault reaches (`fault_run`), hedging an overpromise
(`hedge`) and tidying a plain deletion (`tidy_deletion`). Which edit a finding
offers, and the check each passes, is `suggest.py`'s work.
"""

from __future__ import annotations

import re

from .segment import EMOJI, EMOJI_RUN, Sentence
from .signals import eta_spans

GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening|day))\b[^,!?.\n]{0,40}[,!]?[ \t]*|"
    # ... or an exclamation and the customer's name ("Oh Linda, …", "Yikes, Kevin, …")
    r"(?:oh|ah|aw|aww|yikes|wow|ooh|phew)\b,?[ \t]+(?-i:[A-Z][\w'’-]+)[ \t]*,[ \t]*",
    re.IGNORECASE)
# Between clauses: a comma, semicolon or colon before a space (not the comma in "$1,034"), or a dash. It starts
# at the mark itself (spaces before it belong to the clause before), so a run of spaces is scanned once.
_SEPARATOR = re.compile(r"(?:[,;:](?=\s)|(?<=[ \t])[—–-](?=[ \t])|[—–])[ \t]*")
# Days and months join nouns, not clauses ("Tuesdays and Thursdays", "March and April").
_CALENDAR = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|january|february|march|april|may|june|july|"
             r"august|september|october|november|december)\b")
# A clause that only continues the one before it starts with a coordinating word; a dependent clause
# (because, since, which…) belongs to the clause it depends on and goes with it.
_COORDINATING = re.compile(
    r"\b(?:and|but|so|or|yet|plus)[ \t]+(?=(?:i|i'm|i've|i'll|i'd|we|we're|we've|we'll|you|you're|you've|he|he's|she|"
    r"she's|it|it's|they|they're|there|there's|that|that's|this|the|our|my|your|his|her|their|a|an|nobody|no one|"
    r"everyone|someone|(?!" + _CALENDAR + r")(?-i:[A-Z])\w*)\b)", re.IGNORECASE)
_SUBORDINATING = re.compile(
    r"\b(?:because|since|as|which|while|whilst|although|though|when|until|unless|after|before|if|cause|cos|'cause)\b",
    re.IGNORECASE)
_TERMINAL = ".!?…"
# Where a reason or a dependent clause starts: a run of clauses may end before it ("…invoice because our GM…").
_CAUSAL = re.compile(r"\b(?:because|since|due to|owing to|as a result of|after|until|while|whilst|although|though|"
                     r"which|so that|cause|cos)\b", re.IGNORECASE)
_SEPARATOR_CHARS = " \t,;:—–-"
_CONNECTIVE = re.compile(r"(?:and|but|so|or|yet|plus|then)[ \t]+(?=\w)", re.IGNORECASE)
_OPENING_CONNECTIVE = re.compile(r"^[ \t,;:—–-]*(?:(?:and|but|so|or|yet|plus|then)[ \t]+)?", re.IGNORECASE)
# A clause after a separator that only depends on the one before it goes with it ("…outage, which is why…").
_DEPENDENT = re.compile(r"(?:which|because|since|so that|who|whose|where)\b", re.IGNORECASE)
# An apology that the template may follow after its comma, as one sentence.
_APOLOGY_HEAD = re.compile(
    r"(?:(?:so|very|really|terribly) )?(?:sorry|apologies|my apologies)(?: (?:about|for) (?:that|this|the (?:delay|wait|"
    r"slow reply|late reply|radio silence|mix-up|confusion)))?", re.IGNORECASE)
APOLOGY = re.compile(r"\b(?:sorry|apolog(?:y|ies|ise|ize|ising|izing))\b", re.IGNORECASE)
_APOLOGY_OPENS = re.compile(r"\W*(?:(?:so|very|really|I'm|I am|we're|we are) )*(?:sorry|apologies)\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"(?:honestly|frankly|to be (?:honest|frank|fair)(?: (?:with|to) (?:you|him|her|them|us))?|truth be told|tbh|"
    r"(?:I'll|I will|I'm going to|I am going to|let me|I have to|I must|I need to) be (?:honest|frank|straight|"
    r"upfront|open|candid)(?: with you)?|"
    r"unfortunately|sadly|also|plus|however|anyway|on top of (?:that|this)|for what it's worth|"
    r"(?:just |strictly )?between (?:you and me|us|ourselves)|off the record|confidentially|"
    r"(?:please |kindly )(?:be advised|be informed|note)(?: that)?|(?:we|I) (?:wish|would like) to (?:inform|advise) you"
    r"(?: that)?|(?:we|I) (?:acknowledge|confirm) receipt of|this is to (?:inform|advise) you(?: that)?|"
    r"(?:please )?don'?t tell anyone(?: I told you)?(?: this)?(?: but)?|I'?m not (?:supposed|meant) to (?:say|tell you)"
    r"(?: this)?(?: but)?|you didn'?t hear (?:it|this) from me|keep this between us|"
    r"as (?:I|we) (?:said|mentioned|explained|told you)[^,;:]*|"
    r"as (?:a|our) valued [\w ]+|as you (?:know|can imagine))", re.IGNORECASE)
_CLOSERS = "\"'”’)]"
_PLACEHOLDER = re.compile(r"\[[^\]]+\]")
# Words that may lose their capital when a greeting comma comes to stand before them.
_COMMON_STARTS = frozenset(
    "the your you we our it this that there these those i'm thanks thank a an just please all good "
    "here my as so".split())


def body(text: str, sent: Sentence) -> tuple[int, int, int]:
    """(greeting end, body end, terminal end): the sentence without a greeting ahead nor its closing punctuation."""
    a = sent.start
    g = GREETING.match(text, a, sent.end)
    if g and g.end() < sent.end and text[g.end() - 1:g.end()].strip() in ("", ",", "!") and "," in g.group():
        a = g.end()
    b = sent.end
    while b > a and (text[b - 1] in _TERMINAL or text[b - 1] in _CLOSERS):
        b -= 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b, sent.end


def clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses of text[a:b], each with the connective that opens it, without separators."""
    cuts = [a]
    for m in _SEPARATOR.finditer(text, a, b):
        cuts += [m.start(), m.end()]
    cuts.append(b)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2) if cuts[i] < cuts[i + 1]]
    out = []
    for s, e in pieces:
        starts = sorted({s, *(m.start() for rx in (_COORDINATING, _CAUSAL) for m in rx.finditer(text, s + 1, e)
                              if text[m.start() - 1].isspace())})
        out += [(x, y) for x, y in zip(starts, starts[1:] + [e]) if text[x:y].strip()]
    # A piece with no verb of its own ("…at the end of the month, in one batch") belongs to the clause before it.
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and _verbless(text[s:e]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(s, e - (len(text[s:e]) - len(text[s:e].rstrip()))) for s, e in merged]


def _verbless(piece: str) -> bool:
    return not FINITE.search(piece) and not _SUBJECT_FIRST.match(piece.lstrip(_SEPARATOR_CHARS))


def clause_around(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """The clause (with its connective and its dependent clauses) that holds text[start:end], within [a, b)."""
    while start < end - 1 and text[start] in " \t,;:—–-":
        start += 1
    while end > start + 1 and text[end - 1] in " \t,;:—–-.!?":
        end -= 1
    cs, ce = a, b
    for m in _SEPARATOR.finditer(text, a, max(a, start)):
        cs = m.end()
    for m in _COORDINATING.finditer(text, cs, max(cs, start)):
        cs = m.start()
    if cs == a:  # no separator before the fault: its clause starts at the first subordinator ("… because …")
        for m in _SUBORDINATING.finditer(text, cs + 1, max(cs, start)):
            if text[m.start() - 1].isspace():
                cs = m.start()
                break
    m = _SEPARATOR.search(text, min(end, b), b)
    while m and _DEPENDENT.match(text, m.end()):
        m = _SEPARATOR.search(text, m.end(), b)
    if m:
        ce = m.start()
    m = _COORDINATING.search(text, min(end, ce), ce)
    if m and m.start() > end:
        ce = m.start()
    while ce > cs and text[ce - 1].isspace():
        ce -= 1
    return min(cs, start), max(ce, min(end, b))


def _skip_blanks(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def is_lead_in(words: str) -> bool:
    """Whether `words` are only a lead-in ("Between you and me", "Honestly"), not the fault that follows it."""
    return _LEAD_IN.fullmatch(words.strip(_SEPARATOR_CHARS + _TERMINAL)) is not None


_FILLERS = re.compile(r"^(?:(?:ok(?:ay)?|so|and|but|look|well|right|listen)\b[ \t,]*)+|[ \t,]+(?:though|tho)$",
                      re.IGNORECASE)


def _only_a_lead_in(head: str) -> bool:
    """Whether what precedes a clause is only a lead-in that cannot stand without it."""
    head = head.strip(_SEPARATOR_CHARS)
    words = head.split()
    # ... with the fillers a writer puts around it: "Okay so between you and me,", "Between ourselves though,"
    bare = _FILLERS.sub("", head).strip(_SEPARATOR_CHARS)
    return (not words or _LEAD_IN.fullmatch(head) is not None or _LEAD_IN.fullmatch(bare) is not None
            or (len(words) < 3 and not APOLOGY.search(head)))


def _sentence_case(rep: str) -> str:
    rep = rep.strip()
    if not rep:
        return rep
    rep = rep[0].upper() + rep[1:]
    return rep if rep[-1] in _TERMINAL else rep + "."


# A sentence that only announces the next one ("I will be candid with you.", "The short version:").
_ANNOUNCES = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+|\n[ \t]*)((?:(?:I(?:'ll| will|'m going to) be|to be) "
    r"(?:honest|candid|straight|frank|upfront|"
    r"open)(?: with you)?(?: here)?|here'?s the (?:thing|deal|situation|story)|(?:the )?short version|long story short|"
    r"truth be told)[.:!—–-]*[ \t]*)$", re.IGNORECASE)


_MOVING_ON = re.compile(r"(?:(?:so|but|ok|okay) )?(?:anyway|anyhow|anyways),?[ \t]+", re.IGNORECASE)
_POSTSCRIPT = re.compile(r"(?:^|\n)[ \t]*(P\.?S\.?:?[ \t]*)$", re.IGNORECASE)


_EMOJI_RUN = re.compile(EMOJI_RUN + r"(?=[ \t]|$|\r|\n)", re.MULTILINE)
_BLANKS = re.compile(r"[ \t]*")


def _past_emoji(text: str, t: int) -> int:
    """Where what follows a deleted sentence starts: past the blanks, and past the emoji that closed the sentence
    ("Have a great ride! 🛴" goes whole)."""
    end = _BLANKS.match(text, t).end()
    emoji = _EMOJI_RUN.match(text, end)
    return _BLANKS.match(text, emoji.end()).end() if emoji else end


def _delete(text: str, sent: Sentence, a: int, b: int, t: int, cs: int, ce: int) -> tuple[int, int, str]:
    """Delete the clause [cs, ce) of the sentence: (edit start, edit end, replacement)."""
    if cs <= a and ce >= b:  # the whole body goes
        if a > sent.start:  # a greeting stays: "Hi Sarah, thanks for writing! The part…" -> "Hi Sarah, the part…"
            end = _past_emoji(text, t)
            anyway = _MOVING_ON.match(text, end)
            if anyway and text[end - 1] != "\n":
                end = anyway.end()
            nxt = re.match(r"[^\W\d_][\w'’]*", text[end:])
            if nxt and end < len(text) and text[end - 1] != "\n":
                word = nxt.group()
                lowered = word.lower() if word.lower() in _COMMON_STARTS else word
                return a, end + len(word), lowered
            return a, t, ""
        end = _past_emoji(text, t)
        # "I'll be honest with you." announced the sentence: it goes with it
        lead = _ANNOUNCES.search(text, max(0, sent.start - 80), sent.start)
        start = lead.start(1) if lead else sent.start
        ps = _POSTSCRIPT.search(text, max(0, start - 12), start)  # "P.S." with nothing left after it goes too
        if ps and (end >= len(text) or text[end] in "\r\n"):
            start = ps.start(1)
        if end < len(text) and text[end] not in "\r\n":
            anyway = _MOVING_ON.match(text, end)  # "Anyway, I found your booking" moved on from what went
            if anyway and anyway.end() < len(text) and text[anyway.end()].isalpha():
                return start, anyway.end() + 1, text[anyway.end()].upper()
            return start, end, ""
        # the last sentence on its line: a space left before the line break is unseen (its emoji goes with it)
        return start, t + len(text[t:end].rstrip(" \t")), ""
    if cs <= a:  # the opening clause goes: the next one starts the sentence
        m = _SEPARATOR.match(text, _skip_blanks(text, ce))
        rest = m.end() if m else ce
        while rest < len(text) and text[rest] in " \t":
            rest += 1
        conn = _CONNECTIVE.match(text, rest)
        if conn:
            rest = conn.end()
            while rest < len(text) and text[rest] in " \t":
                rest += 1
        if a > sent.start:
            return cs, rest, ""
        return cs, rest + 1, text[rest:rest + 1].upper()
    # a later clause goes with the separator before it
    start = cs
    while start > a and (text[start - 1] in " \t,;:—–-"):
        start -= 1
    if ce >= b and not any(ch in _TERMINAL for ch in text[ce:t]) and re.match(r"[ \t]+\S", text[t:t + 2]):
        # the clause ended the sentence with an emoji for a full stop ("…who does what yet 🙃 Anyway, I found
        # it"): what is left needs one before the next sentence on the line
        return start, ce, "."
    return start, ce, ""


# The reason a sentence ends on ("…got bumped because dispatch reshuffled the week"): it may go alone, and what it
# explained stays as the news, when that is a sentence of its own (a few words, with a verb).
_BECAUSE = re.compile(r"[ \t,;:—–-]*(?:because|due to|owing to|as a result of|'?cause|cos)\b", re.IGNORECASE)


def ends_on_reason(text: str, a: int, start: int, end: int, b: int) -> bool:
    """Whether text[start:end] is the reason clause that ends the sentence body text[a:b] and what comes before it
    is a sentence on its own."""
    head = text[a:start]
    return (bool(_BECAUSE.match(text, start)) and end >= b - 1 and len(head.split()) >= 4
            and bool(FINITE.search(head)) and not _BECAUSE.search(head))


def sentence_edit(text: str, sent: Sentence, start: int, end: int, replacement: str,
                  whole: bool = False) -> tuple[int, int, str]:
    """The edit of `sent` that applies `replacement` to the fault at text[start:end].

    `whole`: the fault is the whole sentence (a finding of sentence scope).
    """
    a, b, t = body(text, sent)
    if whole:
        cs, ce = a, b
    else:
        cs, ce = clause_around(text, a, b, max(start, a), min(end, b))
        if cs > a and _only_a_lead_in(text[a:cs]):  # "Honestly, [fault]" never leaves "Honestly."
            cs = a
        elif not replacement and cs == a < start and ends_on_reason(text, a, start, end, b):
            cs = start  # "Your visit got bumped because dispatch reshuffled the week." -> "Your visit got bumped."
    if not replacement:
        return _delete(text, sent, a, b, t, cs, ce)
    template = _sentence_case(replacement)
    if cs <= a and ce >= b:  # the fault is the sentence: the template takes its place
        return a, t, template
    if ce >= b and _APOLOGY_HEAD.fullmatch(text[a:cs].strip(_SEPARATOR_CHARS)) and template.startswith("I"):
        return cs, t, template  # "Sorry, we've been swamped." -> "Sorry, I'll have this done by [day and time]."
    ds, de, rep = _delete(text, sent, a, b, t, cs, ce)
    joined = (rep + text[de:t]).rstrip()
    if not joined.endswith(tuple(_TERMINAL)):
        joined += "."
    return ds, t, joined + " " + template


# A run of clauses may be the fault only if what is left is still a sentence: a few words, with a verb (an
# auxiliary, a negation or a past tense is the cheap sign of one; "Our sales manager, Mr. Broussard" has none).
_MIN_REST_WORDS = 5
FINITE = re.compile(r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|should|"
                     r"shall|may|might|must|\w+ed|\w+n[’']t|"
                     # (the common irregular past tenses: "The invoice went to you")
                     r"went|came|got|sent|left|took|made|gave|found|put|told|said|paid|kept|brought|bought|held|"
                     r"ran|saw|knew|thought|felt|built|lost|spent|broke|fell|wrote|spoke|began|shut|cut|set)\b|"
                     r"[’'](?:s|re|ve|ll|d|m)\b", re.IGNORECASE)
_SUBJECT_FIRST = re.compile(r"(?:I|we|you|he|she|they|it|there|this|that|(?:and|but|so|or|yet|plus) \w+ \w+)\b",
                            re.IGNORECASE)
_MAX_CLAUSES = 6  # runs tried: at most 20 short sentences scored, for flagged sentences only
_MAX_LOCATE_CHARS = 600  # a longer "sentence" is no sentence a writer wrote: it is taken whole


# What is left of a sentence reads as clean when the detector gives it less than this for the category. An
# excuse or an overshare is told over several clauses ("We've lost three housekeepers and the new girls are
# still learning the floors"), so what is left of it must read as clearly clean, not merely more clean than not.
_CLEAN_REST = {"excuse": 0.12, "overshare": 0.12}


def clean_rest(category: str) -> float:
    return _CLEAN_REST.get(category, 0.5)


def fault_run(text: str, sent: Sentence, probability, limit: float,
              cover: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The shortest run of the sentence's clauses whose removal leaves a sentence that reads as clean.

    `probability(sentences)` scores what is left without each run (the learned detector, for one category);
    a run qualifies when that is below `limit` and what is left is still a sentence. With `cover`, the run
    must hold those words (a rule's match). Runs that keep the opening clause come first: it usually carries
    the news ("I still can't send the invoice"). None when no run qualifies.
    """
    if sent.end - sent.start > _MAX_LOCATE_CHARS:
        return None
    a, b, _ = body(text, sent)
    parts = clauses(text, a, b)[:_MAX_CLAUSES]
    runs = [(i, j) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1) if (i, j) != (0, len(parts))]
    runs = [(i, j) for i, j in runs if len(text[parts[i][0]:parts[j - 1][1]].split()) >= 2
            and (cover is None or (parts[i][0] <= cover[0] + 1 and cover[1] - 1 <= parts[j - 1][1]))]
    if not runs:
        return None
    # what is left, as the edit would leave it: without the run, and without the connective that opened
    # what follows it when the run was the opening ("…, so your job is still in the queue" -> "Your job…")
    rests = [text[sent.start:parts[i][0]] + (text[parts[j - 1][1]:sent.end] if i else
                                             _OPENING_CONNECTIVE.sub("", text[parts[j - 1][1]:sent.end]))
             for i, j in runs]
    ok = [(i == 0, parts[j - 1][1] - parts[i][0], p, i, j) for (i, j), p, rest in zip(runs, probability(rests), rests)
          # (what a reason the sentence ends on explained is the news: it need only read as more clean than not)
          if (p < limit or (p < 0.5 and j == len(parts) and ends_on_reason(text, a, parts[i][0], parts[i][1], b)))
          and not is_lead_in(rest) and (
              (len(rest.split()) >= _MIN_REST_WORDS and (FINITE.search(rest) or eta_spans(rest)))
              # (a time makes what is left news: "…, so your fitting moves to Monday"; an apology stands on its
              # own: "Sorry for the slow reply, it's just me here…" -> "Sorry for the slow reply.")
              or (len(rest.split()) >= 3 and _APOLOGY_OPENS.match(rest)))]
    if not ok:
        return None
    *_, i, j = min(ok)
    return parts[i][0], parts[j - 1][1]


def is_template(rep: str) -> bool:
    """A suggestion written as a sentence of its own (it has a placeholder), not a word swap."""
    return bool(_PLACEHOLDER.search(rep))


# An overpromise keeps what it says will happen and loses the certainty: the tags and adverbs that turn an
# expectation into a guarantee go, a promise made for someone else becomes an expectation, and the writer
# says when they will confirm it.
_LONGEST_SENTENCE = 600  # longer "sentences" are not prose a writer wrote: no hedge is tried
_CERTAINTY_TAG = re.compile(
    r"\b(?:guaranteed|100 ?%|a hundred per ?cent|hundred percent|no question(?: about it)?|"
    r"no doubt(?: about it)?|for sure|for certain|without fail|without a doubt|no matter what|come what may|"
    r"you have my word(?: on (?:it|that))?|that'?s a (?:given|promise)|"
    r"(?:I|we)(?: can)? (?:promise|guarantee)(?: you)?(?: (?:that|this|it)(?: much)?)?|I can assure you(?: of that)?|"
    r"trust me|no problem(?: at all| whatsoever)?|mark my words|no ifs (?:or|and) buts|"
    r"(?:so )?(?:you can )?(?:consider|take) (?:it|that) (?:as )?(?:done|read)|"
    r"I(?:'d| would) (?:bet|put) (?:my \w+|money) on it|(?:and )?I(?:'ll| will) make sure of (?:it|that)|"
    r"hand on (?:my )?heart|cross my heart|no questions asked|I swear)"
    r"(?!\w)(?=[ \t]*(?:[.!?,;]|$|" + EMOJI + "))",
    re.IGNORECASE)
_CERTAINTY_LEAD = re.compile(
    r"\b(?:I|we)(?: can| personally| absolutely)? (?:promise|guarantee|assure you|swear)"
    # ("I promise you will have it" keeps its subject: "you should have it")
    r"(?: you(?!['’]ll|[ \t]+(?:will|won'?t|are|can|should|shall|get|have|need|'re)\b)| to you)?(?: that)?"
    r"[ \t]+(?=\w)|\b(?:rest assured(?:,? that)?|trust me|believe me|don'?t (?:you )?worry(?: tho(?:ugh)?)?|"
    r"no problem(?: at all)?),?[ \t]+(?=\w)|"
    r"\b(?:100 ?%|definitely|absolutely|certainly|surely|undoubtedly|for sure|guaranteed)[ \t]+(?=\w)|"
    r"\bI (?:can )?(?:tell you|say) for (?:certain|sure)(?: that)?[ \t]+(?=\w)|\bI know for a fact(?: that)?[ \t]+(?=\w)",
    re.IGNORECASE)
# "you won't see another drip" -> "you shouldn't see another drip"
_THIRD_PERSON_WONT = re.compile(r"\b(it|they|he|she|this|that|you)(?:[ \t]+won[’']?t|[ \t]+will not)\b", re.IGNORECASE)
_THIRD_PERSON_WILL = re.compile(
    r"\b((?i:it|they|he|she|this|that|you|"
    r"(?:the|your|our|their|my) (?:[\w€£$%-]+(?:[.,]\d+)* ){0,2}[\w€£$%-]+(?:[.,]\d+)*)|"
    r"(?!I\b|We\b)[A-Z][\w-]*)"
    r"(?:[’']ll| will)(?! not\b)\b")
_GOING_TO = re.compile(r"\b(you|it|they|he|she|this|that)(?:[’']re|[’']s| are| is) going to\b", re.IGNORECASE)
_ABSOLUTE = re.compile(r"\b(?:never|always|ever|every|nothing will|nobody will|no one will|no way|"
                       r"immediately|instantly|right away|straight away|right now|in no time|asap|"
                       r"completely|totally|perfect|perfectly|all(?! set\b)|everything)\b", re.IGNORECASE)


_ENDS_ON_EMOJI = re.compile(EMOJI_RUN + "$")
# A sentence's first clause, before the clause that says "never", "every" or "always" on its own
_ABSOLUTE_CLAUSE = re.compile(r"(.*?\S)(?:,[ \t]+(?:and|but|so)[ \t]+|;[ \t]+|[ \t]+[—–-][ \t]+|"
                              r"[ \t]+and[ \t]+(?=(?:I|we|you|they|it|he|she)\b))(?=[^,;—–]*"
                              + _ABSOLUTE.pattern + r")", re.IGNORECASE)
_DEGREE = re.compile(r"\b(?:completely|totally|perfectly|absolutely|entirely|fully|100 ?%) (?=[a-z])", re.IGNORECASE)
_AT_ONCE = re.compile(r"(\b(?:be|get|got|been) (?:[a-z]+ed|sorted|done|fixed|back|there|in touch) )"
                      r"(?:immediately|right away|straight away|instantly|in no time)\b", re.IGNORECASE)


def certain(words: str) -> bool:
    """Whether `words` say their certainty out loud ("guaranteed", "definitely", "I promise"): what `hedge` removes."""
    return len(words) <= _LONGEST_SENTENCE and bool(_CERTAINTY_TAG.search(words) or _CERTAINTY_LEAD.search(words))


def hedge(sentence: str) -> str | None:
    """The sentence with its certainty taken out, or None when that does not leave a plain expectation.

    "It'll definitely be with you by Friday, guaranteed." -> "It should be with you by Friday."
    """
    if len(sentence) > _LONGEST_SENTENCE:
        return None
    out = _CERTAINTY_TAG.sub("", sentence)
    out = re.sub(r"[,—–-][ \t]*(?=" + EMOJI + ")", " ", out)  # what introduced a dropped tag
    out = re.sub(r"[,—–-][ \t]*(?=[.!?,;]|$)", "", out)
    led = _CERTAINTY_LEAD.sub("", out)
    if led != out:  # "I can promise you this will be the last delay and that we'll close" loses its "that"
        led = re.sub(r"\b(and|but) that (?=\w)", r"\1 ", led)
    # certainty in degree goes too: "will be completely accurate" -> "should be accurate", "sorted immediately" ->
    # "sorted soon"; "never", "always" and "every" are left for the writer to say (no hedge is offered)
    led = _DEGREE.sub("", led)
    led = _AT_ONCE.sub(lambda m: m.group(1) + "soon", led)
    out = _THIRD_PERSON_WILL.sub(lambda m: f"{m.group(1)} should", led)
    out = _GOING_TO.sub(lambda m: f"{m.group(1)} should", out)
    out = _THIRD_PERSON_WONT.sub(lambda m: f"{m.group(1)} shouldn't", out)
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    out = re.sub(r"\s+([,.!?])", r"\1", out)
    out = re.sub(r"^[,;:—–-]+\s*", "", out)  # "No problem at all, they…" -> "they…"
    if out != sentence.strip() and len(out.split()) >= 3 and _ABSOLUTE.search(out):
        # an absolute in a clause of its own goes with that clause: "The pool will definitely be open for your next
        # visit, and you have my word it will be the same every time." -> "The pool should be open for your next visit."
        head = _ABSOLUTE_CLAUSE.match(sentence)
        return hedge(head.group(1)) if head and not _ABSOLUTE.search(head.group(1)) else None
    if out == sentence.strip() or len(out.split()) < 3:
        return None
    out = out[0].upper() + out[1:]
    if out[-1] not in _TERMINAL and not _ENDS_ON_EMOJI.search(out):
        out += "."  # (an emoji ends a sentence as well as a full stop does)
    return out


# A promise that follows what the writer has already done ("I've flagged your account so you'll never get a
# wrong fee again", "I met with our head housekeeper this morning and I can assure you…"): the deed is the
# commitment, and it stays when the promise goes.
_DONE = re.compile(
    r"(?:(?:so|and|ok|okay|right|also|anyway)[, ]+)?(?:I|we)(?:[’']ve| have)?(?: (?:just|also|already|now|"
    r"personally|since))* (?!(?:promise|guarantee|assure|swear|bet|know|think|expect|believe|hope|trust|need|"
    r"want|will|would|can|could|should|must|am|are|was|were|be|have|had|get|make)\b)"
    r"(?:[a-z]+ed|met|sent|spoke|spoken|told|put|made|got|gave|given|set|taken|took|rung|rang|called|written|"
    r"wrote|sorted|done|left|brought|found|paid|kept|had a word)\b[^,;.!?]{3,120}?"
    r"(?=,?[ \t]+(?:and|so)[ \t]+|,[ \t]+|[ \t]+(?:—|–|-)[ \t]+)", re.IGNORECASE)


def done_part(sentence: str) -> tuple[str, int] | None:
    """The opening clause of a sentence that tells what the writer has done, as a sentence of its own ("I've
    flagged your account."), and where that clause ends in `sentence`; None when the sentence does not open
    with a deed followed by more."""
    m = _DONE.match(sentence)
    if not m or len(sentence) > _LONGEST_SENTENCE or len(m.group().split()) < 3:
        return None
    deed = m.group().strip()
    deed = re.sub(r"^(?:(?:so|and|ok|okay|right|also|anyway)[, ]+)+", "", deed, flags=re.IGNORECASE)
    return deed[0].upper() + deed[1:] + ".", m.end()


# A firm position keeps its decision and loses the blame around it: "The $40 fee is clearly stated in the
# terms, which you accepted at booking." -> "The $40 fee is stated in the terms."
_OBVIOUSLY = re.compile(r"(?:,[ \t]*)?\b(?:(?:quite|very|perfectly|pretty|really|all) )?(?:clearly|plainly|obviously|"
                        r"explicitly|expressly)\b(?:,(?=[ \t]))?|"
                        r"\b(?:as you (?:well )?know|as you(?:'re| are) (?:well )?aware|of course)\b,?", re.IGNORECASE)
_ASIDE = re.compile(r",[ \t]*(?:as you (?:well )?know|as you(?:'re| are) (?:well )?aware|"
                    r"as (?:(?:quite |very )?(?:clearly|plainly|explicitly) )?(?:stated|explained|mentioned|noted|shown)"
                    r"(?: \w+){0,4})[ \t]*,",
                    re.IGNORECASE)
_TERMS_YOU = re.compile(r"\b((?:the|our|these|those) (?:terms(?: and conditions)?|conditions|policy|policies|contract|"
                        r"agreement|rules|house rules|T&Cs|T&C|fine print)) (?:that |which )?you (?:(?:have|had) )?"
                        r"(?:accepted|agreed to|signed|read|ticked)(?: (?:when|at|on) (?:booking|sign-?up|signing up|"
                        r"checkout|purchase|you (?:booked|signed up|bought|ordered)))?(?=[ \t]+(?:are|is|was|were|say|"
                        r"says|said|state|states|stated|make|makes|set|sets|cover|covers)\b)", re.IGNORECASE)
# "the quote you signed on 2/14" -> "the quote of 2/14": the document and its date are the fact, the signing the jab
_SIGNED_ON = re.compile(
    r"[ \t]+(?:that |which )?you (?:signed|accepted|agreed to|approved)[ \t]+on[ \t]+((?:the[ \t]+)?(?:"
    r"\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?-i:[A-Z])[a-z]+|(?-i:[A-Z])[a-z]+[ \t]+\d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?))\b", re.IGNORECASE)
_QUITE_CLEAR = re.compile(r"\b(?:quite|very|perfectly|pretty|really|crystal|abundantly) (clear)\b", re.IGNORECASE)
_YOU_ACCEPTED = re.compile(
    r"(?:,[ \t]*|[ \t]+)(?:which|that)?[ \t]*(?:you|every (?:customer|member|guest|client|user)|all (?:customers|members|"
    r"guests|clients|users))[ \t]+(?:(?:have|had|already) )?(?:accepted|agreed to|agree to|agrees to|signed|"
    r"acknowledged|read|ticked|confirmed|received|got|were (?:sent|given|emailed))(?: (?:and signed|and accepted|and agreed to))?"
    r"(?:[ \t]+(?:at|when|on|before|during|upon)[ \t]+(?:booking|sign-?up|signing up|checkout|check-out|check-in|"
    r"purchase|registration|the time of (?:booking|purchase)|you (?:booked|signed up|bought|registered|paid|joined))"
    r"(?:[ \t]+\w+)?)?(?=[ \t]*(?:[,.;!?]|$))",
    re.IGNORECASE)


# "When you booked you ticked the box agreeing to our cancellation policy, which clearly states that…" -> "Our
# cancellation policy states that…": what the document says, not that the customer signed it.
_AGREED_TO_WHICH = re.compile(
    r"^[^.!?]*?\byou\b[^.!?;]*?\b(?:agreed|agreeing|accepted|accepting|signed|ticked|confirmed)\b[^.!?;]*?"
    r"\b((?:our|the|your) (?:[\w-]+ ){0,3}(?:policy|policies|terms|conditions|contract|agreement|rules|handbook|T&Cs)),?"
    r" which (?:(?:quite |very )?(?:clearly|also|explicitly) )?(states?|says?|explains?|sets out|makes clear|covers?)\b",
    re.IGNORECASE)


# "…, which was clearly stated at the time of purchase." / "…, which is linked right from your dashboard.": where
# the customer could have seen it, said to their face.
_WHERE_SHOWN = re.compile(
    r"(?:,[ \t]*|[ \t]+)(?:which|that|as)[ \t]+(?:(?:was|were|is|are|has been|have been|had been)[ \t]+)?"
    r"(?:(?:quite |very )?(?:clearly|plainly|explicitly|also|all)[ \t]+)?(?:stated|disclosed|explained|shown|displayed|"
    r"listed|set out|laid out|mentioned|spelled out|spelt out|printed|linked|highlighted)\b[^,.;!?]*(?=[ \t]*(?:[.;!?]|$))",
    re.IGNORECASE)


# What is left when the sentence only pointed at where the customer could have read it ("It's all laid out in
# the welcome email."): no decision to keep, the pointing is the argument.
_ONLY_POINTS = re.compile(
    r"\W*(?:it|this|that|all (?:of )?(?:this|that)|everything)(?:'s| is| was)(?: all)? (?:(?:laid|set|spelled|spelt) out |"
    r"explained |covered |listed |written |mentioned |stated )?(?:in|on|under) (?:the|our|your) (?:[\w-]+ ){0,2}[\w-]+"
    r"[.!]?\s*$", re.IGNORECASE)


def soften(sentence: str) -> str | None:
    """The sentence without the words that argue around its fact or decision, or None when it has none.

    "However the $250 fee is clearly stated in our house rules, which you accepted at booking." ->
    "However the $250 fee is stated in our house rules."
    """
    if len(sentence) > _LONGEST_SENTENCE:
        return None
    original = sentence
    led = _AGREED_TO_WHICH.match(sentence)
    if led:
        doc = re.sub(r"^your\b", "our", led.group(1), flags=re.IGNORECASE)
        head, _, rest = led.group(2).partition(" ")
        base = re.sub(r"(?<=[^s])s$|(?<=ss)es$", "", head) if head.lower() not in ("says", "say") else "say"
        plural = re.search(r"(?:terms|conditions|rules|policies|T&Cs)$", doc, re.IGNORECASE)
        verb = (base if plural else "says" if base == "say" else base + ("es" if base.endswith("s") else "s"))
        verb += " " + rest if rest else ""
        sentence = doc[0].upper() + doc[1:] + " " + verb + sentence[led.end():]
    out = _WHERE_SHOWN.sub("", _YOU_ACCEPTED.sub("", _TERMS_YOU.sub(r"\1", _SIGNED_ON.sub(r" of \1", sentence))))
    out = _ASIDE.sub("", out)
    if not led and re.sub(r"\W+", " ", _OBVIOUSLY.sub("", out)) == re.sub(r"\W+", " ", _OBVIOUSLY.sub("", original)):
        return None  # only "clearly" or "of course" would go: the argument stays as it was
    out = _OBVIOUSLY.sub("", out)
    out = _QUITE_CLEAR.sub(r"\1", out)
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    out = re.sub(r"\s+([,.!?;])", r"\1", out)
    out = re.sub(r",(?=[.!?;])", "", out)
    out = re.sub(r"^[,;:—–-]+\s*", "", out)
    if out == original.strip() or len(out.split()) < 3 or _ONLY_POINTS.match(out):
        return None
    return out[0].upper() + out[1:]


_AT_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"'”’)\]]*[ \t]+|\n)[ \t\"'“‘*•-]*$")
_LOOK_BACK = 64  # characters before a deletion searched for what ends there (a sentence, a separator)
_SEP_AFTER = re.compile(r"[ \t]*[,;:—–]?[ \t]*")
_ENDS_WHOLE = re.compile(r"[.!?…][\"'”’)\]]*(?:[ \t]*" + EMOJI_RUN + r")?[ \t]*$")
_SEP_BEFORE = re.compile(r"[,;:—–]?[ \t]*$")
_CARRIES_SEPARATOR = re.compile(r"[ \t,;:—–]")
# The comma that closes an aside: one not followed by a word that opens a clause of its own
_ASIDE_CLOSES = re.compile(r",(?=[ \t]+(?!(?:and|but|so|or|yet|then|plus|which|because|who|where|I|we|you|it|"
                           r"they|he|she|there|this|that)\b)\w)", re.IGNORECASE)
# What a deleted sentence opening leaves behind and must take with it: its closing punctuation ("Thanks for
# your email." minus the formula is "."), or a connective now opening the sentence ("…, and I'm sorry").
_LEFT_PUNCT = re.compile(r"[.!?…]+[\"'”’)\]]*[ \t]*")
_LEFT_CONNECTIVE = re.compile(r"(?:and|but|so|because|which|or)[ \t]+(?=\w)", re.IGNORECASE)


def _only_greeting_before(text: str, start: int) -> bool:
    """Whether what precedes `start` on its line is a greeting with its comma ("Hi Rob, ")."""
    g = GREETING.fullmatch(text, text.rfind("\n", 0, start) + 1, start)
    return g is not None and "," in g.group()


def tidy_deletion(text: str, start: int, end: int) -> tuple[int, int, str]:
    """(start, end, replacement) for deleting text[start:end] so that a clean sentence is left.

    "Rest assured, our team is on it." minus "Rest assured" is "Our team is on it.";
    "Sorry for the delay, we've been swamped." minus the clause is "Sorry for the delay.";
    "Thank you for your email. The part ships Friday." minus the formula is "The part ships Friday.";
    "I'm not supposed to say this, but there's talk…" minus the lead-in is "There's talk…".
    The extension tidies a deletion the same way (extension/src/content/text/edits.js).
    """
    if _CARRIES_SEPARATOR.match(text, start, end):
        # ", my back is killing me": the clause takes its own separator, not the next one; but an aside
        # between two commas takes both ("was, as stated at booking, payable" -> "was payable")
        if text[start] == "," and _ASIDE_CLOSES.match(text, end):
            return start, end + 1, ""
        return start, end, ""
    # a whole sentence ("Have a wonderful day! ") takes no separator after it: "— Mod Rin" signs off
    whole = _ENDS_WHOLE.search(text, start, end)
    after = (_BLANKS if whole else _SEP_AFTER).match(text, end).end()
    following = text[after:after + 1]
    # Whether a sentence starts at `start`: only the run of blanks and quotes just before it matters.
    if _AT_SENTENCE_START.search(text, max(0, start - _LOOK_BACK), start) or start == 0:
        left = _LEFT_PUNCT.match(text, after) or _LEFT_CONNECTIVE.match(text, after)
        if left:
            after = left.end()
            following = text[after:after + 1]
        if following.isalpha():
            return start, after + 1, following.upper()
        if (start == 0 or text[start - 1] == "\n") and text[after:after + 1] in ("", "\r", "\n"):
            after += len(text[after:]) - len(text[after:].lstrip("\r\n"))  # the line is gone: so is its break
        return start, after, ""
    head = len(_SEP_BEFORE.search(text, max(0, start - _LOOK_BACK), start).group())
    if head and following in ("", "\r", "\n") and _only_greeting_before(text, start):
        # the comma after "Hi Rob" is the greeting's: "Hi Rob,\n" stays as it was (the blanks after it go)
        head = len(text[max(0, start - _LOOK_BACK):start]) - len(text[max(0, start - _LOOK_BACK):start].rstrip(" \t"))
    if head and (not following or following in ".!?…\n"):
        return start - head, end, ""
    return start, after, ""
