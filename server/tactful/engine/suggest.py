"""Each fault's suggestions as sentence-level edits, offered only when they pass the rewrite check.

    found = sentence_level(text, sentences, found)

For every finding of the five fault categories:

1. Findings of one category that touch in one sentence become one ("Between you and me" and the
   overshare it introduces), so that one edit removes the whole fault.
2. Each suggestion becomes an edit of the sentence (`edits.sentence_edit`): a deletion takes the whole
   clause with its connective, a template stands as a sentence of its own. Word swaps stay as they are.
3. Each edit is applied and checked (`check.problems`); one that fails is not offered, and neither is
   one that would reach into a neighbouring finding.
4. An overpromise is first offered as the same sentence without its certainty ("It should be with you by
   Friday."), where taking the certainty out leaves a plain expectation.
   Defensive wording is first offered for deletion (the fact it wrapped stays). An excuse's time template
   is not offered where the draft already gives a time or a next step: the excuse just goes. Other faults
   fall back to deleting the faulty clause when none of their suggestions passes, or, where the clause is
   shared with another finding, the finding's own words; a promise is never just dropped.
5. Where the learned detector still finds the fault in what the edit leaves of the sentence, the whole
   sentence goes (or becomes the category's template) instead.
6. A promise after a deed keeps the deed ("I've flagged your account."), and a stock apology that is the draft's
   only apology is named ("I'm sorry about [what went wrong].") rather than deleted.
7. The finding's span grows to hold the first suggestion's edit (the API replaces a finding's span), and
   each replacement is the new text of that span; other suggestions are offered where they fit in it.
   A finding with nothing left to offer keeps its message.

What a rewrite may drop: the words of the fault. When the fault is a whole sentence, every number and id
in it must stay unless it is overshare or a stock phrase ("We regret to inform you that shipment AWB
7734019 is delayed due to high volumes" never becomes a bare template, nor disappears).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import re2

from .check import problems
from .edits import (APOLOGY, body, certain, clean_rest, done_part, ends_on_reason, fault_run, hedge, is_lead_in,
                    is_template, sentence_edit, soften, tidy_deletion)
from .findings import FAULTS, Finding, Suggestion
from .segment import Sentence
from .signals import eta_spans

_DELETION_FALLBACK = frozenset(("excuse", "overshare", "scripted", "defensive"))
_DELETION_FIRST = frozenset(("defensive",))
# The faults that run on past the words a rule matched (a promise is its words; a stock phrase often comes
# with a second one: "I completely understand…, and we truly value you as a customer").
_SPREADS = frozenset(("excuse", "overshare", "defensive", "scripted", "overpromise"))
# An excuse's template gives a time; where the draft already gives one, or a next step, it is not offered.
_ETA_TEMPLATE = frozenset(("excuse",))
_NEXT_STEP = re.compile(
    r"\b(?:let you know|keep you (?:posted|updated|in the loop)|update you|get back to you|be in touch|"
    r"(?:I|we)(?:'ll| will) (?:call|ring|phone|email|e-mail|text|message|send|chase|ping|check|confirm|follow up|"
    r"keep an eye|keep checking|be (?:at|there|with you|round|over|on site|in touch))|"
    r"in \d+ ?(?:-|–|to) ?\d+ (?:business |working )?(?:days|weeks|hours)|"
    # ... or says it is already done ("I've refunded the second charge", "it's fixed now"): no time to promise
    r"(?:I|we)(?:'ve| have) (?:now |just |already )?(?:refunded|fixed|sorted|resolved|reset|replaced|credited|"
    r"rebooked|reissued|re-?sent|corrected|cancelled|canceled|processed|restored|reversed|issued|sent|paid|booked|"
    r"arranged|approved|applied|added|put through)|"
    r"(?:is|was|has|have|has now|'s) (?:now |just |already )?(?:been )?(?:processed|approved|issued|gone through)|"
    r"went through|"
    r"(?:has|have) (?:now |just |already )?been (?:refunded|fixed|sorted|resolved|credited|replaced|corrected|"
    r"processed|restored|reversed|reissued|re-?sent)|"
    r"(?:is|are|it's) (?:now )?(?:fixed|sorted|resolved|working again))\b",
    re.IGNORECASE)
_CASELESS = re2.Options()
_CASELESS.case_sensitive = False
_NEXT_STEP_FAST = re2.compile(_NEXT_STEP.pattern, _CASELESS)  # the same, on a linear-time engine (one pass a draft)
_GAP = " \t,;:—–-"
_CONNECTIVE_GAP = re.compile(r"[ \t,;—–-]*(?:and|so|plus)[ \t]+", re.IGNORECASE)
# The draft already says what happens: a decision, or what the writer offers.
_DECISION = re.compile(r"\b(?:stands|offer(?:ed|ing)?|credit(?:ed)?|refund(?:ed)?|waive[ds]?|discount|voucher|"
                       r"goodwill|compensat\w+)\b", re.IGNORECASE)
# Counterfactual blame around a fact: what the customer "would have known" is the fact to state.
_KNOWN_FACT = re.compile(r"(?:had you|if you(?:'d| had)?)\b[^,.;!?]*,[ \t]*(?:then )?you(?:'d| would)(?: have|'ve)? "
                         r"(?:known|seen|noticed|realised|realized|read|been aware|found out)(?: that)? (.+)",
                         re.IGNORECASE)
# Who the counterfactual is said to (a name and a comma), and what the customer "would have read".
_VOCATIVE = re.compile(r"(?:(?:mr|mrs|ms|miss|dr)\.?[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?,[ \t]+"
                       r"(?=had you|if you)", re.IGNORECASE)
_READ_SOURCE = re.compile(r"\b(?:read|checked|looked at|opened|seen)[ \t]+((?:the|our|my|your)[ \t][^,;.!?]{3,80}?)"
                          r"[ \t]*,", re.IGNORECASE)
# Whole sentences of these may go with their numbers ("our premium went up £2,000", "30% off for life").
_FACTS_ARE_THE_FAULT = frozenset(("overshare", "scripted", "overpromise"))
_WHOLE_SENTENCE_FALLBACK = frozenset(("overshare", "scripted", "defensive"))
_KEEP_DECISION = "Keep the decision, drop the blame"
# A template that speaks of something the sentence must have said: a repeat of a past failure, an offer.
_FITS = (
    (re.compile(r"happen again", re.IGNORECASE),
     re.compile(r"\b(?:again|recur\w*|repeat\w*|any ?more|in future|in the future|going forward|from now on|"
                r"next time)\b", re.IGNORECASE)),
    (re.compile(r"\[what you want to offer\]", re.IGNORECASE),
     re.compile(r"\b(?:discount\w*|credit\w*|voucher\w*|compensat\w*|goodwill|free|waive\w*|upgrade\w*|price\w*|"
                r"offer\w*|rate|rates|fee|fees|money back|reimburs\w*|full refund|refund in full|exception)\b",
                re.IGNORECASE)),
)


# An excuse for a slow reply is answered by the reply itself: a time slot beside it promises what is already done.
_SLOW_REPLY = re.compile(r"\b(?:slow|late|delayed|belated) (?:reply|response|answer)|\b(?:delay|wait) in (?:replying|"
                         r"responding|getting back)|\b(?:replying|responding|getting back to you) (?:so )?late\b",
                         re.IGNORECASE)


_PROMISE_WHAT_YOU_CONTROL = "I'll [what you control] and update you by [day and time]."
_JOINED = re.compile(r"[,;—–][ \t]+(?:and|but|so|yet)?[ \t]*(?:I|I'm|I've|I'll|we|we're|we've|we'll|you|your|it|it's|"
                     r"the|this|that|there)\b", re.IGNORECASE)  # a clause of its own follows
_THEN_CONNECTIVE = re.compile(r"[ \t]*[,;—–][ \t]*(?:(?:and|but|so|yet)[ \t]+)?(?=\w)", re.IGNORECASE)
_OUR_SLOT_SENTENCE = re.compile(r"[^.!?]*\[[^\]]*\][^.!?]*[.!?]?")
_STILL_ARGUES = 0.95
# An opening clause of an excuse, an overshare or a defensive line joined to the next by "and" is one story with
# it ("My driver left last week without notice and I am still looking for a new one", "The terms are clear on
# this, and I would suggest you re-read clause 7"): the clause after "and" goes with it. (After "so" the next
# clause is the outcome, the news: "…budget cuts, so I can't refund the whole ride.")
_AND_GOES_ON = frozenset(("excuse", "overshare", "defensive"))
_AND_THEN = re.compile(r"[ \t,;—–-]and[ \t]+\w?$", re.IGNORECASE)


def _fits(replacement: str, text: str, a: int, b: int, category: str, slow_reply) -> bool:
    """Whether a template fits the sentence text[a:b]; `slow_reply()` says whether the draft excuses a slow reply."""
    if category == "excuse" and is_template(replacement) and slow_reply():
        return False
    return not any(slot.search(replacement) and not context.search(text, a, b) for slot, context in _FITS)


def _merge_touching(text: str, found: list[Finding], sentence_of) -> list[Finding]:
    out: list[Finding] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.category == f.category and f.category in FAULTS
                and sentence_of(prev) is not None and sentence_of(prev) is sentence_of(f)
                # (what "Between you and me," lets out later in its sentence is the same overshare)
                and (not text[prev.end:f.start].strip(_GAP)
                     or (f.category == "overshare" and is_lead_in(text[prev.start:prev.end]))
                     # ... and an excuse or an overshare told in two clauses is one story ("been up all night with
                     # the baby and I'm running on fumes")
                     or (f.category in _TOLD_TOGETHER and _CONNECTIVE_GAP.fullmatch(text, prev.end, f.start)))):
            main = max(prev, f, key=lambda x: (x.end - x.start, bool(x.suggestions)))
            out[-1] = Finding(main.rule, main.category, main.severity, prev.start, max(prev.end, f.end),
                              main.message, main.rationale, main.suggestions, main.source,
                              max(prev.confidence, f.confidence))
        else:
            out.append(f)
    return out


@dataclass
class _Plan:
    """What one fault's suggestions became, before they are joined into its span."""

    finding: Finding
    sent: Sentence
    a: int  # the sentence's body: after a greeting on its line, before its closing punctuation
    b: int
    whole: bool  # the fault is the whole body
    own: tuple[int, int]  # the words whose facts an edit may drop
    offered: list  # (start, end, replacement, label), first offered first
    free: Callable[[int, int], bool]  # whether an edit of that range leaves every other finding alone


