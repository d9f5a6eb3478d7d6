"""The kinds of report that are not complaints, each with the clocks the charter gives it.

A repair (with Awaab's Law's clocks for damp and mould), anti-social behaviour and when it
reaches a case review, violence from a neighbour told as it happens, a callback, and a
disclosure of domestic abuse with the emergency repair to secure the home. Each works out its
deadlines with the working-day calendar and opens its case through `open_case`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Mapping, Optional, Union

from bot.cases import CaseKind
from bot.charter import AsbRisk, RepairPriority
from bot.intake.opening import Deadline, Desk, Receipt, Reporter, open_case
from bot.working_days import months_before


def log_repair(
    desk: Desk,
    priority: RepairPriority,
    description: str,
    reporter: Union[Reporter, str],
    now: datetime,
    emergency_hazard: bool = False,
    vulnerable_household: Optional[bool] = None,
    classified: Optional[Mapping[str, Any]] = None,
    location: Optional[str] = None,
    access: Optional[str] = None,
) -> Receipt:
    """A repair and its clocks. Damp and mould follow Awaab's Law, never the routine route.

    `emergency_hazard` marks damp or mould that puts someone's health or safety at serious
    risk now: Awaab's Law then gives 24 hours to investigate and make safe.
    """
    details = {"vulnerable_household": vulnerable_household, "location": location, "access": access}
    if priority is RepairPriority.DAMP_MOULD and emergency_hazard:
        promise = desk.charter.awaabs_law.emergency_hazard
        deadlines = {"repair": Deadline(promise, desk.calendar.due(now, promise.within))}
        return open_case(
            desk,
            CaseKind.REPAIR,
            "damp_mould_emergency_hazard",
            description,
            reporter,
            now,
            deadlines,
            classified,
            **details,
        )
    promise = desk.charter.repair(priority)
    deadlines = {"repair": Deadline(promise, desk.calendar.due(now, promise.within))}
    if priority is RepairPriority.DAMP_MOULD:
        hazard = desk.charter.awaabs_law.significant_hazard
        investigated = deadlines["repair"].due
        deadlines["written_summary"] = Deadline(
            hazard.written_summary, desk.calendar.due(investigated, hazard.written_summary.within)
        )
        deadlines["safety_work_start"] = Deadline(
            hazard.safety_work_start, desk.calendar.due(investigated, hazard.safety_work_start.within)
        )
    return open_case(
        desk, CaseKind.REPAIR, priority.value, description, reporter, now, deadlines, classified, **details
    )


def log_asb_report(
    desk: Desk,
    risk: AsbRisk,
    description: str,
    reporter: Union[Reporter, str],
    now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
    hate_incident: Optional[bool] = None,
) -> Receipt:
    owed = desk.charter.asb(risk)
    respond = Deadline(owed.respond, desk.calendar.due(now, owed.respond.within))
    deadlines = {"respond": respond}
    if owed.action_plan is not None:
        deadlines["action_plan"] = Deadline(owed.action_plan, desk.calendar.due(respond.due, owed.action_plan.within))
    return open_case(
        desk,
        CaseKind.ANTI_SOCIAL_BEHAVIOUR,
        risk.value,
        description,
        reporter,
        now,
        deadlines,
        classified,
        hate_incident=hate_incident,
    )


def log_danger_from_neighbours(
    desk: Desk, classified: Mapping[str, Any], description: str, reporter: Union[Reporter, str], now: datetime
) -> Optional[Receipt]:
    """Violence or a threat to life from a neighbour, told as it happens: beside the 999 advice it
    is logged as high-risk ASB at once, so the ASB team's clock starts now rather than when a
    person next reads the conversation (out of hours, the next morning). None when the message,
    as triaged, is not high-risk ASB."""
    if classified.get("category") != "asb" or classified.get("asb_risk") != "high":
        return None
    hate_incident = bool(classified.get("hate_incident"))
    return log_asb_report(
        desk, AsbRisk.HIGH, description, reporter, now, classified=classified, hate_incident=hate_incident
    )


def asb_case_review_reached(desk: Desk, receipt: Receipt, now: datetime) -> bool:
    """Whether this report brings the tenant to the ASB case review threshold."""
    if receipt.case is None or receipt.case.tenant_id is None:
        return False
    threshold = desk.charter.asb_case_review
    since = months_before(now, threshold.months)
    reports = desk.cases.count_for_tenant(receipt.case.tenant_id, CaseKind.ANTI_SOCIAL_BEHAVIOUR, since)
    return reports >= threshold.reports


def log_callback(
    desk: Desk,
    topic: str,
    reporter: Union[Reporter, str],
    now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    """An enquiry a person must answer: the charter's callback promise, in full working days."""
    promise = desk.charter.callback
    deadlines = {"callback": Deadline(promise, desk.calendar.due(now, promise.within))}
    return open_case(desk, CaseKind.CALLBACK, "callback", topic, reporter, now, deadlines, classified)


def log_domestic_abuse(
    desk: Desk,
    description: str,
    safe_contact: str,
    reporter: Union[Reporter, str],
    now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    """A disclosure of domestic abuse: its own case, never an ASB report, with the safe way to
    make contact recorded where the team will see it first."""
    promise = desk.charter.domestic_abuse_contact
    deadlines = {"contact": Deadline(promise, desk.calendar.due(now, promise.within))}
    return open_case(
        desk,
        CaseKind.DOMESTIC_ABUSE,
        "domestic_abuse",
        description,
        _reachable_only_safely(reporter),
        now,
        deadlines,
        classified,
        access=f"Safe contact: {safe_contact}",
    )


def log_securing_after_abuse(
    desk: Desk,
    disclosure: Receipt,
    safe_contact: str,
    reporter: Union[Reporter, str],
    now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
) -> Receipt:
    """The emergency repair to secure a home an abuser damaged ("he kicked the door in, i cant
    lock it"), logged with the disclosure: waiting for the domestic abuse team's call would leave
    the door open overnight. The repair names the disclosure's case, never its words (the
    operative needs to know the home needs securing, not what was done to the tenant), and is
    reachable only the safe way, like the disclosure itself."""
    description = (
        f"Secure the home: damage told with domestic abuse case {disclosure.reference}. "
        "The details are on that case; speak to its officer before contacting the tenant."
    )
    return log_repair(
        desk,
        RepairPriority.EMERGENCY,
        description,
        _reachable_only_safely(reporter),
        now,
        classified=classified,
        access=f"Safe contact: {safe_contact}",
    )


def _reachable_only_safely(reporter: Union[Reporter, str]) -> Union[Reporter, str]:
    """Only the way the tenant said is safe: never a number or address given for another report,
    which may be one the abuser can see."""
    if isinstance(reporter, Reporter):
        return replace(reporter, contact_phone=None, postcode=None)
    return reporter
