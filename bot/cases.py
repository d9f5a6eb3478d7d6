"""The case store: every report a tenant makes becomes a case with a reference and its due dates.

The landlord's own complaint report (seed 004) found complaints that were never logged when
first received; writing the case before the tenant is given a reference makes that impossible.
SQLite is the embedded default so a pilot needs no database server; `DATABASE_URL` points the
same code at PostgreSQL.

Dates are worked out in `bot.intake` with the working-day calendar; this module only records
them, so there is one place that does the arithmetic.
"""

from __future__ import annotations

import enum
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base

from bot.limits import SURROGATES
from bot.database import wait_for_connections
from bot.settings import REPO_ROOT, setting


Base = declarative_base()

# What no database here can keep: NUL (PostgreSQL refuses it in text) and a lone UTF-16
# surrogate (valid JSON can carry one as an escape, but it is no character and cannot be
# encoded). Each becomes U+FFFD, the replacement character; everything else is kept as written.
# How long a delivery's key may be (bot.intake keeps a longer one as its hash).
REQUEST_KEY_CHARS = 255
UNSTORABLE = re.compile(f"[\x00{SURROGATES}]")
REPLACEMENT = "\ufffd"


def storable(value: str) -> str:
    """`value` as it is stored: the same on SQLite and PostgreSQL, NUL and lone surrogates replaced."""
    return UNSTORABLE.sub(REPLACEMENT, value)


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


class CaseKind(enum.Enum):
    """What a case is about; the value is stored on the case."""

    REPAIR = "REP"
    ANTI_SOCIAL_BEHAVIOUR = "ASB"
    COMPLAINT = "CMP"
    CALLBACK = "ENQ"
    DOMESTIC_ABUSE = "DAB"

    @property
    def reference_prefix(self) -> str:
        """A domestic abuse case's reference looks like any enquiry's: a tenant may be read
        over the shoulder by the person they are reporting."""
        return CaseKind.CALLBACK.value if self is CaseKind.DOMESTIC_ABUSE else self.value


class CaseStatus(enum.Enum):
    OPEN = "open"
    # A person must decide, for example whether an old complaint can be accepted.
    AWAITING_DECISION = "awaiting_decision"
    COMPLETED = "completed"


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


@dataclass(frozen=True)
class Attachment:
    url: str
    content_type: str
    received_at: datetime


# A photo sent this long after a case was opened starts waiting for the next case instead.
ATTACH_TO_CASES_OPENED_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class ChannelIdentity:
    """Where a message came from: "rest" and a web session id, "twilio" and a phone number..."""

    channel: str
    address: str


@dataclass(frozen=True)
class NewComplaintStage:
    stage: int
    acknowledgement_due_at: datetime
    response_due_at: datetime
    contact_due_at: Optional[datetime] = None


@dataclass(frozen=True)
class NewCase:
    """What the bot knows when it opens a case; `category` is the priority, risk or stage."""

    kind: CaseKind
    category: str
    description: str
    conversation_id: str
    opened_at: datetime
    first_due_at: datetime
    vulnerable_household: Optional[bool] = None
    # What the assistant knew when it opened the case (intent, confidence, rules, deadlines):
    # the first entry of the case's event log.
    opened_because: Mapping[str, Any] = field(default_factory=dict)
    identity: Optional[ChannelIdentity] = None
    location: Optional[str] = None
    access: Optional[str] = None
    contact_phone: Optional[str] = None
    postcode: Optional[str] = None
    hate_incident: Optional[bool] = None
    request_key: Optional[str] = None
    status: CaseStatus = CaseStatus.OPEN
    deadlines: Sequence[CaseDeadline] = ()
    complaint_stage: Optional[NewComplaintStage] = None


@dataclass(frozen=True)
class CaseEvent:
    at: datetime
    kind: str
    actor: str
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class CaseDeadline:
    """A date promised on a case, and the charter entry it comes from: given when the case is
    opened, and read back from the store."""

    name: str
    promise: str
    source: str
    due_at: datetime
    # A promise in days runs to the end of the day; `due_at` is then 23:59:59 local time.
    whole_day: bool


