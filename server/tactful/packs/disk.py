"""Packs on disk: a pack file, or a pack folder; and `extends` resolved offline.

A pack folder (the built-in `rules/core/`) is one pack written as several
files so that a reader finds their way: `pack.yaml` holds the pack's id,
version and description and lists the other files under `files`, in order;
each of those holds some of `classes`, `conditions` and `rules`. The loader
merges them into one pack, exactly as if it were one file (rules in the
order listed), so the engine builds the same automaton and RE2 sets. Every
value keeps the file it was written in, so an error reads
``rules/core/excuse.yaml:41:9: rule 'core.excuse.staffing': ...``.

`DiskPacks` resolves `extends` for packs read from disk: a built-in pack of
that id, else a pack of that id beside the pack (a file or a folder). Both
`tactful check --pack` and `tactful packs test` load packs through it.

Beside the core pack's rules, `rules/core/spans.yaml` holds the words that
decide how far an underline stretches (`core_spans`, see `spans`): core data
the engine reads for every pack, not part of any pack.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .pack import MAX_PACK_BYTES, Issue, Pack, PackError, build_pack, load_pack_text, parse_yaml, resolve
from .spans import Spans, parse_spans
from .yamlmarks import mark_of

PACK_HEADER = "pack.yaml"
SPANS = "spans.yaml"  # in the core folder, not listed in its pack.yaml: core data, not rules
PART_KEYS = ("classes", "conditions", "rules")  # what the files a pack.yaml lists may hold
_ENTRY = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*/?$")


def is_pack_folder(path) -> bool:
    return path.is_dir() and path.joinpath(PACK_HEADER).is_file()


def load_pack_folder(folder, shown: str | None = None) -> Pack:
    """Load the pack folder `folder` (a `Path` or a package resource). `shown` names it in errors.

    Does not resolve `extends` (see `pack.resolve`).
    """
    shown = (shown or str(folder)).rstrip("/")
    header, parts = _read_folder(folder, shown)
    data, marks = header
    merged = {k: v for k, v in data.items() if k != "files"}
    merged_marks = {p: m for p, m in marks.items() if not p or p[0] != "files"}
    issues = []
    for part_data, part_marks in parts:
        issues.extend(_merge(merged, merged_marks, part_data, part_marks))
    if issues:
        raise PackError(issues)
    return build_pack(merged, merged_marks, shown)


def folder_as_file(folder, shown: str | None = None) -> str:
    """The pack folder written out as one pack file, its comments kept (what `tactful packs pull core` prints).

    Each listed file's `classes:`, `conditions:` and `rules:` blocks join the same blocks of the others, in
    the listed order; `files:` is left out of the header.
    """
    shown = (shown or str(folder)).rstrip("/")
    header = _read(folder.joinpath(PACK_HEADER), f"{shown}/{PACK_HEADER}")
    blocks: dict[str, list[str]] = {key: [] for key in PART_KEYS}
    for rel, entry in _listed(folder, shown, parse_yaml(header, f"{shown}/{PACK_HEADER}")[0].get("files") or []):
        key, pending = None, [f"  # --- {shown}/{rel}"]
        for line in _read(entry, f"{shown}/{rel}").splitlines():
            top = re.match(r"^([a-z_]+):\s*(#.*)?$", line)
            if top and top.group(1) in blocks:
                key = top.group(1)
                blocks[key].extend(pending)
                pending = []
            elif key is None:
                pending.append("  " + line if line.startswith("#") else line)  # the file's opening comment
            else:
                blocks[key].append("  " + line if line.startswith("#") else line)
    out = _without_files(header).rstrip("\n").splitlines()
    for key in PART_KEYS:
        if blocks[key]:
            out += [f"{key}:"] + blocks[key]
    return "\n".join(out) + "\n"


def _without_files(header: str) -> str:
    """pack.yaml without its `files:` block and the comment lines just above it."""
    lines = header.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^files:", line)), None)
    if start is None:
        return header
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "#", "-")), len(lines))
    while start and lines[start - 1].startswith("#"):
        start -= 1
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def _read(entry, shown: str) -> str:
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise PackError([Issue(shown, 1, 1, f"cannot read pack: {reason}")]) from None


@lru_cache(maxsize=1)
def core_spans() -> Spans:
    """The words that decide how far an underline stretches, from the built-in `rules/core/spans.yaml`."""
    entry = resources.files("tactful.builtin_packs").joinpath("core", SPANS)
    return parse_spans(_read(entry, f"rules/core/{SPANS}"), f"rules/core/{SPANS}")


def _read_folder(folder, shown: str):
    """(pack.yaml's data and marks, [(data, marks) of each listed file]), sizes and listing checked."""
    header_shown = f"{shown}/{PACK_HEADER}"
    if not folder.joinpath(PACK_HEADER).is_file():
        raise PackError([Issue(shown, 1, 1, f"a pack folder needs a {PACK_HEADER}")])
    text = _read(folder.joinpath(PACK_HEADER), header_shown)
    total = len(text.encode("utf-8", "surrogatepass"))
    data, marks = parse_yaml(text, header_shown)
    if not isinstance(data, dict):
        raise PackError([Issue(header_shown, 1, 1, "a pack must be a YAML mapping with 'pack', 'version' and 'files'")])
    files = data.get("files")
    if not (isinstance(files, list) and files and all(isinstance(f, str) for f in files)):
        raise PackError([Issue(*mark_of(marks, ("files",), (header_shown, 1, 1)),
                               "'files' lists the pack's other files, in order, e.g. [classes/, excuse.yaml]")])
    listed = _listed(folder, shown, files, marks)
    parts = []
    for rel, entry in listed:
        part_text = _read(entry, f"{shown}/{rel}")
        total += len(part_text.encode("utf-8", "surrogatepass"))
        if total > MAX_PACK_BYTES:
            raise PackError([Issue(header_shown, 1, 1, f"pack is larger than {MAX_PACK_BYTES:,} bytes")])
        parts.append(parse_yaml(part_text, f"{shown}/{rel}"))
    unlisted = sorted(set(_yaml_files(folder)) - {rel for rel, _ in listed} - {PACK_HEADER, SPANS})
    if unlisted:
        raise PackError([Issue(f"{shown}/{rel}", 1, 1, f"not listed in {PACK_HEADER}'s 'files', so it would be ignored")
                         for rel in unlisted])
    return (data, marks), parts


def _listed(folder, shown: str, files: list, marks: dict | None = None) -> list[tuple[str, object]]:
    """The files `files` names, in order: an entry ending in `/` is every .yaml file in that folder, by name."""
    out, issues = [], []
    for j, entry in enumerate(files):
        place = mark_of(marks or {}, ("files", j), (f"{shown}/{PACK_HEADER}", 1, 1))
        if not _ENTRY.match(entry):
            issues.append(Issue(*place, f"'{entry}' is not a path inside the pack folder"))
            continue
        target = folder.joinpath(*entry.rstrip("/").split("/"))
        if entry.endswith("/"):
            if not target.is_dir():
                issues.append(Issue(*place, f"no folder '{entry}' in the pack folder"))
                continue
            found = sorted((e for e in target.iterdir() if e.name.endswith(".yaml") and e.is_file()),
                           key=lambda e: e.name)
            out.extend((f"{entry}{e.name}", e) for e in found)
        elif target.is_file():
            out.append((entry, target))
        else:
            issues.append(Issue(*place, f"no file '{entry}' in the pack folder"))
    seen = set()
    for rel, _ in out:
        if rel in seen:
            issues.append(Issue(f"{shown}/{PACK_HEADER}", 1, 1, f"'{rel}' is listed twice"))
        seen.add(rel)
    if issues:
        raise PackError(issues)
    return out


def _yaml_files(folder, prefix: str = ""):
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.name.startswith((".", "_")):
            yield from _yaml_files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith((".yaml", ".yml")) and entry.is_file():
            yield f"{prefix}{entry.name}"


def _merge(merged: dict, merged_marks: dict, data, marks: dict) -> list[Issue]:
    """Add one listed file's classes, conditions and rules to the pack; its marks follow its values."""
    source = marks.get((), ("<pack>", 1, 1))[0]
    if data is None:
        return []
    if not isinstance(data, dict):
        return [Issue(source, 1, 1, f"a pack file of a folder is a mapping of {', '.join(PART_KEYS)}")]
    issues = []
    for key in data:
        if key not in PART_KEYS:
            belongs = " belongs in pack.yaml" if key in ("pack", "version", "name", "description", "extends",
                                                         "detector", "disable", "overrides", "files") else \
                " is not a pack key"
            issues.append(Issue(*mark_of(marks, (key, "<key>"), (source, 1, 1)),
                                f"'{key}'{belongs}; a file of a pack folder holds {', '.join(PART_KEYS)}"))
    for key, kind in (("classes", dict), ("conditions", dict), ("rules", list)):
        if key in data and not isinstance(data[key], kind):
            issues.append(Issue(*mark_of(marks, (key,), (source, 1, 1)),
                                f"'{key}' must be a {'mapping' if kind is dict else 'list'}"))
    if issues:
        return issues
    for key in ("classes", "conditions"):
        into = merged.setdefault(key, {}) if key in data else None
        for name, value in (data.get(key) or {}).items():
            if name in into:
                first = ":".join(map(str, mark_of(merged_marks, (key, name, "<key>"), (source, 1, 1))))
                issues.append(Issue(*mark_of(marks, (key, name, "<key>"), (source, 1, 1)),
                                    f"{key[:-1] if key == 'conditions' else 'class'} '{name}' is already defined "
                                    f"at {first}"))
                continue
            into[name] = value
            for path, mark in marks.items():
                if path[:2] == (key, name):
                    merged_marks[path] = mark
        if key in data:
            merged_marks.setdefault((key,), marks[(key,)])
    if "rules" in data:
        rules = merged.setdefault("rules", [])
        offset = len(rules)
        rules.extend(data["rules"])
        merged_marks.setdefault(("rules",), marks[("rules",)])
        for path, mark in marks.items():
            if path[:1] == ("rules",) and len(path) >= 2 and isinstance(path[1], int):
                merged_marks[("rules", path[1] + offset) + path[2:]] = mark
    return issues


class DiskPacks:
    """Packs read from disk, `extends` resolved offline: a built-in pack of that id, else a pack file or
    pack folder of that id beside the pack. Each path is loaded once."""

    def __init__(self, builtin: dict[str, Pack], read=None, precheck=None) -> None:
        self.builtin = builtin
        self.loaded: dict[Path, Pack] = {}
        self._read = read or (lambda path: _read(path, str(path)))  # a pack file's text
        self._precheck = precheck  # (text, shown) -> None, raising PackError: cheap limits before the full load

    def load(self, path: Path, chain: tuple = ()) -> Pack:
        path = Path(path).resolve()
        if path in self.loaded:
            return self.loaded[path]
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
        folder = next((p for p in (path.parent, path.parent.parent) if is_pack_folder(p)), None)
        if path.is_dir():
            pack = load_pack_folder(path, shown)
        elif folder is not None:
            raise PackError([Issue(shown, 1, 1, f"this file is part of the pack folder {os.path.relpath(folder)}; "
                                                "load or test the folder")])
        else:
            text = self._read(path)
            if self._precheck:
                self._precheck(text, shown)
            pack = load_pack_text(text, shown)

        def lookup(pack_id: str):
            if pack_id in self.builtin:
                return self.builtin[pack_id]
            for sibling in sorted(path.parent.iterdir()):
                if sibling.resolve() == path or sibling.resolve() in chain:
                    continue  # a pack never extends itself, even through others
                if pack_id_of(sibling) == pack_id:
                    return self.load(sibling, chain + (path,))
            return None

        resolved = resolve(pack, lookup)
        self.loaded[path] = resolved
        return resolved


def pack_id_of(path: Path) -> str | None:
    """The `pack:` id a pack file or pack folder declares, read from its first lines; None if it is no pack."""
    if is_pack_folder(path):
        path = path / PACK_HEADER
    elif not (path.is_file() and path.suffix in (".yaml", ".yml")):
        return None
    try:
        head = path.read_text(encoding="utf-8", errors="replace").splitlines()[:50]
    except OSError:
        return None
    for line in head:
        if line.startswith("pack:"):
            return line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
    return None
