"""Teams, tokens, pack versions with an active pointer, feedback counts.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("pack_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "pack_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pack_id", sa.String(64), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("team", sa.String(64), nullable=False),
        sa.Column("author_token_id", sa.Integer, sa.ForeignKey("tokens.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("pack_id", "number", name="uq_pack_versions_pack_number"),
    )
    op.create_table(
        "active_packs",
        sa.Column("pack_id", sa.String(64), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("team", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "feedback_counts",
        sa.Column("team", sa.String(64), primary_key=True),
        sa.Column("rule", sa.String(200), primary_key=True),
        sa.Column("fired", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("applied", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("dismissed", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("disabled", sa.BigInteger, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    for table in ("feedback_counts", "active_packs", "pack_versions", "tokens", "teams"):
        op.drop_table(table)
