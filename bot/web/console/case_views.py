"""Cases: the list, one case's page, its progress notes and completion, the JSON the list
refreshes from, and the regulator's report."""

from __future__ import annotations

import logging
from datetime import date
from typing import Dict, FrozenSet, Mapping, Optional, Sequence, Tuple

from aiohttp import web

from bot.cases import CaseKind, CaseStatus, CaseSummary, ComplaintStage
from bot.intake import Desk
from bot.web.console import pages
from bot.web.console.chart import target_chart
from bot.web.console.records import (
    KIND_LABELS,
    MAX_NOTE_CHARS,
    CaseFilters,
    filtered,
    group_by_deadline,
    handoffs_of_conversation,
    open_cases,
    record_progress,
    record_view,
    target_figures,
)
from bot.web.console.history import history_lines, safety_of
from bot.web.console.queue import CASES_BEFORE_HANDOFF
from bot.web.console.roles import CASE_KINDS, may_see_case, may_see_handoff
from bot.web.console.handoff_views import confirmed
from bot.handoff import Handoff
from bot.report import build_report, period_problem
from bot.updates import Teller, Updates
from bot.updates.completion import after_completion

from bot.web.console.context import DESK_KEY, STAFF, html_page, now_of, redirect_with_notice, urls_of
from bot.web.console.guard import role_of

logger = logging.getLogger(__name__)

CONFIRM_COMPLETE = (
    "Tick the box to confirm the case is complete: completing it stops its clock and counts in the reports."
)


# --- cases -------------------------------------------------------------------------------------


# The team filter's values in the URL: words, not the stored codes.
KIND_PARAMS: Dict[str, CaseKind] = {
    "repairs": CaseKind.REPAIR,
    "asb": CaseKind.ANTI_SOCIAL_BEHAVIOUR,
    "complaints": CaseKind.COMPLAINT,
    "callbacks": CaseKind.CALLBACK,
    "domestic-abuse": CaseKind.DOMESTIC_ABUSE,
}


# Which priorities (categories) each kind of case has, for the priority filter's choices.
KIND_CATEGORIES: Dict[CaseKind, Tuple[str, ...]] = {
    CaseKind.REPAIR: (
        "emergency",
        "damp_mould_emergency_hazard",
        "urgent",
        "damp_mould",
        "routine",
        "external",
        "major",
    ),
    CaseKind.ANTI_SOCIAL_BEHAVIOUR: ("high_risk", "low_risk"),
    CaseKind.COMPLAINT: ("stage_one", "stage_two"),
    CaseKind.CALLBACK: ("callback",),
    CaseKind.DOMESTIC_ABUSE: ("domestic_abuse",),
}


def _filters(query: Mapping[str, str], kinds: FrozenSet[CaseKind]) -> CaseFilters:
    """The list's filters from the query. A value the form does not offer (another team's kind,
    a made-up priority) filters nothing, rather than showing an error for a shared old link."""
    kind = KIND_PARAMS.get(query.get("team", ""))
    category = query.get("priority", "")
    return CaseFilters(
        kind=kind if kind in kinds else None,
        category=category if category in pages.CATEGORY_LABELS else None,
        vulnerable_only=query.get("vulnerable") == "yes",
    )


async def cases_list(request: web.Request) -> web.Response:
    """Open cases of the kinds this member of staff's team handles, in three groups: overdue,
    due today, upcoming; narrowed by the filters in the URL."""
    desk, now, kinds = request.app[DESK_KEY], now_of(request), CASE_KINDS[role_of(request)]
    filters = _filters(request.query, kinds)
    groups = group_by_deadline(filtered(open_cases(desk.cases, kinds), filters), now, desk.calendar.tz)
    teams = [(param, KIND_LABELS[kind]) for param, kind in KIND_PARAMS.items() if kind in kinds]
    return html_page(
        request,
        "cases.html",
        groups=groups,
        now=now,
        filters=filters,
        teams=teams,
        team=next((param for param, kind in KIND_PARAMS.items() if kind is filters.kind), ""),
        priorities=[(c, pages.category_label(c)) for kind in kinds for c in KIND_CATEGORIES.get(kind, ())],
    )


async def api_cases(request: web.Request) -> web.Response:
    """The same list as JSON (references and dates only), for the handoff queue to come."""
    desk, now = request.app[DESK_KEY], now_of(request)
    groups = group_by_deadline(open_cases(desk.cases, CASE_KINDS[role_of(request)]), now, desk.calendar.tz)

    def rows(cases: Tuple) -> list:
        return [
            {
                "reference": c.reference,
                "kind": c.kind.value,
                "category": c.category,
                "status": c.status,
                "opened_at": c.opened_at.isoformat(),
                "due_at": c.due_at.isoformat(),
                "due_whole_day": c.due_whole_day,
                "vulnerable_household": c.vulnerable_household,
                "hate_incident": c.hate_incident,
            }
            for c in cases
        ]

    return web.json_response(
        {
            "as_at": now.isoformat(),
            "overdue": rows(groups.overdue),
            "due_today": rows(groups.due_today),
            "upcoming": rows(groups.upcoming),
        }
    )


def visible_case(request: web.Request, reference: str):
    """The case, if this member of staff's team may see it; None otherwise, exactly as for a
    reference with no case, so that guessing references tells nothing."""
    case = request.app[DESK_KEY].cases.find(reference)
    return case if case is not None and may_see_case(role_of(request), case.kind) else None


def _case_not_found(request: web.Request) -> web.Response:
    return html_page(
        request, "message.html", status=404, title="Case not found", message="There is no case with that reference."
    )


