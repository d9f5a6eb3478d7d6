"""Complaints through their stages, as the Housing Ombudsman's Complaint Handling Code asks.

A stage 1 complaint is logged when first made, even one that may be excluded (a person decides
that, never the bot); stage 2 follows when the tenant asks, with no reason needed. Each stage
has its clocks from the charter: an optional contact, the acknowledgement, and the response,
which runs from the acknowledgement actually sent and may be extended within the charter's
limit. Cases are opened through `open_case`, like every other report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, Mapping, Optional, Sequence, Union

from bot.cases import CaseKind, CaseStatus, ComplaintStage, NewComplaintStage, complaint_stage_category
from bot.charter import ComplaintStageClocks, ExclusionReason
from bot.intake.opening import Deadline, Desk, Receipt, Reporter, end_of, new_deadlines, open_case, whole_day
from bot.working_days import WorkingCalendar


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
    acknowledgement = deadlines["acknowledgement"]
    # The stage's first date (NewComplaintStage.first_due_at) is its contact, else its
    # acknowledgement; whether it is a whole day follows from its clock's unit.
    first = contact or acknowledgement
    return NewComplaintStage(
        stage=stage,
        contact_due_at=end_of(contact.due, calendar) if contact else None,
        acknowledgement_due_at=end_of(acknowledgement.due, calendar),
        response_due_at=end_of(deadlines["response"].due, calendar),
        first_due_whole_day=whole_day(first.due),
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
    return open_case(
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
            for d in new_deadlines(deadlines, desk.calendar)
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
