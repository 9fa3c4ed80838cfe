"""Rule packs: loading, strict validation, inheritance.

A pack is YAML data (see `pack.schema.json` and the README): one file, or a
folder of files that `disk.load_pack_folder` merges into one pack. Loading is
strict, like a compiler: unknown keys, wrong types, bad phrases and bad
regular expressions are reported as ``file:line:col: rule 'id': message``.
Every place a pack keeps (`Pack.marks`) is a (file, line, column), so an
error in a folder names the file it is in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import jsonschema
import yaml

from ..engine.findings import Suggestion
from .yamlmarks import load_with_marks, mark_of

MAX_PACK_BYTES = 1_000_000
MAX_RULES = 2_000
MAX_PHRASES = 20_000
MAX_PATTERN_LENGTH = 2_000
_EXAMPLE_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
_CONDITION = re.compile(r"^\{([a-z][a-z0-9_]*)\}$")  # an `unless` entry naming a shared condition


@lru_cache(maxsize=1)
def pack_schema() -> dict:
    return json.loads(resources.files("tactful.packs").joinpath("pack.schema.json").read_text("utf-8"))


@dataclass(frozen=True)
class Issue:
    """One problem in a pack file, located like a compiler error."""

    source: str
    line: int
    column: int
    message: str
    rule: str | None = None

    def __str__(self) -> str:
        where = f"rule '{self.rule}': " if self.rule else ""
        return f"{self.source}:{self.line}:{self.column}: {where}{self.message}"


class PackError(ValueError):
    """A pack that cannot be loaded; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


@dataclass(frozen=True)
class Example:
    text: str
    span: tuple[int, int] | None  # the marked span of a flag example, code-point indexes


def parse_example(marked: str) -> Example:
    """'We are [[swamped]].' → text 'We are swamped.' with span (7, 14)."""
    m = _EXAMPLE_MARK.search(marked)
    if not m:
        return Example(marked, None)
    text = marked[:m.start()] + m.group(1) + marked[m.end():]
    return Example(text, (m.start(), m.start() + len(m.group(1))))


@dataclass(frozen=True)
class Rule:
    id: str  # full id, "<pack>.<rule>"
    kind: str
    category: str
    severity: str
    message: str
    rationale: str
    suggestions: tuple[Suggestion, ...]
    flag: tuple[Example, ...]
    passes: tuple[Example, ...]
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    scope: str = "match"
    unless: tuple[str, ...] = ()
    origin: str = ""  # pack id that defined the rule
    enabled: bool = True  # false: shipped switched off, for a team to turn on (`overrides`)
    # Where each example was written, flag examples then pass examples: (file, line, column).
    example_marks: tuple[tuple[str, int, int], ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "category": self.category, "severity": self.severity,
            "message": self.message, "rationale": self.rationale, "pack": self.origin, "enabled": self.enabled,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "examples": {"flag": [_marked(e) for e in self.flag], "pass": [e.text for e in self.passes]},
        }


def _marked(e: Example) -> str:
    if not e.span:
        return e.text
    a, b = e.span
    return f"{e.text[:a]}[[{e.text[a:b]}]]{e.text[b:]}"


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    name: str
    description: str
    classes: dict[str, list[str]]
    rules: tuple[Rule, ...]
    extends: str | None = None
    source: str = "<pack>"  # the pack file, or the pack folder
    detector: dict = field(default_factory=dict)  # category -> {"enabled": bool, "threshold": float}
    conditions: dict[str, str] = field(default_factory=dict)  # name -> regular expression, used as `unless: ["{name}"]`
    raw: dict = field(default_factory=dict, compare=False, repr=False)
    marks: dict = field(default_factory=dict, compare=False, repr=False)  # YAML path → (file, line, column)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def where(self, *path) -> tuple[str, int, int]:
        """The file, line and column where `path` (keys and list indexes) was written."""
        return mark_of(self.marks, path, (self.source, 1, 1))

    def summary(self) -> dict:
        return {"id": self.id, "version": self.version, "name": self.name, "description": self.description,
                "extends": self.extends, "rules": len(self.rules)}


