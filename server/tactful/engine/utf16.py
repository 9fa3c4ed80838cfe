"""Offsets in UTF-16 code units, the unit of the review contract.

Python indexes strings by code point; JavaScript and LanguageTool count
UTF-16 code units, where a character outside the Basic Multilingual Plane
(most emoji) takes two. NOTE: every offset that leaves the engine goes
through `Utf16Index`, and every offset that comes in goes back through it.
"""

from __future__ import annotations

from bisect import bisect_right


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """Converts between code-point indexes and UTF-16 offsets of one text."""

    __slots__ = ("_astral", "length")

    def __init__(self, text: str) -> None:
        # Positions of astral characters; empty for most drafts, so the
        # conversion is the identity at the cost of one empty bisect.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.length = len(text) + len(self._astral)

    def to_utf16(self, index: int) -> int:
        return index + bisect_right(self._astral, index - 1)

    def to_index(self, units: int) -> int:
        """Code-point index of the character starting at `units` (or the one containing it)."""
        lo, hi = 0, units
        while lo < hi:  # the smallest index whose UTF-16 offset is >= units
            mid = (lo + hi) // 2
            if self.to_utf16(mid) < units:
                lo = mid + 1
            else:
                hi = mid
        return lo
