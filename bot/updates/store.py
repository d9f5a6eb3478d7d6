"""Where updates wait, are claimed by one worker, and end with their delivery recorded.

Every replica's worker reads the same table. An update is claimed with a conditional UPDATE
(its status still pending, nobody's lease running), which one worker wins however many try;
a worker that dies mid-send leaves a lease that runs out, and the update goes to another.
Each outcome is written on the case's history too, where staff look, so nothing is lost
silently: an update that could not be delivered says so there.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, List, Mapping, Optional

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cases import CaseEventRecord, CaseRecord, from_stored, stored_utc
from bot.updates.kinds import UpdateKind
from bot.updates.records import TenantUpdateRecord, UpdateContactRecord
from bot.updates.surveys import open_survey

# How long a worker holds an update it is sending before another may take it.
LEASE = timedelta(minutes=2)
# A tenant's last message is written at most this often, not on every message; the time kept
# is then never later than their real last message, so a 24-hour window is never overrun.
HEARD_EVERY = timedelta(minutes=5)
# Attempts before an update is given up as not delivered (about 4 hours of backing off).
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)


class UpdateStatus(enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    IN_CHAT = "in_chat"  # kept for the web chat page, which cannot be written to
    SHOWN = "shown"  # the web chat page has shown it
    FAILED = "failed"
    NOT_SENT = "not_sent"  # a rule forbade it: STOP, a platform's window, a domestic abuse case


@dataclass(frozen=True)
class Contact:
    """What an address allows: when the tenant last wrote from it, and whether they said STOP."""

    last_heard_at: Optional[datetime] = None
    stopped_at: Optional[datetime] = None


@dataclass(frozen=True)
class TenantUpdate:
    id: int
    reference: str
    kind: UpdateKind
    channel: str
    address: str
    text: str
    created_at: datetime
    status: UpdateStatus
    attempts: int
    sent_at: Optional[datetime]
    result: Optional[str]


@dataclass(frozen=True)
class Outcome:
    """What became of one attempt: a final status, or PENDING to try again later."""

    status: UpdateStatus
    result: str
    provider_id: Optional[str] = None
    # The provider says the tenant has opted out (Twilio's 21610): no more until START.
    opted_out: bool = False


def retry_delay(attempts: int) -> timedelta:
    """Backing off: 1, 2, 4 ... minutes after each failed attempt, at most an hour."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


