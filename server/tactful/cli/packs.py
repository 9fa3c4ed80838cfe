"""`tactful packs …` and `tactful teams …`: author, test, publish and inspect team packs.

    tactful packs test rules/teams/acme-support.yaml     # every rule's examples, failures like a compiler
    tactful packs lint rules/teams/                      # the format only, plus a few style checks
    tactful packs push acme-support.yaml --token $ADMIN  # publish to the server (TACTFUL_SERVER)
    tactful packs pull acme-support > acme-support.yaml
    tactful packs history acme-support
    tactful packs rollback acme-support 3
    tactful packs stats acme-support                     # which rules cry wolf
    tactful teams create acme --pack acme-support        # prints an admin and a member token, once
    tactful teams token acme --role member

`test` and `lint` work offline, on pack files and pack folders (a folder with a
`pack.yaml`, such as `rules/core/`): `extends` resolves to a built-in pack or
to a pack of that id in the same folder, as in `tactful check --pack`. The server commands use
``--server`` (default: $TACTFUL_SERVER or http://127.0.0.1:8765) and
``--token`` (default: $TACTFUL_TOKEN). `teams` works on the database directly
(``--database``, else TACTFUL_DATABASE_URL, else the server's instance folder).

Exit codes: 0 all good, 1 problems found (failing examples, a refused push),
2 usage error, unreadable file, or server unreachable.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
DEFAULT_SERVER = "http://127.0.0.1:8765"
_TIMEOUT = 30


class _Stop(Exception):
    """End the command with `code` after printing `message` to stderr."""

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code, self.message = code, message


def add_parsers(sub) -> None:
    """Register the pack and team subcommands on the `tactful` parser."""
    p = sub.add_parser("packs", help="test, lint, publish and inspect rule packs")
    ps = p.add_subparsers(dest="packs_command", metavar="ACTION", required=True)

    t = ps.add_parser("test", help="run every rule's examples; print failures as file:line:col")
    t.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders of them")
    li = ps.add_parser("lint", help="check the format and a few style points, without running examples")
    li.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders of them")

    def server_args(q) -> None:
        q.add_argument("--server", default=None, help=f"server URL (default: $TACTFUL_SERVER or {DEFAULT_SERVER})")
        q.add_argument("--token", default=None, help="team token (default: $TACTFUL_TOKEN)")

    push = ps.add_parser("push", help="publish a pack to the server (it checks it first)")
    push.add_argument("path", metavar="PATH")
    server_args(push)
    pull = ps.add_parser("pull", help="print a pack's YAML as the server serves it")
    pull.add_argument("pack_id", metavar="ID")
    pull.add_argument("--version", type=int, default=None, help="a published version number (default: the active one)")
    pull.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    server_args(pull)
    hist = ps.add_parser("history", help="list a pack's published versions")
    hist.add_argument("pack_id", metavar="ID")
    server_args(hist)
    rb = ps.add_parser("rollback", help="make an earlier version active again")
    rb.add_argument("pack_id", metavar="ID")
    rb.add_argument("version", type=int, metavar="VERSION")
    server_args(rb)
    st = ps.add_parser("stats", help="per rule: fired, applied, dismissed (which rules cry wolf)")
    st.add_argument("pack_id", metavar="ID")
    st.add_argument("--format", choices=("text", "json"), default="text")
    server_args(st)

    tm = sub.add_parser("teams", help="create teams and their tokens (works on the database directly)")
    ts = tm.add_subparsers(dest="teams_command", metavar="ACTION", required=True)
    create = ts.add_parser("create", help="create a team; prints one admin and one member token, once")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--pack", default=None, help="the pack its member tokens select")
    tok = ts.add_parser("token", help="make another token for a team; printed once")
    tok.add_argument("name", metavar="NAME")
    tok.add_argument("--role", choices=("member", "admin"), default="member")
    rev = ts.add_parser("revoke", help="revoke all tokens of a team (or of one role)")
    rev.add_argument("name", metavar="NAME")
    rev.add_argument("--role", choices=("member", "admin"), default=None)
    setp = ts.add_parser("set-pack", help="choose the pack a team's member tokens select")
    setp.add_argument("name", metavar="NAME")
    setp.add_argument("pack", metavar="ID")
    ts.add_parser("list", help="list teams, their packs and how many tokens each has")
    for q in (create, tok, rev, setp, ts.choices["list"]):
        q.add_argument("--database", default=None,
                       help="SQLAlchemy URL (default: $TACTFUL_DATABASE_URL, else tactful.db in the instance folder)")


def run(args) -> int:
    try:
        if args.command == "packs":
            return _PACKS[args.packs_command](args)
        if args.command == "teams":
            return _TEAMS[args.teams_command](args)
    except _Stop as stop:
        if stop.message:
            print(stop.message, file=sys.stderr)
        return stop.code
    return EXIT_USAGE


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
                raise _Stop(EXIT_USAGE, f"tactful: error: {raw}: no .yaml pack files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise _Stop(EXIT_USAGE, f"tactful: error: {raw}: no such file or folder")
    return files


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise _Stop(EXIT_USAGE, f"tactful: error: {path}: cannot read: {reason}") from None


def _disk_packs():
    """Packs on disk with `extends` resolved as `tactful check --pack` resolves it."""
    from ..packs.disk import DiskPacks
    from ..packs.pack import builtin_packs
    from ..service import precheck
    return DiskPacks(builtin_packs(), read=_read, precheck=precheck)


def _test(args) -> int:
    return _check_files(args.paths, run_examples=True)


def _lint(args) -> int:
    return _check_files(args.paths, run_examples=False)


def _check_files(paths: list[str], run_examples: bool) -> int:
    from ..packs.pack import PackError
    from ..packs.packtest import check_pack, rules_to_check

    resolver = _disk_packs()
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
    return EXIT_FAILURES if problems else EXIT_OK


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

class _ReadsEarlyAnswers:
    """A connection that stops sending when the server closes early, so its answer can still be read.

    A server refuses a body that is too large (413) before reading it, and
    closes; sending the rest would fail with "Broken pipe" and hide the 413.
    """

    def send(self, data) -> None:
        try:
            super().send(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # getresponse() reads the answer, or fails as unreachable if there is none


class _HTTPConnection(_ReadsEarlyAnswers, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_ReadsEarlyAnswers, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


_OPENER = urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)


def _request(args, method: str, path: str, body: dict | None = None) -> tuple[int, dict | str, dict]:
    """(status, parsed body, headers). Raises _Stop(2) when the server cannot be reached."""
    server = (args.server or os.environ.get("TACTFUL_SERVER") or DEFAULT_SERVER).rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise _Stop(EXIT_USAGE, f"tactful: error: --server must be an http:// or https:// URL, not {server!r}")
    token = args.token or os.environ.get("TACTFUL_TOKEN")
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")  # no \uXXXX: the body stays the pack's size
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(server + path, data=data, method=method, headers=headers)
    try:
        with _OPENER.open(req, timeout=_TIMEOUT) as resp:
            return resp.status, _parse(resp.read(), resp.headers.get_content_type()), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, _parse(exc.read(), exc.headers.get_content_type()), dict(exc.headers)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _Stop(EXIT_USAGE, f"tactful: error: cannot reach the server at {server}: {reason}") from None


def _parse(raw: bytes, mime: str):
    text = raw.decode("utf-8", "replace")
    if mime.endswith("json"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _fail(status: int, body) -> _Stop:
    """A non-2xx answer as a one-line message (plus any compiler-style lines); 1 for a refused pack, else 2."""
    detail = body.get("detail") if isinstance(body, dict) else None
    lines = body.get("errors", []) if isinstance(body, dict) else []
    for line in lines:
        print(line)
    message = f"tactful: error: server answered {status}: {detail or str(body)[:200] or 'no detail'}"
    if status == 413:
        message += " The pack is larger than this server accepts (its TACTFUL_MAX_BODY_BYTES)."
    return _Stop(EXIT_FAILURES if status in (409, 413, 422) else EXIT_USAGE, message)


def _quote(pack_id: str) -> str:
    return urllib.parse.quote(pack_id, safe="")


def _push(args) -> int:
    from ..packs.pack import PackError
    from ..service import precheck

    path = Path(args.path)
    if path.is_dir():
        raise _Stop(EXIT_USAGE, f"tactful: error: {args.path}: a folder; a team pack is pushed as one file")
    if not path.is_file():
        raise _Stop(EXIT_USAGE, f"tactful: error: {args.path}: no such file")
    source = _read(path)
    try:
        precheck(source, str(path))  # what the server refuses at once is not worth sending (or waiting for)
    except PackError as exc:
        for issue in exc.issues:
            print(issue)
        raise _Stop(EXIT_FAILURES, f"tactful: error: {path}: not sent; the server would refuse it") from None
    status, body, _ = _request(args, "POST", "/v1/packs", {"source": source, "filename": str(path)})
    if status != 201:
        raise _fail(status, body)
    print(f"published {body['id']} version {body['version']} ({body.get('label')}, {body.get('rules')} rules); "
          "it is active now")
    return EXIT_OK


def _pull(args) -> int:
    query = f"?version={args.version}" if args.version else ""
    status, body, _ = _request(args, "GET", f"/v1/packs/{_quote(args.pack_id)}/source{query}")
    if status != 200:
        raise _fail(status, body)
    text = body if isinstance(body, str) else json.dumps(body)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _Stop(EXIT_USAGE, f"tactful: error: {args.output}: cannot write: {exc.strerror}") from None
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _history(args) -> int:
    status, body, _ = _request(args, "GET", f"/v1/packs/{_quote(args.pack_id)}/history")
    if status != 200:
        raise _fail(status, body)
    print(f"{'':2}{'VERSION':>7}  {'LABEL':<12} {'TEAM':<16} {'PUBLISHED':<25} AUTHOR")
    for v in body["versions"]:
        mark = "* " if v["active"] else "  "
        author = f"token #{v['author']}" if v.get("author") else "-"
        print(f"{mark}{v['version']:>7}  {v['label']:<12} {v.get('team', ''):<16} {v['created'][:25]:<25} {author}")
    return EXIT_OK


def _rollback(args) -> int:
    status, body, _ = _request(args, "POST", f"/v1/packs/{_quote(args.pack_id)}/rollback", {"version": args.version})
    if status != 200:
        raise _fail(status, body)
    print(f"{body['id']} version {body['version']} ({body.get('label')}) is active again")
    return EXIT_OK


def _stats(args) -> int:
    status, body, _ = _request(args, "GET", f"/v1/stats?pack={_quote(args.pack_id)}")
    if status != 200:
        raise _fail(status, body)
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


# --- teams: on the database directly -----------------------------------------------------------------

def _open_store(args):
    from ..config import Settings
    from ..store import Store, StoreUnavailable, default_url

    url = args.database or Settings.load().database_url
    if not url:
        from flask import Flask
        url = default_url(Flask("tactful", instance_relative_config=True).instance_path)
    try:
        store = Store(url)
        store.migrate()
    except StoreUnavailable as exc:
        raise _Stop(EXIT_USAGE, f"tactful: error: cannot reach the database: {exc}") from None
    except Exception as exc:  # a malformed URL, an unknown driver
        raise _Stop(EXIT_USAGE, f"tactful: error: cannot open the database: {exc}") from None
    return store


def _team_op(args, fn):
    from ..store import StoreConflict, StoreUnavailable

    store = _open_store(args)
    try:
        return fn(store)
    except StoreConflict as exc:
        raise _Stop(EXIT_FAILURES, f"tactful: error: {exc}") from None
    except StoreUnavailable as exc:
        raise _Stop(EXIT_USAGE, f"tactful: error: cannot reach the database: {exc}") from None
    finally:
        store.close()


def _teams_create(args) -> int:
    from ..server.auth import hash_token, new_token

    def go(store):
        store.create_team(args.name, args.pack)
        admin, member = new_token(), new_token()
        store.add_token(args.name, "admin", hash_token(admin))
        store.add_token(args.name, "member", hash_token(member))
        print(f"team {args.name} created" + (f", pack {args.pack}" if args.pack else ""))
        print(f"admin token:  {admin}")
        print(f"member token: {member}")
        print("These tokens are shown once and stored only as hashes; keep them somewhere safe.", file=sys.stderr)
        return EXIT_OK
    return _team_op(args, go)


def _teams_token(args) -> int:
    from ..server.auth import hash_token, new_token

    def go(store):
        token = new_token()
        store.add_token(args.name, args.role, hash_token(token))
        print(f"{args.role} token for {args.name}: {token}")
        print("This token is shown once and stored only as a hash.", file=sys.stderr)
        return EXIT_OK
    return _team_op(args, go)


def _teams_revoke(args) -> int:
    def go(store):
        n = store.revoke_tokens(args.name, args.role)
        print(f"revoked {n} token{'s' if n != 1 else ''} of team {args.name}")
        return EXIT_OK
    return _team_op(args, go)


def _teams_set_pack(args) -> int:
    def go(store):
        store.set_team_pack(args.name, args.pack)
        print(f"team {args.name} now uses pack {args.pack}")
        return EXIT_OK
    return _team_op(args, go)


def _teams_list(args) -> int:
    def go(store):
        teams = store.teams()
        print(f"{'TEAM':<24} {'PACK':<24} {'ADMINS':>6} {'MEMBERS':>7}")
        for t in teams:
            print(f"{t['name']:<24} {t['pack'] or '-':<24} {t['admin']:>6} {t['member']:>7}")
        return EXIT_OK
    return _team_op(args, go)


_PACKS = {"test": _test, "lint": _lint, "push": _push, "pull": _pull, "history": _history,
          "rollback": _rollback, "stats": _stats}
_TEAMS = {"create": _teams_create, "token": _teams_token, "revoke": _teams_revoke, "set-pack": _teams_set_pack,
          "list": _teams_list}