def _widened(text: str, plan: _Plan, fault_probability, committed: bool, slow_reply, whole: bool = False) -> _Plan:
    """The plan whose first edit takes the run of clauses that carries the fault, or (`whole`, or where no run
    leaves a clean sentence) the whole sentence."""
    f, sent, a, b, own, free = plan.finding, plan.sent, plan.a, plan.b, plan.own, plan.free
    templates = [x.replacement for x in f.suggestions
                 if is_template(x.replacement) and _fits(x.replacement, text, a, b, f.category, slow_reply)]
    # (a promise goes with its time, so the slot stays even where the draft gives one)
    wanted = f.category == "overpromise" or (f.category == "excuse" and not committed)
    rep = templates[0] if templates and wanted else ""
    if not rep and f.category == "overpromise":
        rep = _PROMISE_WHAT_YOU_CONTROL
    if not rep and f.category not in _DELETION_FALLBACK:
        return plan
    run = None if whole else fault_run(text, sent, lambda rests: fault_probability([(r, f.category) for r in rests]),
                                       clean_rest(f.category), cover=(f.start, f.end))
    rs, re_ = run or (a, b)
    # (taken whole, a sentence whose template does not fit there may still go)
    for rep in (rep, "") if whole and rep and f.category in _DELETION_FALLBACK else (rep,):
        edit = sentence_edit(text, sent, rs, re_, rep, whole=run is None)
        # A deletion may take the facts of what it deletes: the run the detector reads as the fault ("since the
        # 2nd"), or, where no run leaves a clean sentence, the whole sentence ("We lost 30% of the team in the
        # restructure"). A template in place of the whole sentence keeps every fact, unless the facts are the
        # fault. A time the sentence gives is news, never the fault ("…doesn't know the system, so your fitting
        # moves to Monday the 9th"): the sentence does not go whole over it.
        if run is None and not rep and eta_spans(text[a:b]):
            fault = own
        else:
            fault = (rs, re_) if run or not rep else own if f.category in _FACTS_ARE_THE_FAULT else (f.start, f.start)
        if free(edit[0], edit[1]) and not problems(text, *edit, fault, (sent.start, sent.end)):
            plan.offered = [(*edit, "Rewrite the sentence" if rep else "Remove it")] + plan.offered
            break
    return plan


