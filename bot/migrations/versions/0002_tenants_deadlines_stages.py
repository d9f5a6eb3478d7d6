"""Tenants and their channel identities; what a case records about the home and contact;
one row per promised deadline; complaint stages with their own dates.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NEW_CASE_COLUMNS = (
    sa.Column("tenant_id", sa.Integer, nullable=True),
    sa.Column("channel", sa.String(32), nullable=True),
    sa.Column("location", sa.Text, nullable=True),
    sa.Column("access", sa.Text, nullable=True),
    sa.Column("contact_phone", sa.String(32), nullable=True),
    sa.Column("postcode", sa.String(10), nullable=True),
    sa.Column("hate_incident", sa.Boolean, nullable=True),
    sa.Column("completed_at", sa.DateTime, nullable=True),
    sa.Column("request_key", sa.String(255), nullable=True),
)


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "channel_identities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tenant_id", sa.Integer, sa.ForeignKey("tenants.id"), nullable=False, index=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("channel", "address", name="uq_channel_identity"),
    )
    # batch mode lets SQLite, which cannot add constraints to a table, rebuild it instead.
    with op.batch_alter_table("cases") as batch:
        for column in NEW_CASE_COLUMNS:
            batch.add_column(column.copy())
        batch.create_foreign_key("fk_cases_tenant", "tenants", ["tenant_id"], ["id"])
        batch.create_index("ix_cases_tenant_id", ["tenant_id"])
        batch.create_index("ix_cases_postcode", ["postcode"])
        batch.create_unique_constraint("uq_cases_request_key", ["request_key"])
    op.create_table(
        "case_deadlines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("promise", sa.String(96), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("due_at", sa.DateTime, nullable=False),
        sa.Column("whole_day", sa.Boolean, nullable=False),
        sa.UniqueConstraint("case_id", "name", name="uq_case_deadline"),
    )
    op.create_table(
        "complaint_stages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("stage", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("contact_due_at", sa.DateTime, nullable=True),
        sa.Column("acknowledgement_due_at", sa.DateTime, nullable=False),
        sa.Column("acknowledged_at", sa.DateTime, nullable=True),
        sa.Column("response_due_at", sa.DateTime, nullable=False),
        sa.Column("extended_to", sa.DateTime, nullable=True),
        sa.Column("extension_reason", sa.Text, nullable=True),
        sa.Column("responded_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("case_id", "stage", name="uq_complaint_stage"),
    )


def downgrade() -> None:
    op.drop_table("complaint_stages")
    op.drop_table("case_deadlines")
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("uq_cases_request_key", type_="unique")
        batch.drop_index("ix_cases_postcode")
        batch.drop_index("ix_cases_tenant_id")
        batch.drop_constraint("fk_cases_tenant", type_="foreignkey")
        for column in reversed(NEW_CASE_COLUMNS):
            batch.drop_column(column.name)
    op.drop_table("channel_identities")
    op.drop_table("tenants")
