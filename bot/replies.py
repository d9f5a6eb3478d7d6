"""Which domain response tells the tenant about a logged case, and the values it quotes.

The wording lives in domain/ (one file per area); this module only chooses the response and fills its
{variables} from the receipt, so the actions that log repairs from a form and from a safety
report say exactly the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, List

from bot.cases import CaseStatus, CaseSummary
from bot.charter import AsbRisk, Charter, RepairPriority
from bot.intake import Receipt
from bot.working_days import WorkingCalendar, describe_due, describe_moment, describe_office_hours

LOGGED: Dict[RepairPriority, str] = {
    RepairPriority.EMERGENCY: "utter_repair_logged_emergency",
    RepairPriority.URGENT: "utter_repair_logged_urgent",
    RepairPriority.ROUTINE: "utter_repair_logged_routine",
    RepairPriority.EXTERNAL: "utter_repair_logged_external",
    RepairPriority.MAJOR: "utter_repair_logged_major",
    RepairPriority.DAMP_MOULD: "utter_repair_logged_damp_mould",
}

# Repairs that cannot wait for the office to open go to the out-of-hours service at once.
LOGGED_OUT_OF_HOURS: Dict[RepairPriority, str] = {
    RepairPriority.EMERGENCY: "utter_repair_logged_emergency_out_of_hours",
    RepairPriority.URGENT: "utter_repair_logged_urgent_out_of_hours",
}


@dataclass(frozen=True)
class Reply:
    response: str
    values: Dict[str, str] = field(default_factory=dict)


def repair_logged(
    receipt: Receipt,
    priority: RepairPriority,
    emergency_hazard: bool,
    calendar: WorkingCalendar,
    now: datetime,
) -> List[Reply]:
    """The reply for a logged repair; out of hours, who picks it up and when."""
    deadline = receipt.deadlines["repair"]
    values = {
        "reference": receipt.reference,
        "within": str(deadline.promise.within),
        "due": describe_due(deadline.due, now),
    }
    out_of_hours = calendar.is_out_of_hours(now)
    if priority is RepairPriority.DAMP_MOULD and emergency_hazard:
        return [Reply("utter_repair_logged_emergency_hazard", values)]
    if priority is RepairPriority.DAMP_MOULD:
        values["summary_within"] = str(receipt.deadlines["written_summary"].promise.within)
    if priority in LOGGED_OUT_OF_HOURS:
        return [Reply(LOGGED_OUT_OF_HOURS[priority] if out_of_hours else LOGGED[priority], values)]
    replies = [Reply(LOGGED[priority], values)]
    if out_of_hours:
        replies.append(Reply("utter_logged_out_of_hours", next_working_moment(calendar, now)))
    return replies


ACKNOWLEDGED: Dict[RepairPriority, str] = {
    RepairPriority.EMERGENCY: "utter_repair_acknowledged_emergency",
    RepairPriority.URGENT: "utter_repair_acknowledged_urgent",
    RepairPriority.ROUTINE: "utter_repair_acknowledged_routine",
    RepairPriority.EXTERNAL: "utter_repair_acknowledged_external",
    RepairPriority.MAJOR: "utter_repair_acknowledged_major",
    RepairPriority.DAMP_MOULD: "utter_repair_acknowledged_damp_mould",
}


def repair_acknowledged(charter: Charter, priority: RepairPriority, description: str) -> List[Reply]:
    """The first reply to a repair: how urgent it is and the charter's time, with the safety
    advice that fits what the tenant described, before the questions that are left."""
    promise = charter.repair(priority)
    return [Reply(ACKNOWLEDGED[priority], {"within": str(promise.within)}), *safety_advice(charter, description)]


def safety_advice(charter: Charter, description: str) -> List[Reply]:
    """What to do now that fits what the tenant described (water near electrics, a home that
    will not lock): said with the first reply, and again when they ask ("should i turn it off??")."""
    replies: List[Reply] = []
    if _WATER.search(description or "") and _ELECTRIC.search(description or ""):
        replies.append(Reply("utter_advice_water_electrics"))
    if _CANNOT_SECURE.search(description or ""):
        replies.append(
            Reply(
                "utter_advice_cannot_secure", {"emergency_number": charter.emergency_numbers.emergency_services.number}
            )
        )
    return replies


# Water where it should not be: not "no hot water", which is a heating fault.
_WATER = re.compile(r"\b((?<!hot )(?<!no )water|leak|leaking|drip|dripping|pour|pouring|flood|wet|soak)", re.IGNORECASE)
_ELECTRIC = re.compile(
    r"\b(light|lights|socket|sockets|electric|electrics|electricity|fuse|switch|wire|wires|wiring|plug|leccy)\b",
    re.IGNORECASE,
)
_CANNOT_SECURE = re.compile(
    r"\b(break[- ]?in|broken into|burgl|won'?t lock|wont lock|can'?t lock|cant lock|smashed)", re.IGNORECASE
)


def asb_acknowledged(charter: Charter, risk: AsbRisk) -> Reply:
    """The first reply to a report of anti-social behaviour: its risk and when we respond; for
    high risk, 999 if in danger now and 101 to report a crime."""
    numbers = charter.emergency_numbers
    response = "utter_asb_acknowledged_high" if risk is AsbRisk.HIGH else "utter_asb_acknowledged_low"
    return Reply(
        response,
        {
            "within": str(charter.asb(risk).respond.within),
            "emergency_number": numbers.emergency_services.number,
            "police_number": numbers.police_non_emergency.number,
        },
    )


def complaint_acknowledged(charter: Charter) -> Reply:
    contact = charter.complaint_stage_one.contact or charter.complaint_stage_one.acknowledgement
    return Reply("utter_complaint_acknowledged", {"within": str(contact.within)})


def next_working_moment(calendar: WorkingCalendar, now: datetime) -> Dict[str, str]:
    """When staff can pick something up, as "at 08:30 tomorrow, Monday 30 November"."""
    return {"next_working_moment": describe_moment(calendar.next_working_moment(now), now)}


def charter_facts(charter: Charter) -> Dict[str, str]:
    """The charter's facts that everyday answers quote, as the domain's landlord_* slots."""
    contact = charter.contact
    numbers = charter.emergency_numbers
    return {
        "landlord_name": contact.name,
        "landlord_phone": contact.phone,
        "landlord_email": contact.email,
        "landlord_social": contact.social,
        "landlord_address": contact.postal_address,
        "landlord_website": contact.website,
        "office_hours": describe_office_hours(charter.office_hours),
        "ombudsman_phone": numbers.housing_ombudsman.number,
        "callback_within": str(charter.callback.within),
        "grass_schedule": charter.grounds.grass.text,
        "hedge_schedule": charter.grounds.hedges.text,
        "stage_two_response_within": str(charter.complaint_stage_two.response.within),
        "emergency_number": numbers.emergency_services.number,
        "gas_number": numbers.gas.number,
        "gas_service": numbers.gas.service,
    }


def safety_numbers(charter: Charter) -> Dict[str, str]:
    """Every number the safety responses quote, straight from the charter."""
    numbers = charter.emergency_numbers
    return {
        "gas_number": numbers.gas.number,
        "gas_service": numbers.gas.service,
        "emergency_number": numbers.emergency_services.number,
        "silent_call_number": numbers.silent_call.number,
        "helpline_number": numbers.domestic_abuse.number,
        "samaritans_number": numbers.samaritans.number,
        "landlord_phone": charter.contact.phone,
    }


# How a case's status reads in "Your case REP-2026-000123 is {status}".
STATUS_WORDS = {
    CaseStatus.OPEN.value: "open",
    CaseStatus.AWAITING_DECISION.value: "with a manager, who will decide how we take it forward",
    CaseStatus.COMPLETED.value: "completed",
}


def case_status(case: CaseSummary, calendar: WorkingCalendar, now: datetime) -> Reply:
    """Where a case stands and its next promised date, owning up when that date has passed. A
    promise in days is quoted as its day, as the tenant was first told; one in hours, to the minute."""
    due = case.first_due_at.astimezone(calendar.tz)
    quoted = due.date() if case.first_due_whole_day else due
    values = {
        "reference": case.reference,
        "status": STATUS_WORDS.get(case.status, case.status),
        "due": describe_due(quoted, now),
    }
    late = case.status != CaseStatus.COMPLETED.value and due < now
    return Reply("utter_case_status_overdue" if late else "utter_case_status", values)