@dataclass(frozen=True)
class ComplaintStage:
    stage: int
    opened_at: datetime
    contact_due_at: Optional[datetime]
    acknowledgement_due_at: datetime
    acknowledged_at: Optional[datetime]
    response_due_at: datetime
    extended_to: Optional[datetime]
    extension_reason: Optional[str]
    responded_at: Optional[datetime]

    @property
    def answer_due_at(self) -> datetime:
        """The response date that counts: the extended one if the tenant was told of one."""
        return self.extended_to or self.response_due_at


@dataclass(frozen=True)
class CaseSummary:
    """A case as the rest of the assistant sees it, detached from any database session."""

    reference: str
    kind: CaseKind
    category: str
    description: str
    conversation_id: str
    status: str
    opened_at: datetime
    first_due_at: datetime
    vulnerable_household: Optional[bool]
    tenant_id: Optional[int] = None
    channel: Optional[str] = None
    location: Optional[str] = None
    access: Optional[str] = None
    contact_phone: Optional[str] = None
    postcode: Optional[str] = None
    hate_incident: Optional[bool] = None
    completed_at: Optional[datetime] = None


@dataclass(frozen=True)
class FoundCase:
    """A case found for someone asking about it: `by_owner` when they opened it (the same
    conversation or channel identity), False when they only gave its postcode."""

    case: "CaseSummary"
    by_owner: bool


def complaint_stage_category(stage: int) -> str:
    """A complaint case's category names its current stage."""
    return {1: "stage_one", 2: "stage_two"}[stage]


# A reference's last part is random, so one reference tells nothing about any other: eight of
# these 25 characters, none of which a tenant can mistake for another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REFERENCE_LENGTH = 8
REFERENCE = re.compile(r"\b(REP|ASB|CMP|ENQ)[\s-]?(\d{4})[\s-]?([A-Z0-9]{8}|\d{6})\b", re.IGNORECASE)
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)


def references_in(message: str) -> List[str]:
    """Case references a tenant typed, however spaced or cased ("rep 2026 k7mx 4qpd"), in the
    order typed; the six-digit ones of cases opened before references were random still count."""
    return [
        f"{kind.upper()}-{year}-{(first + second or six_digits).upper()}"
        for kind, year, first, second, six_digits in _TYPED_REFERENCE.findall(message or "")
    ]


# A reference as typed, its random part in one piece or two: joining any two groups of four
# first made "CMP-2026-KX7Q4MTD from last month" unreadable ("KX7Q4MTDfrom").
_TYPED_REFERENCE = re.compile(
    r"\b(REP|ASB|CMP|ENQ)[\s-]?(\d{4})[\s-]?(?:([A-Z0-9]{4})[\s-]?([A-Z0-9]{4})|(\d{6}))\b", re.IGNORECASE
)


def new_reference(kind: "CaseKind", opened_at: datetime) -> str:
    random_part = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{kind.reference_prefix}-{opened_at.year}-{random_part}"


def postcodes_in(message: str) -> List[str]:
    """UK postcodes a tenant typed, written the one way cases store them ("SY7 9BW")."""
    return [normalise_postcode(f"{outward}{inward}") for outward, inward in POSTCODE.findall(message or "")]


