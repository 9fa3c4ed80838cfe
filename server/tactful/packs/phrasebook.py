"""Phrase expressions and the automaton that matches all of them at once.

A phrase expression is words separated by spaces, with:

- ``(a | b c)``   alternatives, each a phrase of its own;
- ``(a b)?`` or ``[a b]``  an optional part;
- ``{name}``      a word class of the pack (``{we}`` → we, our team, …);
- ``word~``       the word and its inflections (slam, slams, slammed, slamming);
- ``_``           any one word;
- ``^`` / ``$``   the start / the end of the sentence (first / last item only).

Matching is case-insensitive and on word boundaries, and contractions are
expanded on both sides ("we've" is "we have"). Every expression of every rule
is compiled into one word graph (a nondeterministic automaton whose edges are
words), so ``{we} {be} [{intens}] {busy_adj}`` costs the sum of its parts, not
their product. A draft is matched by walking the graph from each word; the
sets of graph nodes reached are interned and their transitions cached (a lazy
deterministic automaton), so the cost grows with the length of the draft, not
with the number of phrases.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import product

from ..engine.segment import Token, tokens
from .inflect import inflections

MAX_EXPANSIONS = 200_000  # graph size (words) of one phrase
WILDCARD = "_"
START, END = "^", "$"
_LEX = re.compile(r"\s*(\(|\)\?|\)|\[|\]|\{[^}]*\}|\||[^\s()\[\]{}|]+)")
_CACHE_LIMIT = 500_000


class PhraseError(ValueError):
    """A phrase expression that cannot be compiled; the message says why."""


# --- the parsed form: nested tuples ---------------------------------------
# ("w", words)  a fixed word sequence;   ("alt", [node, ...])  one of them;
# ("seq", [node, ...])  one after the other;   ("opt", node)  node or nothing.


@dataclass
class _Parser:
    source: str
    classes: dict[str, list[str]]
    depth: int = 0
    items: list[str] = field(default_factory=list)
    pos: int = 0

    def __post_init__(self) -> None:
        text, i = self.source, 0
        while i < len(text):
            m = _LEX.match(text, i)
            if not m:
                break
            self.items.append(m.group(1))
            i = m.end()
        if text[i:].strip():
            raise PhraseError(f"cannot read {text[i:]!r} in phrase {self.source!r}")

    def peek(self) -> str | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self) -> str:
        item = self.items[self.pos]
        self.pos += 1
        return item

    def expr(self):
        options = [self.seq()]
        while self.peek() == "|":
            self.take()
            options.append(self.seq())
        return options[0] if len(options) == 1 else ("alt", options)

    def seq(self):
        parts = []
        while self.peek() not in (None, "|", ")", ")?", "]"):
            parts.append(self.item())
        return parts[0] if len(parts) == 1 else ("seq", parts)

    def item(self):
        tok = self.take()
        if tok == "(":
            inner = self.expr()
            close = self.peek()
            if close not in (")", ")?"):
                raise PhraseError(f"unclosed '(' in phrase {self.source!r}")
            self.take()
            return ("opt", inner) if close == ")?" else inner
        if tok == "[":
            inner = self.expr()
            if self.peek() != "]":
                raise PhraseError(f"unclosed '[' in phrase {self.source!r}")
            self.take()
            return ("opt", inner)
        if tok.startswith("{"):
            name = tok[1:-1].strip()
            if name not in self.classes:
                raise PhraseError(f"unknown word class {{{name}}} in phrase {self.source!r}")
            if self.depth > 8:
                raise PhraseError(f"word class {{{name}}} refers to itself")
            members = [parse(member, self.classes, self.depth + 1) for member in self.classes[name]]
            return members[0] if len(members) == 1 else ("alt", members)
        if tok in (")", ")?", "]", "|"):
            raise PhraseError(f"unexpected {tok!r} in phrase {self.source!r}")
        if tok in (WILDCARD, START, END):
            return ("w", (tok,))
        if tok.endswith("~") and len(tok) > 1:
            return ("alt", [("w", (form,)) for form in sorted(inflections(tok[:-1].lower()))])
        words = tuple(t.norm for t in tokens(tok))
        if not words:
            raise PhraseError(f"{tok!r} in phrase {self.source!r} is not a word")
        return ("w", words)


def parse(source: str, classes: dict[str, list[str]], depth: int = 0):
    """The parsed form of one phrase expression (raises PhraseError)."""
    parser = _Parser(source, classes, depth)
    node = parser.expr()
    if parser.peek() is not None:
        raise PhraseError(f"unexpected {parser.peek()!r} in phrase {source!r}")
    return node


def _size(node) -> int:
    kind, body = node
    if kind == "w":
        return len(body)
    if kind == "opt":
        return _size(body)
    return sum(_size(n) for n in body)


def _sequences(node):
    """Every word sequence of a parsed phrase (lazily; for tests and tools)."""
    kind, body = node
    if kind == "w":
        yield body
    elif kind == "opt":
        yield ()
        yield from _sequences(body)
    elif kind == "alt":
        for n in body:
            yield from _sequences(n)
    else:
        for combo in product(*[list(_sequences(n)) for n in body]):
            yield tuple(w for part in combo for w in part)


def _anchors_ok(node, first: bool, last: bool) -> bool:
    """'^' only where nothing can come before it, '$' only where nothing can follow."""
    kind, body = node
    if kind == "w":
        return all((w != START or (first and k == 0)) and (w != END or (last and k == len(body) - 1))
                   for k, w in enumerate(body))
    if kind in ("opt",):
        return _anchors_ok(body, first, last)
    if kind == "alt":
        return all(_anchors_ok(n, first, last) for n in body)
    return all(_anchors_ok(n, first and k == 0, last and k == len(body) - 1) for k, n in enumerate(body))


class Phrase:
    """A compiled phrase expression. `len()` is its size in graph words (its matching cost)."""

    def __init__(self, source: str, node) -> None:
        self.source = source
        self.node = node
        self.size = _size(node)

    def __len__(self) -> int:
        return self.size

    def __iter__(self):
        return (s for s in _sequences(self.node) if s and s not in ((START,), (END,), (START, END)))


def expand(source: str, classes: dict[str, list[str]], depth: int = 0) -> Phrase:
    """Compile the phrase expression `source`; iterate the result for its word sequences."""
    node = parse(source, classes, depth)
    phrase = Phrase(source, node)
    if phrase.size > MAX_EXPANSIONS:
        raise PhraseError(f"phrase {source!r} is larger than {MAX_EXPANSIONS} words once its classes are filled in")
    if not _anchors_ok(node, True, True):
        raise PhraseError(f"'^' may only open and '$' only close phrase {source!r}")
    return phrase


class Automaton:
    """One word graph for every phrase; matched as a lazily built deterministic automaton."""

    def __init__(self) -> None:
        self._edges: list[dict[str, list[int]]] = [{}]
        self._eps: list[list[int]] = [[]]
        self._accept: list[list[object]] = [[]]
        self.size = 0
        self._lock = threading.Lock()
        self._reset()

    # -- building ----------------------------------------------------------
    def _new(self) -> int:
        self._edges.append({})
        self._eps.append([])
        self._accept.append([])
        return len(self._edges) - 1

    def _compile(self, node, start: int) -> int:
        kind, body = node
        if kind == "w":
            state = start
            for word in body:
                nxt = self._new()
                self._edges[state].setdefault(word, []).append(nxt)
                state = nxt
            return state
        if kind == "seq":
            state = start
            for part in body:
                state = self._compile(part, state)
            return state
        if kind == "opt":
            end = self._compile(body, start)
            self._eps[start].append(end)
            return end
        end = self._new()
        for option in body:
            self._eps[self._compile(option, start)].append(end)
        return end

    def add(self, phrase: Phrase | tuple[str, ...], payload: object) -> None:
        """Add a compiled phrase (or one word sequence) that reports `payload` where it matches."""
        node = phrase.node if isinstance(phrase, Phrase) else ("w", tuple(phrase))
        end = self._compile(node, 0)
        self._accept[end].append(payload)
        self.size += _size(node)
        self._reset()

    # -- matching ----------------------------------------------------------
    def _reset(self) -> None:
        self._ids: dict[frozenset, int] = {}
        self._sets: list[frozenset] = []
        self._payloads: list[tuple] = []
        self._trans: dict[tuple[int, str], int] = {}
        self._index: dict[int, tuple[frozenset, int]] = {}
        self._empty = self._intern(frozenset())
        self._init = self._intern(self._closure({0}))
        self._init0 = self._intern(self._sets[self._init] | self._sets[self._step(self._init, START)])

    def _closure(self, states) -> frozenset:
        seen, stack = set(states), list(states)
        while stack:
            for nxt in self._eps[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return frozenset(seen)

    def _intern(self, states: frozenset) -> int:
        found = self._ids.get(states)
        if found is not None:
            return found
        with self._lock:
            found = self._ids.get(states)
            if found is None:
                found = len(self._sets)
                self._sets.append(states)
                seen, payloads = set(), []
                for s in sorted(states):
                    for p in self._accept[s]:
                        if id(p) not in seen:
                            seen.add(id(p))
                            payloads.append(p)
                self._payloads.append(tuple(payloads))
                self._ids[states] = found
        return found

    def _wild(self, dstate: int) -> tuple[frozenset, int]:
        """Where the wildcard leads from a deterministic state: its graph nodes, and that state's id."""
        found = self._index.get(dstate)
        if found is None:
            wild = frozenset(t for s in self._sets[dstate] for t in self._edges[s].get(WILDCARD, ()))
            found = self._index[dstate] = (wild, self._intern(self._closure(wild)) if wild else self._empty)
        return found

    def _step(self, dstate: int, word: str) -> int:
        key = (dstate, word)
        found = self._trans.get(key)
        if found is not None:
            return found
        anchor = word in (START, END)
        reached = set()
        for s in self._sets[dstate]:
            targets = self._edges[s].get(word)
            if targets:
                reached.update(targets)
        if anchor:
            found = self._intern(self._closure(reached)) if reached else self._empty
        else:
            wild, other = self._wild(dstate)
            # A word no phrase names just follows the wildcards: no new state to build.
            found = self._intern(self._closure(reached | wild)) if reached else other
        if len(self._trans) > _CACHE_LIMIT:
            self._trans.clear()  # in place: `matches` holds a reference
        self._trans[key] = found
        return found

    def matches(self, toks: list[Token]) -> list[tuple[object, int, int]]:
        """(payload, first token, last token + 1) of every phrase occurrence.

        A phrase opened by ``^`` only matches from the first token, one closed
        by ``$`` only up to the last; the anchors take no token of their own.
        """
        out = []
        n = len(toks)
        words = [t.norm for t in toks]
        empty, payloads, step, trans = self._empty, self._payloads, self._step, self._trans
        for i in range(n):
            state = self._init0 if i == 0 else self._init
            j = i
            while j < n:
                word = words[j]
                nxt = trans.get((state, word))  # the common case, without a call
                state = step(state, word) if nxt is None else nxt
                if state == empty:
                    break
                j += 1
                if payloads[state]:
                    out.extend((p, i, j) for p in payloads[state])
                if j == n:
                    for p in payloads[step(state, END)]:
                        out.append((p, i, j))
        return out
