"""The bytes of photos tenants send from the web chat, kept beside their attachment row.

An SMS, WhatsApp or Messenger photo is hosted by the provider, and its attachment row keeps the
address. A web chat photo has no host but us, and every replica of the chat server and console
must read it, so the bytes go in the case database, under a random key that the console's
address for the photo names (the attachment row's url).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_photos",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("attachment_id", sa.Integer, sa.ForeignKey("case_attachments.id"), nullable=False, unique=True),
        sa.Column("key", sa.String(32), nullable=False, unique=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_photos")