def normalise_postcode(postcode: str) -> str:
    compact = re.sub(r"\s+", "", postcode or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def stored_utc(moment: datetime) -> datetime:
    """How a moment is stored: naive UTC, so reports do not depend on the server's zone."""
    if moment.tzinfo is None:
        raise ValueError("case times must be timezone-aware")
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def from_stored(moment: Optional[datetime]) -> Optional[datetime]:
    """A stored moment as an aware UTC datetime again."""
    return None if moment is None else moment.replace(tzinfo=timezone.utc)


def _summary(record: CaseRecord) -> CaseSummary:
    return CaseSummary(
        reference=record.reference,
        kind=CaseKind(record.kind),
        category=record.category,
        description=record.description,
        conversation_id=record.conversation_id,
        status=record.status,
        opened_at=from_stored(record.opened_at),
        first_due_at=from_stored(record.first_due_at),
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


def _stage(record: ComplaintStageRecord) -> ComplaintStage:
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


def default_database_url() -> str:
    """`DATABASE_URL` if set, else a SQLite file under var/ that is created on first use."""
    url = setting("DATABASE_URL")
    if url:
        return url
    folder = REPO_ROOT / "var"
    folder.mkdir(exist_ok=True)
    return f"sqlite:///{folder / 'cases.db'}"


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number, the same in every process: PostgreSQL's advisory lock for migrating.
MIGRATION_LOCK = 7_426_100


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic, on the store's own connection.

    A database made before the store had migrations (it has `cases` but no Alembic version)
    is brought level and stamped, so no developer has to delete theirs.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several action servers may start at once: one migrates, the others wait for it.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        tables = set(inspect(connection).get_table_names())
        config.attributes["connection"] = connection
        if "cases" in tables and "alembic_version" not in tables:
            _bring_level_before_migrations(connection)
            command.stamp(config, "0001")
        command.upgrade(config, "head")


def _bring_level_before_migrations(connection: Any) -> None:
    present = {column["name"] for column in inspect(connection).get_columns("cases")}
    if "vulnerable_household" not in present:
        connection.execute(text("ALTER TABLE cases ADD COLUMN vulnerable_household BOOLEAN"))
    Base.metadata.create_all(connection, tables=[CaseEventRecord.__table__])


class CaseStore:
    """Opens, reads and updates cases. Built from an engine so tests can hand it an in-memory database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        migrate(engine)

    @classmethod
    def from_url(cls, url: str) -> "CaseStore":
        """Connections are checked before use, and new ones wait out a database restart."""
        return cls(wait_for_connections(create_engine(url, future=True, pool_pre_ping=True)))

    @property
    def engine(self) -> Engine:
        """For read-only reporting queries (bot.report)."""
        return self._engine

    # --- tenants --------------------------------------------------------------------------

    def tenant_for(self, identity: ChannelIdentity, at: datetime) -> int:
        """The tenant behind a channel identity, made on first contact."""
        for _ in range(2):
            with Session(self._engine, future=True) as session:
                found = self._tenant_id(session, identity)
            if found is not None:
                return found
            try:
                with Session(self._engine, future=True) as session, session.begin():
                    tenant = TenantRecord(created_at=stored_utc(at))
                    session.add(tenant)
                    session.flush()
                    session.add(
                        ChannelIdentityRecord(
                            tenant_id=tenant.id,
                            channel=identity.channel,
                            address=identity.address,
                            first_seen_at=stored_utc(at),
                        )
                    )
                    session.flush()
                    return tenant.id
            except IntegrityError:  # another server made it first: read theirs
                continue
        raise RuntimeError("could not record the tenant's channel identity")

    @staticmethod
    def _tenant_id(session: Session, identity: ChannelIdentity) -> Optional[int]:
        return session.execute(
            select(ChannelIdentityRecord.tenant_id).where(
                ChannelIdentityRecord.channel == identity.channel,
                ChannelIdentityRecord.address == identity.address,
            )
        ).scalar_one_or_none()

    # --- opening --------------------------------------------------------------------------

    def open(self, case: NewCase) -> CaseSummary:
        """Write the case, its reference and its deadlines in one transaction, so no case
        lacks one. A request key already used returns the case it opened, unchanged."""
        if case.request_key is not None:
            existing = self._by_request_key(case.request_key)
            if existing is not None:
                return existing
        tenant_id = self.tenant_for(case.identity, case.opened_at) if case.identity else None
        for attempt in range(3):
            try:
                return self._insert(case, tenant_id)
            except IntegrityError:
                existing = self._by_request_key(case.request_key) if case.request_key else None
                if existing is not None:
                    return existing
                if attempt == 2:  # not a reference drawn twice (1 in 10^11): a real error
                    raise
        raise AssertionError("unreachable")

    def _insert(self, case: NewCase, tenant_id: Optional[int]) -> CaseSummary:
        with Session(self._engine, future=True) as session, session.begin():
            record = CaseRecord(
                kind=case.kind.value,
                category=case.category,
                description=case.description,
                conversation_id=case.conversation_id,
                status=case.status.value,
                opened_at=stored_utc(case.opened_at),
                first_due_at=stored_utc(case.first_due_at),
                vulnerable_household=case.vulnerable_household,
                tenant_id=tenant_id,
                channel=case.identity.channel if case.identity else None,
                location=case.location,
                access=case.access,
                contact_phone=case.contact_phone,
                postcode=normalise_postcode(case.postcode) if case.postcode else None,
                hate_incident=case.hate_incident,
                request_key=case.request_key,
            )
            record.reference = new_reference(case.kind, case.opened_at)
            session.add(record)
            session.flush()
            session.add(
                CaseEventRecord(
                    case_id=record.id,
                    at=record.opened_at,
                    kind="opened",
                    actor="assistant",
                    detail=dict(case.opened_because),
                )
            )
            for deadline in case.deadlines:
                session.add(_deadline_record(record.id, deadline))
            if case.complaint_stage is not None:
                session.add(_stage_record(record.id, case.complaint_stage, record.opened_at))
            if tenant_id is not None:
                _adopt_waiting_attachments(session, tenant_id, record.id)
            session.flush()
            return _summary(record)

    def _by_request_key(self, request_key: str) -> Optional[CaseSummary]:
        with Session(self._engine, future=True) as session:
            record = session.execute(
                select(CaseRecord).where(CaseRecord.request_key == request_key)
            ).scalar_one_or_none()
            return _summary(record) if record else None

    # --- reading --------------------------------------------------------------------------

    def find(self, reference: str) -> Optional[CaseSummary]:
        with Session(self._engine, future=True) as session:
            record = self._record(session, reference)
            return _summary(record) if record else None

    def find_for(
        self,
        reference: str,
        conversation_id: str,
        identity: Optional[ChannelIdentity] = None,
        postcode: Optional[str] = None,
    ) -> Optional["FoundCase"]:
        """The case and how the asker is tied to it: as the conversation or channel identity
        that opened it, or only by giving the postcode on it. Anyone else learns nothing, not
        even whether it exists. What may be told on which tie is bot.lookups' to decide."""
        with Session(self._engine, future=True) as session:
            record = self._record(session, reference)
            if record is None:
                return None
            if record.conversation_id == conversation_id:
                return FoundCase(_summary(record), by_owner=True)
            if identity is not None and record.tenant_id is not None:
                if self._tenant_id(session, identity) == record.tenant_id:
                    return FoundCase(_summary(record), by_owner=True)
            if postcode and record.postcode and normalise_postcode(postcode) == record.postcode:
                return FoundCase(_summary(record), by_owner=False)
            return None

    def for_conversation(self, conversation_id: str) -> List[CaseSummary]:
        with Session(self._engine, future=True) as session:
            records = session.execute(
                select(CaseRecord).where(CaseRecord.conversation_id == conversation_id).order_by(CaseRecord.id)
            ).scalars()
            return [_summary(record) for record in records]

    def count_for_tenant(self, tenant_id: int, kind: CaseKind, since: datetime) -> int:
        """How many cases of a kind a tenant has opened since a moment (the ASB case review)."""
        with Session(self._engine, future=True) as session:
            return session.execute(
                select(func.count(CaseRecord.id)).where(
                    CaseRecord.tenant_id == tenant_id,
                    CaseRecord.kind == kind.value,
                    CaseRecord.opened_at >= stored_utc(since),
                )
            ).scalar_one()

    def events(self, reference: str) -> List[CaseEvent]:
        """The case's history, oldest first; empty for an unknown reference."""
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(CaseEventRecord)
                .join(CaseRecord, CaseRecord.id == CaseEventRecord.case_id)
                .where(CaseRecord.reference == reference)
                .order_by(CaseEventRecord.id)
            ).scalars()
            return [
                CaseEvent(at=from_stored(row.at), kind=row.kind, actor=row.actor, detail=row.detail) for row in rows
            ]

    def deadlines(self, reference: str) -> List[CaseDeadline]:
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(CaseDeadlineRecord)
                .join(CaseRecord, CaseRecord.id == CaseDeadlineRecord.case_id)
                .where(CaseRecord.reference == reference)
                .order_by(CaseDeadlineRecord.due_at, CaseDeadlineRecord.id)
            ).scalars()
            return [
                CaseDeadline(
                    name=row.name,
                    promise=row.promise,
                    source=row.source,
                    due_at=from_stored(row.due_at),
                    whole_day=row.whole_day,
                )
                for row in rows
            ]

    def complaint_stages(self, reference: str) -> List[ComplaintStage]:
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(ComplaintStageRecord)
                .join(CaseRecord, CaseRecord.id == ComplaintStageRecord.case_id)
                .where(CaseRecord.reference == reference)
                .order_by(ComplaintStageRecord.stage)
            ).scalars()
            return [_stage(row) for row in rows]

    def attachments(self, reference: str) -> List[Attachment]:
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(AttachmentRecord)
                .join(CaseRecord, CaseRecord.id == AttachmentRecord.case_id)
                .where(CaseRecord.reference == reference)
                .order_by(AttachmentRecord.id)
            ).scalars()
            return [Attachment(row.url, row.content_type, from_stored(row.received_at)) for row in rows]

    # --- changing -------------------------------------------------------------------------

    def attach(self, identity: ChannelIdentity, media: Sequence[tuple], at: datetime) -> Optional[str]:
        """Keep photos a tenant sent: with their newest case of the last day, else waiting for
        the case they are about to report. Returns the reference they went to, if any."""
        tenant_id = self.tenant_for(identity, at)
        since = stored_utc(at - ATTACH_TO_CASES_OPENED_WITHIN)
        with Session(self._engine, future=True) as session, session.begin():
            case = session.execute(
                select(CaseRecord)
                .where(CaseRecord.tenant_id == tenant_id, CaseRecord.opened_at >= since)
                .order_by(CaseRecord.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            for url, content_type in media:
                session.add(
                    AttachmentRecord(
                        tenant_id=tenant_id,
                        case_id=case.id if case else None,
                        url=url,
                        content_type=content_type or "application/octet-stream",
                        received_at=stored_utc(at),
                    )
                )
            if case is not None:
                session.add(
                    CaseEventRecord(
                        case_id=case.id,
                        at=stored_utc(at),
                        kind="attachment_added",
                        actor="tenant",
                        detail={"count": len(media)},
                    )
                )
            return case.reference if case else None

    def add_complaint_stage(
        self,
        reference: str,
        stage: NewComplaintStage,
        at: datetime,
        actor: str,
        deadlines: Sequence[CaseDeadline] = (),
    ) -> Optional[ComplaintStage]:
        """Move a complaint to a further stage. Asking twice returns the stage already open."""
        with Session(self._engine, future=True) as session, session.begin():
            record = self._record(session, reference)
            if record is None or record.kind != CaseKind.COMPLAINT.value:
                return None
            existing = session.execute(
                select(ComplaintStageRecord).where(
                    ComplaintStageRecord.case_id == record.id, ComplaintStageRecord.stage == stage.stage
                )
            ).scalar_one_or_none()
            if existing is not None:
                return _stage(existing)
            row = _stage_record(record.id, stage, stored_utc(at))
            session.add(row)
            for deadline in deadlines:
                session.merge(_deadline_record(record.id, deadline, replace_in=session))
            record.category = complaint_stage_category(stage.stage)
            record.status = CaseStatus.OPEN.value
            record.completed_at = None
            record.first_due_at = stored_utc(stage.contact_due_at or stage.acknowledgement_due_at)
            session.add(
                CaseEventRecord(
                    case_id=record.id,
                    at=stored_utc(at),
                    kind="complaint_stage_opened",
                    actor=actor,
                    detail={"stage": stage.stage},
                )
            )
            session.flush()
            return _stage(row)

    def update_complaint_stage(
        self, reference: str, stage: int, at: datetime, actor: str, **changes: Any
    ) -> ComplaintStage:
        """Record an acknowledgement, a response or an extension of one stage, with an event."""
        allowed = {"acknowledged_at", "response_due_at", "extended_to", "extension_reason", "responded_at"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"a complaint stage has no {sorted(unknown)}")
        with Session(self._engine, future=True) as session, session.begin():
            record = self._record(session, reference)
            row = (
                None
                if record is None
                else session.execute(
                    select(ComplaintStageRecord).where(
                        ComplaintStageRecord.case_id == record.id, ComplaintStageRecord.stage == stage
                    )
                ).scalar_one_or_none()
            )
            if row is None:
                raise LookupError(f"{reference} has no complaint stage {stage}")
            detail: Dict[str, Any] = {"stage": stage}
            for name, value in changes.items():
                stored = stored_utc(value) if isinstance(value, datetime) else value
                setattr(row, name, stored)
                detail[name] = value.isoformat() if isinstance(value, datetime) else value
            session.add(
                CaseEventRecord(
                    case_id=record.id,
                    at=stored_utc(at),
                    kind="complaint_stage_updated",
                    actor=actor,
                    detail=detail,
                )
            )
            session.flush()
            return _stage(row)

    def set_status(
        self, reference: str, status: CaseStatus, at: datetime, actor: str, note: Optional[str] = None
    ) -> CaseSummary:
        """Change a case's status; completing it records when, for the repair reports."""
        with Session(self._engine, future=True) as session, session.begin():
            record = self._record(session, reference)
            if record is None:
                raise LookupError(reference)
            previous = record.status
            record.status = status.value
            record.completed_at = stored_utc(at) if status is CaseStatus.COMPLETED else None
            detail: Dict[str, Any] = {"from": previous, "to": status.value}
            if note:
                detail["note"] = note
            session.add(
                CaseEventRecord(case_id=record.id, at=stored_utc(at), kind="status_changed", actor=actor, detail=detail)
            )
            session.flush()
            return _summary(record)

    @staticmethod
    def _record(session: Session, reference: str) -> Optional[CaseRecord]:
        return session.execute(select(CaseRecord).where(CaseRecord.reference == reference)).scalar_one_or_none()


def _adopt_waiting_attachments(session: Session, tenant_id: int, case_id: int) -> None:
    """Photos sent before the report was finished belong to it."""
    for row in session.execute(
        select(AttachmentRecord).where(AttachmentRecord.tenant_id == tenant_id, AttachmentRecord.case_id.is_(None))
    ).scalars():
        row.case_id = case_id


def _deadline_record(case_id: int, deadline: CaseDeadline, replace_in: Optional[Session] = None) -> CaseDeadlineRecord:
    existing_id = None
    if replace_in is not None:
        existing_id = replace_in.execute(
            select(CaseDeadlineRecord.id).where(
                CaseDeadlineRecord.case_id == case_id, CaseDeadlineRecord.name == deadline.name
            )
        ).scalar_one_or_none()
    return CaseDeadlineRecord(
        id=existing_id,
        case_id=case_id,
        name=deadline.name,
        promise=deadline.promise,
        source=deadline.source,
        due_at=stored_utc(deadline.due_at),
        whole_day=deadline.whole_day,
    )


def _stage_record(case_id: int, stage: NewComplaintStage, opened_at: datetime) -> ComplaintStageRecord:
    return ComplaintStageRecord(
        case_id=case_id,
        stage=stage.stage,
        opened_at=opened_at,
        contact_due_at=stored_utc(stage.contact_due_at) if stage.contact_due_at else None,
        acknowledgement_due_at=stored_utc(stage.acknowledgement_due_at),
        response_due_at=stored_utc(stage.response_due_at),
    )
