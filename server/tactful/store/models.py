"""Tables of the store: teams, their tokens, pack versions, the active pointer, feedback counts.

Nothing here ever holds the text of a draft: feedback is a team name, a rule
id and four counters. Pack versions are append-only; which version serves is
the row in `active_packs`, so a rollback moves a pointer and deletes nothing.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    pack_id: Mapped[str | None] = mapped_column(String(64))  # the pack a member token selects
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Token(Base):
    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # "admin" or "member"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 hex; the token itself is never stored
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PackVersion(Base):
    __tablename__ = "pack_versions"
    __table_args__ = (UniqueConstraint("pack_id", "number", name="uq_pack_versions_pack_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(64), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3… per pack, given by the server
    label: Mapped[str] = mapped_column(String(40))  # the pack's own `version:` field
    source: Mapped[str] = mapped_column(Text)  # the YAML as published
    team: Mapped[str] = mapped_column(String(64))  # the team that published it
    author_token_id: Mapped[int | None] = mapped_column(ForeignKey("tokens.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ActivePack(Base):
    __tablename__ = "active_packs"

    pack_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    team: Mapped[str] = mapped_column(String(64))  # the owning team: only its admins publish this id
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedbackCount(Base):
    __tablename__ = "feedback_counts"

    team: Mapped[str] = mapped_column(String(64), primary_key=True)
    rule: Mapped[str] = mapped_column(String(200), primary_key=True)
    fired: Mapped[int] = mapped_column(BigInteger, default=0)
    applied: Mapped[int] = mapped_column(BigInteger, default=0)
    dismissed: Mapped[int] = mapped_column(BigInteger, default=0)
    disabled: Mapped[int] = mapped_column(BigInteger, default=0)
