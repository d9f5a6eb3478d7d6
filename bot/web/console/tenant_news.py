"""What staff do on a case that the tenant is told of unasked (issue 18): an operative on the
way, a complaint acknowledged, given longer, answered, or taken to stage 2 (asked for by phone); completion is told by
bot.web.console.case_views.complete.

Each form records what staff did on the case (under their name) and decides the update
(bot.updates), which the updates worker sends on the tenant's own channel by its rules; the
case page lists every update with what became of it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Mapping, Optional

from aiohttp import web

from bot.cases import CaseKind, CaseStatus
from bot.intake import (
    ExtensionRefused,
    acknowledge_complaint,
    escalate_complaint,
    extend_complaint,
    record_complaint_response,
)
from bot.updates import Teller, UpdateKind
from bot.web.console import pages
from bot.web.console.case_views import case_response, visible_case
from bot.web.console.context import DESK_KEY, STAFF, now_of, redirect_with_notice, urls_of
from bot.web.console.records import MAX_REASON_CHARS, record_progress
from bot.working_days import describe_due

logger = logging.getLogger(__name__)

ON_THE_WAY_NOTE = "Operative on the way; the tenant is being told."


def teller_of(request: web.Request) -> Teller:
    return Teller(request.app[DESK_KEY])


async def on_the_way(request: web.Request) -> web.Response:
    """An operative has set off for a repair: the tenant hears it now, whatever the hour."""
    reference, staff = request.match_info["reference"], request[STAFF]
    case = visible_case(request, reference)
    if case is None or case.kind is not CaseKind.REPAIR:
        return case_response(request, reference, "Only a repair has an operative on the way.", status=404)
    if case.status == CaseStatus.COMPLETED.value:
        return case_response(request, reference, "This case is already completed.", status=409)
    now = now_of(request)
    record_progress(request.app[DESK_KEY].cases, reference, now, f"staff:{staff.username}", ON_THE_WAY_NOTE)
    teller_of(request).tell(case, UpdateKind.ON_THE_WAY, now, once=now.isoformat(timespec="minutes"))
    logger.info("staff %s: operative on the way for %s", staff.username, reference)
    return redirect_with_notice(request, pages.case_url(urls_of(request), reference) + "#tenant-updates", "told")


async def complaint_step(request: web.Request) -> web.Response:
    """A complaint's stage acknowledged, given longer (with the reason the tenant is told), or
    answered: recorded on the stage, and the tenant told with the date that now counts."""
    reference, staff = request.match_info["reference"], request[STAFF]
    step = request.match_info["step"]
    case = visible_case(request, reference)
    desk = request.app[DESK_KEY]
    stages = desk.cases.complaint_stages(reference) if case is not None else []
    if case is None or case.kind is not CaseKind.COMPLAINT or not stages:
        return case_response(request, reference, "Only a complaint has stages.", status=404)
    stage = stages[-1]
    form = await request.post()
    now, actor = now_of(request), f"staff:{staff.username}"
    problem = _why_not(step, stage.stage, stage.acknowledged_at, stage.responded_at)
    if problem:
        return case_response(request, reference, problem, status=409)
    teller = teller_of(request)
    if step == "acknowledge":
        changed = acknowledge_complaint(desk, reference, stage.stage, now, actor)
        teller.tell(
            case,
            UpdateKind.COMPLAINT_ACKNOWLEDGED,
            now,
            _due(teller, changed.answer_due_at, now),
            once=str(stage.stage),
        )
    elif step == "extend":
        reason = _text(form, "reason")
        try:
            changed = extend_complaint(desk, reference, stage.stage, _whole(form, "working_days"), reason, now, actor)
        except ExtensionRefused as refused:
            return case_response(request, reference, f"Not extended: {refused}.", status=400, field="extend-days")
        values = {**_due(teller, changed.answer_due_at, now), "reason": reason}
        teller.tell(
            case, UpdateKind.COMPLAINT_EXTENDED, now, values, once=f"{stage.stage}:{changed.answer_due_at.isoformat()}"
        )
    elif step == "escalate":
        receipt = escalate_complaint(desk, reference, now, actor)
        response_due = receipt.deadlines["response"].due if receipt else now
        values = {"due": describe_due(response_due, now.astimezone(teller.calendar.tz))}
        teller.tell(case, UpdateKind.COMPLAINT_STAGE_MOVED, now, values, once="2")
    else:
        record_complaint_response(desk, reference, stage.stage, now, actor)
        teller.tell(
            case,
            UpdateKind.COMPLAINT_RESPONSE_SENT,
            now,
            teller.complaint_next_step(case, stage.stage),
            once=str(stage.stage),
        )
    logger.info("staff %s: complaint %s %s", staff.username, reference, step)
    return redirect_with_notice(request, pages.case_url(urls_of(request), reference) + "#tenant-updates", "told")


def _why_not(
    step: str, stage: int, acknowledged_at: Optional[datetime], responded_at: Optional[datetime]
) -> Optional[str]:
    if step == "escalate":
        if stage != 1 or responded_at is None:
            return "A complaint goes to stage 2 once its stage 1 response is sent, and only once."
        return None
    if responded_at is not None:
        return "This stage has already been answered."
    if step == "acknowledge" and acknowledged_at is not None:
        return "This stage has already been acknowledged."
    if step in ("extend", "respond") and acknowledged_at is None:
        return "Acknowledge the complaint first: its response date runs from the acknowledgement."
    return None


def _due(teller: Teller, due: datetime, now: datetime) -> Mapping[str, str]:
    """A response date as the tenant reads it: the day, as all day-promises are quoted."""
    return {"due": describe_due(due.astimezone(teller.calendar.tz).date(), now.astimezone(teller.calendar.tz))}


def _text(form: Mapping[str, object], name: str) -> str:
    value = form.get(name, "")
    return value.strip()[:MAX_REASON_CHARS] if isinstance(value, str) else ""


def _whole(form: Mapping[str, object], name: str) -> int:
    value = form.get(name, "")
    return int(value) if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 4 else 0
