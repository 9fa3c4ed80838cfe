"""The pack registry: the compiled reviewer for each pack, built-in or a team's.

The web front end asks the `PackRegistry` for a `Reviewer`. The registry
knows the built-in packs and, when a store is attached, the team packs whose
active versions the store holds: `refresh()` (run every
`pack_refresh_seconds` by `Background`) asks the store for the active version
number of each pack, a cheap query, and loads and compiles only what changed,
so a pack published through one instance serves on every instance within a
few seconds. When the database is unreachable, the registry keeps serving
what it has and the next refresh tries again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from graphlib import CycleError, TopologicalSorter

import yaml

from ..engine.reviewer import Reviewer
from ..packs.pack import Pack, PackError, builtin_packs, load_pack_text, resolve
from ..store import StoreUnavailable

log = logging.getLogger(__name__)


class PackRegistry:
    def __init__(self, default_pack: str = "core", store=None) -> None:
        self.default = default_pack
        self.store = store
        self._lock = threading.Lock()
        self._builtin: dict[str, Pack] = dict(builtin_packs())
        self._packs: dict[str, Pack] = dict(self._builtin)
        self._reviewers: dict[str, tuple[Pack, Reviewer]] = {}
        self._team: dict[str, tuple[int, str]] = {}  # pack id → (active version number, YAML source)
        self._owners: dict[str, str] = {}  # team pack id → the team that owns it
        self._keys: dict[str, tuple] = {}  # pack id → the (id, number) chain it was resolved from
        self._broken: set[tuple[str, int]] = set()  # versions that failed to load (logged once)

    # --- lookups (request path: no I/O, no locks beyond a dict read) -------------------------------------

    def packs(self) -> dict[str, Pack]:
        return dict(self._packs)

    def get(self, pack_id: str | None = None) -> Pack | None:
        return self._packs.get(pack_id or self.default)

    def is_builtin(self, pack_id: str) -> bool:
        return pack_id in self._builtin

    def owner(self, pack_id: str) -> str | None:
        """The team that owns a team pack (None for a built-in pack)."""
        return self._owners.get(pack_id)

    def visible_to(self, pack_id: str, team: str | None) -> bool:
        """Whether a caller of `team` may see the pack: built-in packs and the team's own (None: anyone)."""
        return team is None or pack_id in self._builtin or self._owners.get(pack_id) == team

    def version_number(self, pack_id: str) -> int | None:
        entry = self._team.get(pack_id)
        return entry[0] if entry else None

    def reviewer(self, pack_id: str | None = None) -> Reviewer | None:
        pack = self.get(pack_id)
        if pack is None:
            return None
        entry = self._reviewers.get(pack.id)
        if entry is None or entry[0] is not pack:
            with self._lock:
                entry = self._reviewers.get(pack.id)
                if entry is None or entry[0] is not pack:
                    entry = (pack, _compiled(pack))
                    self._reviewers[pack.id] = entry
        return entry[1]

    # --- team packs ----------------------------------------------------------------------------------

    def compiled(self, source: str, filename: str = "<pack>", team: str | None = None) -> tuple[Pack, Reviewer]:
        """`build`, and the pack's compiled Reviewer (reused when the same YAML on the same base was seen)."""
        return compile_source(source, filename, self._bases(team, self._packs))

    def _bases(self, team: str | None, packs: dict[str, Pack]):
        """The lookup `extends` resolves with for a pack of `team`: built-in packs and the team's own packs.

        Any other pack is unknown to it, so no team reads another's rules by building on its pack.
        """
        def lookup(pack_id: str) -> Pack | None:
            mine = pack_id in self._builtin or (team is not None and self._owners.get(pack_id) == team)
            return packs.get(pack_id) if mine else None
        return lookup

    def refresh(self) -> bool:
        """Load the store's active versions that differ from ours. True when something changed.

        Raises StoreUnavailable when the database cannot be reached; what is loaded keeps serving.
        """
        if self.store is None:
            return False
        versions = self.store.active_versions()
        current = {pid: n for pid, (n, _) in self._team.items()}
        if versions == current:
            return False
        self._owners = self.store.owners()
        changed = {pid: n for pid, n in versions.items() if current.get(pid) != n and pid not in self._builtin}
        sources = self.store.sources(changed)
        team = {pid: entry for pid, entry in self._team.items() if pid in versions}
        team.update({pid: (changed[pid], src) for pid, src in sources.items()})
        self._install(team)
        return True

    def install(self, pack_id: str, number: int, source: str, pack: Pack, reviewer: Reviewer) -> None:
        """Serve a version this instance has just published or rolled back to (others catch up by polling)."""
        try:
            self._owners = self.store.owners()
        except StoreUnavailable:  # the next poll fills it in; until then only calls without a token see it
            pass
        with self._lock:
            self._reviewers[pack_id] = (pack, reviewer)
        self._install({**self._team, pack_id: (number, source)}, ready={pack_id: pack})

    def _install(self, team: dict[str, tuple[int, str]], ready: dict[str, Pack] | None = None) -> None:
        """Resolve every team pack (bases first), reusing what did not change, then swap them in at once.

        A version that does not load, or whose `extends` runs in a cycle, is not served; the version
        that served before keeps serving.
        """
        ready = ready or {}
        fresh: dict[str, tuple[Pack, Reviewer]] = {}  # compiled here, served from the swap on
        packs: dict[str, Pack] = dict(self._builtin)
        keys: dict[str, tuple] = {pid: ((pid, 0),) for pid in self._builtin}
        loaded: dict[str, Pack] = {}  # read but not yet resolved
        for pid, (number, source) in sorted(team.items()):
            try:
                loaded[pid] = ready[pid] if pid in ready else load_pack_text(source, f"{pid}@{number}")
            except PackError as exc:
                self._report_broken(pid, number, exc)
                self._keep(pid, packs, keys, ((pid, number),))
        order, blocked = self._order(loaded)
        for pid in order:
            number, source = team[pid]
            self._resolve(pid, number, source, loaded[pid], pid in ready, packs, keys, fresh)
        for pid, (number, _) in team.items():
            if pid in blocked:
                log.warning("pack %s version %d extends itself through other packs; not loaded", pid, number)
                if pid in self._packs:
                    packs[pid] = self._packs[pid]
        for pid, pack in packs.items():  # compile before swapping, so no request waits for it
            entry = fresh.get(pid) or self._reviewers.get(pid)
            if entry is None or entry[0] is not pack:
                fresh[pid] = (pack, _compiled(pack))
        with self._lock:
            reviewers = {**self._reviewers, **fresh}
            self._packs, self._keys, self._team = packs, keys, dict(team)
            self._reviewers = {pid: e for pid, e in reviewers.items() if pid in packs}

    def _order(self, loaded: dict[str, Pack]) -> tuple[list[str], set[str]]:
        """The team packs in the order to resolve them, each after the team pack it extends (by id
        among those ready together), and those an `extends` cycle blocks: the cycle's packs and
        every pack built on one of them."""
        sorter = TopologicalSorter({
            pid: [pack.extends] if pack.extends in loaded and pack.extends not in self._builtin else []
            for pid, pack in loaded.items()})
        try:
            sorter.prepare()
        except CycleError:
            pass  # what can be ordered still is; the rest is `blocked`
        order: list[str] = []
        while batch := sorted(sorter.get_ready()):
            order += batch
            sorter.done(*batch)
        return order, set(loaded) - set(order)

    def _resolve(self, pid: str, number: int, source: str, pack: Pack, is_ready: bool,
                 packs: dict[str, Pack], keys: dict[str, tuple], fresh: dict[str, tuple[Pack, Reviewer]]) -> None:
        """Resolve one team pack on the `packs` resolved so far, into `packs`, `keys` and `fresh`.

        Its key is the chain of (id, version) it stands on: when that did not change, the compiled
        pack is kept. `is_ready`: the caller compiled it (a version published through this instance).
        """
        key = ((pid, number),) + (keys.get(pack.extends, ()) if pack.extends else ())
        old = self._packs.get(pid)
        if not is_ready and old is not None and self._keys.get(pid) == key:
            packs[pid], keys[pid] = old, key  # unchanged: keep the compiled pack
            return
        try:
            if is_ready:
                packs[pid] = pack
            else:
                bases = self._bases(self._owners.get(pid), packs)
                packs[pid], reviewer = compile_source(source, f"{pid}@{number}", bases)
                fresh[pid] = (packs[pid], reviewer)
            keys[pid] = key
        except PackError as exc:
            self._report_broken(pid, number, exc)
            self._keep(pid, packs, keys, key)

    def _keep(self, pid: str, packs: dict[str, Pack], keys: dict[str, tuple], key: tuple) -> None:
        """Keep serving what served before for a version that does not load (nothing, if nothing did)."""
        if pid in self._packs:
            packs[pid], keys[pid] = self._packs[pid], self._keys.get(pid, key)

    def _report_broken(self, pid: str, number: int, exc: PackError) -> None:
        if (pid, number) not in self._broken:
            self._broken.add((pid, number))
            log.warning("pack %s version %d does not load now (%d problem(s)); keeping what served before",
                        pid, number, len(exc.issues))