def _schema_issues(data: object, marks: dict, source: str) -> list[Issue]:
    where = lambda path: mark_of(marks, path, (source, 1, 1))  # noqa: E731
    validator = jsonschema.Draft202012Validator(pack_schema())
    issues = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(err.absolute_path)
        rule_id = _rule_at(data, path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = set(err.schema.get("properties", {}))
            for key in sorted(set(err.instance) - allowed):
                hint = _closest(key, allowed)
                msg = f"unknown key '{key}'" + (f" (did you mean '{hint}'?)" if hint else "")
                if allowed:
                    msg += f"; allowed keys: {', '.join(sorted(allowed))}"
                issues.append(Issue(*where(path + (key, "<key>")), msg, rule_id))
            continue
        at = ".".join(str(p) for p in path) or "pack"
        if err.validator == "required":
            msg = f"{at}: {err.message}"
        elif err.validator == "enum":
            msg = f"{at}: {err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
        elif err.validator == "pattern" and path and path[-2:-1] == ("flag",):
            msg = f"{at}: a flag example must mark the flagged span [[like this]]"
        else:
            msg = f"{at}: {err.message}"
        issues.append(Issue(*where(path), msg, rule_id))
    return issues


def _rule_at(data: object, path: tuple) -> str | None:
    if len(path) >= 2 and path[0] == "rules" and isinstance(data, dict):
        try:
            return data["rules"][path[1]].get("id")
        except (IndexError, AttributeError, TypeError, KeyError):
            return None
    return None


def _closest(key: str, options: set[str]) -> str | None:
    import difflib
    found = difflib.get_close_matches(key, sorted(options), n=1, cutoff=0.6)
    return found[0] if found else None


def load_pack_text(text: str, source: str = "<pack>") -> Pack:
    """Parse and validate one pack file. Does not resolve `extends` (see `resolve`)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_PACK_BYTES:
        raise PackError([Issue(source, 1, 1, f"pack is larger than {MAX_PACK_BYTES:,} bytes")])
    data, marks = parse_yaml(text, source)
    if not isinstance(data, dict):
        raise PackError([Issue(source, 1, 1, "a pack must be a YAML mapping with 'pack', 'version' and 'rules'")])
    if "files" in data:
        raise PackError([Issue(*mark_of(marks, ("files", "<key>"), (source, 1, 1)),
                               "'files' belongs in the pack.yaml of a pack folder; a pack file holds its rules itself")])
    return build_pack(data, marks, source)


def parse_yaml(text: str, source: str) -> tuple[object, dict]:
    """The YAML data of one file, and where each value was written: path → (source, line, column)."""
    try:
        data, marks = load_with_marks(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        raise PackError([Issue(source, line, col, f"invalid YAML: {problem}")]) from None
    return data, {path: (source, line, col) for path, (line, col) in marks.items()}


def build_pack(data: dict, marks: dict, source: str) -> Pack:
    """Validate a pack's data (one file's, or a folder's merged) and build it; `marks` locate its values."""
    where = lambda *path: mark_of(marks, path, (source, 1, 1))  # noqa: E731
    issues = _schema_issues(data, marks, source)
    if issues:
        raise PackError(issues)
    rules_data = data.get("rules", [])
    if len(rules_data) > MAX_RULES:
        raise PackError([Issue(*where("rules"), f"a pack holds at most {MAX_RULES} rules")])
    pack_id = data["pack"]
    conditions = data.get("conditions", {})
    rules, issues, seen = [], [], set()
    for i, rd in enumerate(rules_data):
        full_id = f"{pack_id}.{rd['id']}"
        if full_id in seen:
            issues.append(Issue(*where("rules", i, "id"), "duplicate rule id", full_id))
        seen.add(full_id)
        kind_keys = {"phrases": "phrases", "pattern": "pattern"}
        if rd["kind"] in kind_keys and kind_keys[rd["kind"]] not in rd:
            issues.append(Issue(*where("rules", i), f"a '{rd['kind']}' rule needs '{kind_keys[rd['kind']]}'", full_id))
            continue
        unless = []
        for j, entry in enumerate(rd.get("unless", ())):
            named = _CONDITION.match(entry)
            if named and named.group(1) not in conditions and not data.get("extends"):
                issues.append(Issue(*where("rules", i, "unless", j),
                                    _unknown_condition(named.group(1), conditions), full_id))
            # A condition this pack does not define stays "{name}" until `resolve` finds it in the base pack.
            unless.append(conditions.get(named.group(1), entry) if named else entry)
        rules.append(Rule(
            id=full_id, kind=rd["kind"], category=rd["category"], severity=rd["severity"],
            message=rd["message"].strip(), rationale=rd["rationale"].strip(),
            suggestions=tuple(Suggestion(s["replacement"], s["label"]) for s in rd["suggestions"]),
            flag=tuple(parse_example(e) for e in rd["examples"]["flag"]),
            passes=tuple(parse_example(e) for e in rd["examples"]["pass"]),
            phrases=tuple(rd.get("phrases", ())), pattern=rd.get("pattern"),
            scope=rd.get("scope", "match"), unless=tuple(unless), enabled=rd.get("enabled", True),
            origin=pack_id, example_marks=_example_marks(marks, ("rules", i, "examples"), rd["examples"], source),
        ))
    pack = Pack(id=pack_id, version=str(data["version"]), name=data.get("name", pack_id),
                description=data.get("description", "").strip(), classes=data.get("classes", {}),
                rules=tuple(rules), extends=data.get("extends"), source=source,
                detector=data.get("detector", {}), conditions=conditions, raw=data, marks=marks)
    if pack.extends == pack.id:
        issues.append(Issue(*where("extends"), f"pack '{pack.id}' cannot extend itself"))
    issues.extend(_compile_issues(pack))
    if issues:
        raise PackError(issues)
    return pack


def _unknown_condition(name: str, conditions: dict) -> str:
    known = ", ".join("{%s}" % c for c in sorted(conditions)) or "none"
    hint = _closest(name, set(conditions))
    return f"unknown condition '{{{name}}}'" + (f" (did you mean '{{{hint}}}'?)" if hint else "") + \
        f"; the pack's named conditions: {known}"


def _example_marks(marks: dict, path: tuple, examples: dict, source: str) -> tuple:
    return tuple(mark_of(marks, path + (kind, j), (source, 1, 1))
                 for kind in ("flag", "pass") for j in range(len(examples.get(kind, ()))))


def _compile_issues(pack: Pack) -> list[Issue]:
    """Compile every phrase and regular expression now, so a bad one fails the load.

    A named condition is compiled once, where it is defined, not in each rule that names it.
    """
    from . import regex
    from .phrasebook import PhraseError, expand

    issues, phrase_count = [], 0
    index = {r.id: i for i, r in enumerate(pack.rules)}
    raw_rules = pack.raw.get("rules", [])

    def check_pattern(pat: str, path: tuple, rule_id: str | None) -> None:
        if len(pat) > MAX_PATTERN_LENGTH:
            issues.append(Issue(*pack.where(*path), f"pattern is longer than {MAX_PATTERN_LENGTH} characters", rule_id))
            return
        try:
            regex.compile_pattern(pat)
        except regex.PatternError as exc:
            issues.append(Issue(*pack.where(*path), str(exc), rule_id))

    for name, pat in pack.conditions.items():
        check_pattern(pat, ("conditions", name), None)
    for rule in pack.rules:
        i = index[rule.id]
        raw_i = next((k for k, rd in enumerate(raw_rules) if f"{pack.id}.{rd['id']}" == rule.id), i)
        for j, phrase in enumerate(rule.phrases):
            try:
                phrase_count += len(expand(phrase, pack.classes))
            except PhraseError as exc:
                issues.append(Issue(*pack.where("rules", raw_i, "phrases", j), str(exc), rule.id))
        if rule.pattern:
            check_pattern(rule.pattern, ("rules", raw_i, "pattern"), rule.id)
        written = raw_rules[raw_i].get("unless", ()) if raw_i < len(raw_rules) else rule.unless
        for j, pat in enumerate(rule.unless):
            if not (j < len(written) and _CONDITION.match(written[j])):
                check_pattern(pat, ("rules", raw_i, "unless", j), rule.id)
    phrases = sum(len(r.phrases) for r in pack.rules)
    if phrases > MAX_PHRASES:
        issues.append(Issue(*pack.where("rules"), f"the pack has {phrases:,} phrases; the limit is {MAX_PHRASES:,}"))
    if phrase_count > MAX_PHRASES * 50:
        issues.append(Issue(pack.source, 1, 1, f"phrases expand to {phrase_count:,} variants; "
                                              f"the limit is {MAX_PHRASES * 50:,}"))
    return issues


@lru_cache(maxsize=None)
def builtin_packs() -> dict[str, Pack]:
    """The packs that ship inside the package (the repository's `rules/` folder): pack files, and pack
    folders such as `rules/core/`."""
    from .disk import PACK_HEADER, load_pack_folder

    packs = {}
    for entry in sorted(resources.files("tactful.builtin_packs").iterdir(), key=lambda p: p.name):
        if entry.name.startswith("_"):
            continue
        if entry.name.endswith(".yaml") and entry.is_file():
            pack = load_pack_text(entry.read_text("utf-8"), f"rules/{entry.name}")
        elif entry.is_dir() and entry.joinpath(PACK_HEADER).is_file():
            pack = load_pack_folder(entry, f"rules/{entry.name}")
        else:
            continue
        packs[pack.id] = resolve(pack, packs.get)
    return packs


def resolve(pack: Pack, lookup) -> Pack:
    """Apply `extends`: inherit the base pack's classes and rules, then this pack's changes.

    `lookup(pack_id)` returns an already resolved pack or None. Every problem
    (unknown base or rule id, a bad added phrase, an unknown named condition)
    is reported with its place.
    """
    if not pack.extends:
        return pack
    from .phrasebook import PhraseError, expand

    where = pack.where
    base = lookup(pack.extends)
    if base is None:
        raise PackError([Issue(*where("extends"), f"extends unknown pack '{pack.extends}'")])
    raw = pack.raw
    disabled = list(raw.get("disable", []))
    overrides = raw.get("overrides", {})
    known = {r.id: r for r in base.rules}
    classes = {**base.classes, **pack.classes}
    issues = []
    for j, rid in enumerate(disabled):
        if rid not in known:
            issues.append(Issue(*where("disable", j), f"cannot disable unknown rule '{rid}'{_hint(rid, known)}"))
    for rid, change in overrides.items():
        if rid not in known:
            issues.append(Issue(*where("overrides", rid, "<key>"), f"cannot override unknown rule '{rid}'{_hint(rid, known)}"))
            continue
        if rid in disabled:
            issues.append(Issue(*where("overrides", rid, "<key>"), "rule is both disabled and overridden", rid))
        added = change.get("add_phrases", ())
        if added and not known[rid].phrases:
            issues.append(Issue(*where("overrides", rid, "add_phrases"),
                                f"add_phrases needs a rule with phrases; this is a '{known[rid].kind}' rule "
                                "with a pattern", rid))
            continue
        for j, phrase in enumerate(added):
            try:
                expand(phrase, classes)
            except PhraseError as exc:
                issues.append(Issue(*where("overrides", rid, "add_phrases", j), str(exc), rid))
    total = sum(len(r.phrases) for r in base.rules) + sum(len(c.get("add_phrases", ())) for c in overrides.values())
    if total + sum(len(r.phrases) for r in pack.rules) > MAX_PHRASES:
        issues.append(Issue(*where("overrides"), f"the pack and its base hold more than {MAX_PHRASES:,} phrases"))
    conditions = {**base.conditions, **pack.conditions}
    for name in sorted(set(base.conditions) & set(pack.conditions)):
        issues.append(Issue(*where("conditions", name, "<key>"),
                            f"condition '{{{name}}}' is already defined by pack '{base.id}'; give yours another name"))
    own_rules = []
    for i, rule in enumerate(pack.rules):
        unless = list(rule.unless)
        for j, entry in enumerate(unless):
            named = _CONDITION.match(entry)
            if named and named.group(1) in conditions:
                unless[j] = conditions[named.group(1)]
            elif named:
                issues.append(Issue(*where("rules", i, "unless", j), _unknown_condition(named.group(1), conditions),
                                    rule.id))
        own_rules.append(replace(rule, unless=tuple(unless)) if unless != list(rule.unless) else rule)
    if issues:
        raise PackError(issues)
    dropped = set(disabled)
    rules = []
    for rule in base.rules:
        if rule.id in dropped:
            continue
        change = overrides.get(rule.id)
        if change:
            more = change.get("add_examples", {})
            path = ("overrides", rule.id, "add_examples")
            rule = replace(
                rule,
                severity=change.get("severity", rule.severity),
                enabled=change.get("enabled", rule.enabled),
                message=change.get("message", rule.message).strip(),
                rationale=change.get("rationale", rule.rationale).strip(),
                phrases=rule.phrases + tuple(change.get("add_phrases", ())),
                suggestions=tuple(Suggestion(s["replacement"], s["label"]) for s in change["suggestions"])
                if "suggestions" in change else rule.suggestions,
                flag=rule.flag + tuple(parse_example(e) for e in more.get("flag", ())),
                passes=rule.passes + tuple(parse_example(e) for e in more.get("pass", ())),
                example_marks=_merged_marks(rule, pack, path, more),
            )
        rules.append(rule)
    detector = {cat: {**base.detector.get(cat, {}), **pack.detector.get(cat, {})}
                for cat in {*base.detector, *pack.detector}}
    return replace(pack, classes=classes, conditions=conditions, rules=tuple(rules) + tuple(own_rules),
                   detector=detector)


def _merged_marks(rule: Rule, pack: Pack, path: tuple, more: dict) -> tuple:
    """Example places of an overridden rule: its own flag examples, the added ones, then pass likewise."""
    own = rule.example_marks or tuple((rule.origin, 1, 1) for _ in rule.flag + rule.passes)
    added = _example_marks(pack.marks, path, more, pack.source)
    n_flag, n_more = len(rule.flag), len(more.get("flag", ()))
    return own[:n_flag] + added[:n_more] + own[n_flag:] + added[n_more:]


def _hint(rule_id: str, known: dict) -> str:
    close = _closest(rule_id, set(known))
    return f" (did you mean '{close}'?)" if close else ""
