"""Feedback counters: per team and rule, how often a rule fired and how often its finding was
applied, dismissed or its rule disabled.

Rule ids and numbers, never text. Counting is in memory (a review never waits
for the database); `flush()` adds the pending counts to the store every second.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from ..store import COUNTERS

ACTIONS = ("applied", "dismissed", "disabled")


class FeedbackCounter:
    """Counts per team and rule: fired, applied, dismissed, disabled; flushed to the store when attached."""

    MAX_PENDING = 20_000  # distinct (team, rule) pairs waiting for the database; beyond, new pairs are dropped

    def __init__(self, store=None) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str], dict[str, int]] = defaultdict(_zero)
        self._dropped = 0
        # Held while a batch is on its way to the database, so `stats` never sees it in neither place.
        self._flushing = threading.Lock()

    def add(self, team: str, rule: str, action: str, n: int = 1) -> None:
        with self._lock:
            key = (team, rule)
            if key not in self._pending and len(self._pending) >= self.MAX_PENDING:
                self._dropped += n
                return
            self._pending[key][action] += n

    def fired(self, team: str, rules: list[str]) -> None:
        for rule in rules:
            self.add(team, rule, "fired")

    def flush(self) -> int:
        """Write pending counts to the store; on failure they stay pending. Returns the pairs written."""
        if self.store is None:
            return 0
        with self._flushing:
            with self._lock:
                batch, self._pending = self._pending, defaultdict(_zero)
            if not batch:
                return 0
            try:
                self.store.add_counts(batch)
            except Exception:
                with self._lock:
                    for key, counts in batch.items():
                        mine = self._pending[key]
                        for c in COUNTERS:
                            mine[c] += counts[c]
                raise
            return len(batch)

    def stats(self, team: str) -> dict[str, dict[str, int]]:
        """Stored counts plus those not yet flushed. Raises StoreUnavailable when the store is down."""
        with self._flushing:
            stored = self.store.counts(team) if self.store is not None else {}
            with self._lock:
                pending = {rule: dict(c) for (t, rule), c in self._pending.items() if t == team}
        out = {rule: dict(c) for rule, c in stored.items()}
        for rule, counts in pending.items():
            mine = out.setdefault(rule, _zero())
            for c in COUNTERS:
                mine[c] += counts[c]
        return dict(sorted(out.items()))


def _zero() -> dict[str, int]:
    return {c: 0 for c in COUNTERS}