_RECENT: OrderedDict[tuple[str, str], tuple[Pack | None, Pack, Reviewer]] = OrderedDict()
_RECENT_SIZE = 16
_RECENT_LOCK = threading.Lock()


def compile_source(source: str, filename: str, lookup) -> tuple[Pack, Reviewer]:
    """Load, resolve and compile a pack's YAML (PackError if bad).

    Compiling is the slow part (every phrase of the base pack goes into the
    automaton again), so the last few results are kept, keyed by file name and
    YAML and valid while `extends` names the very same base pack object: a
    rollback to a recent version, or the poll after a publish, costs nothing.
    """
    precheck(source, filename)
    pack = load_pack_text(source, filename)
    base = lookup(pack.extends) if pack.extends else None
    key = (filename, hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest())
    with _RECENT_LOCK:
        hit = _RECENT.get(key)
        if hit is not None and hit[0] is base:
            _RECENT.move_to_end(key)
            return hit[1], hit[2]
    resolved = resolve(pack, lookup)
    reviewer = Reviewer(resolved)
    with _RECENT_LOCK:
        _RECENT[key] = (base, resolved, reviewer)
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return resolved, reviewer


def precheck(source: str, filename: str = "<pack>") -> None:
    """Refuse a pack over the size or phrase limits before anything is built (PackError, located).

    Expanding every phrase is the slow part of loading a pack (seconds for
    25,000 phrases with word classes), so phrases are counted first, from the
    YAML events alone: libyaml reads a megabyte in milliseconds. Anything else
    wrong is left to the full load, which reports it with its place.
    """
    from ..packs.pack import MAX_PACK_BYTES, MAX_PHRASES, Issue

    if len(source.encode("utf-8", "surrogatepass")) > MAX_PACK_BYTES:
        raise PackError([Issue(filename, 1, 1, f"pack is larger than {MAX_PACK_BYTES:,} bytes")])
    count, mark = _phrase_count(source, MAX_PHRASES)
    if count > MAX_PHRASES:
        raise PackError([Issue(filename, mark.line + 1, mark.column + 1,
                               f"the pack has {count:,} phrases; the limit is {MAX_PHRASES:,}")])


