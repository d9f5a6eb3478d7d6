"""What staff wrote to a tenant during a handoff, and what the assistant said when it ended.

The transcript itself lives in Rasa's tracker store; these rows are the console's own record
of what it sent, and the web chat's outbox: a browser has no address to push to, so the chat
page collects them by polling.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("handoff_id", sa.Integer, sa.ForeignKey("handoffs.id"), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
        sa.Column("author", sa.String(64), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("handoff_messages")
