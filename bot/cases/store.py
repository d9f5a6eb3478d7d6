"""The case store: opens, reads and updates cases.

Longer than most modules because it is one class, `CaseStore`, whose methods are each one query
or one small transaction: the questions staff and tenants ask of cases, kept side by side.
Split by section (tenants, opening, reading, changing), one class would lie across several
files, each calling the others' private lookups (`_record`, `_tenant_id`). Which database it
opens, and the schema's migrations, are in `schema`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Dict, List, Optional, Sequence, TypeVar

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cases.records import (
    AttachmentRecord,
    CaseDeadlineRecord,
    CaseEventRecord,
    CaseRecord,
    ChannelIdentityRecord,
    ComplaintStageRecord,
    KeptPhotoRecord,
    TenantRecord,
    from_stored,
    stage_of,
    stored_utc,
    summary_of,
)
from bot.cases.schema import migrate
from bot.cases.text import new_reference, normalise_postcode, storable
from bot.cases.values import (
    ATTACH_TO_CASES_OPENED_WITHIN,
    Attachment,
    CaseDeadline,
    CaseEvent,
    CaseKind,
    CaseStatus,
    CaseSummary,
    ChannelIdentity,
    ComplaintStage,
    FoundCase,
    KeptPhoto,
    NewCase,
    NewComplaintStage,
    PhotoOfCase,
    complaint_stage_category,
)
from bot.database import wait_for_connections

# What the tenant adds to a case after it was logged: the kind of its history line, and as much of
# it as is kept (the rest of a very long message is in the conversation).
TENANT_ADDED = "tenant_added"
MAX_TENANT_WORDS = 2000

T = TypeVar("T")


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
                first_due_whole_day=case.first_due_whole_day,
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
            return summary_of(record)

    def _by_request_key(self, request_key: str) -> Optional[CaseSummary]:
        with Session(self._engine, future=True) as session:
            record = session.execute(
                select(CaseRecord).where(CaseRecord.request_key == request_key)
            ).scalar_one_or_none()
            return summary_of(record) if record else None

    # --- reading --------------------------------------------------------------------------

    def find(self, reference: str) -> Optional[CaseSummary]:
        with Session(self._engine, future=True) as session:
            record = self._record(session, reference)
            return summary_of(record) if record else None

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
                return FoundCase(summary_of(record), by_owner=True)
            if identity is not None and record.tenant_id is not None:
                if self._tenant_id(session, identity) == record.tenant_id:
                    return FoundCase(summary_of(record), by_owner=True)
            if postcode and record.postcode and normalise_postcode(postcode) == record.postcode:
                return FoundCase(summary_of(record), by_owner=False)
            return None

    def for_conversation(self, conversation_id: str) -> List[CaseSummary]:
        with Session(self._engine, future=True) as session:
            records = session.execute(
                select(CaseRecord).where(CaseRecord.conversation_id == conversation_id).order_by(CaseRecord.id)
            ).scalars()
            return [summary_of(record) for record in records]

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
        return self._of_case(reference, CaseEventRecord, (CaseEventRecord.id,), _event_of)

    def deadlines(self, reference: str) -> List[CaseDeadline]:
        order = (CaseDeadlineRecord.due_at, CaseDeadlineRecord.id)
        return self._of_case(reference, CaseDeadlineRecord, order, _deadline_of)

    def complaint_stages(self, reference: str) -> List[ComplaintStage]:
        return self._of_case(reference, ComplaintStageRecord, (ComplaintStageRecord.stage,), stage_of)

    def attachments(self, reference: str) -> List[Attachment]:
        """What the tenant sent with the case, oldest first; a photo we keep says its key (its
        bytes are not read here: `kept_photo` reads one)."""
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(AttachmentRecord, KeptPhotoRecord.key)
                .join(CaseRecord, CaseRecord.id == AttachmentRecord.case_id)
                .outerjoin(KeptPhotoRecord, KeptPhotoRecord.attachment_id == AttachmentRecord.id)
                .where(CaseRecord.reference == reference)
                .order_by(AttachmentRecord.id)
            ).all()
            return [_attachment_of(row, key) for row, key in rows]

    def kept_photo(self, key: str) -> Optional[PhotoOfCase]:
        """A photo the database keeps, with the case it went with; None for an unknown key, and
        for a photo still waiting for its case (no case page shows it yet)."""
        with Session(self._engine, future=True) as session:
            row = session.execute(
                select(KeptPhotoRecord.data, AttachmentRecord.content_type, CaseRecord.reference, CaseRecord.kind)
                .join(AttachmentRecord, AttachmentRecord.id == KeptPhotoRecord.attachment_id)
                .join(CaseRecord, CaseRecord.id == AttachmentRecord.case_id)
                .where(KeptPhotoRecord.key == key)
            ).one_or_none()
        if row is None:
            return None
        return PhotoOfCase(
            data=bytes(row.data), content_type=row.content_type, reference=row.reference, kind=CaseKind(row.kind)
        )

    def kept_photos_since(self, identity: ChannelIdentity, since: datetime) -> int:
        """How many photos we keep that this channel identity has sent since a moment (the web
        chat's daily allowance)."""
        with Session(self._engine, future=True) as session:
            tenant_id = self._tenant_id(session, identity)
            if tenant_id is None:
                return 0
            return session.execute(
                select(func.count(KeptPhotoRecord.id))
                .join(AttachmentRecord, AttachmentRecord.id == KeptPhotoRecord.attachment_id)
                .where(AttachmentRecord.tenant_id == tenant_id, AttachmentRecord.received_at >= stored_utc(since))
            ).scalar_one()

    def _of_case(self, reference: str, record: Any, order: Sequence[Any], value_of: Callable[[Any], T]) -> List[T]:
        """The rows of one of a case's tables (`record`: events, deadlines, stages)
        for the case with this reference, in `order`, each made a value while the session is open."""
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(record)
                .join(CaseRecord, CaseRecord.id == record.case_id)
                .where(CaseRecord.reference == reference)
                .order_by(*order)
            ).scalars()
            return [value_of(row) for row in rows]

    # --- changing -------------------------------------------------------------------------

    def attach(
        self, identity: ChannelIdentity, media: Sequence[tuple], at: datetime, kept: Sequence[KeptPhoto] = ()
    ) -> Optional[str]:
        """Keep photos a tenant sent: with their newest case of the last day, else waiting for
        the case they are about to report. Returns the reference they went to, if any.

        `media` are (url, content type) of photos a provider hosts (SMS, WhatsApp, Messenger);
        `kept` are photos whose bytes we keep (the web chat's), written in the same transaction
        as their attachment rows, so none is kept without one or listed without its bytes."""
        tenant_id = self.tenant_for(identity, at)
        since = stored_utc(at - ATTACH_TO_CASES_OPENED_WITHIN)
        with Session(self._engine, future=True) as session, session.begin():
            case = session.execute(
                select(CaseRecord)
                .where(CaseRecord.tenant_id == tenant_id, CaseRecord.opened_at >= since)
                .order_by(CaseRecord.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            sent = [(url, content_type, None) for url, content_type in media]
            sent += [(photo.url, photo.content_type, photo) for photo in kept]
            for url, content_type, photo in sent:
                row = AttachmentRecord(
                    tenant_id=tenant_id,
                    case_id=case.id if case else None,
                    url=url,
                    content_type=content_type or "application/octet-stream",
                    received_at=stored_utc(at),
                )
                session.add(row)
                if photo is not None:
                    session.flush()  # the attachment's id, for its photo's row
                    session.add(KeptPhotoRecord(attachment_id=row.id, key=photo.key, data=photo.data))
            if case is not None:
                session.add(
                    CaseEventRecord(
                        case_id=case.id,
                        at=stored_utc(at),
                        kind="attachment_added",
                        actor="tenant",
                        detail={"count": len(sent)},
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
                return stage_of(existing)
            row = _stage_record(record.id, stage, stored_utc(at))
            session.add(row)
            for deadline in deadlines:
                session.merge(_deadline_record(record.id, deadline, replace_in=session))
            record.category = complaint_stage_category(stage.stage)
            record.status = CaseStatus.OPEN.value
            record.completed_at = None
            record.first_due_at = stored_utc(stage.first_due_at)
            record.first_due_whole_day = stage.first_due_whole_day
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
            return stage_of(row)

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
            if row.acknowledged_at is not None and row.responded_at is None:
                # Acknowledged, the stage's next date is its response (extended or not), which
                # the case's list, its status and the reminders read as the case's next date.
                record.first_due_at = row.extended_to or row.response_due_at
                record.first_due_whole_day = True
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
            return stage_of(row)

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
            return summary_of(record)

    def add_tenant_words(self, reference: str, at: datetime, words: str) -> None:
        """Keep what a tenant said about their case once it was logged ("will they ring before they
        come, i dont open the door to people i dont know"), for staff to read in its history, in
        the order said. LookupError for an unknown reference."""
        with Session(self._engine, future=True) as session, session.begin():
            record = self._record(session, reference)
            if record is None:
                raise LookupError(reference)
            session.add(
                CaseEventRecord(
                    case_id=record.id,
                    at=stored_utc(at),
                    kind=TENANT_ADDED,
                    actor="tenant",
                    detail={"words": storable(words[:MAX_TENANT_WORDS])},
                )
            )

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


def _event_of(row: CaseEventRecord) -> CaseEvent:
    return CaseEvent(at=from_stored(row.at), kind=row.kind, actor=row.actor, detail=row.detail)


def _deadline_of(row: CaseDeadlineRecord) -> CaseDeadline:
    return CaseDeadline(
        name=row.name, promise=row.promise, source=row.source, due_at=from_stored(row.due_at), whole_day=row.whole_day
    )


def _attachment_of(row: AttachmentRecord, kept_key: Optional[str] = None) -> Attachment:
    return Attachment(row.url, row.content_type, from_stored(row.received_at), kept_key)
