"""The review engine: a draft in, findings out. Never imports a web framework.

    reviewer = Reviewer(builtin_packs()["core"])
    review = reviewer.review("Sorry, we've been swamped this week.")
    review.findings  # (Finding(rule='core.excuse.workload', ...),)

Steps: find the authored part of the draft, split it into sentences, match
every rule kind on every sentence (cached per sentence text), widen each hit
to its scope, fit suggestions to the spot they land in, and keep one finding
per span.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import cached_property

from ..detector import load_detector
from ..detector.model import CATEGORIES as _DETECTOR_CATEGORIES
from ..kinds import build_matchers
from ..kinds.base import Hit
from ..packs import regex
from ..packs.disk import core_spans
from ..packs.pack import Pack
from ..packs.spans import Spans
from .authored import Block, authored_blocks
from .findings import SEVERITY_RANK, Finding, Suggestion, resolve_overlaps
from .segment import Sentence, sentences, tokens
from .suggest import sentence_level
from .utf16 import Utf16Index

log = logging.getLogger(__name__)
_DEADLINE_EVERY = 16  # sentences between two looks at the clock
# An analyzer's fault finding (a curt sentence, as defensive) stands where the detector gives its sentence at least
# this for the fault. On the training writers 3 of 59 curt sentences were labelled defensive, each above it, and 2
# of the other 56 ("Your selfie check failed because of their system, not anything you did."); "Your complaint is
# ridiculous." scores 0.29.
_CONFIRMS = 0.25


class Overtime(Exception):
    """A review passed its deadline; the caller answers 'try again' and the worker is free again."""

# Where a clause begins or ends inside a sentence: punctuation here, words in rules/core/spans.yaml (`Spans`).
_CLAUSE_BREAK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;()]|\s[—–-]\s|[—–]")  # "$1,034" and "2:30" are not breaks
_PLACEHOLDER = re.compile(r"^\[[^\]]+\]")
_TERMINAL = ".!?"


@dataclass(frozen=True)
class Review:
    text: str
    findings: tuple[Finding, ...]
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    pack: Pack
    analysis: dict | None = None  # the analyzers' summary (words, grade, tone, score, grammar) when they ran

    @cached_property
    def index(self) -> Utf16Index:
        return Utf16Index(self.text)

    def summary(self) -> dict:
        by_category = Counter(f.category for f in self.findings)
        by_severity = Counter(f.severity for f in self.findings)
        return {
            "findings": len(self.findings),
            "byCategory": dict(sorted(by_category.items())),
            "bySeverity": dict(sorted(by_severity.items())),
            "sentences": len(self.sentences),
            "authored": [{"offset": self.index.to_utf16(b.start),
                          "length": self.index.to_utf16(b.end) - self.index.to_utf16(b.start)}
                         for b in self.blocks],
            **(self.analysis or {}),
        }

    def to_dict(self) -> dict:
        return {"findings": [f.to_dict(self.index) for f in self.findings], "summary": self.summary(),
                "pack": {"id": self.pack.id, "version": self.pack.version}}


class Reviewer:
    """A compiled pack, ready to review drafts. Thread-safe for reads; the cache is bounded."""

    def __init__(self, pack: Pack, cache_size: int = 4096, detector="shipped", spans: Spans | None = None) -> None:
        self.pack = pack
        self.spans = spans or core_spans()  # the words that end a clause, whatever the pack
        # The learned detector adds findings where no rule fired; a pack may switch it off per category or
        # move a category's threshold (`detector:` in the pack).
        self.detector = load_detector() if detector == "shipped" else detector
        self.detector_settings = self.detector.settings.merged(pack.detector) if self.detector else None
        self.matchers = build_matchers(pack.rules, pack.classes)
        self._unless = {r.id: [regex.compile_pattern(u) for u in r.unless] for r in pack.rules if r.unless}
        self._cache: OrderedDict[str, tuple[Hit, ...]] = OrderedDict()
        self._cache_size = cache_size

    def sentence_hits(self, sentence: str) -> tuple[Hit, ...]:
        """Hits of every rule in one sentence, offsets relative to it (cached by sentence text)."""
        cached = self._cache.get(sentence)
        if cached is not None:
            return cached
        toks = tokens(sentence)
        hits: list[Hit] = []
        for matcher in self.matchers:
            try:
                hits.extend(matcher.match(sentence, toks))
            except Exception:  # a broken rule kind costs its own findings, not the review
                log.exception("rule kind %s failed", type(matcher).__name__)
        if self._unless:
            clean = regex.scrub(sentence)
            hits = [h for h in hits if not any(rx.search(clean) for rx in self._unless.get(h.rule.id, ()))]
        result = tuple(hits)
        self._cache[sentence] = result
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return result

    def review(self, text: str, *, disabled_rules=(), enabled_rules=(), disabled_categories=(),
               min_severity: str | None = None,
               excluded: list[tuple[int, int]] = (), analyzers=None, model: bool = True,
               deadline: float | None = None) -> Review:
        """Review `text`. `excluded` lists code-point ranges known not to be the writer's (quoted HTML).

        With `analyzers` (an `tactful.analyzers.Analyzers`), clarity, tone and grammar findings join the
        rule findings and the summary gains words, reading grade, tone and the ready-to-send score.
        A rule the pack ships switched off (`enabled: false`) is applied only when named in `enabled_rules`.
        With `model` false, the learned detector is not asked (rules alone). Past `deadline` (a
        `time.monotonic()` value) the review stops with `Overtime`.
        """
        blocks = subtract(authored_blocks(text), excluded) if excluded else authored_blocks(text)
        sents = sentences(text, blocks)
        disabled_rules, disabled_categories = set(disabled_rules), set(disabled_categories)
        floor = SEVERITY_RANK[min_severity] if min_severity else 0
        found: list[Finding] = []
        # Lines that a rule the pack ships switched off matches (courtesy lines): the pack says they are fine as
        # they are, so the detector does not flag them for that rule's category either.
        allowed: list[Finding] = []

        def wanted(rule_id: str, category: str, severity: str) -> bool:
            return (rule_id not in disabled_rules and category not in disabled_categories
                    and SEVERITY_RANK[severity] >= floor)

        def on_time() -> None:
            if deadline is not None and time.monotonic() > deadline:
                raise Overtime(f"review of {len(text):,} characters passed its deadline")

        for n, sent in enumerate(sents):
            if n % _DEADLINE_EVERY == 0:
                on_time()
            for hit in self.sentence_hits(sent.text):
                rule = hit.rule
                if not (rule.enabled or rule.id in enabled_rules):
                    if rule.id not in disabled_rules:
                        allowed.append(self._finding(text, sent, hit))
                    continue
                if not wanted(rule.id, rule.category, rule.severity):
                    continue
                found.append(self._finding(text, sent, hit))
        found = resolve_overlaps(found)
        on_time()
        if model and self.detector is not None:
            extra = self.detector.findings(text, sents, found, self.detector_settings,
                                           lambda rule_id, category: wanted(rule_id, category, "warning"))
            extra = [e for e in extra if not any(a.category == e.category and a.start < e.end and e.start < a.end
                                                 for a in allowed)]
            found = sorted(found + extra, key=lambda f: (f.start, f.end, f.rule))
        found = sentence_level(text, sents, found,
                               self._fault_probability if model and self.detector is not None else None)
        analysis = None
        if analyzers is not None:
            on_time()
            found, analysis = _analyze(analyzers, text, blocks, sents, found,
                                       lambda f: wanted(f.rule, f.category, f.severity),
                                       grammar={"grammar", "spelling"} - disabled_categories,
                                       confirmed=self._confirmed if model and self.detector is not None else None)
        return Review(text, tuple(found), tuple(blocks), tuple(sents), self.pack, analysis)

    def _confirmed(self, faults: list[Finding], text: str) -> list[Finding]:
        """The analyzers' fault findings (a curt sentence as defensive) that the detector reads as that fault too:
        alone, the sentiment of a short sentence is a poor witness ("Bad news, the courier's lost your parcel.")."""
        scores = self._fault_probability([(text[f.start:f.end], f.category) for f in faults])
        return [f for f, p in zip(faults, scores) if p >= _CONFIRMS]

    def _fault_probability(self, pairs: list[tuple[str, str]]) -> list[float]:
        """The detector's probability of each (sentence, category), all sentences in one pass."""
        probs = self.detector.batch([s for s, _ in pairs]) if pairs else []
        return [p[_DETECTOR_CATEGORIES.index(c)] for p, (_, c) in zip(probs, pairs)]

    def _finding(self, text: str, sent: Sentence, hit: Hit) -> Finding:
        rule = hit.rule
        start, end = widen(sent.text, hit.start, hit.end, rule.scope, self.spans)
        start, end = sent.start + start, sent.start + end
        suggestions = tuple(fit(text, start, end, s, sent) for s in rule.suggestions)
        if any(s.replacement == "" for s in suggestions[:1]) and rule.scope == "sentence":
            # Deleting a whole sentence takes the space after it too.
            while end < len(text) and text[end] in " \t":
                end += 1
        return Finding(rule.id, rule.category, rule.severity, start, end, rule.message, rule.rationale, suggestions)


