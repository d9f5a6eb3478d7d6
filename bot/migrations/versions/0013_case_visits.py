"""Visits booked for repairs that are not same-day (bot/visits/).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_visits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("day", sa.Date, nullable=False, index=True),
        sa.Column("half_day", sa.String(16), nullable=False),
        sa.Column("starts", sa.Time, nullable=False),
        sa.Column("ends", sa.Time, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("place", sa.Integer, nullable=True),
        sa.Column("booked_case_id", sa.Integer, nullable=True),
        sa.Column("booked_at", sa.DateTime, nullable=False),
        sa.Column("booked_by", sa.String(64), nullable=False),
        sa.Column("ended_at", sa.DateTime, nullable=True),
        sa.Column("ended_by", sa.String(64), nullable=True),
        sa.UniqueConstraint("day", "half_day", "place", name="uq_case_visit_place"),
        sa.UniqueConstraint("booked_case_id", name="uq_case_visit_booked"),
    )


def downgrade() -> None:
    op.drop_table("case_visits")
