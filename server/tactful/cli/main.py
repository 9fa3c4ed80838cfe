"""The `tactful` command: check drafts and canned replies, serve the API, manage packs.

    tactful check replies/              # lint a folder of canned replies
    tactful check draft.txt --format json
    echo "We're swamped." | tactful check -
    tactful serve --port 8765
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import sys
import textwrap
from pathlib import Path

from .. import __version__
from ..engine.findings import SEVERITIES, SEVERITY_RANK

CHECKABLE = (".txt", ".md", ".eml")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tactful", description="Catch what goes wrong in a reply to a customer.")
    p.add_argument("--version", action="version", version=f"tactful {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="review files, folders of canned replies, or standard input")
    c.add_argument("paths", nargs="*", default=["-"], metavar="FILE", help="files or folders (.txt, .md, .eml); - for stdin")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--fail-on", choices=SEVERITIES, default="warning",
                   help="exit 1 when a finding at or above this severity exists (default: warning)")
    c.add_argument("--pack", default="core",
                   help="built-in pack id, or path to a pack file or pack folder (default: core)")
    c.add_argument("--summary", action="store_true", help="also print the draft summary")

    s = sub.add_parser("serve", help="run the HTTP server (gunicorn)")
    s.add_argument("--host", default=None, help="address to bind (default 127.0.0.1, or TACTFUL_HOST)")
    s.add_argument("--port", type=int, default=None, help="port (default 8765, or TACTFUL_PORT)")
    s.add_argument("--workers", type=int, default=None, help="worker processes (default 2, or TACTFUL_WORKERS)")
    s.add_argument("--threads", type=int, default=None, help="threads per worker (default 4, or TACTFUL_THREADS)")
    s.add_argument("--dev", action="store_true", help="use Flask's development server (debugging only)")

    from . import packs as cli_packs
    cli_packs.add_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "serve":
            return _serve(args)
        from . import packs as cli_packs
        return cli_packs.run(args)
    except UsageError as exc:
        print(f"tactful: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _inputs(paths: list[str]) -> list[tuple[str, str]]:
    """(name, text) for every file named or found in a folder; UsageError for what cannot be read."""
    out = []
    for raw in paths:
        if raw == "-":
            out.append(("<stdin>", sys.stdin.read()))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in CHECKABLE)
            if not files:
                raise UsageError(f"{raw}: no .txt, .md or .eml files in this folder")
        elif path.exists():
            files = [path]
        else:
            raise UsageError(f"{raw}: no such file or folder")
        for f in files:
            out.append((str(f), _read(f)))
    return out


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    if path.suffix.lower() == ".eml":
        return _eml_body(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None


def _eml_body(data: bytes) -> str:
    """The plain-text body of an e-mail message (its HTML part as text when it has no plain part)."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_type() == "text/html":
        from ..engine.htmltext import html_to_text
        return html_to_text(content).text
    return content


def _load_reviewer(pack_arg: str):
    """A built-in pack by id, or a pack file or folder, its `extends` resolved as `tactful packs test` does."""
    from ..engine.reviewer import Reviewer
    from ..packs.disk import DiskPacks
    from ..packs.pack import PackError, builtin_packs
    from ..service import precheck

    packs = builtin_packs()
    if pack_arg in packs:
        return Reviewer(packs[pack_arg])
    if not Path(pack_arg).exists():
        raise UsageError(f"unknown pack '{pack_arg}': not a built-in pack ({', '.join(packs)}) or a file")
    try:
        return Reviewer(DiskPacks(packs, precheck=precheck).load(Path(pack_arg)))
    except PackError as exc:
        raise UsageError(f"invalid pack:\n{exc}") from None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _check(args) -> int:
    reviewer = _load_reviewer(args.pack)
    from ..analyzers import Analyzers, format_summary
    from ..config import Settings
    settings = Settings.load()
    analyzers = Analyzers(settings.languagetool_url, settings.languagetool_budget, settings.languagetool_local)
    floor = SEVERITY_RANK[args.fail_on]
    worst = -1
    report = []
    for name, text in _inputs(args.paths):
        result = reviewer.review(text, analyzers=analyzers)
        report.append((name, text, result))
        for f in result.findings:
            worst = max(worst, SEVERITY_RANK[f.severity])
    if args.format == "json":
        docs = []
        for name, text, result in report:
            doc = {"file": name, **result.to_dict()}
            for f, d in zip(result.findings, doc["findings"]):
                d["line"], d["column"] = _line_col(text, f.start)
            docs.append(doc)
        json.dump(docs, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for name, text, result in report:
            for f in result.findings:
                line, col = _line_col(text, f.start)
                hint = f" → {f.suggestions[0].replacement!r}" if f.suggestions else ""
                print(f"{name}:{line}:{col}: {f.severity} {f.category} {f.rule}: {f.message}{hint}")
            if args.summary:
                print(f"{name}: summary:")
                print(textwrap.indent(format_summary(result.summary()), "    "))
        total = sum(len(r.findings) for _, _, r in report)
        print(f"{total} finding{'s' if total != 1 else ''} in {len(report)} file{'s' if len(report) != 1 else ''}",
              file=sys.stderr)
    return EXIT_FINDINGS if worst >= floor else EXIT_OK


def _serve(args) -> int:
    from ..config import Settings
    settings = Settings.load()
    for name in ("host", "port", "workers", "threads"):
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    from ..server import create_app
    # In-memory rate limits are counted per process: each worker takes its share (see server/hardening.py).
    app = create_app({"WORKER_PROCESSES": 1 if args.dev else settings.workers}, settings=settings)
    if args.dev:
        app.run(host=settings.host, port=settings.port)
        return EXIT_OK
    from ..server.wsgi import run_gunicorn
    run_gunicorn(app, settings)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
