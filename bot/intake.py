"""Turning a tenant's report into a case and the deadlines the tenant is told.

Each function here opens the case first and only then returns the dates, so a tenant is never
given a reference or a promise for something that was not recorded. All the date arithmetic
for cases happens here, with the working-day calendar; the store only records the results.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any, Dict, Mapping, Optional, Sequence, Union

from bot.cases import (
    CaseKind,
    CaseStatus,
    CaseStore,
    CaseSummary,
    ChannelIdentity,
    ComplaintStage,
    NewCase,
    complaint_stage_category,
    NewComplaintStage,
    CaseDeadline,
    REQUEST_KEY_CHARS,
)
from bot.charter import AsbRisk, Charter, ComplaintStageClocks, ExclusionReason, Promise, RepairPriority
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


def end_of(due: Union[datetime, Due], calendar: WorkingCalendar) -> datetime:
    """A day deadline runs to the end of that day, in the landlord's time zone."""
    if isinstance(due, datetime):
        return due
    return datetime.combine(due, time(23, 59, 59), tzinfo=calendar.tz)


def _new_deadlines(deadlines: Mapping[str, Deadline], calendar: WorkingCalendar) -> list:
    return [
        CaseDeadline(
            name=name,
            promise=deadline.promise.key,
            source=deadline.promise.source.id,
            due_at=end_of(deadline.due, calendar),
            whole_day=not isinstance(deadline.due, datetime),
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


def _open(
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
            opened_because=opened_because,
            identity=who.identity,
            request_key=_request_key(who, kind, description),
            contact_phone=who.contact_phone,
            postcode=who.postcode,
            deadlines=_new_deadlines(deadlines, desk.calendar),
            **details,
        )
    )
    return Receipt(reference=case.reference, deadlines=deadlines, case=case)


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
        return _open(
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
    return _open(desk, CaseKind.REPAIR, priority.value, description, reporter, now, deadlines, classified, **details)


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
    return _open(
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


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day if it is shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # pragma: no cover - day 1 always exists


def asb_case_review_reached(desk: Desk, receipt: Receipt, now: datetime) -> bool:
    """Whether this report brings the tenant to the ASB case review threshold."""
    if receipt.case is None or receipt.case.tenant_id is None:
        return False
    threshold = desk.charter.asb_case_review
    since = months_before(now, threshold.months)
    reports = desk.cases.count_for_tenant(receipt.case.tenant_id, CaseKind.ANTI_SOCIAL_BEHAVIOUR, since)
    return reports >= threshold.reports


def _stage_deadlines(
    clocks: ComplaintStageClocks, calendar: WorkingCalendar, now: datetime, contact_name: str
) -> Dict[str, Deadline]:
    deadlines: Dict[str, Deadline] = {}
    if clocks.contact is not None:
        deadlines[contact_name] = Deadline(clocks.contact, calendar.due(now, clocks.contact.within))
    acknowledgement = Deadline(clocks.acknowledgement, calendar.due(now, clocks.acknowledgement.within))
    deadlines["acknowledgement"] = acknowledgement
    deadlines["response"] = Deadline(clocks.response, calendar.due(acknowledgement.due, clocks.response.within))
    return deadlines


def _new_stage(
    stage: int, deadlines: Mapping[str, Deadline], calendar: WorkingCalendar, contact_name: str
) -> NewComplaintStage:
    contact = deadlines.get(contact_name)
    return NewComplaintStage(
        stage=stage,
        contact_due_at=end_of(contact.due, calendar) if contact else None,
        acknowledgement_due_at=end_of(deadlines["acknowledgement"].due, calendar),
        response_due_at=end_of(deadlines["response"].due, calendar),
    )


def log_complaint(
    desk: Desk,
    description: str,
    reporter: Union[Reporter, str],
    now: datetime,
    classified: Optional[Mapping[str, Any]] = None,
    exclusions: Sequence[ExclusionReason] = (),
) -> Receipt:
    """A stage 1 complaint: logged when first made, as the Code requires.

    A complaint that may fall under an exclusion is still logged with every date, but waits
    for a person to decide: the bot never refuses a complaint on its own.
    """
    deadlines = _stage_deadlines(desk.charter.complaint_stage_one, desk.calendar, now, "manager_contact")
    status = CaseStatus.AWAITING_DECISION if exclusions else CaseStatus.OPEN
    classified = {**(classified or {}), "possible_exclusions": [reason.value for reason in exclusions]}
    return _open(
        desk,
        CaseKind.COMPLAINT,
        complaint_stage_category(1),
        description,
        reporter,
        now,
        deadlines,
        classified,
        status=status,
        complaint_stage=_new_stage(1, deadlines, desk.calendar, "manager_contact"),
    )


def escalate_complaint(desk: Desk, reference: str, now: datetime, actor: str = "tenant") -> Optional[Receipt]:
    """Stage 2 for a complaint the tenant has shown is theirs. No reason is asked or needed."""
    case = desk.cases.find(reference)
    if case is None or case.kind is not CaseKind.COMPLAINT:
        return None
    existing = [stage for stage in desk.cases.complaint_stages(reference) if stage.stage == 2]
    deadlines = _stage_deadlines(desk.charter.complaint_stage_two, desk.calendar, now, "review_contact")
    if existing:
        return Receipt(reference=reference, deadlines=_recorded_stage_deadlines(desk, existing[0]), case=case)
    desk.cases.add_complaint_stage(
        reference,
        _new_stage(2, deadlines, desk.calendar, "review_contact"),
        now,
        actor,
        deadlines=[
            d
            for d in _new_deadlines(deadlines, desk.calendar)
            if d.name in ("review_contact", "acknowledgement", "response")
        ],
    )
    return Receipt(reference=reference, deadlines=deadlines, case=desk.cases.find(reference))


def _recorded_stage_deadlines(desk: Desk, stage: ComplaintStage) -> Dict[str, Deadline]:
    """The dates already given for a stage, so asking twice quotes the same dates."""
    clocks = desk.charter.complaint_stage_two
    local = lambda moment: moment.astimezone(desk.calendar.tz).date()  # noqa: E731
    deadlines = {}
    if stage.contact_due_at is not None and clocks.contact is not None:
        deadlines["review_contact"] = Deadline(clocks.contact, local(stage.contact_due_at))
    deadlines["acknowledgement"] = Deadline(clocks.acknowledgement, local(stage.acknowledgement_due_at))
    deadlines["response"] = Deadline(clocks.response, local(stage.answer_due_at))
    return deadlines


def _stage_clocks(desk: Desk, stage: int) -> ComplaintStageClocks:
    return desk.charter.complaint_stage_one if stage == 1 else desk.charter.complaint_stage_two


def acknowledge_complaint(desk: Desk, reference: str, stage: int, at: datetime, actor: str) -> ComplaintStage:
    """The response clock runs from the acknowledgement actually sent."""
    clocks = _stage_clocks(desk, stage)
    response_due = end_of(desk.calendar.due(at, clocks.response.within), desk.calendar)
    return desk.cases.update_complaint_stage(
        reference, stage, at, actor, acknowledged_at=at, response_due_at=response_due
    )


class ExtensionRefused(ValueError):
    """An extension longer than the charter allows; the Code sends it to the Ombudsman instead."""


def extend_complaint(
    desk: Desk, reference: str, stage: int, working_days: int, reason: str, at: datetime, actor: str
) -> ComplaintStage:
    """Give the tenant a later response date, no further than the charter's extension."""
    clocks = _stage_clocks(desk, stage)
    if working_days > clocks.extension.within.amount or working_days < 1:
        raise ExtensionRefused(f"an extension is 1 to {clocks.extension.within} long")
    if not reason.strip():
        raise ExtensionRefused("the tenant must be told why we need longer")
    [current] = [row for row in desk.cases.complaint_stages(reference) if row.stage == stage]
    if current.responded_at is not None:
        raise ExtensionRefused("this stage has already been answered")
    extended = desk.calendar.add_working_days(current.response_due_at, working_days)
    return desk.cases.update_complaint_stage(
        reference, stage, at, actor, extended_to=end_of(extended, desk.calendar), extension_reason=reason
    )


def record_complaint_response(desk: Desk, reference: str, stage: int, at: datetime, actor: str) -> ComplaintStage:
    return desk.cases.update_complaint_stage(reference, stage, at, actor, responded_at=at)


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
    return _open(desk, CaseKind.CALLBACK, "callback", topic, reporter, now, deadlines, classified)


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
    return _open(
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