class Updates:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- deciding ---------------------------------------------------------------------------

    def add(
        self,
        reference: str,
        kind: UpdateKind,
        once_key: str,
        text: str,
        at: datetime,
        send_after: Optional[datetime] = None,
        not_sent_because: Optional[str] = None,
    ) -> bool:
        """Decide to tell the tenant who opened the case, on the channel they used; False when
        this update (its `once_key`) was decided before. With `not_sent_because`, it is
        recorded as not sent, and why, on the case's history."""
        try:
            with Session(self._engine, future=True) as session, session.begin():
                case = session.execute(select(CaseRecord).where(CaseRecord.reference == reference)).scalar_one()
                status = UpdateStatus.NOT_SENT if not_sent_because else UpdateStatus.PENDING
                session.add(
                    TenantUpdateRecord(
                        case_id=case.id,
                        kind=kind.value,
                        once_key=once_key,
                        channel=case.channel or "rest",
                        address=case.conversation_id,
                        text=text,
                        created_at=stored_utc(at),
                        send_after=stored_utc(send_after or at),
                        status=status.value,
                        attempts=0,
                        result=not_sent_because,
                    )
                )
                if not_sent_because:
                    session.add(_case_event(case.id, at, "update_not_sent", kind, {"why": not_sent_because}))
            return True
        except IntegrityError:
            return False

    def decided(self, once_key: str) -> bool:
        """Whether this update was decided before: checked first, so a worker's every pass over
        the open cases does not render and insert what is already there."""
        with Session(self._engine, future=True) as session:
            found = session.execute(select(TenantUpdateRecord.id).where(TenantUpdateRecord.once_key == once_key))
            return found.first() is not None

    # --- sending ----------------------------------------------------------------------------

    def claim(self, now: datetime, worker: str, limit: int = 20) -> List[TenantUpdate]:
        """Updates due now that this worker alone may send; each is held for LEASE."""
        moment = stored_utc(now)
        free = or_(TenantUpdateRecord.lease_until.is_(None), TenantUpdateRecord.lease_until < moment)
        with Session(self._engine, future=True) as session:
            candidates = (
                session.execute(
                    select(TenantUpdateRecord.id)
                    .where(
                        TenantUpdateRecord.status == UpdateStatus.PENDING.value,
                        TenantUpdateRecord.send_after <= moment,
                        free,
                    )
                    .order_by(TenantUpdateRecord.id)
                    .limit(limit)
                )
                .scalars()
                .all()
            )
        claimed = []
        for update_id in candidates:
            with Session(self._engine, future=True) as session, session.begin():
                won = session.execute(
                    update(TenantUpdateRecord)
                    .where(
                        TenantUpdateRecord.id == update_id,
                        TenantUpdateRecord.status == UpdateStatus.PENDING.value,
                        free,
                    )
                    .values(lease_until=moment + LEASE, leased_by=worker)
                    .execution_options(synchronize_session=False)
                ).rowcount
            if won == 1:
                claimed.append(update_id)
        return [found for found in (self.get(update_id) for update_id in claimed) if found is not None]

    def record(self, update_id: int, outcome: Outcome, now: datetime) -> None:
        """Write what became of an attempt, on the update and, once it is final, on the case."""
        with Session(self._engine, future=True) as session, session.begin():
            row = session.get(TenantUpdateRecord, update_id)
            if row is None:
                return
            channel, address = row.channel, row.address
            row.attempts += 1
            row.result = outcome.result
            row.lease_until = None
            row.leased_by = None
            kind = UpdateKind(row.kind)
            status = outcome.status
            if status is UpdateStatus.PENDING and row.attempts >= MAX_ATTEMPTS:
                status = UpdateStatus.FAILED
            row.status = status.value
            if status is UpdateStatus.PENDING:
                row.send_after = stored_utc(now + retry_delay(row.attempts))
                return
            if outcome.provider_id:
                row.provider_id = outcome.provider_id
            if status in (UpdateStatus.SENT, UpdateStatus.IN_CHAT):
                row.sent_at = stored_utc(now)
            if status is UpdateStatus.SENT and kind is UpdateKind.SURVEY:
                open_survey(session, row.case_id, channel, address, now)
            event = {
                UpdateStatus.SENT: "update_sent",
                UpdateStatus.IN_CHAT: "update_sent",
                UpdateStatus.FAILED: "update_not_delivered",
            }.get(status, "update_not_sent")
            detail: Dict[str, Any] = {"channel": row.channel, "result": outcome.result, "attempts": row.attempts}
            session.add(_case_event(row.case_id, now, event, kind, detail))
        if outcome.opted_out:
            self.stop(channel, address, now)

    def get(self, update_id: int) -> Optional[TenantUpdate]:
        found = self._updates(TenantUpdateRecord.id == update_id)
        return found[0] if found else None

    def for_case(self, reference: str) -> List[TenantUpdate]:
        """Every update decided on a case, oldest first: what the console shows."""
        return self._updates(CaseRecord.reference == reference)

    def kept_in_chat(self, conversation_id: str, now: datetime) -> List[TenantUpdate]:
        """The web chat's updates not yet shown, oldest first; each is given to one asker only
        (two polls at once share nothing), and counts as shown from now."""
        waiting = self._updates(
            TenantUpdateRecord.address == conversation_id, TenantUpdateRecord.status == UpdateStatus.IN_CHAT.value
        )
        shown = f"shown in the web chat at {stored_utc(now).isoformat(timespec='seconds')}Z"
        given = []
        for kept in waiting:
            with Session(self._engine, future=True) as session, session.begin():
                won = session.execute(
                    update(TenantUpdateRecord)
                    .where(TenantUpdateRecord.id == kept.id, TenantUpdateRecord.status == UpdateStatus.IN_CHAT.value)
                    .values(status=UpdateStatus.SHOWN.value, result=shown)
                    .execution_options(synchronize_session=False)
                ).rowcount
                if won == 1 and kept.kind is UpdateKind.SURVEY:  # its answer is awaited from when it is seen
                    case_id = session.get(TenantUpdateRecord, kept.id).case_id
                    open_survey(session, case_id, kept.channel, kept.address, now)
            if won == 1:
                given.append(kept)
        return given

    def _updates(self, *where: Any) -> List[TenantUpdate]:
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(TenantUpdateRecord, CaseRecord.reference)
                .join(CaseRecord, CaseRecord.id == TenantUpdateRecord.case_id)
                .where(*where)
                .order_by(TenantUpdateRecord.id)
            ).all()
            return [_update_of(row, reference) for row, reference in rows]

    # --- what an address allows ---------------------------------------------------------------

    def contact(self, channel: str, address: str) -> Contact:
        with Session(self._engine, future=True) as session:
            row = self._contact(session, channel, address)
            if row is None:
                return Contact()
            return Contact(from_stored(row.last_heard_at), from_stored(row.stopped_at))

    def heard_from(self, channel: str, address: str, at: datetime) -> None:
        """The tenant wrote from this address now (their platform's 24 hours start again)."""
        moment = stored_utc(at)
        with Session(self._engine, future=True) as session:
            row = self._contact(session, channel, address)
            if row is not None and row.last_heard_at is not None and moment - row.last_heard_at < HEARD_EVERY:
                return
        self._set(channel, address, last_heard_at=moment)

    def stop(self, channel: str, address: str, at: datetime) -> None:
        """The tenant said STOP: nothing more is sent to this address until they say START."""
        self._set(channel, address, stopped_at=stored_utc(at))

    def start(self, channel: str, address: str) -> None:
        self._set(channel, address, stopped_at=None)

    def _set(self, channel: str, address: str, **values: Any) -> None:
        for _ in range(2):
            try:
                with Session(self._engine, future=True) as session, session.begin():
                    row = self._contact(session, channel, address)
                    if row is None:
                        row = UpdateContactRecord(channel=channel, address=address)
                        session.add(row)
                    for name, value in values.items():
                        setattr(row, name, value)
                return
            except IntegrityError:  # another process made the row first: change theirs
                continue

    @staticmethod
    def _contact(session: Session, channel: str, address: str) -> Optional[UpdateContactRecord]:
        return session.execute(
            select(UpdateContactRecord).where(
                UpdateContactRecord.channel == channel, UpdateContactRecord.address == address
            )
        ).scalar_one_or_none()


def _case_event(case_id: int, at: datetime, event: str, kind: UpdateKind, detail: Mapping[str, Any]) -> CaseEventRecord:
    return CaseEventRecord(
        case_id=case_id, at=stored_utc(at), kind=event, actor="assistant", detail={"update": kind.value, **detail}
    )


def _update_of(row: TenantUpdateRecord, reference: str) -> TenantUpdate:
    return TenantUpdate(
        id=row.id,
        reference=reference,
        kind=UpdateKind(row.kind),
        channel=row.channel,
        address=row.address,
        text=row.text,
        created_at=from_stored(row.created_at),
        status=UpdateStatus(row.status),
        attempts=row.attempts,
        sent_at=from_stored(row.sent_at),
        result=row.result,
    )
