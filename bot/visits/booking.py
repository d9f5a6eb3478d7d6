"""Booking, moving and cancelling the visit for a repair that is not same-day.

A repair promised in hours (an emergency, an urgent repair, an Awaab's Law emergency hazard) is
attended the same day: there is no visit to plan. A repair promised in days (routine, outside,
major works, damp and mould) is visited at a half-day the tenant, or a member of staff, books
from those the landlord's calendar offers (visits.yml): the next working days', never a full
one's and never after the date promised for the repair. A completed repair books nothing.

Every change is written on the case's history, in the same transaction as the booking, and a
booking or a move decides the tenant's VISIT_BOOKED update (bot.updates), once per booking.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cases import CaseEventRecord, CaseKind, CaseRecord, CaseStatus, CaseSummary, ChannelIdentity, stored_utc
from bot.cases.records import ChannelIdentityRecord, from_stored, summary_of
from bot.intake import Desk
from bot.updates import Teller, UpdateKind
from bot.visits.calendar import VisitCalendar
from bot.visits.records import CaseVisitRecord
from bot.visits.slots import MOST_OFFERED, VisitSlot, days_offered, slots_on

# A booking lost to another made at the same moment (the last place, or the same case) is tried
# again this many times before the slot is said to be taken.
TRIES = 3


class VisitStatus(enum.Enum):
    BOOKED = "booked"
    MOVED = "moved"  # replaced by another booking for the same case
    CANCELLED = "cancelled"


class WhyNot(enum.Enum):
    """Why a case has no visit to book."""

    NOT_A_REPAIR = "not_a_repair"
    SAME_DAY = "same_day"
    COMPLETED = "completed"


class SlotUnavailable(Exception):
    """The slot is not among those offered now: full, past, too late for the repair's date, or
    never offered at all."""


class NotBookable(Exception):
    def __init__(self, why: WhyNot) -> None:
        super().__init__(why.value)
        self.why = why


@dataclass(frozen=True)
class Visit:
    id: int
    reference: str
    slot: VisitSlot
    status: VisitStatus
    booked_at: datetime
    booked_by: str


@dataclass(frozen=True)
class Booked:
    """A booking made: the visit, and the one it replaced when it was a move."""

    visit: Visit
    replaced: Optional[Visit] = None


def why_not_bookable(case: CaseSummary) -> Optional[WhyNot]:
    """None when the case's visit may be booked. A repair whose next date is a moment rather than
    a whole day is promised in hours, and attended the same day."""
    if case.kind is not CaseKind.REPAIR:
        return WhyNot.NOT_A_REPAIR
    if case.status == CaseStatus.COMPLETED.value:
        return WhyNot.COMPLETED
    if not case.first_due_whole_day:
        return WhyNot.SAME_DAY
    return None


class Visits:
    """The visits of a case store, offered from the landlord's calendar."""

    def __init__(self, desk: Desk, calendar: VisitCalendar, teller: Optional[Teller] = None) -> None:
        self.desk = desk
        self.calendar = calendar
        self._teller = teller

    @property
    def teller(self) -> Teller:
        if self._teller is None:
            self._teller = Teller(self.desk)
        return self._teller

    @property
    def _engine(self) -> Engine:
        return self.desk.cases.engine

    # --- reading ------------------------------------------------------------------------------

    def current(self, reference: str) -> Optional[Visit]:
        """The case's booked visit, if it has one."""
        with Session(self._engine, future=True) as session:
            found = session.execute(
                select(CaseVisitRecord, CaseRecord.reference)
                .join(CaseRecord, CaseRecord.id == CaseVisitRecord.case_id)
                .where(CaseRecord.reference == reference, CaseVisitRecord.status == VisitStatus.BOOKED.value)
            ).first()
            return visit_of(*found) if found else None

    def offered(self, case: CaseSummary, now: datetime) -> List[VisitSlot]:
        """The slots the case's visit may be booked in now, earliest first: none when it has no
        visit to book; the next working days' half-days that are not full, up to the repair's
        date, leaving out the one it is booked in."""
        if why_not_bookable(case) is not None:
            return []
        due = case.first_due_at.astimezone(self.desk.calendar.tz).date()
        days = [day for day in days_offered(self.calendar, self.desk.calendar, now) if day <= due]
        taken = self._taken(days)
        booked = self.current(case.reference)
        return [
            slot
            for slot in slots_on(self.calendar, days)
            if taken.get((slot.day, slot.half_day), 0) < self._places(slot)
            and (booked is None or booked.slot.key != slot.key)
        ][:MOST_OFFERED]

    def repairs_of(self, conversation_id: str, identity: Optional[ChannelIdentity] = None) -> List[CaseSummary]:
        """The open repairs the tenant opened, in this conversation or from this channel identity
        (their phone number on SMS, their Messenger account): the only ones whose visit they may
        change. Newest first."""
        with Session(self._engine, future=True) as session:
            theirs = [CaseRecord.conversation_id == conversation_id]
            if identity is not None:
                tenant = (
                    select(ChannelIdentityRecord.tenant_id)
                    .where(
                        ChannelIdentityRecord.channel == identity.channel,
                        ChannelIdentityRecord.address == identity.address,
                    )
                    .scalar_subquery()
                )
                theirs.append(CaseRecord.tenant_id == tenant)
            rows = session.execute(
                select(CaseRecord)
                .where(
                    CaseRecord.kind == CaseKind.REPAIR.value,
                    CaseRecord.status != CaseStatus.COMPLETED.value,
                    or_(*theirs),
                )
                .order_by(CaseRecord.opened_at.desc(), CaseRecord.id.desc())
            ).scalars()
            return [summary_of(row) for row in rows]

    # --- changing -----------------------------------------------------------------------------

    def book(self, reference: str, key: str, now: datetime, actor: str) -> Booked:
        """Book the case's visit in the slot `key` names, moving the one booked before; the
        tenant's update is decided. NotBookable, or SlotUnavailable when the slot is not
        offered now (taken since it was shown, say)."""
        case = self._case(reference)
        why = why_not_bookable(case)
        if why is not None:
            raise NotBookable(why)
        slot = next((slot for slot in self.offered(case, now) if slot.key == key), None)
        if slot is None:
            raise SlotUnavailable(key)
        for _ in range(TRIES):
            try:
                booked = self._book(case, slot, now, actor)
                break
            except IntegrityError:  # another booking took the place, or moved this case, first
                continue
        else:
            raise SlotUnavailable(key)
        today = now.astimezone(self.desk.calendar.tz).date()
        words = booked.visit.slot.words(today)
        self.teller.tell(case, UpdateKind.VISIT_BOOKED, now, {"visit": words}, once=f"{booked.visit.id}:{slot.key}")
        return booked

    def cancel(self, reference: str, now: datetime, actor: str) -> Optional[Visit]:
        """Cancel the case's booked visit; the visit cancelled, or None when none was booked.
        Its reminder is not sent: only booked visits are reminded of."""
        case = self._case(reference)
        with Session(self._engine, future=True) as session, session.begin():
            row = session.execute(
                select(CaseVisitRecord).where(
                    CaseVisitRecord.case_id == self._case_id(session, reference),
                    CaseVisitRecord.status == VisitStatus.BOOKED.value,
                )
            ).scalar_one_or_none()
            if row is None:
                return None
            _end(row, VisitStatus.CANCELLED, now, actor)
            today = now.astimezone(self.desk.calendar.tz).date()
            cancelled = visit_of(row, case.reference)
            session.add(_event(row.case_id, now, "visit_cancelled", actor, _said(cancelled.slot, today)))
            return cancelled

    def to_arrange(self, reference: str, now: datetime, actor: str, said: Optional[str] = None) -> None:
        """None of the times offered suits the tenant, or none could be offered: written on the
        case's history for the repairs team, who arrange the visit with them, with what the tenant
        said of when suits them ("any weekday after 10 o'clock"), if they said it in words."""
        detail = {"why": "no time offered suits the tenant", **({"tenant_said": said[:500]} if said else {})}
        with Session(self._engine, future=True) as session, session.begin():
            case_id = self._case_id(session, reference)
            session.add(_event(case_id, now, "visit_to_arrange", actor, detail))

    def _book(self, case: CaseSummary, slot: VisitSlot, now: datetime, actor: str) -> Booked:
        today = now.astimezone(self.desk.calendar.tz).date()
        with Session(self._engine, future=True) as session, session.begin():
            case_id = self._case_id(session, case.reference)
            old = session.execute(
                select(CaseVisitRecord).where(
                    CaseVisitRecord.case_id == case_id, CaseVisitRecord.status == VisitStatus.BOOKED.value
                )
            ).scalar_one_or_none()
            replaced = None
            if old is not None:
                _end(old, VisitStatus.MOVED, now, actor)
                replaced = visit_of(old, case.reference)
                session.flush()  # its place and case are free before the new booking takes them
            taken = set(
                session.execute(
                    select(CaseVisitRecord.place).where(
                        CaseVisitRecord.day == slot.day,
                        CaseVisitRecord.half_day == slot.half_day,
                        CaseVisitRecord.place.is_not(None),
                    )
                ).scalars()
            )
            place = next((n for n in range(1, self._places(slot) + 1) if n not in taken), None)
            if place is None:  # full since it was offered: the move is undone with the rest
                raise SlotUnavailable(slot.key)
            row = CaseVisitRecord(
                case_id=case_id,
                day=slot.day,
                half_day=slot.half_day,
                starts=slot.starts,
                ends=slot.ends,
                status=VisitStatus.BOOKED.value,
                place=place,
                booked_case_id=case_id,
                booked_at=stored_utc(now),
                booked_by=actor,
            )
            session.add(row)
            session.flush()
            detail = _said(slot, today)
            if replaced is not None:
                detail["was"] = replaced.slot.words(today)
            session.add(_event(case_id, now, "visit_moved" if replaced else "visit_booked", actor, detail))
            return Booked(visit_of(row, case.reference), replaced)

    def _taken(self, days: List[date]) -> Dict[Tuple[date, str], int]:
        if not days:
            return {}
        with Session(self._engine, future=True) as session:
            rows = session.execute(
                select(CaseVisitRecord.day, CaseVisitRecord.half_day, func.count())
                .where(CaseVisitRecord.day.in_(days), CaseVisitRecord.place.is_not(None))
                .group_by(CaseVisitRecord.day, CaseVisitRecord.half_day)
            ).all()
        return {(day, half): count for day, half, count in rows}

    def _places(self, slot: VisitSlot) -> int:
        half = self.calendar.half_day(slot.half_day)
        return half.visits if half else 0

    def _case(self, reference: str) -> CaseSummary:
        case = self.desk.cases.find(reference)
        if case is None:
            raise LookupError(reference)
        return case

    @staticmethod
    def _case_id(session: Session, reference: str) -> int:
        case_id = session.execute(select(CaseRecord.id).where(CaseRecord.reference == reference)).scalar_one_or_none()
        if case_id is None:
            raise LookupError(reference)
        return case_id


