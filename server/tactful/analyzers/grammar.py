"""Grammar and spelling from a LanguageTool server, never slower than a set budget.

Only the authored part of the draft is sent: its blocks joined by blank
lines, as one form-encoded ``POST /v2/check`` (``language=en-US``). The
answer's ``matches`` carry ``offset``/``length`` in UTF-16 code units of the
text we sent (Java strings); NOTE: they are converted to code points of that
text, then mapped back into the draft, block by block. A match that would
straddle two blocks is dropped, and so is one overlapping a finding Tactful
already made (one card per span). ``rule.issueType == "misspelling"`` becomes
category ``spelling``; everything else ``grammar``.

The request runs on a worker thread and the review waits for it at most
``budget`` seconds. A timeout, a refused connection, an HTTP error or an
answer that is not LanguageTool's JSON makes the review arrive without
grammar, with a status that says why; after such a failure LanguageTool is
left alone for ``cooldown`` seconds, so a dead or slow server costs one
review the budget, not every review. Proxies from the environment are
ignored: the server is named explicitly. The draft's text is never logged.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from dataclasses import dataclass

from ..engine.authored import Block
from ..engine.findings import Finding, Suggestion
from ..engine.utf16 import Utf16Index

log = logging.getLogger(__name__)

SEPARATOR = "\n\n"
MAX_SUGGESTIONS = 3
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="tactful-languagetool")
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Unavailable(Exception):
    """LanguageTool gave no usable answer; the message is the reason, safe to show (no draft text)."""


def check_url(url: str) -> str:
    """The ``/v2/check`` endpoint of a server named as ``http://host:port``, ``…/v2`` or ``…/v2/check``."""
    url = url.strip().rstrip("/")
    if url.endswith("/v2/check"):
        return url
    return url + ("/check" if url.endswith("/v2") else "/v2/check")


def display_url(url: str) -> str:
    """The URL without credentials or query, for status messages and logs."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def post_check(endpoint: str, text: str, timeout: float) -> dict:
    """One ``POST /v2/check``; LanguageTool's JSON answer, or `Unavailable`."""
    body = urllib.parse.urlencode({"text": text, "language": "en-US"}).encode()
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise Unavailable(f"LanguageTool answered HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise Unavailable(f"LanguageTool at {display_url(endpoint)} refused the connection") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise Unavailable("LanguageTool did not answer in time") from None
        raise Unavailable(f"LanguageTool at {display_url(endpoint)} is unreachable ({reason})") from None
    except (TimeoutError, socket.timeout):
        raise Unavailable("LanguageTool did not answer in time") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise Unavailable(f"LanguageTool at {display_url(endpoint)} failed ({type(exc).__name__})") from None
    try:
        answer = json.loads(raw)
    except ValueError:
        raise Unavailable("LanguageTool's answer was not JSON") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
        raise Unavailable("LanguageTool's answer had no list of matches")
    return answer


@dataclass(frozen=True, slots=True)
class _Piece:
    """One authored block inside the text sent: `sent_start` there, `start` in the draft."""

    sent_start: int
    start: int
    length: int


def authored_text(text: str, blocks: list[Block]) -> tuple[str, list[_Piece]]:
    """The text to send (blocks joined by blank lines) and where each block sits in it."""
    parts, pieces, pos = [], [], 0
    for block in blocks:
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        parts.append(text[block.start:block.end])
        pieces.append(_Piece(pos, block.start, block.end - block.start))
        pos += block.end - block.start
    return "".join(parts), pieces


def to_findings(answer: dict, sent: str, pieces: list[_Piece]) -> list[Finding]:
    """LanguageTool's matches as findings with code-point spans in the draft."""
    index = Utf16Index(sent)
    out = []
    for match in answer.get("matches", ()):
        try:
            offset, length = int(match["offset"]), int(match["length"])
            rule = match.get("rule") or {}
            message = str(match.get("message") or match.get("shortMessage") or "")
        except (KeyError, TypeError, ValueError):
            continue
        a, b = index.to_index(offset), index.to_index(offset + length)
        piece = next((p for p in pieces if p.sent_start <= a and b <= p.sent_start + p.length), None)
        if piece is None or not message or length < 0:
            continue
        issue = str(rule.get("issueType") or "")
        category = "spelling" if issue == "misspelling" else "grammar"
        severity = "warning" if issue in ("misspelling", "grammar") else "info"
        values = [r.get("value") for r in match.get("replacements") or () if isinstance(r, dict)]
        suggestions = tuple(Suggestion(v, f"Replace with “{v}”") for v in values if isinstance(v, str))
        start = piece.start + a - piece.sent_start
        rationale = str((rule.get("category") or {}).get("name") or rule.get("description") or "")
        out.append(Finding(f"languagetool.{rule.get('id') or 'UNKNOWN'}", category, severity, start,
                           start + b - a, message, f"LanguageTool: {rationale}" if rationale else "LanguageTool",
                           suggestions[:MAX_SUGGESTIONS]))
    return out


def _overlaps(f: Finding, others: list[Finding]) -> bool:
    end = max(f.end, f.start + 1)  # an insertion point still sits inside a span
    return any(f.start < max(o.end, o.start + 1) and o.start < end for o in others)


def dedupe(found: list[Finding], existing: list[Finding]) -> list[Finding]:
    """Drop matches that overlap Tactful's findings or an earlier match."""
    kept: list[Finding] = []
    for f in found:
        if not _overlaps(f, existing) and not _overlaps(f, kept):
            kept.append(f)
    return kept


class LanguageTool:
    """A LanguageTool server at `url`, asked with a budget and a cooldown after failures."""

    def __init__(self, url: str, budget: float = 1.5, cooldown: float = 10.0) -> None:
        self.endpoint = check_url(url)
        self.budget = budget
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._last_reason = ""

    def check(self, text: str, blocks: list[Block], existing: list[Finding],
              budget: float | None = None) -> tuple[list[Finding], dict]:
        budget = self.budget if budget is None else budget
        sent, pieces = authored_text(text, blocks)
        if not sent.strip():
            return [], {"status": "ok", "reason": "nothing to check"}
        now = time.monotonic()
        with self._lock:
            if now < self._retry_at:
                wait = self._retry_at - now
                return [], {"status": "skipped", "reason": f"{self._last_reason}; next try in {wait:.0f} s"}
        future = _POOL.submit(post_check, self.endpoint, sent, budget)
        try:
            answer = future.result(timeout=budget)
        except FutureTimeout:
            future.cancel()
            return [], self._failed(f"LanguageTool did not answer within {budget:g} s")
        except Unavailable as exc:
            return [], self._failed(str(exc))
        except Exception as exc:  # a bug here must cost grammar, not the review
            log.exception("LanguageTool client failed")
            return [], self._failed(f"LanguageTool client error ({type(exc).__name__})")
        with self._lock:
            self._retry_at = 0.0
        return dedupe(to_findings(answer, sent, pieces), existing), {"status": "ok", "reason": ""}

    def _failed(self, reason: str) -> dict:
        log.warning("grammar skipped: %s", reason)
        with self._lock:
            self._last_reason = reason
            self._retry_at = time.monotonic() + self.cooldown
        return {"status": "skipped", "reason": reason}