def _analyze(analyzers, text: str, blocks, sents, found: list[Finding], wanted, grammar: set[str], confirmed=None):
    """Add the analyzers' findings to the rule findings; a rule finding keeps its span (one card per span).

    A fault finding of an analyzer (a curt sentence, as defensive) is kept only where `confirmed(findings, text)`
    keeps it (the learned detector reads the sentence as that fault too); without the detector, none is kept."""

    def free(f: Finding) -> bool:
        return all(f.end <= k.start or k.end <= f.start for k in found)

    extra = [f for f in resolve_overlaps([f for f in analyzers.findings(text, sents) if wanted(f)]) if free(f)]
    faults = [f for f in extra if f.category in _DETECTOR_CATEGORIES]
    extra = [f for f in extra if f.category not in _DETECTOR_CATEGORIES]
    if faults and confirmed:
        extra += confirmed(faults, text)
    found = sorted(found + extra, key=lambda f: (f.start, f.end, f.rule))
    if grammar:
        checked, status = analyzers.grammar(text, blocks, found)
        found = sorted(found + [f for f in checked if f.category in grammar and wanted(f)],
                       key=lambda f: (f.start, f.end, f.rule))
    else:
        status = {"status": "off", "reason": "grammar and spelling are disabled for this review"}
    return found, analyzers.summary(text, sents, found, status)


