"""`tactful check`: review drafts and canned replies (files, folders of them, or standard input).

    tactful check replies/              # lint a folder of canned replies
    tactful check draft.txt --format json
    echo "We're swamped." | tactful check -
"""

from __future__ import annotations

import email
import email.policy
import json
import sys
import textwrap
from pathlib import Path

from ..engine.findings import SEVERITIES, SEVERITY_RANK
from .common import EXIT_OK, EXIT_PROBLEMS, CommandError, disk_packs, read_bytes, read_text

CHECKABLE = (".txt", ".md", ".eml")


def add_parser(sub) -> None:
    c = sub.add_parser("check", help="review files, folders of canned replies, or standard input")
    c.add_argument("paths", nargs="*", default=["-"], metavar="FILE",
                   help="files or folders (.txt, .md, .eml); - for stdin")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--fail-on", choices=SEVERITIES, default="warning",
                   help="exit 1 when a finding at or above this severity exists (default: warning)")
    c.add_argument("--pack", default="core",
                   help="built-in pack id, or path to a pack file or pack folder (default: core)")
    c.add_argument("--summary", action="store_true", help="also print the draft summary")


def run(args) -> int:
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
    return EXIT_PROBLEMS if worst >= floor else EXIT_OK


def _load_reviewer(pack_arg: str):
    """A built-in pack by id, or a pack file or folder, its `extends` resolved as `tactful packs test` does."""
    from ..engine.reviewer import Reviewer
    from ..packs.pack import PackError, builtin_packs

    packs = builtin_packs()
    if pack_arg in packs:
        return Reviewer(packs[pack_arg])
    if not Path(pack_arg).exists():
        raise CommandError(f"unknown pack '{pack_arg}': not a built-in pack ({', '.join(packs)}) or a file")
    try:
        return Reviewer(disk_packs().load(Path(pack_arg)))
    except PackError as exc:
        raise CommandError(f"invalid pack:\n{exc}") from None


def _inputs(paths: list[str]) -> list[tuple[str, str]]:
    """(name, text) for every file named or found in a folder; CommandError for what cannot be read."""
    out = []
    for raw in paths:
        if raw == "-":
            out.append(("<stdin>", sys.stdin.read()))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in CHECKABLE)
            if not files:
                raise CommandError(f"{raw}: no .txt, .md or .eml files in this folder")
        elif path.exists():
            files = [path]
        else:
            raise CommandError(f"{raw}: no such file or folder")
        for f in files:
            out.append((str(f), _eml_body(read_bytes(f)) if f.suffix.lower() == ".eml" else read_text(f)))
    return out


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


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col
