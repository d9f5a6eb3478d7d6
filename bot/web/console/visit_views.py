"""A repair's visit on its case page: the one booked, booking or moving it to a time the
landlord's calendar offers (the times a tenant is offered, bot/visits/), and cancelling it.

Kept apart from case_views so that the visit is one block of the page (templates/visit.html,
included by case.html) and one call where the application is built (`add_visit_routes`). A
booking or a move is sent to the tenant as their VISIT_BOOKED update; a cancellation is not
(there is no update for it yet), and the page says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Tuple

from aiohttp import web

from bot.cases import CaseKind, CaseSummary
from bot.visits import NotBookable, SlotUnavailable, VisitCalendar, Visits, WhyNot, visit_calendar, why_not_bookable
from bot.web.console import pages
from bot.web.console.case_views import _case_not_found, case_response, visible_case
from bot.web.console.context import DESK_KEY, STAFF, TEMPLATES_KEY, now_of, redirect_with_notice, urls_of

logger = logging.getLogger(__name__)

VISITS_KEY = web.AppKey("console_visits", Visits)
# The form field an error is about, which the error summary links to.
SLOT_FIELD = "visit-slot"
WHY_NONE = {
    WhyNot.SAME_DAY: "This repair is attended the same day: there is no visit to book.",
    WhyNot.COMPLETED: "This repair is completed: there is no visit to book.",
}
NOT_OFFERED = "That time can no longer be booked (it is full, or past): choose one of the times offered now."


@dataclass(frozen=True)
class VisitPanel:
    """What the case page shows of a repair's visit."""

    booked: Optional[str]  # the visit booked, in words
    why_none: Optional[str]  # why there is no visit to book
    offered: Tuple[Tuple[str, str], ...]  # (key, words) of each time that can be booked now
    to_arrange: bool  # the tenant took none of the times offered: a person arranges it


def add_visit_routes(app: web.Application, calendar: Optional[VisitCalendar] = None) -> None:
    """The visit's forms and the case page's block, on the console application."""
    visits = Visits(app[DESK_KEY], calendar or visit_calendar())
    app[VISITS_KEY] = visits
    app.router.add_post("/cases/{reference}/visit", book_visit, name="book_visit")
    app.router.add_post("/cases/{reference}/visit/cancel", cancel_visit, name="cancel_visit")
    app[TEMPLATES_KEY].globals["visit_panel"] = lambda case, now: visit_panel(visits, case, now)


def visit_panel(visits: Visits, case: CaseSummary, now: datetime) -> Optional[VisitPanel]:
    """The visit block of a repair's page; None for any other case."""
    if case.kind is not CaseKind.REPAIR:
        return None
    today = now.astimezone(visits.desk.calendar.tz).date()
    current = visits.current(case.reference)
    why = why_not_bookable(case)
    kinds = [e.kind for e in visits.desk.cases.events(case.reference) if e.kind.startswith("visit_")]
    return VisitPanel(
        booked=current.slot.words(today) if current else None,
        why_none=WHY_NONE.get(why) if why else None,
        offered=tuple((slot.key, slot.words(today)) for slot in visits.offered(case, now)),
        to_arrange=current is None and kinds[-1:] == ["visit_to_arrange"],
    )


async def book_visit(request: web.Request) -> web.Response:
    """Book the visit at the time chosen, or move it there; the tenant is sent the time."""
    reference, staff = request.match_info["reference"], request[STAFF]
    if visible_case(request, reference) is None:
        return _case_not_found(request)
    key = (await request.post()).get("slot")
    try:
        request.app[VISITS_KEY].book(reference, str(key or ""), now_of(request), f"staff:{staff.username}")
    except NotBookable as refused:
        return case_response(request, reference, WHY_NONE.get(refused.why, "There is no visit to book."), status=409)
    except SlotUnavailable:
        return case_response(request, reference, NOT_OFFERED, status=409, field=SLOT_FIELD)
    logger.info("staff %s booked the visit of %s", staff.username, reference)
    return redirect_with_notice(request, pages.case_url(urls_of(request), reference) + "#visit", "visit_booked")


async def cancel_visit(request: web.Request) -> web.Response:
    """Cancel the visit booked; its reminder is not sent."""
    reference, staff = request.match_info["reference"], request[STAFF]
    if visible_case(request, reference) is None:
        return _case_not_found(request)
    cancelled = request.app[VISITS_KEY].cancel(reference, now_of(request), f"staff:{staff.username}")
    if cancelled is None:
        return case_response(request, reference, "There is no visit booked to cancel.", status=409)
    logger.info("staff %s cancelled the visit of %s", staff.username, reference)
    return redirect_with_notice(request, pages.case_url(urls_of(request), reference) + "#visit", "visit_cancelled")
