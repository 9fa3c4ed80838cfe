"""What every rule kind shares: the `Hit` a matcher returns, and the `Matcher` protocol it follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..engine.segment import Token
from ..packs.pack import Rule


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule matched `sentence[start:end]` (code-point offsets relative to the sentence)."""

    rule: Rule
    start: int
    end: int


class Matcher(Protocol):
    """The rules of one kind, compiled: `build(rules, classes)` in the kind's module returns one."""

    def match(self, sentence: str, toks: list[Token]) -> list[Hit]:
        """The hits in one sentence. A pure function of the sentence, so the engine may cache it."""
        ...
