"""What every `tactful` command shares: the exit codes, one way to stop with one, reading a file, and packs
read from disk.

Exit codes: 0 all good; 1 problems found (findings at or above ``--fail-on``, failing examples, a refused
push, a team that already exists); 2 usage error, unreadable file, or a server or database out of reach.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Ends the command: `main` prints ``tactful: error: <message>`` to stderr and exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror}") from None


def read_text(path: Path) -> str:
    """A UTF-8 file's text, a byte order mark dropped."""
    try:
        return read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{path}: cannot read: not UTF-8 text") from None


def disk_packs():
    """Packs read from disk, `extends` resolved to a built-in pack or a pack beside them: the one resolver
    `tactful check --pack` and `tactful packs test` and `lint` share."""
    from ..packs.disk import DiskPacks
    from ..packs.pack import builtin_packs
    from ..service import precheck
    return DiskPacks(builtin_packs(), read=read_text, precheck=precheck)
