"""Opening a case: what every report shares, whatever its kind.

Each report is opened as a case first and only then are its dates returned, so a tenant is never
given a reference or a promise for something that was not recorded. `open_case` is that one
step; the kinds of report (`bot.intake.reports`) and the complaint stages
(`bot.intake.complaints`) each work out their deadlines and hand them to it.

Here too: who is reporting (`Reporter`), what they are told (`Receipt`), what intake needs
(`Desk`), the key that makes a delivery delivered twice open one case, and how a deadline is
recorded (`whole_day`, `end_of`, `new_deadlines`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Dict, List, Mapping, Optional, Union

from bot.cases import (
    REQUEST_KEY_CHARS,
    CaseDeadline,
    CaseKind,
    CaseStore,
    CaseSummary,
    ChannelIdentity,
    NewCase,
)
from bot.charter import Charter, Promise
from bot.working_days import Due, WorkingCalendar


@dataclass(frozen=True)
class Deadline:
    """One promise with its computed due time, ready to be quoted."""

    promise: Promise
    due: Due


@dataclass(frozen=True)
class Receipt:
    """What the tenant is told after a report: the case reference and each deadline by name."""

    reference: str
    deadlines: Dict[str, Deadline]
    case: Optional[CaseSummary] = None


@dataclass(frozen=True)
class Reporter:
    """Who is reporting and how to reach them. Only the conversation is always known."""

    conversation_id: str
    identity: Optional[ChannelIdentity] = None
    # The delivery this report completes; the same delivery twice opens one case.
    request_key: Optional[str] = None
    contact_phone: Optional[str] = None
    postcode: Optional[str] = None


@dataclass(frozen=True)
class Desk:
    """What intake needs to keep its promises: the charter, the calendar and the case store."""

    charter: Charter
    calendar: WorkingCalendar
    cases: CaseStore


def _reporter(reporter: Union[Reporter, str]) -> Reporter:
    return reporter if isinstance(reporter, Reporter) else Reporter(conversation_id=reporter)


def whole_day(due: Due) -> bool:
    """Whether a deadline is a whole day: a promise in days is due on a date and runs to its end
    (`end_of`); one in hours is due at a moment. Recorded with the deadline, because the stored
    moment alone cannot say which it was."""
    return not isinstance(due, datetime)


def end_of(due: Union[datetime, Due], calendar: WorkingCalendar) -> datetime:
    """A day deadline runs to the end of that day, in the landlord's time zone."""
    if not whole_day(due):
        return due
    return datetime.combine(due, time(23, 59, 59), tzinfo=calendar.tz)


def new_deadlines(deadlines: Mapping[str, Deadline], calendar: WorkingCalendar) -> List[CaseDeadline]:
    """The deadlines as the case store records them, each with its promise and its source."""
    return [
        CaseDeadline(
            name=name,
            promise=deadline.promise.key,
            source=deadline.promise.source.id,
            due_at=end_of(deadline.due, calendar),
            whole_day=whole_day(deadline.due),
        )
        for name, deadline in deadlines.items()
    ]


def _request_key(who: Reporter, kind: CaseKind, description: str) -> Optional[str]:
    """The delivery's key for this case: one message can complete two reports (the safe way to
    contact someone reporting abuse completes the abuse report and the broken door in hand), and
    each must open once, however often the message is delivered."""
    if who.request_key is None:
        return None
    digest = hashlib.sha256(description.encode("utf-8", "replace")).hexdigest()[:16]
    key = f"{kind.value}:{digest}:{who.request_key}"
    # The column holds 255 characters; a longer key is kept as its hash, which is as unique.
    return (
        key if len(key) <= REQUEST_KEY_CHARS else "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    )


def open_case(
    desk: Desk,
    kind: CaseKind,
    category: str,
    description: str,
    reporter: Union[Reporter, str],
    now: datetime,
    deadlines: Dict[str, Deadline],
    classified: Optional[Mapping[str, Any]] = None,
    **details: Any,
) -> Receipt:
    """Record the case with its deadlines and why they were given, then say what to tell the
    tenant. `details` are the case's other fields (a repair's location, a complaint's stage)."""
    who = _reporter(reporter)
    first = min(deadlines.values(), key=lambda deadline: end_of(deadline.due, desk.calendar))
    opened_because = {
        "classified": dict(classified or {}),
        "deadlines": {
            name: {
                "due": deadline.due.isoformat(),
                "promise": deadline.promise.key,
                "source": deadline.promise.source.id,
            }
            for name, deadline in deadlines.items()
        },
    }
    case = desk.cases.open(
        NewCase(
            kind=kind,
            category=category,
            description=description,
            conversation_id=who.conversation_id,
            opened_at=now,
            first_due_at=end_of(first.due, desk.calendar),
            first_due_whole_day=whole_day(first.due),
            opened_because=opened_because,
            identity=who.identity,
            request_key=_request_key(who, kind, description),
            contact_phone=who.contact_phone,
            postcode=who.postcode,
            deadlines=new_deadlines(deadlines, desk.calendar),
            **details,
        )
    )
    return Receipt(reference=case.reference, deadlines=deadlines, case=case)