# A template in the writer's voice: a team that writes "we" gets "We'll [what you control]…", never a lone "I'll".
_I = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d)\b|\b(?:me|my|mine|myself)\b")
_WE = re.compile(r"\b(?:we|we're|we've|we'll|we'd|us|our|ours)\b", re.IGNORECASE)
_OUR_WORDS = ((re.compile(r"\bI'll\b"), "we'll"), (re.compile(r"\bI'm\b"), "we're"), (re.compile(r"\bI've\b"), "we've"),
              (re.compile(r"\bI\b"), "we"), (re.compile(r"\bmyself\b"), "ourselves"), (re.compile(r"\bmy\b"), "our"),
              (re.compile(r"\bme\b"), "us"))
_OUR_START = re.compile(r"(^|[.!?:][ \t]+)(we|our|us)\b")
_OPENS_SENTENCE = re.compile(r"(?:[.!?…][\"'”’)\]]*|\n)[ \t]*$")


def _in_our_voice(rep: str, opens: bool) -> str:
    """ "I'll [what you control] and update you by [day and time]." -> "We'll [what you control] and…"; `opens`:
    whether the replacement starts a sentence (after "Hi Rosa, " it goes on in lower case)."""
    for word, ours in _OUR_WORDS:
        rep = word.sub(ours, rep)
    rep = _OUR_START.sub(lambda m: m.group(1) + m.group(2).capitalize(), rep)
    return rep if opens or not rep[:1].isupper() else rep[0].lower() + rep[1:]


