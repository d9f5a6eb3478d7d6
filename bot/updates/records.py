"""The tables behind updates: each update with its delivery, and what each tenant's address
allows (when they last wrote, whether they said STOP). Times are stored as naive UTC, as cases'."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint

from bot.cases import Base
from bot.cases.records import StorableString, StorableText


class TenantUpdateRecord(Base):
    """One message to a tenant about their case, from being decided to its delivery.

    `once_key` is unique: an update decided twice (two workers, a restart, staff pressing twice)
    is one row, so it is sent once. `status` moves from `pending` to `sent`, `in_chat` (kept
    for the web chat page, `shown` once it has been), `failed` or `not_sent`; `result` says why.
    """

    __tablename__ = "tenant_updates"
    __table_args__ = (Index("ix_tenant_updates_due", "status", "send_after"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    kind = Column(String(32), nullable=False)
    once_key = Column(StorableString(160), nullable=False, unique=True)
    channel = Column(String(32), nullable=False)
    address = Column(StorableString(255), nullable=False, index=True)
    text = Column(StorableText, nullable=False)
    created_at = Column(DateTime, nullable=False)
    send_after = Column(DateTime, nullable=False)
    status = Column(String(16), nullable=False)
    attempts = Column(Integer, nullable=False, default=0)
    # A worker sending it holds it until then; one that dies lets it go to another.
    lease_until = Column(DateTime, nullable=True)
    leased_by = Column(String(64), nullable=True)
    sent_at = Column(DateTime, nullable=True)
    provider_id = Column(StorableString(64), nullable=True)
    result = Column(StorableText, nullable=True)


class UpdateContactRecord(Base):
    """What a tenant's address on a channel allows: WhatsApp and Messenger count their 24 hours
    from `last_heard_at`; `stopped_at` is set by STOP and cleared by START."""

    __tablename__ = "update_contacts"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_update_contact"),)

    id = Column(Integer, primary_key=True)
    channel = Column(String(32), nullable=False)
    address = Column(StorableString(255), nullable=False)
    last_heard_at = Column(DateTime, nullable=True)
    stopped_at = Column(DateTime, nullable=True)


class RepairSurveyRecord(Base):
    """A repair's survey once it reached the tenant, and their answer: one per case.

    While `answer_by` is in the future the tenant's next message from `address` may be the
    answer (bot.updates.surveys); an answer, a later survey to the same address, or the days
    running out end that. `score` is 1 to 5, or None when they wrote only a comment."""

    __tablename__ = "repair_surveys"
    __table_args__ = (Index("ix_repair_surveys_awaited", "channel", "address", "answer_by"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, unique=True)
    channel = Column(String(32), nullable=False)
    address = Column(StorableString(255), nullable=False)
    asked_at = Column(DateTime, nullable=False)
    answer_by = Column(DateTime, nullable=False)
    # Set when the tenant wrote a comment with no score and was asked once for one.
    number_asked_at = Column(DateTime, nullable=True)
    score = Column(Integer, nullable=True)
    comment = Column(StorableText, nullable=True)
    answered_at = Column(DateTime, nullable=True)