def _conversation_of(request: web.Request, case: CaseSummary) -> Optional[Handoff]:
    """The handoff of the conversation the case came from, if staff were asked to take it and
    this member of staff's team may see it: the case page links to it, as the queue links back."""
    window = CASES_BEFORE_HANDOFF
    found = handoffs_of_conversation(
        request.app[DESK_KEY].cases.engine, case.conversation_id, case.opened_at - window, case.opened_at + window
    )
    return next((h for h in found if may_see_handoff(role_of(request), h.reason)), None)


def case_response(
    request: web.Request, reference: str, error: Optional[str] = None, status: int = 200, field: str = ""
) -> web.Response:
    """The case page, or 404 for a reference with no case (or none of this team's). Every
    showing of a domestic abuse case is recorded in its history: who, and when. `field` is the
    form field an error is about, which the error summary links to."""
    desk = request.app[DESK_KEY]
    store = desk.cases
    case = visible_case(request, reference)
    if case is None:
        return _case_not_found(request)
    if case.kind is CaseKind.DOMESTIC_ABUSE:
        record_view(store, reference, now_of(request), f"staff:{request[STAFF].username}")
    events = store.events(reference)
    stages = store.complaint_stages(reference)
    return html_page(
        request,
        "case.html",
        status=status,
        case=case,
        now=now_of(request),
        deadlines=store.deadlines(reference),
        stages=stages,
        extension_days=_extension_days(desk, stages),
        attachments=store.attachments(reference),
        tenant_updates=Updates(store.engine).for_case(reference),
        history=history_lines(events, desk.charter, desk.calendar.tz),
        safety=safety_of(events),
        handoff=_conversation_of(request, case),
        error=error,
        error_field=field,
    )


def _extension_days(desk: Desk, stages: Sequence[ComplaintStage]) -> int:
    """How many working days the current stage's response may be extended by, in the charter."""
    clocks = desk.charter.complaint_stage_two if stages and stages[-1].stage == 2 else desk.charter.complaint_stage_one
    return clocks.extension.within.amount


async def case_page(request: web.Request) -> web.Response:
    return case_response(request, request.match_info["reference"])


def _note(form: Mapping[str, object]) -> str:
    """The note from a form, tidied; staff write it, but it is shown escaped all the same."""
    value = form.get("note", "")
    return value.strip() if isinstance(value, str) else ""


async def progress(request: web.Request) -> web.Response:
    """Add a note to the case's history under the member of staff's name."""
    reference, staff = request.match_info["reference"], request[STAFF]
    store = request.app[DESK_KEY].cases
    if visible_case(request, reference) is None:
        return _case_not_found(request)
    note = _note(await request.post())
    if not note or len(note) > MAX_NOTE_CHARS:
        error = f"Write what was done or agreed (up to {MAX_NOTE_CHARS} characters)."
        return case_response(request, reference, error, status=400, field="progress-note")
    record_progress(store, reference, now_of(request), f"staff:{staff.username}", note)
    logger.info("staff %s recorded progress on %s", staff.username, reference)
    return redirect_with_notice(request, pages.case_url(urls_of(request), reference) + "#history", "progress")


async def complete(request: web.Request) -> web.Response:
    """Mark the case completed now; the completion date is what the reports count."""
    reference, staff = request.match_info["reference"], request[STAFF]
    store = request.app[DESK_KEY].cases
    case = visible_case(request, reference)
    if case is None:
        return _case_not_found(request)
    if case.status == CaseStatus.COMPLETED.value:
        # Completing again would move the completion date and change the reports.
        return case_response(request, reference, "This case is already completed.", status=409)
    form = await request.post()
    if not confirmed(form):
        return case_response(request, reference, CONFIRM_COMPLETE, status=400, field="confirm-complete")
    note = _note(form)[:MAX_NOTE_CHARS]
    completed = store.set_status(
        reference, CaseStatus.COMPLETED, now_of(request), f"staff:{staff.username}", note or None
    )
    after_completion(Teller(request.app[DESK_KEY]), completed, now_of(request))
    logger.info("staff %s completed %s", staff.username, reference)
    return redirect_with_notice(request, pages.case_url(urls_of(request), reference), "completed")


# --- report ------------------------------------------------------------------------------------


def _period(request: web.Request, today: date) -> Tuple[date, date, Optional[str], str]:
    """The report's dates from the query, defaulting to this month so far; an error message if
    they are not dates or run backwards, and the field it is about, for the error summary to
    link to."""
    start_text = request.query.get("from") or today.replace(day=1).isoformat()
    end_text = request.query.get("to") or today.isoformat()
    try:
        start = date.fromisoformat(start_text)
    except ValueError:
        return today.replace(day=1), today, "Give the start date in the form YYYY-MM-DD.", "from"
    try:
        end = date.fromisoformat(end_text)
    except ValueError:
        return start, today, "Give the end date in the form YYYY-MM-DD.", "to"
    problem = period_problem(start, end)
    wrong = "from" if problem and period_problem(start, start) else "to"
    return start, end, problem, wrong


async def report(request: web.Request) -> web.Response:
    """The complaint and TSM figures for a period as tables, and the chart of cases against
    their target."""
    desk, now = request.app[DESK_KEY], now_of(request)
    start, end, error, field = _period(request, now.date())
    if error:
        return html_page(
            request, "report.html", status=400, start=start, end=end, figures=None, error=error, error_field=field
        )
    tz = desk.calendar.tz
    figures = build_report(desk.cases, start, end, tz, now=now)
    chart = target_chart(target_figures(desk.cases, start, end, tz, now))
    return html_page(
        request, "report.html", start=start, end=end, figures=figures, chart=chart, error=None, error_field=""
    )