def visits_on(engine: Engine, day: date) -> List[Tuple[Visit, CaseSummary]]:
    """The visits booked on a day for cases still open, with their cases: those to remind of."""
    with Session(engine, future=True) as session:
        rows = session.execute(
            select(CaseVisitRecord, CaseRecord)
            .join(CaseRecord, CaseRecord.id == CaseVisitRecord.case_id)
            .where(
                CaseVisitRecord.day == day,
                CaseVisitRecord.status == VisitStatus.BOOKED.value,
                CaseRecord.status != CaseStatus.COMPLETED.value,
            )
            .order_by(CaseVisitRecord.id)
        ).all()
        return [(visit_of(visit, case.reference), summary_of(case)) for visit, case in rows]


def visit_of(row: CaseVisitRecord, reference: str) -> Visit:
    return Visit(
        id=row.id,
        reference=reference,
        slot=VisitSlot(row.day, row.half_day, row.starts, row.ends),
        status=VisitStatus(row.status),
        booked_at=from_stored(row.booked_at),
        booked_by=row.booked_by,
    )


def _end(row: CaseVisitRecord, status: VisitStatus, now: datetime, actor: str) -> None:
    """The visit is no longer booked: its place and its case are let go."""
    row.status = status.value
    row.place = None
    row.booked_case_id = None
    row.ended_at = stored_utc(now)
    row.ended_by = actor


def _said(slot: VisitSlot, today: date) -> Dict[str, Any]:
    return {"visit": slot.words(today), "slot": slot.key}


def _event(case_id: int, at: datetime, kind: str, actor: str, detail: Dict[str, Any]) -> CaseEventRecord:
    return CaseEventRecord(case_id=case_id, at=stored_utc(at), kind=kind, actor=actor, detail=detail)