def _goes_whole(text: str, f: Finding, a: int, b: int, fault_probability) -> bool:
    """Whether a sentence may go whole for a stock phrase in part of it: not where the rest of it carries news
    ("At Brightwater Energy, our customers are at the heart of everything we do, and we are delighted to confirm
    that your account is now on paperless billing.")."""
    if f.category != "scripted":
        return True
    rest = (text[a:f.start] + " " + text[f.end:b]).strip(_GAP)
    if len(rest.split()) <= 4:
        return True
    return fault_probability is not None and fault_probability([(rest, "scripted")])[0] >= 0.5


_SORRY_ABOUT = "I'm sorry about [what went wrong]."


def _keep_the_apology(text: str, plan: _Plan) -> None:
    """A stock apology that is the draft's only apology is named, not deleted: "We're sorry for any delays you may
    have experienced today." -> "I'm sorry about [what went wrong]." (the customer is still owed one)."""
    f, sent, a, b = plan.finding, plan.sent, plan.a, plan.b
    if (plan.offered[0][2].strip() or not plan.whole or not APOLOGY.search(text, a, b)
            or APOLOGY.search(text, 0, a) or APOLOGY.search(text, b)):
        return
    edit = sentence_edit(text, sent, a, b, _SORRY_ABOUT, whole=True)
    if plan.free(edit[0], edit[1]) and not problems(text, *edit, (f.start, f.start), (sent.start, sent.end)):
        plan.offered = [(*edit, "Name what went wrong")] + plan.offered


def _keep_the_deed(text: str, plan: _Plan, fault_probability) -> None:
    """Where a promise's first edit would take away what the writer has done ("I've flagged your account so
    you'll never get a wrong fee again." -> "I'll [what you control]…"), the deed stays on its own instead:
    "I've flagged your account." """
    f, sent, a, free = plan.finding, plan.sent, plan.a, plan.free
    s0, _, rep0, _ = plan.offered[0]
    done = done_part(text[a:sent.end])
    if not done or not is_template(rep0) or s0 > a:
        return
    deed = done[0]
    if a > sent.start and text[a].islower() and not re.match(r"I\b", deed):
        deed = deed[0].lower() + deed[1:]
    if (free(a, sent.end) and not problems(text, a, sent.end, deed, (f.start, f.end), (sent.start, sent.end))
            and (fault_probability is None or fault_probability([(deed, "overpromise")])[0] < 0.5)):
        plan.offered = [(a, sent.end, deed, "Keep what you've done")] + plan.offered


# An excuse and an overshare are often one story ("We lost two drivers and the new ones are still learning
# the routes"): what an edit of either leaves must read as neither.
_TOLD_TOGETHER = {"excuse": ("excuse", "overshare"), "overshare": ("overshare", "excuse")}


def _either_of_the_story(fault_probability):
    def probability(pairs: list[tuple[str, str]]) -> list[float]:
        asked = [(s, c) for s, cat in pairs for c in _TOLD_TOGETHER.get(cat, (cat,))]
        scores = iter(fault_probability(asked))
        return [max(next(scores) for _ in _TOLD_TOGETHER.get(cat, (cat,))) for _, cat in pairs]
    return probability