def subtract(blocks: list[Block], excluded) -> list[Block]:
    """The parts of `blocks` outside every excluded range."""
    out = []
    for block in blocks:
        pieces = [(block.start, block.end)]
        for a, b in excluded:
            pieces = [p for s, e in pieces for p in ((s, min(e, a)), (max(s, b), e)) if p[0] < p[1]]
        out.extend(Block(s, e) for s, e in pieces)
    return out


def widen(sentence: str, start: int, end: int, scope: str, spans: Spans) -> tuple[int, int]:
    """Grow a hit to its clause or sentence (relative offsets); `spans` holds the words that end a clause."""
    if scope == "sentence":
        return 0, len(sentence)
    if scope != "clause":
        return start, end
    left = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = m.end()
    for m in spans.clause_word.finditer(sentence, left, start):
        left = m.end() if m.end() <= start else left
    # Lead-ins ("rest assured", "trust me") are clauses of their own: the hit after them does not take them in.
    for m in spans.lead_in.finditer(sentence, left, start):
        left = m.end() if m.end() <= start else left
    right = len(sentence)
    m = _CLAUSE_BREAK.search(sentence, end)
    if m:
        right = m.start()
    m = spans.clause_word.search(sentence, end, right)
    if m:
        right = m.start()
    while left < start and sentence[left].isspace():
        left += 1
    while right > end and (sentence[right - 1].isspace() or sentence[right - 1] in _TERMINAL):
        right -= 1
    return left, right


def fit(text: str, start: int, end: int, suggestion: Suggestion, sent: Sentence) -> Suggestion:
    """Adapt a suggestion to where it lands: capital letter at a sentence start, no doubled punctuation."""
    rep = suggestion.replacement
    if not rep:
        return suggestion
    at_start = start == sent.start or not text[sent.start:start].strip(" \t\"'“‘*•-")
    first = rep[0]
    if at_start:
        rep = rep[0].upper() + rep[1:]
    elif first.isupper() and not rep.startswith(("I ", "I'", "I’")) and not _PLACEHOLDER.match(rep) \
            and (len(rep) == 1 or rep[1].islower() or rep[1] in " '’"):
        rep = rep[0].lower() + rep[1:]
    after = text[end:end + 1]
    if rep[-1] in _TERMINAL and (after and after in _TERMINAL + ",;:"):
        rep = rep.rstrip(_TERMINAL)
    return Suggestion(rep, suggestion.label)
