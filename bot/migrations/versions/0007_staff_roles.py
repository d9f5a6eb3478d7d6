"""Staff roles, and a moment before which an account's sessions no longer count.

Every account gets a role (what it may see in the console); accounts made before roles
existed become contact centre, which sees no domestic abuse case. `sessions_not_before` is
moved on when a password is reset or an account disabled, which ends every session signed in
before then, on every web server, without the console having to be told.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_accounts") as table:
        table.add_column(sa.Column("role", sa.String(32), nullable=False, server_default="contact_centre"))
        table.add_column(sa.Column("sessions_not_before", sa.DateTime, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_accounts") as table:
        table.drop_column("sessions_not_before")
        table.drop_column("role")
