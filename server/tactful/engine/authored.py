"""Find the part of a draft that its writer wrote.

A reply carries text its writer did not write: the customer's message quoted
below (``> `` lines, an ``On … wrote:`` block, Outlook's ``From:/Sent:``
header or ``-----Original Message-----``), a forwarded message, and the
signature (after a ``-- `` line, or a sign-off such as "Kind regards," and the
short lines under it). Only the authored part is reviewed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED_LINE = re.compile(r"^[ \t]*>")
_ON_WROTE = re.compile(r"^[ \t]*(On|Le|Am|El|Il|Op)\b.{0,300}?\b(wrote|a écrit|schrieb|escribió|ha scritto|schreef)\s*:?[ \t]*$",
                       re.IGNORECASE)
# German, Spanish, French… put the name after the verb: "Am 03.03.2026 um 09:12 schrieb Jan <jan@example.de>:"
_ON_WROTE_NAME_AFTER = re.compile(
    r"^[ \t]*(Am|El|Le|Il|Op|On)\b.{0,200}?\b(schrieb|escribió|a écrit|ha scritto|schreef|wrote)\b.{0,200}:[ \t]*$",
    re.IGNORECASE)
_ON_START = re.compile(r"^[ \t]*On\b.{4,}", re.IGNORECASE)
_WROTE_END = re.compile(r"\bwrote\s*:[ \t]*$", re.IGNORECASE)
_SEPARATORS = re.compile(
    r"^[ \t]*(-{2,}\s*(Original Message|Forwarded message|Forwarded Message)\s*-{2,}"
    r"|Begin forwarded message:|_{10,}|-{5,}\s*Reply above this line.*)\s*$",
    re.IGNORECASE)
_FROM = re.compile(r"^[ \t]*\*?From\*?:", re.IGNORECASE)
_HEADER = re.compile(r"^[ \t]*\*?(From|Sent|Date|To|Cc|Subject)\*?:[ \t]*\S", re.IGNORECASE)
_SIG_DELIMITER = re.compile(r"^(-- ?|—|__)[ \t]*$")
_SIGN_OFF = re.compile(
    r"^[ \t]*(((kind|best|warm|warmest|many|with kind)\s+)?regards|(best|kind|warm|warmest) wishes|best|all the best|"
    r"cheers|sincerely|warmly|(yours )?respectfully( yours)?|yours( (truly|sincerely|faithfully))?|"
    r"(many\s+|warm(est)?\s+)?thanks( again| so much| a lot)?|thank you( again| so much)?|"
    r"talk soon|take care|speak soon|with thanks|cordially|br|"
    r"thanks and (kind |best )?regards)[ \t]*[,.!]?[ \t]*$",
    re.IGNORECASE)
_SIGNATURE_MAX_LINES = 7


@dataclass(frozen=True, slots=True)
class Block:
    """A run of authored text: `text[start:end]`, code-point indexes."""

    start: int
    end: int


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break (LF or CRLF)."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def _is_outlook_header(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A ``From:`` line followed closely by ``Sent:``/``Date:`` and ``To:``/``Subject:`` lines."""
    first = text[lines[i][0]:lines[i][1]]
    if not _FROM.match(first):
        return False
    names = set()
    for s, e in lines[i + 1:i + 6]:
        m = _HEADER.match(text[s:e])
        if m:
            names.add(m.group(1).lower())
    return bool(names & {"sent", "date"}) and bool(names & {"to", "subject"})


def _cut_line(text: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line that starts quoted or forwarded material, or len(lines)."""
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if not line or line.isspace():  # none of the markers is blank; a draft of 100,000 blank lines stays cheap
            continue
        if (_SEPARATORS.match(line) or _ON_WROTE.match(line) or _ON_WROTE_NAME_AFTER.match(line)
                or _is_outlook_header(text, lines, i)):
            return i
        # "On Tue, 3 May 2022 at 10:14, Dana <dana@example.com>" + "wrote:" wrapped over two lines
        if _ON_START.match(line) and i + 1 < len(lines) and _WROTE_END.search(text[lines[i + 1][0]:lines[i + 1][1]]) \
                and len(line) < 200:
            return i
    return len(lines)


def _signature_line(text: str, lines: list[tuple[int, int]], end: int) -> int:
    """Index of the line where the signature starts among lines[:end], or `end`."""
    for i in range(end):
        s, e = lines[i]
        if _SIG_DELIMITER.match(text[s:e]):
            return i
    # A sign-off line followed only by a few short lines (name, title, company, phone); never the
    # first line the writer wrote ("Thanks." opening a reply is not a signature).
    first = next((i for i, (s, e) in enumerate(lines[:end])
                  if text[s:e].strip() and not _QUOTED_LINE.match(text[s:e])), end)
    for i in range(end - 1, first, -1):
        s, e = lines[i]
        if _SIGN_OFF.match(text[s:e]):
            tail = [text[a:b] for a, b in lines[i + 1:end] if text[a:b].strip()]
            if len(tail) <= _SIGNATURE_MAX_LINES and all(len(t) <= 80 for t in tail):
                return i
            break
        if end - i > _SIGNATURE_MAX_LINES + 2:
            break
    return end


def authored_blocks(text: str) -> list[Block]:
    """The authored runs of `text`: one block per run of authored, unquoted lines."""
    lines = _lines(text)
    end = _cut_line(text, lines)
    end = _signature_line(text, lines, end)
    blocks: list[Block] = []
    run_start = None
    for i in range(end):
        s, e = lines[i]
        if _QUOTED_LINE.match(text[s:e]):
            if run_start is not None:
                blocks.append(Block(run_start, lines[i - 1][1]))
                run_start = None
            continue
        if run_start is None:
            run_start = s
    if run_start is not None and end > 0:
        blocks.append(Block(run_start, lines[end - 1][1]))
    return [b for b in blocks if text[b.start:b.end].strip()]