def sentence_level(text: str, sents, found: list[Finding], fault_probability=None) -> list[Finding]:
    """`fault_probability([(sentence, category), ...])`, when given (the learned detector), says whether what
    an edit leaves of a sentence still carries the fault; where it does, the edit grows to the clauses that do."""
    starts = [s.start for s in sents]

    def sentence_of(f: Finding):
        k = bisect.bisect_right(starts, f.start) - 1
        return sents[k] if k >= 0 and sents[k].start <= f.start < sents[k].end else None

    def written(spans) -> list[tuple[int, int]]:
        """The spans (of the whole text, searched in one pass) that lie in the writer's own sentences."""
        out = []
        for s, e in spans:
            k = bisect.bisect_right(starts, s) - 1
            if k >= 0 and e <= sents[k].end:
                out.append((s, e))
        return out

    @cache
    def slow_reply() -> bool:
        """Whether the writer excuses a slow reply (found once, on first use)."""
        return bool(written(m.span() for m in _SLOW_REPLY.finditer(text)))

    @cache
    def our_voice() -> bool:
        """Whether the writer speaks as "we" and never as "I" (a team's reply): a template speaks the same way."""
        own = " ".join(s.text for s in sents)
        return bool(_WE.search(own)) and not _I.search(own)

    @cache
    def promises() -> list[tuple[int, int]]:
        """Where the writer gives a time or a next step (found once, on first use)."""
        try:
            steps = [m.span() for m in _NEXT_STEP_FAST.finditer(text)]
        except UnicodeEncodeError:  # a lone surrogate, which UTF-8 (and so RE2) cannot take
            steps = [m.span() for m in _NEXT_STEP.finditer(text)]
        return written(eta_spans(text) + steps)

    def committed(f: Finding) -> bool:
        """Whether the writer's own text outside the finding gives a time or a next step."""
        return any(e <= f.start or s >= f.end for s, e in promises())

    found = _merge_touching(text, sorted(found, key=lambda f: (f.start, f.end, f.rule)), sentence_of)
    found_starts = [f.start for f in found]
    plans = []  # per finding: None (kept as it is), or what its suggestions became
    for i, f in enumerate(found):
        sent = sentence_of(f)
        if f.category not in FAULTS or not f.suggestions or sent is None:
            plans.append(None)
            continue
        def free(s: int, e: int, i=i) -> bool:
            """Whether an edit of text[s:e] leaves every other finding alone. The spans are disjoint and in
            order, so only those starting before `e` and ending after `s` are looked at (a draft of hundreds
            of findings stays linear)."""
            k = bisect.bisect_left(found_starts, e) - 1
            while k >= 0 and found[k].end > s:
                if k != i:
                    return False
                k -= 1
            return True

        a, b, _ = body(text, sent)
        if f.start < a < f.end:  # a greeting on the line is never part of the fault ("Hi Sarah, thanks…")
            f = Finding(f.rule, f.category, f.severity, a, f.end, f.message, f.rationale, f.suggestions,
                        f.source, f.confidence)
        if f.category == "overshare" and f.start <= a and f.end < b and is_lead_in(text[f.start:f.end]):
            # "Between you and me," is only the door: the overshare is what follows it, the whole sentence
            f = Finding(f.rule, f.category, f.severity, f.start, b, f.message, f.rationale, f.suggestions,
                        f.source, f.confidence)
        whole = f.start <= a and f.end >= b
        own = (f.start, f.end)
        protected = (f.start, f.start) if whole else own
        if whole and f.category not in _FACTS_ARE_THE_FAULT:
            own = protected
        offered = []  # (start, end, replacement, label)
        if f.category == "overpromise" and certain(text[a:b]):  # the certainty may sit outside the span
            hedged = hedge(text[a:sent.end])
            # ... but a hedge that leaves the fault's own words as they were ("Don't worry, I'll refund you in
            # full today" loses only "Don't worry") is no fix
            if hedged and not certain(text[f.start:f.end]) and text[f.start:f.end].strip(" \t,.;:!?") in hedged:
                hedged = None
            if hedged:
                if a > sent.start and text[a].islower() and not re.match(r"I\b", hedged):
                    hedged = hedged[0].lower() + hedged[1:]  # after "Hi Tom, " the sentence goes on in lower case
                rep = hedged  # (a slot to confirm by was judged a clash more often than a help: 16 of 34 accepted)
                # the hedge drops only certainty ("100%" included), so the fault's own words may go
                if free(a, sent.end) and not problems(text, a, sent.end, rep, (f.start, f.end),
                                                      (sent.start, sent.end)):
                    offered.append((a, sent.end, rep, "Say what you expect, not a guarantee"))
        stated = None
        if f.category == "defensive":
            vocative = _VOCATIVE.match(text, a, b)  # "Mr Carrow, had you read…"
            fact = _KNOWN_FACT.match(text, vocative.end() if vocative else a, b)
            if fact:  # "Had you read the email, you'd have known the class started at 9." -> "The class started at 9."
                said = re.sub(r"\b(and|but|or) that (?=\w)", r"\1 ", fact.group(1))
                source = _READ_SOURCE.search(text, fact.start(), fact.start(1))
                if source and re.search(r"\d", source.group(1)):
                    # the dated letter is a fact too: "The letter we sent on 9 January explained that your…"
                    said = f"{source.group(1)} explained that {said}"
                said = said[0].upper() + said[1:]
                if vocative:
                    said = text[a:vocative.end()] + (said if re.match(r"I\b", said) else said[0].lower() + said[1:])
                rep = said + text[b:sent.end].rstrip()
                if free(a, sent.end) and not problems(text, a, sent.end, rep, (a, fact.start(1)),
                                                      (sent.start, sent.end)):
                    stated = (a, sent.end, rep, "State the fact")
        softened = None
        if f.category == "defensive" and stated is None:
            # A firm position keeps its decision: "The fee is clearly stated in the terms, which you accepted."
            # -> "The fee is stated in the terms.", where what is left reads as no longer defensive.
            rep = soften(text[a:sent.end])
            if rep and a > sent.start and text[a].islower() and not re.match(r"I\b", rep):
                rep = rep[0].lower() + rep[1:]
            if (rep and free(a, sent.end) and not problems(text, a, sent.end, rep, (f.start, f.end),
                                                         (sent.start, sent.end))):
                softened = (a, sent.end, rep, _KEEP_DECISION)
                # (the detector reads a plain statement of a fee or a policy as half defensive: only where it is
                # sure the rest still argues does the softened sentence come second)
                if fault_probability is not None and fault_probability([(rep, "defensive")])[0] >= _STILL_ARGUES:
                    offered.append(softened)
                    softened = None
        word_level = f.category != "overshare" and is_lead_in(text[f.start:f.end])  # "Please be advised"
        for sug in f.suggestions:
            if not _fits(sug.replacement, text, a, b, f.category, slow_reply):
                # "…much less likely to happen again" where nothing happened, an offer where none is made: a
                # promise becomes what the writer controls instead
                if f.category != "overpromise":
                    continue
                sug = Suggestion(_PROMISE_WHAT_YOU_CONTROL.rstrip("."), "Promise what you control")
            if word_level:
                edit, fault = (f.start, f.end, sug.replacement), own
                if free(edit[0], edit[1]) and not problems(text, *edit, fault, (sent.start, sent.end)):
                    offered.append((*edit, sug.label))
                continue
            if f.category in _ETA_TEMPLATE and is_template(sug.replacement) and committed(f):
                continue  # the draft already says when or what happens next: the excuse just goes
            if (f.category == "defensive" and is_template(sug.replacement)
                    and (committed(f) or _DECISION.search(text, 0, f.start) or _DECISION.search(text, f.end))):
                continue  # "Here's what I can do: [next step]" beside "The charge stands." or a £30 offer clashes
            if (is_template(sug.replacement) and APOLOGY.search(sug.replacement)
                    and (APOLOGY.search(text, 0, f.start) or APOLOGY.search(text, f.end))):
                continue  # the draft apologises elsewhere: a second "I'm sorry about [...]" is one too many
            if sug.replacement and not is_template(sug.replacement):
                edit, fault = (f.start, f.end, sug.replacement), own
            else:
                edit = sentence_edit(text, sent, f.start, f.end, sug.replacement)
                fault = protected if sug.replacement else own
            if free(edit[0], edit[1]) and not problems(text, *edit, fault, (sent.start, sent.end)):
                offered.append((*edit, sug.label))
        if (f.category == "scripted" and whole and fault_probability is not None
                and (not offered or offered[0][2] == "") and _JOINED.search(text, a, b)):
            # A rule flags the whole sentence, but a clause of it is the writer's own ("Thank you for your patience
            # and understanding, and I'm sorry the signal has been patchy."): only the stock clauses go.
            run = fault_run(text, sent, lambda rests: fault_probability([(r, "scripted") for r in rests]),
                            clean_rest("scripted"))
            if run:
                edits_tried = [sentence_edit(text, sent, *run, "")]
                after = _THEN_CONNECTIVE.match(text, run[1])
                if after and after.end() < b and text[run[0] - 2:run[0]] in (", ", "— ", "– "):
                    # (a stock clause in the middle goes with the connective after it: "At Brightwater Energy, we
                    # are delighted…", not "At Brightwater Energy, and we are delighted…")
                    edits_tried.append((run[0], after.end(), ""))
                for edit in edits_tried:
                    if free(edit[0], edit[1]) and not problems(text, *edit, run, (sent.start, sent.end)):
                        offered = [(*edit, "Remove it")] + offered
                        break
        if (f.category in _DELETION_FIRST or (not offered and f.category in _DELETION_FALLBACK)
                or (f.category in _ETA_TEMPLATE and committed(f))):
            edit = sentence_edit(text, sent, f.start, f.end, "")
            fault = own if f.category in _DELETION_FIRST else protected
            if free(edit[0], edit[1]) and not problems(text, *edit, fault, (sent.start, sent.end)):
                offered = [(*edit, "Remove it")] + [o for o in offered if o[:3] != edit]
        for first in (softened, stated):  # the neutral fact comes before any deletion
            if first:
                offered = [first] + [o for o in offered if o[:3] != first[:3]]
        if not offered and (f.category in _DELETION_FALLBACK or any(not x.replacement for x in f.suggestions)):
            # Another finding shares the sentence, so no edit of the whole clause leaves it alone: the finding's
            # own words go, tidied as /v1/rewrite tidies a deletion, if that leaves a clean sentence.
            if not problems(text, *tidy_deletion(text, f.start, f.end), own, (sent.start, sent.end)):
                offered.append((f.start, f.end, "", "Remove it"))
        if not offered and f.category in _DELETION_FALLBACK and a < f.start:
            # A clause in the middle goes with the connective after it, not the comma before it: "At Brightwater
            # Energy, our customers are at the heart of everything we do, and we are delighted…" -> "At
            # Brightwater Energy, we are delighted…"
            s0 = f.start + len(text[f.start:f.end]) - len(text[f.start:f.end].lstrip(_GAP))
            after = _THEN_CONNECTIVE.match(text, f.end)
            if (after and after.end() < b and text[s0 - 1:s0] in (" ", "\t")
                    and text[s0 - 2:s0 - 1] in (",", "—", "–")):
                edit = (s0, after.end(), "")
                if free(*edit[:2]) and not problems(text, *edit, own, (sent.start, sent.end)):
                    offered.append((*edit, "Remove it"))
        if not offered and f.category == "overpromise":
            # No hedge and no template of the rule fits: what the writer controls, and when, instead of the promise
            edit = sentence_edit(text, sent, f.start, f.end, _PROMISE_WHAT_YOU_CONTROL)
            if free(edit[0], edit[1]) and not problems(text, *edit, protected, (sent.start, sent.end)):
                offered.append((*edit, "Promise what you control"))
        if not offered and f.category in _WHOLE_SENTENCE_FALLBACK and _goes_whole(text, f, a, b, fault_probability):
            # What is left of the sentence leans on the removed words ("…medication and it makes me slow", "Had
            # you rung ahead, we would have…"): the whole sentence goes, if that is clean.
            edit = sentence_edit(text, sent, a, b, "")
            if free(edit[0], edit[1]) and not problems(text, *edit, protected, (sent.start, sent.end)):
                offered.append((*edit, "Remove it"))
        plans.append(_Plan(f, sent, a, b, whole, own, offered, free))

    # What each first edit leaves of its sentence, scored in one pass: where the fault still stands there
    # ("…I have a disc problem and the doctor told me to stop lifting"), the run of clauses that carries it
    # goes, or else the whole sentence, or the sentence becomes the category's template.
    if fault_probability is not None:
        # A cut must leave a sentence that reads as clearly clean of the story it belonged to; a word swap
        # (a rule's "the new release" for a code name) only one that is more clean than not.
        story = _either_of_the_story(fault_probability)
        checks = []
        for n, plan in enumerate(plans):
            if (plan is not None and plan.offered and not plan.whole and plan.finding.category in _SPREADS
                    and plan.offered[0][3] != _KEEP_DECISION):
                f, sent = plan.finding, plan.sent
                s0, e0, rep0, _ = plan.offered[0]
                tail = text[e0:sent.end] if e0 <= sent.end else ""
                # a sentence of ours with a slot says nothing of the writer's fault; what the edit kept of the
                # writer's words may ("Nothing will ever go missing. I've [specific change made] so…")
                kept = _OUR_SLOT_SENTENCE.sub("", rep0) if is_template(rep0) else rep0
                # (what a reason explained is the news, and need only read as more clean than not)
                reason = len(rep0.strip()) <= 1 and ends_on_reason(text, plan.a, s0, e0, plan.b)
                checks.append((n, text[sent.start:s0] + kept + tail, f.category, len(rep0.strip()) <= 1, reason))
        cuts = [c for c in checks if c[3]]
        swaps = [c for c in checks if not c[3]]
        scored = list(zip(cuts, story([(left, cat) for _, left, cat, _, _ in cuts])))
        scored += zip(swaps, fault_probability([(left, cat) for _, left, cat, _, _ in swaps]))
        for (n, _, cat, cut, reason), p in scored:
            if p >= (clean_rest(cat) if cut and not reason else 0.5):
                plans[n] = _widened(text, plans[n], story if cut else fault_probability,
                                    committed(plans[n].finding), slow_reply)

    for n, plan in enumerate(plans):
        if (plan is not None and plan.offered and not plan.whole and plan.finding.category in _AND_GOES_ON
                and plan.offered[0][0] <= plan.a and len(plan.offered[0][2].strip()) <= 1
                and _AND_THEN.search(text[plan.offered[0][0]:plan.offered[0][1]])):
            plans[n] = _widened(text, plan, fault_probability, committed(plan.finding), slow_reply, whole=True)

    for plan in plans:
        if plan is not None and plan.finding.category == "overpromise" and plan.offered:
            _keep_the_deed(text, plan, fault_probability)
        if plan is not None and plan.finding.category == "scripted" and plan.offered:
            _keep_the_apology(text, plan)

    out = []
    for f, plan in zip(found, plans):
        if plan is None:
            out.append(f)
            continue
        f, offered = plan.finding, plan.offered
        # two faults of a sentence may each reach for the separator between them ("…this week–)we've been…"):
        # a span grows only where the span before it ended
        offered = [o for o in offered if not out or o[0] >= out[-1].end]
        if offered:
            # The span is what the first suggestion edits (the underline stays on the fault); the others are
            # kept where they fit in it.
            lo, hi = min(f.start, offered[0][0]), max(f.end, offered[0][1])
            offered = [o for o in offered if lo <= o[0] and o[1] <= hi]
        else:
            lo, hi = f.start, f.end
        suggestions = []
        for s, e, rep, label in offered:
            if is_template(rep) and our_voice():
                rep = _in_our_voice(rep, opens=not text[:s].strip() or bool(_OPENS_SENTENCE.search(text[:s])))
            new = text[lo:s] + rep + text[e:hi]
            if all(new != x.replacement for x in suggestions):
                if any(label == x.label for x in suggestions):
                    # two deletions of different reach are told apart on their buttons
                    label = "Remove only part of it" if len(new) > len(suggestions[0].replacement) else "Remove more"
                suggestions.append(Suggestion(new, label))
        out.append(Finding(f.rule, f.category, f.severity, lo, hi, f.message, f.rationale, tuple(suggestions),
                           f.source, f.confidence))
    return _one_story(text, sents, out, sentence_of)


