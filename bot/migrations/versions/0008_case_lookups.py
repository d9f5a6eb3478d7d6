"""Look-ups of cases by reference, counted so that neither a reference nor a postcode can be
guessed at by trying (bot.lookups). Neither the reference asked for nor what was told is kept.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_lookups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
        sa.Column("postcode", sa.String(16), nullable=True, index=True),
        sa.Column("by_owner", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_lookups")
