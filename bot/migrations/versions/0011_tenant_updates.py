"""Updates sent to tenants unasked about their cases, and what each address allows.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenant_updates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("once_key", sa.String(160), nullable=False, unique=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("address", sa.String(255), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("send_after", sa.DateTime, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("lease_until", sa.DateTime, nullable=True),
        sa.Column("leased_by", sa.String(64), nullable=True),
        sa.Column("sent_at", sa.DateTime, nullable=True),
        sa.Column("provider_id", sa.String(64), nullable=True),
        sa.Column("result", sa.Text, nullable=True),
    )
    op.create_index("ix_tenant_updates_due", "tenant_updates", ["status", "send_after"])
    op.create_table(
        "update_contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("last_heard_at", sa.DateTime, nullable=True),
        sa.Column("stopped_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("channel", "address", name="uq_update_contact"),
    )


def downgrade() -> None:
    op.drop_table("update_contacts")
    op.drop_index("ix_tenant_updates_due", table_name="tenant_updates")
    op.drop_table("tenant_updates")
