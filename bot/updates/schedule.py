"""Owning up to a promise about to be broken, and reminding of a visit, without being asked.

The day before a case's next date, if it is still open, the tenant is told so and offered a
person; once the date has passed, an apology and the choice to complain, as the Complaint
Handling Code expects of a landlord that misses its own dates. Each is decided once per date
(its once-key names the date), so a restart, or two workers, decide nothing twice; a date that
moves (a complaint's new stage) is a new promise, owned up to again.

The day before a booked visit, the tenant is reminded of it, once per booking (its once-key
names the visit and its slot): a visit moved is a new booking, reminded of again; a cancelled
one, or one whose repair is completed, is not reminded of at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import List

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases import CaseKind, CaseRecord, CaseStatus, stored_utc
from bot.cases.records import summary_of
from bot.updates.kinds import UpdateKind
from bot.updates.telling import Teller
from bot.visits.booking import visits_on

# Apologies are decided for dates missed this recently: a worker that was down catches up,
# and the day updates start, tenants with long-missed dates are not all messaged at once.
CATCH_UP = timedelta(days=3)


def own_up_to_dates(teller: Teller, now: datetime) -> List[str]:
    """Decide the reminders and apologies due now; the once-keys of those newly decided."""
    decided = []
    tz = teller.calendar.tz
    today = now.astimezone(tz).date()
    with Session(teller.desk.cases.engine, future=True) as session:
        rows = session.execute(
            select(CaseRecord).where(
                CaseRecord.status != CaseStatus.COMPLETED.value,
                CaseRecord.kind != CaseKind.DOMESTIC_ABUSE.value,
                CaseRecord.first_due_at >= stored_utc(now - CATCH_UP),
                CaseRecord.first_due_at < stored_utc(now + timedelta(days=2)),
            )
        ).scalars()
        cases = [summary_of(row) for row in rows]
    for case in cases:
        if case.kind is CaseKind.COMPLAINT and _answered(teller, case.reference):
            continue
        due = case.first_due_at
        if due < now:
            kind = UpdateKind.OVERDUE
        elif case.first_due_whole_day and due.astimezone(tz).date() == today + timedelta(days=1):
            kind = UpdateKind.DUE_TOMORROW
        else:
            continue
        once = due.isoformat()
        if teller.tell(case, kind, now, once=once):
            decided.append(f"{kind.value}:{case.reference}:{once}")
    return decided


def _answered(teller: Teller, reference: str) -> bool:
    """Whether the complaint's latest stage has had its response: nothing more is promised."""
    stages = teller.desk.cases.complaint_stages(reference)
    return bool(stages) and stages[-1].responded_at is not None


def remind_of_visits(teller: Teller, now: datetime) -> List[str]:
    """Decide the reminders of tomorrow's visits; the once-keys of those newly decided. A visit
    booked today is not reminded of: its booking was told today."""
    decided = []
    tz = teller.calendar.tz
    today = now.astimezone(tz).date()
    for visit, case in visits_on(teller.desk.cases.engine, today + timedelta(days=1)):
        if visit.booked_at.astimezone(tz).date() >= today:
            continue
        once = f"{visit.id}:{visit.slot.key}"
        if teller.tell(case, UpdateKind.VISIT_REMINDER, now, {"visit": visit.slot.words(today)}, once=once):
            decided.append(f"{UpdateKind.VISIT_REMINDER.value}:{case.reference}:{once}")
    return decided
