"""Regular expressions of rule packs, compiled with RE2 (linear time).

A pattern written by a team lead can never hang the server: RE2 matches in
time linear in the text and refuses backreferences and lookaround, which we
report with a message that names the construct.
"""

from __future__ import annotations

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_UNSUPPORTED = (("(?=", "lookahead (?=…)"), ("(?!", "negative lookahead (?!…)"),
                ("(?<=", "lookbehind (?<=…)"), ("(?<!", "negative lookbehind (?<!…)"))


class PatternError(ValueError):
    pass


def compile_pattern(pattern: str):
    """Compile case-insensitively with RE2, or raise PatternError saying what is unsupported."""
    for token, name in _UNSUPPORTED:
        if token in pattern:
            raise PatternError(f"unsupported regular expression syntax: {name} (patterns run on a linear-time engine)")
    if any(f"\\{d}" in pattern for d in "123456789"):
        raise PatternError("unsupported regular expression syntax: backreference \\N (patterns run on a linear-time engine)")
    try:
        return re2.compile(f"(?i){pattern}", _OPTIONS)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"invalid regular expression {pattern!r}: {detail}") from None


def scrub(text: str) -> str:
    """Replace lone surrogates (which RE2 cannot encode) by U+FFFD, keeping every index."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
