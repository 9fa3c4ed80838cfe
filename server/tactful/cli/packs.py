"""`tactful packs …`: author, test, publish and inspect rule packs.

    tactful packs test rules/teams/acme-support.yaml     # every rule's examples, failures like a compiler
    tactful packs lint rules/teams/                      # the format only, plus a few style checks
    tactful packs push acme-support.yaml --token $ADMIN  # publish to the server (TACTFUL_SERVER)
    tactful packs pull acme-support > acme-support.yaml
    tactful packs history acme-support
    tactful packs rollback acme-support 3
    tactful packs stats acme-support                     # which rules cry wolf

`test` and `lint` work offline, on pack files and pack folders (a folder with a
`pack.yaml`, such as `rules/core/`): `extends` resolves to a built-in pack or
to a pack of that id in the same folder, as in `tactful check --pack` (both use
`common.disk_packs`). The server commands talk to the server through `client`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .client import add_server_args, call, quote
from .common import EXIT_OK, EXIT_PROBLEMS, CommandError, disk_packs, read_text


def add_parser(sub) -> None:
    p = sub.add_parser("packs", help="test, lint, publish and inspect rule packs")
    ps = p.add_subparsers(dest="packs_command", metavar="ACTION", required=True)

    t = ps.add_parser("test", help="run every rule's examples; print failures as file:line:col")
    t.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders of them")
    li = ps.add_parser("lint", help="check the format and a few style points, without running examples")
    li.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders of them")

    push = ps.add_parser("push", help="publish a pack to the server (it checks it first)")
    push.add_argument("path", metavar="PATH")
    pull = ps.add_parser("pull", help="print a pack's YAML as the server serves it")
    pull.add_argument("pack_id", metavar="ID")
    pull.add_argument("--version", type=int, default=None, help="a published version number (default: the active one)")
    pull.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    hist = ps.add_parser("history", help="list a pack's published versions")
    hist.add_argument("pack_id", metavar="ID")
    rb = ps.add_parser("rollback", help="make an earlier version active again")
    rb.add_argument("pack_id", metavar="ID")
    rb.add_argument("version", type=int, metavar="VERSION")
    st = ps.add_parser("stats", help="per rule: fired, applied, dismissed (which rules cry wolf)")
    st.add_argument("pack_id", metavar="ID")
    st.add_argument("--format", choices=("text", "json"), default="text")
    for q in (push, pull, hist, rb, st):
        add_server_args(q)


def run(args) -> int:
    return _ACTIONS[args.packs_command](args)


# --- offline: test and lint ------------------------------------------------------------------------

def _pack_files(paths: list[str]) -> list[Path]:
    """The packs named: pack files, pack folders, and the packs a folder of packs holds."""
    from ..packs.disk import is_pack_folder

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if is_pack_folder(path):
            files.append(path)
        elif path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if (p.suffix in (".yaml", ".yml") and p.is_file()) or is_pack_folder(p))
            if not found:
                raise CommandError(f"{raw}: no .yaml pack files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return files


def _test(args) -> int:
    return _check_files(args.paths, run_examples=True)


def _lint(args) -> int:
    return _check_files(args.paths, run_examples=False)


def _check_files(paths: list[str], run_examples: bool) -> int:
    from ..packs.pack import PackError
    from ..packs.packtest import check_pack, rules_to_check

    resolver = disk_packs()
    problems = 0
    for path in _pack_files(paths):
        try:
            pack = resolver.load(path)
        except PackError as exc:
            for issue in exc.issues:
                print(issue)
            problems += len(exc.issues)
            print(f"{path}: {len(exc.issues)} problem{'s' if len(exc.issues) != 1 else ''}", file=sys.stderr)
            continue
        notes = _lint_notes(pack)
        for note in notes:
            print(note)
        problems += len(notes)
        if run_examples:
            rules = rules_to_check(pack)
            failures = check_pack(pack, rules=rules)
            for failure in failures:
                print(failure)
            problems += len(failures)
            examples = sum(len(r.flag) + len(r.passes) for r in rules)
            print(f"{path}: {pack.id} {pack.version}: {len(rules)} rules checked, {examples} examples, "
                  f"{len(failures)} failure{'s' if len(failures) != 1 else ''}", file=sys.stderr)
        elif not notes:
            print(f"{path}: {pack.id} {pack.version}: {len(pack.rules)} rules, ok", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _lint_notes(pack) -> list[str]:
    """Style points the schema cannot express: changes that change nothing, repeated phrases."""
    notes = []
    where = lambda *p: ":".join(map(str, pack.where(*p)))  # noqa: E731
    by_id = {r.id: r for r in pack.rules}
    for rid, change in (pack.raw.get("overrides") or {}).items():
        rule = by_id.get(rid)
        if rule is None:
            continue
        if not change:
            notes.append(f"{where('overrides', rid, '<key>')}: rule '{rid}': the override changes nothing")
        base_phrases = rule.phrases[:len(rule.phrases) - len(change.get("add_phrases", ()))]
        for j, phrase in enumerate(change.get("add_phrases", ())):
            if phrase in base_phrases:
                notes.append(f"{where('overrides', rid, 'add_phrases', j)}: rule '{rid}': "
                             f"the rule already has the phrase {phrase!r}")
        if change.get("add_phrases") and not change.get("add_examples", {}).get("flag"):
            notes.append(f"{where('overrides', rid, 'add_phrases')}: rule '{rid}': added phrases have no "
                         "examples; add add_examples.flag so `tactful packs test` checks them")
    for i, rd in enumerate(pack.raw.get("rules") or []):
        phrases = rd.get("phrases", [])
        for j, phrase in enumerate(phrases):
            if phrase in phrases[:j]:
                notes.append(f"{where('rules', i, 'phrases', j)}: rule '{pack.id}.{rd['id']}': "
                             f"phrase {phrase!r} is listed twice")
        message = rd.get("message", "").strip()
        if message and message[-1] not in ".!?":
            notes.append(f"{where('rules', i, 'message')}: rule '{pack.id}.{rd['id']}': "
                         "the message should be one full sentence, ending with a period")
    return notes


# --- the server: push, pull, history, rollback, stats ----------------------------------------------

def _push(args) -> int:
    from ..packs.pack import PackError
    from ..service import precheck

    path = Path(args.path)
    if path.is_dir():
        raise CommandError(f"{args.path}: a folder; a team pack is pushed as one file")
    if not path.is_file():
        raise CommandError(f"{args.path}: no such file")
    source = read_text(path)
    try:
        precheck(source, str(path))  # what the server refuses at once is not worth sending (or waiting for)
    except PackError as exc:
        for issue in exc.issues:
            print(issue)
        raise CommandError(f"{path}: not sent; the server would refuse it", EXIT_PROBLEMS) from None
    body = call(args, "POST", "/v1/packs", {"source": source, "filename": str(path)}, ok=201)
    print(f"published {body['id']} version {body['version']} ({body.get('label')}, {body.get('rules')} rules); "
          "it is active now")
    return EXIT_OK


def _pull(args) -> int:
    query = f"?version={args.version}" if args.version else ""
    body = call(args, "GET", f"/v1/packs/{quote(args.pack_id)}/source{query}")
    text = body if isinstance(body, str) else json.dumps(body)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{args.output}: cannot write: {exc.strerror}") from None
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _history(args) -> int:
    body = call(args, "GET", f"/v1/packs/{quote(args.pack_id)}/history")
    print(f"{'':2}{'VERSION':>7}  {'LABEL':<12} {'TEAM':<16} {'PUBLISHED':<25} AUTHOR")
    for v in body["versions"]:
        mark = "* " if v["active"] else "  "
        author = f"token #{v['author']}" if v.get("author") else "-"
        print(f"{mark}{v['version']:>7}  {v['label']:<12} {v.get('team', ''):<16} {v['created'][:25]:<25} {author}")
    return EXIT_OK


def _rollback(args) -> int:
    body = call(args, "POST", f"/v1/packs/{quote(args.pack_id)}/rollback", {"version": args.version})
    print(f"{body['id']} version {body['version']} ({body.get('label')}) is active again")
    return EXIT_OK


def _stats(args) -> int:
    body = call(args, "GET", f"/v1/stats?pack={quote(args.pack_id)}")
    rules = body.get("rules", {})
    if args.format == "json":
        print(json.dumps(body, indent=2))
        return EXIT_OK
    rows = sorted(rules.items(), key=lambda kv: (-_dismiss_rate(kv[1]), -kv[1].get("fired", 0), kv[0]))
    print(f"{'RULE':<44} {'FIRED':>7} {'APPLIED':>8} {'DISMISSED':>10} {'DISMISS%':>9}")
    for rule, c in rows:
        rate = _dismiss_rate(c)
        shown = f"{rate:.0%}" if c.get("applied", 0) + c.get("dismissed", 0) else "-"
        print(f"{rule:<44} {c.get('fired', 0):>7} {c.get('applied', 0):>8} {c.get('dismissed', 0):>10} {shown:>9}")
    if not rows:
        print(f"no counts yet for pack {args.pack_id} (team {body.get('team')})", file=sys.stderr)
    return EXIT_OK


def _dismiss_rate(c: dict) -> float:
    acted = c.get("applied", 0) + c.get("dismissed", 0)
    return c.get("dismissed", 0) / acted if acted else 0.0


_ACTIONS = {"test": _test, "lint": _lint, "push": _push, "pull": _pull, "history": _history,
            "rollback": _rollback, "stats": _stats}