# One fault told over two sentences in a row ("Our GM is on a cruise. She's back whenever the boat gets in.") is
# one finding with one fix: each sentence's fix applied alone would leave the other half of the story. Only two
# findings of one source join (the detector's, or one rule's): a rule keeps its own span beside the detector's.
# The one exception is a sentence that opens "Between you and me,": what it lets out next goes with it.
_CONFIDES = re.compile(r"\W*(?:(?:ok(?:ay)?|so|and|but|look|honestly|well)[, ]+)*(?:just |strictly )?(?:between (?:you and me|"
                       r"us|ourselves)|off the record|I'?m not (?:supposed|meant|allowed) to (?:say|tell you)|"
                       r"(?:don'?t|do not) tell anyone)\b", re.IGNORECASE)
_TOLD_OVER_SENTENCES = frozenset(("excuse", "overshare", "defensive", "scripted", "overpromise"))


def _one_story(text: str, sents, found: list[Finding], sentence_of) -> list[Finding]:
    index = {id(s): n for n, s in enumerate(sents)}
    out: list[Finding] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.category == f.category and f.category in _TOLD_OVER_SENTENCES
                and prev.suggestions and f.suggestions and prev.end <= f.start
                # a rule keeps its span and its message; the detector's two halves join, and so does what a
                # sentence opening "Between you and me," lets out in the next one
                and (prev.rule == f.rule or (f.category == "overshare" and _CONFIDES.match(text, prev.start)))):
            s1, s2 = sentence_of(prev), sentence_of(f)
            gap = text[prev.end:f.start]
            if (s1 is not None and s2 is not None and index[id(s2)] == index[id(s1)] + 1 and "\n" not in gap
                    and "\n" not in text[s1.end:s2.start]):
                first, second = prev.suggestions[0].replacement, f.suggestions[0].replacement
                if is_template(first) and is_template(second):
                    second = ""  # one time slot is enough: "…update you by [day and time]." once
                rep = first + gap + second
                if not text[f.end:f.end + 1].strip():  # nothing follows on the line: no space left hanging
                    rep = rep.rstrip(" \t")
                if not problems(text, prev.start, f.end, rep, (prev.start, f.end), (s1.start, s2.end)):
                    label = f.suggestions[0].label if not prev.suggestions[0].replacement else prev.suggestions[0].label
                    out[-1] = Finding(prev.rule, prev.category, prev.severity, prev.start, f.end, prev.message,
                                      prev.rationale, (Suggestion(rep, label),), prev.source,
                                      max(prev.confidence, f.confidence))
                    continue
        out.append(f)
    return out
