"""The tables cases are kept in, and the conversion between their rows and the values of
`bot.cases.values`. Times are stored as naive UTC."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import declarative_base
from sqlalchemy.types import TypeDecorator

from bot.cases.text import REQUEST_KEY_CHARS, storable
from bot.cases.values import CaseKind, CaseStatus, CaseSummary, ComplaintStage

Base = declarative_base()


class StorableText(TypeDecorator):
    """Text a tenant or a provider wrote. A NUL in a description would otherwise make PostgreSQL
    refuse the whole case, after the tenant was told nothing, and a NUL in a reference looked up
    from a URL would be an error instead of "not found"."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Optional[str], dialect: Any) -> Optional[str]:
        return storable(value) if isinstance(value, str) else value


class StorableString(StorableText):
    """The same for a column with a length: `StorableString(32)`."""

    impl = String
    cache_ok = True


class TenantRecord(Base):
    """A person who has written to us, however many channels they have used."""

    __tablename__ = "tenants"

    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime, nullable=False)


class ChannelIdentityRecord(Base):
    """How a tenant reached us: a channel and the address on it (a phone number, a web session)."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_channel_identity"),)

    id = Column(Integer, primary_key=True)
    tenant_id = Column(Integer, ForeignKey("tenants.id"), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    address = Column(StorableString(255), nullable=False)
    first_seen_at = Column(DateTime, nullable=False)


class CaseRecord(Base):
    """One row per case. Times are stored in UTC so that reports do not depend on the server's zone."""

    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    reference = Column(StorableString(32), unique=True, index=True)
    kind = Column(String(8), nullable=False)
    category = Column(String(32), nullable=False)
    description = Column(StorableText, nullable=False)
    conversation_id = Column(StorableString(255), nullable=False, index=True)
    status = Column(String(32), nullable=False, default=CaseStatus.OPEN.value)
    opened_at = Column(DateTime, nullable=False)
    # The next date promised to the tenant.
    first_due_at = Column(DateTime, nullable=False)
    # Whether that date is a whole day (a promise in days, stored as its end): recorded, so
    # that nothing has to guess it from the time of day. Migration 0009 added it.
    first_due_whole_day = Column(Boolean, nullable=False, server_default=false())
    # None: not asked and not said.
    vulnerable_household = Column(Boolean, nullable=True)
    tenant_id = Column(Integer, ForeignKey("tenants.id", name="fk_cases_tenant"), nullable=True, index=True)
    channel = Column(String(32), nullable=True)
    location = Column(StorableText, nullable=True)
    access = Column(StorableText, nullable=True)
    contact_phone = Column(StorableString(32), nullable=True)
    postcode = Column(StorableString(10), nullable=True, index=True)
    hate_incident = Column(Boolean, nullable=True)
    completed_at = Column(DateTime, nullable=True)
    # The delivery that opened the case: the same message delivered twice opens one case.
    request_key = Column(StorableString(REQUEST_KEY_CHARS), nullable=True, unique=True)


class CaseEventRecord(Base):
    """The append-only history of a case: what the bot classified, every change, and who made it."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    kind = Column(String(32), nullable=False)
    actor = Column(String(64), nullable=False)
    detail = Column(JSON, nullable=False)


class CaseDeadlineRecord(Base):
    """Every date promised on a case, with the charter entry it comes from."""

    __tablename__ = "case_deadlines"
    __table_args__ = (UniqueConstraint("case_id", "name", name="uq_case_deadline"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    name = Column(String(32), nullable=False)
    promise = Column(String(96), nullable=False)
    source = Column(String(64), nullable=False)
    due_at = Column(DateTime, nullable=False)
    whole_day = Column(Boolean, nullable=False)


class ComplaintStageRecord(Base):
    """One stage of a complaint and its clocks, as the Complaint Handling Code asks us to evidence."""

    __tablename__ = "complaint_stages"
    __table_args__ = (UniqueConstraint("case_id", "stage", name="uq_complaint_stage"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    stage = Column(Integer, nullable=False)
    opened_at = Column(DateTime, nullable=False)
    contact_due_at = Column(DateTime, nullable=True)
    acknowledgement_due_at = Column(DateTime, nullable=False)
    acknowledged_at = Column(DateTime, nullable=True)
    response_due_at = Column(DateTime, nullable=False)
    extended_to = Column(DateTime, nullable=True)
    extension_reason = Column(StorableText, nullable=True)
    responded_at = Column(DateTime, nullable=True)


class AttachmentRecord(Base):
    """A photo or file a tenant sent: with their case, or waiting (no case yet) for the next."""

    __tablename__ = "case_attachments"

    id = Column(Integer, primary_key=True)
    tenant_id = Column(Integer, ForeignKey("tenants.id"), nullable=False, index=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=True, index=True)
    url = Column(StorableText, nullable=False)
    content_type = Column(StorableString(128), nullable=False)
    received_at = Column(DateTime, nullable=False)


class KeptPhotoRecord(Base):
    """The bytes of a photo no provider hosts (the web chat's), beside its attachment row, under
    the random key the console's address for it names. Migration 0010 added it."""

    __tablename__ = "case_photos"

    id = Column(Integer, primary_key=True)
    attachment_id = Column(Integer, ForeignKey("case_attachments.id"), nullable=False, unique=True)
    key = Column(String(32), nullable=False, unique=True)
    data = Column(LargeBinary, nullable=False)


def stored_utc(moment: datetime) -> datetime:
    """How a moment is stored: naive UTC, so reports do not depend on the server's zone."""
    if moment.tzinfo is None:
        raise ValueError("case times must be timezone-aware")
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def from_stored(moment: Optional[datetime]) -> Optional[datetime]:
    """A stored moment as an aware UTC datetime again."""
    return None if moment is None else moment.replace(tzinfo=timezone.utc)


def summary_of(record: CaseRecord) -> CaseSummary:
    return CaseSummary(
        reference=record.reference,
        kind=CaseKind(record.kind),
        category=record.category,
        description=record.description,
        conversation_id=record.conversation_id,
        status=record.status,
        opened_at=from_stored(record.opened_at),
        first_due_at=from_stored(record.first_due_at),
        first_due_whole_day=record.first_due_whole_day,
        vulnerable_household=record.vulnerable_household,
        tenant_id=record.tenant_id,
        channel=record.channel,
        location=record.location,
        access=record.access,
        contact_phone=record.contact_phone,
        postcode=record.postcode,
        hate_incident=record.hate_incident,
        completed_at=from_stored(record.completed_at),
    )


def stage_of(record: ComplaintStageRecord) -> ComplaintStage:
    return ComplaintStage(
        stage=record.stage,
        opened_at=from_stored(record.opened_at),
        contact_due_at=from_stored(record.contact_due_at),
        acknowledgement_due_at=from_stored(record.acknowledgement_due_at),
        acknowledged_at=from_stored(record.acknowledged_at),
        response_due_at=from_stored(record.response_due_at),
        extended_to=from_stored(record.extended_to),
        extension_reason=record.extension_reason,
        responded_at=from_stored(record.responded_at),
    )
