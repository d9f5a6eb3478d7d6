"""A repair's visit on its case page: booked, moved and cancelled by staff from the times the
tenant is offered, each on the case's history and each booking sent to the tenant.

The clock is 16:00 on Friday 27 November 2026: the times offered run from Monday 30 November to
Friday 4 December."""

import re

import pytest

from bot.charter import AsbRisk, RepairPriority
from bot.intake import Reporter, log_asb_report, log_repair
from bot.cases import ChannelIdentity
from bot.updates import Updates, UpdateKind
from bot.visits import Visits, load_visit_calendar
from tests.bot.web.console.conftest import NOW, USERNAME


def routine(desk, on="sms"):
    reporter = Reporter("+447700900123", identity=ChannelIdentity("twilio", "+447700900123"))
    return log_repair(desk, RepairPriority.ROUTINE, "kitchen door hinge broken", reporter, NOW).reference


async def page_of(signed_in, reference):
    return await (await signed_in.client.get(f"/staff/cases/{reference}")).text()


def options(page):
    return re.findall(r'<option value="([^"]+)">([^<]+)</option>', page.split('id="visit"')[1])


async def test_a_repair_page_offers_the_times_the_tenant_is_offered(signed_in, desk):
    reference = routine(desk)
    page = await page_of(signed_in, reference)
    assert '<h2 id="visit">Visit</h2>' in page and "No visit booked." in page
    offered = options(page)
    assert offered[0] == ("2026-11-30:morning", "Monday 30 November, morning (8am to 1pm)")
    assert [key for key, _ in offered] == [
        slot.key for slot in Visits(desk, load_visit_calendar()).offered(desk.cases.find(reference), NOW)
    ]
    assert '<label for="visit-slot">' in page


async def test_staff_book_move_and_cancel_each_on_the_history_and_the_booking_sent(signed_in, desk):
    reference = routine(desk)
    booked = await signed_in.post(f"/staff/cases/{reference}/visit", slot="2026-12-01:afternoon")
    assert booked.status == 303 and booked.headers["Location"].endswith(f"/staff/cases/{reference}#visit")
    page = await page_of(signed_in, reference)
    assert "Booked for Tuesday 1 December, afternoon (midday to 6pm)." in page
    assert "The visit is booked. The tenant is sent the time" in page
    assert "Move the visit" in page and "Cancel the visit" in page
    assert "2026-12-01:afternoon" not in dict(options(page))  # not offered again to the same case

    moved = await signed_in.post(f"/staff/cases/{reference}/visit", slot="2026-12-03:morning")
    assert moved.status == 303
    cancelled = await signed_in.post(f"/staff/cases/{reference}/visit/cancel")
    assert cancelled.status == 303
    page = await page_of(signed_in, reference)
    assert "The tenant is not sent a message about it" in page and "No visit booked." in page

    history = [(e.kind, e.actor) for e in desk.cases.events(reference) if e.kind.startswith("visit_")]
    staff = f"staff:{USERNAME}"
    assert history == [("visit_booked", staff), ("visit_moved", staff), ("visit_cancelled", staff)]
    told = Updates(desk.cases.engine).for_case(reference)
    assert [u.kind for u in told] == [UpdateKind.VISIT_BOOKED, UpdateKind.VISIT_BOOKED]
    assert "Thursday 3 December, morning (8am to 1pm)" in told[1].text


@pytest.mark.parametrize("slot", ["2026-11-28:morning", "2026-12-25:morning", "", "<script>"])
async def test_a_time_not_offered_is_refused_and_books_nothing(signed_in, desk, slot):
    reference = routine(desk)
    refused = await signed_in.post(f"/staff/cases/{reference}/visit", slot=slot)
    assert refused.status == 409
    page = await refused.text()
    assert 'href="#visit-slot"' in page and 'aria-invalid="true"' in page
    assert "<script>" not in page.split("There is a problem")[1].split("</div>")[0]
    assert not [e for e in desk.cases.events(reference) if e.kind.startswith("visit_")]


async def test_the_form_needs_the_sessions_token(signed_in, desk):
    reference = routine(desk)
    response = await signed_in.post(f"/staff/cases/{reference}/visit", token="forged", slot="2026-11-30:morning")
    assert response.status == 403
    assert not [e for e in desk.cases.events(reference) if e.kind.startswith("visit_")]


@pytest.mark.parametrize(
    "priority, says",
    [(RepairPriority.EMERGENCY, "attended the same day"), (RepairPriority.URGENT, "attended the same day")],
)
async def test_a_same_day_repair_has_no_visit_to_book(signed_in, desk, priority, says):
    reference = log_repair(desk, priority, "water through the light", "t1", NOW).reference
    page = await page_of(signed_in, reference)
    assert says in page and 'id="visit-slot"' not in page
    refused = await signed_in.post(f"/staff/cases/{reference}/visit", slot="2026-11-30:morning")
    assert refused.status == 409


async def test_other_cases_have_no_visit(signed_in, desk):
    reference = log_asb_report(desk, AsbRisk.LOW, "loud music", "t1", NOW).reference
    assert 'id="visit"' not in await page_of(signed_in, reference)


async def test_a_tenant_who_took_no_time_offered_is_shown_to_be_arranged(signed_in, desk):
    reference = routine(desk)
    Visits(desk, load_visit_calendar()).to_arrange(reference, NOW, "tenant")
    assert "could not take any of the times offered" in await page_of(signed_in, reference)


async def test_cancelling_with_nothing_booked_is_refused(signed_in, desk):
    reference = routine(desk)
    assert (await signed_in.post(f"/staff/cases/{reference}/visit/cancel")).status == 409


async def test_an_unknown_case_is_404(signed_in):
    assert (await signed_in.post("/staff/cases/REP-2026-HT4MK9QA/visit", slot="2026-11-30:morning")).status == 404
