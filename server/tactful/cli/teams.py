"""`tactful teams …`: create teams and their tokens, on the server's database directly.

    tactful teams create acme --pack acme-support        # prints an admin and a member token, once
    tactful teams token acme --role member
    tactful teams revoke acme --role member
    tactful teams set-pack acme acme-support
    tactful teams list

The database is ``--database``, else TACTFUL_DATABASE_URL, else ``tactful.db`` in the server's instance
folder (found as Flask finds it, without building an app).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

from .common import EXIT_OK, EXIT_PROBLEMS, CommandError


def add_parser(sub) -> None:
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
    for q in ts.choices.values():
        q.add_argument("--database", default=None,
                       help="SQLAlchemy URL (default: $TACTFUL_DATABASE_URL, else tactful.db in the instance folder)")


def run(args) -> int:
    action = _ACTIONS[args.teams_command]
    from ..store import StoreConflict, StoreUnavailable

    store = _open_store(args.database)
    try:
        return action(args, store)
    except StoreConflict as exc:
        raise CommandError(str(exc), EXIT_PROBLEMS) from None
    except StoreUnavailable as exc:
        raise CommandError(f"cannot reach the database: {exc}") from None
    finally:
        store.close()


def instance_path(package_path: str | None = None) -> str:
    """The server's instance folder, where Flask puts it for the app "tactful" (`Flask.auto_find_instance_path`).

    `package_path` is the folder that holds the `tactful` package (default: where it is imported from).
    Installed under this Python's prefix or in a site-packages folder: ``<prefix>/var/tactful-instance``;
    otherwise (a source checkout) ``instance`` beside the package, e.g. ``server/instance``.
    """
    if package_path is None:
        from .. import __file__ as init
        package_path = os.path.dirname(os.path.dirname(os.path.abspath(init)))
    prefix = os.path.abspath(sys.prefix)
    if PurePath(package_path).is_relative_to(prefix):
        return os.path.join(prefix, "var", "tactful-instance")
    site_parent, site_folder = os.path.split(package_path)
    if site_folder.lower() != "site-packages":
        return os.path.join(package_path, "instance")
    parent, folder = os.path.split(site_parent)
    if folder.lower() == "lib":  # Windows: <prefix>/lib/site-packages
        prefix = parent
    elif os.path.basename(parent).lower() == "lib":  # <prefix>/lib/pythonX.Y/site-packages
        prefix = os.path.dirname(parent)
    else:  # <prefix>/site-packages
        prefix = site_parent
    return os.path.join(prefix, "var", "tactful-instance")


def _open_store(database: str | None):
    from ..config import Settings
    from ..store import Store, StoreUnavailable, default_url

    url = database or Settings.load().database_url or default_url(Path(instance_path()))
    try:
        store = Store(url)
        store.migrate()
    except StoreUnavailable as exc:
        raise CommandError(f"cannot reach the database: {exc}") from None
    except Exception as exc:  # a malformed URL, an unknown driver
        raise CommandError(f"cannot open the database: {exc}") from None
    return store


def _create(args, store) -> int:
    from ..server.auth import hash_token, new_token

    store.create_team(args.name, args.pack)
    admin, member = new_token(), new_token()
    store.add_token(args.name, "admin", hash_token(admin))
    store.add_token(args.name, "member", hash_token(member))
    print(f"team {args.name} created" + (f", pack {args.pack}" if args.pack else ""))
    print(f"admin token:  {admin}")
    print(f"member token: {member}")
    print("These tokens are shown once and stored only as hashes; keep them somewhere safe.", file=sys.stderr)
    return EXIT_OK


def _token(args, store) -> int:
    from ..server.auth import hash_token, new_token

    token = new_token()
    store.add_token(args.name, args.role, hash_token(token))
    print(f"{args.role} token for {args.name}: {token}")
    print("This token is shown once and stored only as a hash.", file=sys.stderr)
    return EXIT_OK


def _revoke(args, store) -> int:
    n = store.revoke_tokens(args.name, args.role)
    print(f"revoked {n} token{'s' if n != 1 else ''} of team {args.name}")
    return EXIT_OK


def _set_pack(args, store) -> int:
    store.set_team_pack(args.name, args.pack)
    print(f"team {args.name} now uses pack {args.pack}")
    return EXIT_OK


def _list(args, store) -> int:
    print(f"{'TEAM':<24} {'PACK':<24} {'ADMINS':>6} {'MEMBERS':>7}")
    for t in store.teams():
        print(f"{t['name']:<24} {t['pack'] or '-':<24} {t['admin']:>6} {t['member']:>7}")
    return EXIT_OK


_ACTIONS = {"create": _create, "token": _token, "revoke": _revoke, "set-pack": _set_pack, "list": _list}
