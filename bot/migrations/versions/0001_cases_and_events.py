"""Cases, and the append-only log of everything that happens to each one.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(32), unique=True, index=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("first_due_at", sa.DateTime, nullable=False),
        sa.Column("vulnerable_household", sa.Boolean, nullable=True),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_events")
    op.drop_table("cases")
