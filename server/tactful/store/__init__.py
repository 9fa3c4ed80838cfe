"""The store: team packs (versioned, append-only), teams and tokens, feedback counts.

SQLAlchemy 2 over SQLite (default: ``tactful.db`` in the instance folder) or
PostgreSQL (``TACTFUL_DATABASE_URL=postgresql+psycopg://…``); the schema is
made and upgraded by the Alembic migrations in ``migrations/``, run in code
at start (`Store.migrate`).

Every method that needs the database raises `StoreUnavailable` when it cannot
be reached, so callers can answer 503 (publishing) or carry on with what
they hold in memory (reviews, counters).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from .models import ActivePack, FeedbackCount, PackVersion, Team, Token, utcnow

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
COUNTERS = ("fired", "applied", "dismissed", "disabled")
ROLES = ("admin", "member")
TEAM_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_LOCK_KEY = 7_403_118  # PostgreSQL advisory lock: one instance migrates at a time


class StoreUnavailable(RuntimeError):
    """The database cannot be reached right now."""


class StoreConflict(ValueError):
    """The request contradicts what is stored (unknown team, pack owned by another team…)."""


@dataclass(frozen=True)
class TokenInfo:
    id: int
    team: str
    role: str
    team_pack: str | None


def default_url(instance_path: str | Path) -> str:
    return f"sqlite:///{Path(instance_path) / 'tactful.db'}"


def redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


class Store:
    def __init__(self, url: str, connect_timeout: int = 2) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # SQLite: take the write lock when a transaction begins, so read-then-write (the next
            # version number) cannot interleave between two processes.
            event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        elif self.dialect == "postgresql":
            self.engine = create_engine(
                url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=3, pool_recycle=600,
                connect_args={"connect_timeout": max(2, connect_timeout),
                              "options": "-c statement_timeout=5000 -c lock_timeout=3000"})
        else:
            raise ValueError(f"unsupported database {parsed.drivername!r}: use sqlite:/// or postgresql+psycopg://")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Store({redacted(self.url)!r})"

    # --- plumbing ---------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction; database outages come out as StoreUnavailable."""
        try:
            with self._sessions.begin() as s:
                yield s
        except (OperationalError, InterfaceError, PoolTimeout) as exc:
            raise StoreUnavailable(_reason(exc)) from None
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise StoreUnavailable(_reason(exc)) from None
            raise

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest migration (safe with several instances at once)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except (OperationalError, InterfaceError, PoolTimeout) as exc:
            raise StoreUnavailable(_reason(exc)) from None

    def ping(self) -> tuple[bool, str]:
        try:
            with self.session() as s:
                s.execute(text("SELECT 1"))
            return True, self.dialect
        except StoreUnavailable as exc:
            return False, f"database unreachable: {exc}"

    def close(self) -> None:
        self.engine.dispose()

    def after_fork(self) -> None:
        """In a forked worker: forget the parent's pooled connections without closing them."""
        self.engine.dispose(close=False)

    # --- teams and tokens -----------------------------------------------------------------------------

    def create_team(self, name: str, pack_id: str | None = None) -> None:
        if not TEAM_NAME.fullmatch(name):
            raise StoreConflict(f"team name {name!r}: use lower-case letters, digits, '-' and '_' (at most 64)")
        try:
            with self.session() as s:
                s.add(Team(name=name, pack_id=pack_id))
        except IntegrityError:
            raise StoreConflict(f"team '{name}' already exists") from None

    def set_team_pack(self, name: str, pack_id: str | None) -> None:
        with self.session() as s:
            if s.execute(update(Team).where(Team.name == name).values(pack_id=pack_id)).rowcount == 0:
                raise StoreConflict(f"no team named '{name}'")

    def teams(self) -> list[dict]:
        with self.session() as s:
            rows = s.execute(select(Team.name, Team.pack_id, Token.role, func.count(Token.id))
                             .outerjoin(Token, (Token.team_id == Team.id) & Token.revoked_at.is_(None))
                             .group_by(Team.name, Team.pack_id, Token.role).order_by(Team.name)).all()
        out: dict[str, dict] = {}
        for name, pack_id, role, n in rows:
            team = out.setdefault(name, {"name": name, "pack": pack_id, "admin": 0, "member": 0})
            if role:
                team[role] = n
        return list(out.values())

    def add_token(self, team: str, role: str, token_hash: str) -> int:
        if role not in ROLES:
            raise StoreConflict(f"role must be one of {', '.join(ROLES)}")
        with self.session() as s:
            team_id = s.scalar(select(Team.id).where(Team.name == team))
            if team_id is None:
                raise StoreConflict(f"no team named '{team}'")
            token = Token(team_id=team_id, role=role, token_hash=token_hash)
            s.add(token)
            s.flush()
            return token.id

    def revoke_tokens(self, team: str, role: str | None = None) -> int:
        with self.session() as s:
            team_id = s.scalar(select(Team.id).where(Team.name == team))
            if team_id is None:
                raise StoreConflict(f"no team named '{team}'")
            q = update(Token).where(Token.team_id == team_id, Token.revoked_at.is_(None))
            if role:
                q = q.where(Token.role == role)
            return s.execute(q.values(revoked_at=utcnow())).rowcount

    def tokens(self) -> dict[str, TokenInfo]:
        """Every live token by hash (a small table: read whole, cached by the auth layer)."""
        with self.session() as s:
            rows = s.execute(select(Token.token_hash, Token.id, Team.name, Token.role, Team.pack_id)
                             .join(Team, Team.id == Token.team_id).where(Token.revoked_at.is_(None))).all()
        return {h: TokenInfo(i, team, role, pack) for h, i, team, role, pack in rows}

    def token(self, token_hash: str) -> TokenInfo | None:
        with self.session() as s:
            row = s.execute(select(Token.id, Team.name, Token.role, Team.pack_id)
                            .join(Team, Team.id == Token.team_id)
                            .where(Token.token_hash == token_hash, Token.revoked_at.is_(None))).first()
        return TokenInfo(*row) if row else None

    # --- packs -------------------------------------------------------------------------------------

    def active_versions(self) -> dict[str, int]:
        """{pack id: active version number}: the cheap query every instance polls."""
        with self.session() as s:
            return dict(s.execute(select(ActivePack.pack_id, ActivePack.number)).all())

    def owners(self) -> dict[str, str]:
        """{pack id: owning team} of every published pack."""
        with self.session() as s:
            return dict(s.execute(select(ActivePack.pack_id, ActivePack.team)).all())

    def sources(self, wanted: dict[str, int]) -> dict[str, str]:
        """The YAML source of the given (pack id, version number) pairs."""
        if not wanted:
            return {}
        with self.session() as s:
            rows = s.execute(select(PackVersion.pack_id, PackVersion.number, PackVersion.source)
                             .where(PackVersion.pack_id.in_(list(wanted)))).all()
        return {pid: src for pid, n, src in rows if wanted.get(pid) == n}

    def source(self, pack_id: str, number: int | None = None) -> tuple[int, str] | None:
        with self.session() as s:
            if number is None:
                number = s.scalar(select(ActivePack.number).where(ActivePack.pack_id == pack_id))
                if number is None:
                    return None
            src = s.scalar(select(PackVersion.source).where(PackVersion.pack_id == pack_id,
                                                             PackVersion.number == number))
        return (number, src) if src is not None else None

    def owner(self, pack_id: str) -> str | None:
        with self.session() as s:
            owner = s.scalar(select(ActivePack.team).where(ActivePack.pack_id == pack_id))
            if owner is None:
                owner = s.scalar(select(PackVersion.team).where(PackVersion.pack_id == pack_id)
                                 .order_by(PackVersion.number).limit(1))
            return owner

    def publish(self, pack_id: str, label: str, source: str, team: str, token_id: int | None = None) -> int:
        """Append a new version and make it active; returns its number (1, 2, 3…)."""
        for _ in range(5):  # two instances publishing the same pack at once: the loser retries
            try:
                with self.session() as s:
                    self._lock_pack(s, pack_id)
                    number = (s.scalar(select(func.max(PackVersion.number))
                                       .where(PackVersion.pack_id == pack_id)) or 0) + 1
                    s.add(PackVersion(pack_id=pack_id, number=number, label=label, source=source, team=team,
                                      author_token_id=token_id))
                    s.flush()
                    self._point(s, pack_id, number, team)
                    self._adopt(s, team, pack_id)
                return number
            except IntegrityError:
                continue
        raise StoreUnavailable("too many concurrent publishes of this pack; try again")

    def activate(self, pack_id: str, number: int) -> None:
        """Make an older (or newer) stored version the active one: a rollback."""
        with self.session() as s:
            self._lock_pack(s, pack_id)
            exists = s.scalar(select(PackVersion.id).where(PackVersion.pack_id == pack_id,
                                                           PackVersion.number == number))
            if exists is None:
                raise StoreConflict(f"pack '{pack_id}' has no version {number}")
            team = s.scalar(select(ActivePack.team).where(ActivePack.pack_id == pack_id))
            self._point(s, pack_id, number, team or s.scalar(select(PackVersion.team).where(
                PackVersion.pack_id == pack_id, PackVersion.number == number)))

    def _lock_pack(self, s: Session, pack_id: str) -> None:
        """PostgreSQL: one publish or rollback of a pack at a time (SQLite's BEGIN IMMEDIATE does this)."""
        if self.dialect == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:k, hashtext(:p))"), {"k": _LOCK_KEY, "p": pack_id})

    @staticmethod
    def _point(s: Session, pack_id: str, number: int, team: str) -> None:
        row = s.get(ActivePack, pack_id, with_for_update=True)
        if row is None:
            s.add(ActivePack(pack_id=pack_id, number=number, team=team, updated_at=utcnow()))
        else:
            row.number, row.updated_at = number, utcnow()

    @staticmethod
    def _adopt(s: Session, team: str, pack_id: str) -> None:
        """A team without a pack gets the first pack its admins publish."""
        s.execute(update(Team).where(Team.name == team, Team.pack_id.is_(None)).values(pack_id=pack_id))

    def history(self, pack_id: str) -> list[dict]:
        with self.session() as s:
            active = s.scalar(select(ActivePack.number).where(ActivePack.pack_id == pack_id))
            rows = s.execute(select(PackVersion.number, PackVersion.label, PackVersion.team,
                                    PackVersion.author_token_id, PackVersion.created_at)
                             .where(PackVersion.pack_id == pack_id).order_by(PackVersion.number.desc())).all()
        return [{"version": n, "label": label, "team": team, "author": token_id,
                 "created": _iso(created), "active": n == active} for n, label, team, token_id, created in rows]

    # --- feedback ----------------------------------------------------------------------------------

    def add_counts(self, counts: dict[tuple[str, str], dict[str, int]]) -> None:
        """Add to the counters of (team, rule) pairs in one transaction (an upsert per pair)."""
        if not counts:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        rows = [{"team": t, "rule": r, **{c: n.get(c, 0) for c in COUNTERS}} for (t, r), n in sorted(counts.items())]
        stmt = insert(FeedbackCount)
        stmt = stmt.on_conflict_do_update(
            index_elements=["team", "rule"],
            set_={c: getattr(FeedbackCount, c) + getattr(stmt.excluded, c) for c in COUNTERS})
        with self.session() as s:
            s.execute(stmt, rows)

    def counts(self, team: str) -> dict[str, dict[str, int]]:
        with self.session() as s:
            rows = s.execute(select(FeedbackCount).where(FeedbackCount.team == team)
                             .order_by(FeedbackCount.rule)).scalars().all()
        return {r.rule: {c: int(getattr(r, c)) for c in COUNTERS} for r in rows}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN IMMEDIATE instead
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _reason(exc: Exception) -> str:
    """One line about why the database is unreachable, never a query or its parameters."""
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return first[:200]


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()
