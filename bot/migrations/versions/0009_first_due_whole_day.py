"""Whether a case's next promised date is a whole day, recorded with the date.

A promise in days runs to the end of its day and is stored as 23:59:59 in the landlord's time
zone; until now the status reply recognised one by those minutes, which a promise in hours that
falls due at 23:59 has too. Cases now record it as they are opened, and whenever the date
changes (bot.intake.opening.whole_day).

Revision ID: 0009
Revises: 0008
"""

from datetime import datetime, timezone, tzinfo

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CASES = sa.table(
    "cases",
    sa.column("id", sa.Integer),
    sa.column("first_due_at", sa.DateTime),
    sa.column("first_due_whole_day", sa.Boolean),
)


def upgrade() -> None:
    with op.batch_alter_table("cases") as table:
        table.add_column(sa.Column("first_due_whole_day", sa.Boolean, nullable=False, server_default=sa.false()))
    connection = op.get_bind()
    rows = connection.execute(sa.select(CASES.c.id, CASES.c.first_due_at)).all()
    if not rows:
        return
    zone = _landlords_zone()
    whole_days = [{"case_id": row.id} for row in rows if _ends_a_day(row.first_due_at, zone)]
    if whole_days:
        connection.execute(
            sa.update(CASES).where(CASES.c.id == sa.bindparam("case_id")).values(first_due_whole_day=True),
            whole_days,
        )


def _landlords_zone() -> tzinfo:
    """The zone the existing dates were worked out in: the charter's, as the assistant reads it."""
    from bot.charter import load_charter

    return load_charter().timezone


def _ends_a_day(stored: datetime, zone: tzinfo) -> bool:
    """The convention the status reply used to recognise a whole day: 23:59 local time.

    This is the one place it may still be used, once, for cases opened before the fact was
    recorded: nothing else is left to tell them by. Every case opened since records it.
    """
    local = stored.replace(tzinfo=timezone.utc).astimezone(zone)
    return (local.hour, local.minute) == (23, 59)


def downgrade() -> None:
    with op.batch_alter_table("cases") as table:
        table.drop_column("first_due_whole_day")
