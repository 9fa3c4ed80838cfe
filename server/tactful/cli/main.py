"""The `tactful` command: check drafts and canned replies, serve the API, manage packs and teams.

    tactful check replies/              # lint a folder of canned replies
    tactful check draft.txt --format json
    echo "We're swamped." | tactful check -
    tactful serve --port 8765
    tactful packs test rules/teams/acme-support.yaml
    tactful teams create acme --pack acme-support

One module per command (`check`, `serve`, `packs`, `teams`), each with `add_parser(sub)` and `run(args)`;
`common` holds the exit codes and `CommandError`, which ends any of them with a one-line message.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from . import check, packs, serve, teams
from .common import EXIT_USAGE, CommandError

COMMANDS = {"check": check, "serve": serve, "packs": packs, "teams": teams}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tactful", description="Catch what goes wrong in a reply to a customer.")
    p.add_argument("--version", action="version", version=f"tactful {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS.values():
        command.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command].run(args)
    except CommandError as exc:
        print(f"tactful: error: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