_EVENTS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _phrase_count(source: str, limit: int) -> tuple[int, object]:
    """Items of the pack's `rules[*].phrases` and `overrides.*.add_phrases` lists, and where the first
    phrase over `limit` is. (0, None) when the YAML does not parse: the full load says why."""
    count, where = 0, None
    frames: list[list] = []  # per open collection: [path, is mapping, key awaited, last key]
    try:
        for event in yaml.parse(source, Loader=_EVENTS_LOADER):
            top = frames[-1] if frames else None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if top is None:
                    name = ""
                elif top[1]:
                    name = "<key>" if top[2] else top[3]
                    top[2] = not top[2]
                else:
                    name = "[]"
                path = (top[0] if top else ()) + (name,)
                frames.append([path, isinstance(event, yaml.MappingStartEvent), True, None])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frames.pop()
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and top is not None:
                if top[1]:
                    top[3] = getattr(event, "value", None) if top[2] else top[3]
                    top[2] = not top[2]
                elif _is_phrase_list(top[0]):
                    count += 1
                    if count > limit and where is None:
                        where = event.start_mark
    except yaml.YAMLError:
        return 0, None
    return count, where


def _is_phrase_list(path: tuple) -> bool:
    return (path[1:] == ("rules", "[]", "phrases")
            or (len(path) == 4 and path[1] == "overrides" and path[3] == "add_phrases"))


_BUILTIN_REVIEWERS: dict[str, tuple[Pack, Reviewer]] = {}
_BUILTIN_LOCK = threading.Lock()


def _compiled(pack: Pack) -> Reviewer:
    """A Reviewer for `pack`; a built-in pack is compiled once per process, whatever the number of apps."""
    if builtin_packs().get(pack.id) is not pack:
        return Reviewer(pack)
    with _BUILTIN_LOCK:
        entry = _BUILTIN_REVIEWERS.get(pack.id)
        if entry is None or entry[0] is not pack:
            entry = _BUILTIN_REVIEWERS[pack.id] = (pack, Reviewer(pack))
    return entry[1]
