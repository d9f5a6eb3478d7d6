"""Turning a tenant's report into a case and the deadlines the tenant is told.

Each function here opens the case first and only then returns the dates, so a tenant is never
given a reference or a promise for something that was not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Dict, Mapping, Optional, Union

from bot.cases import CaseKind, CaseStore, NewCase
from bot.charter import AsbRisk, Charter, Promise, RepairPriority
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


@dataclass(frozen=True)
class Desk:
    """What intake needs to keep its promises: the charter, the calendar and the case store."""

    charter: Charter
    calendar: WorkingCalendar
    cases: CaseStore


def _end_of(due: Union[datetime, Due], calendar: WorkingCalendar) -> datetime:
    """A day deadline runs to the end of that day, in the landlord's time zone."""
    if isinstance(due, datetime):
        return due
    return datetime.combine(due, time(23, 59, 59), tzinfo=calendar.tz)


def _open(
    desk: Desk, kind: CaseKind, category: str, description: str, conversation_id: str,
    now: datetime, deadlines: Dict[str, Deadline], vulnerable_household: Optional[bool] = None,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    first = next(iter(deadlines.values()))
    opened_because = {
        "classified": dict(classified or {}),
        "deadlines": {
            name: {"due": deadline.due.isoformat(), "promise": deadline.promise.key,
                   "source": deadline.promise.source.id}
            for name, deadline in deadlines.items()
        },
    }
    case = desk.cases.open(
        NewCase(
            kind=kind,
            category=category,
            description=description,
            conversation_id=conversation_id,
            opened_at=now,
            first_due_at=_end_of(first.due, desk.calendar),
            vulnerable_household=vulnerable_household,
            opened_because=opened_because,
        )
    )
    return Receipt(reference=case.reference, deadlines=deadlines)


def log_repair(
    desk: Desk, priority: RepairPriority, description: str, conversation_id: str, now: datetime,
    emergency_hazard: bool = False, vulnerable_household: Optional[bool] = None,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    """A repair and its clocks. Damp and mould follow Awaab's Law, never the routine route.

    `emergency_hazard` marks damp or mould that puts someone's health or safety at serious
    risk now: Awaab's Law then gives 24 hours to investigate and make safe.
    """
    if priority is RepairPriority.DAMP_MOULD and emergency_hazard:
        promise = desk.charter.awaabs_law.emergency_hazard
        deadlines = {"repair": Deadline(promise, desk.calendar.due(now, promise.within))}
        return _open(desk, CaseKind.REPAIR, "damp_mould_emergency_hazard", description,
                     conversation_id, now, deadlines, vulnerable_household, classified)
    promise = desk.charter.repair(priority)
    deadlines = {"repair": Deadline(promise, desk.calendar.due(now, promise.within))}
    if priority is RepairPriority.DAMP_MOULD:
        summary = desk.charter.awaabs_law.significant_hazard.written_summary
        deadlines["written_summary"] = Deadline(
            summary, desk.calendar.due(deadlines["repair"].due, summary.within)
        )
    return _open(desk, CaseKind.REPAIR, priority.value, description, conversation_id, now,
                 deadlines, vulnerable_household, classified)


def log_asb_report(
    desk: Desk, risk: AsbRisk, description: str, conversation_id: str, now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    owed = desk.charter.asb(risk)
    respond = Deadline(owed.respond, desk.calendar.due(now, owed.respond.within))
    deadlines = {"respond": respond}
    if owed.action_plan is not None:
        deadlines["action_plan"] = Deadline(
            owed.action_plan, desk.calendar.due(respond.due, owed.action_plan.within)
        )
    return _open(desk, CaseKind.ANTI_SOCIAL_BEHAVIOUR, risk.value, description,
                 conversation_id, now, deadlines, classified=classified)


def log_complaint(
    desk: Desk, description: str, conversation_id: str, now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    """A stage 1 complaint: logged when first made, as the Code requires."""
    stage = desk.charter.complaint_stage_one
    deadlines: Dict[str, Deadline] = {}
    if stage.contact is not None:
        deadlines["manager_contact"] = Deadline(stage.contact, desk.calendar.due(now, stage.contact.within))
    acknowledgement = Deadline(stage.acknowledgement, desk.calendar.due(now, stage.acknowledgement.within))
    deadlines["acknowledgement"] = acknowledgement
    deadlines["response"] = Deadline(
        stage.response, desk.calendar.due(acknowledgement.due, stage.response.within)
    )
    return _open(desk, CaseKind.COMPLAINT, "stage_one", description, conversation_id, now,
                 deadlines, classified=classified)
