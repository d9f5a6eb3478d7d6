"""The survey after a repair: when it reached the tenant, until when their answer is awaited,
and the score and comment they gave.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "repair_surveys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, unique=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("asked_at", sa.DateTime, nullable=False),
        sa.Column("answer_by", sa.DateTime, nullable=False),
        sa.Column("number_asked_at", sa.DateTime, nullable=True),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("answered_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_repair_surveys_awaited", "repair_surveys", ["channel", "address", "answer_by"])


def downgrade() -> None:
    op.drop_index("ix_repair_surveys_awaited", table_name="repair_surveys")
    op.drop_table("repair_surveys")
