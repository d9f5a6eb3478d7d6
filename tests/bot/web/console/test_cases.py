"""Cases by deadline, the case page, and what staff do on it.

The clock is 16:00 on Friday 27 November 2026 (GMT). An emergency repair is attended within
4 hours; a routine one within 17 days; a low-risk ASB report is answered within 3 working days.
"""

import re
from datetime import date, timedelta

import pytest

from bot.cases import CaseStatus
from bot.charter import AsbRisk, RepairPriority
from bot.web.console.records import PROGRESS_NOTED
from bot.intake import Reporter, log_asb_report, log_repair
from bot.report import Share, build_report
from tests.bot.web.console.conftest import LONDON, NOW, USERNAME

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTRIBUTE = '"><img src=x onerror=alert(1)>'
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def section(page: str, anchor: str) -> str:
    match = re.search(rf'<section aria-labelledby="{anchor}">(.*?)</section>', page, re.S)
    assert match, f"no {anchor} section"
    return match.group(1)


@pytest.fixture
def cases(desk):
    """One case for each group, and one completed case that is in none."""
    overdue = log_repair(desk, RepairPriority.EMERGENCY, "boiler leaking", "t1", NOW - timedelta(days=1))
    today = log_repair(desk, RepairPriority.EMERGENCY, "front door will not lock", "t2", NOW - timedelta(hours=1))
    # Opened Tuesday 24 November: answered by the end of Friday 27th, a whole-day promise.
    today_whole_day = log_asb_report(desk, AsbRisk.LOW, "loud music every night", "t3", NOW - timedelta(days=3))
    upcoming = log_repair(desk, RepairPriority.ROUTINE, "loose kitchen cupboard door", "t4", NOW)
    done = log_repair(desk, RepairPriority.ROUTINE, "already fixed tap", "t5", NOW - timedelta(days=2))
    desk.cases.set_status(done.reference, CaseStatus.COMPLETED, NOW - timedelta(days=1), "staff:test")
    return {
        "overdue": [overdue.reference],
        "due-today": [today.reference, today_whole_day.reference],
        "upcoming": [upcoming.reference],
        "completed": done.reference,
    }


@pytest.mark.parametrize("path", ["/staff/", "/staff/cases"])
async def test_open_cases_are_grouped_by_their_next_promised_date(signed_in, cases, path):
    page = await (await signed_in.client.get(path)).text()
    for group in ("overdue", "due-today", "upcoming"):
        found = re.findall(r">((?:REP|ASB|CMP|ENQ)-\d{4}-[A-Z0-9]{8})</a>", section(page, group))
        assert found == cases[group], group
    assert cases["completed"] not in page
    assert "Due today (2)" in page


async def test_the_groups_follow_the_clock(signed_in, cases, clock):
    clock.advance(hours=4)  # 20:00: the 19:00 emergency is now overdue; the whole-day ASB is not.
    page = await (await signed_in.client.get("/staff/")).text()
    assert cases["due-today"][0] in section(page, "overdue")
    assert cases["due-today"][1] in section(page, "due-today")


async def test_the_api_gives_the_same_groups(signed_in, cases):
    groups = await (await signed_in.client.get("/staff/api/cases")).json()
    assert [case["reference"] for case in groups["overdue"]] == cases["overdue"]
    assert [case["reference"] for case in groups["due_today"]] == cases["due-today"]
    assert [case["reference"] for case in groups["upcoming"]] == cases["upcoming"]


async def test_what_a_tenant_wrote_is_escaped_in_the_list_and_on_the_case_page(signed_in, desk):
    hostile = f"{XSS_SCRIPT} {XSS_ATTRIBUTE}"
    receipt = log_repair(
        desk,
        RepairPriority.URGENT,
        hostile,
        Reporter("t9", contact_phone=XSS_ATTRIBUTE, postcode="SY7 9BW"),
        NOW,
        location=XSS_SCRIPT,
        access=XSS_ATTRIBUTE,
    )
    listing = await (await signed_in.client.get("/staff/")).text()
    case_page = await (await signed_in.client.get(f"/staff/cases/{receipt.reference}")).text()
    for page in (listing, case_page):
        assert XSS_SCRIPT not in page and "<img" not in page and "<script" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


async def test_the_case_page_shows_everything_on_the_case(signed_in, desk):
    receipt = log_repair(
        desk,
        RepairPriority.DAMP_MOULD,
        "black mould in the bedroom",
        Reporter("t1", contact_phone="07700 900123", postcode="sy79bw"),
        NOW,
        vulnerable_household=True,
        location="main bedroom",
        access="mornings only",
    )
    response = await signed_in.client.get(f"/staff/cases/{receipt.reference}")
    page = await response.text()
    assert response.status == 200
    for text in [
        "black mould in the bedroom",
        "main bedroom",
        "mornings only",
        "07700 900123",
        "SY7 9BW",
        "Vulnerable household",
        "Hate incident",
        "written summary",
        "safety work start",
        "opened",
        "assistant",
        'for="progress-note"',
        'for="completion-note"',
        '<th scope="col">',
    ]:
        assert text in page, text


async def test_an_unknown_reference_is_404(signed_in):
    response = await signed_in.client.get("/staff/cases/REP-2026-999999")
    assert response.status == 404


async def test_recording_progress_adds_an_event_under_the_staff_members_name(signed_in, desk, clock):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    clock.advance(hours=1)
    response = await signed_in.post(f"/staff/cases/{reference}/progress", note=f"Rang tenant {XSS_SCRIPT}")
    assert response.status == 303
    assert response.headers["Location"] == f"/staff/cases/{reference}#history"
    event = desk.cases.events(reference)[-1]
    assert (event.kind, event.actor, event.detail) == (
        PROGRESS_NOTED,
        f"staff:{USERNAME}",
        {"note": f"Rang tenant {XSS_SCRIPT}"},
    )
    assert event.at == NOW + timedelta(hours=1)
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert "Rang tenant &lt;script&gt;" in page and XSS_SCRIPT not in page


async def test_an_empty_note_is_refused_and_records_nothing(signed_in, desk):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    response = await signed_in.post(f"/staff/cases/{reference}/progress", note="   ")
    assert response.status == 400
    assert 'role="alert"' in await response.text()
    assert [event.kind for event in desk.cases.events(reference)] == ["opened"]


async def test_completing_a_case_records_who_and_when_and_feeds_rp02(signed_in, desk, clock):
    on_time = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    late = log_repair(desk, RepairPriority.EMERGENCY, "no lights", "t2", NOW - timedelta(days=1)).reference
    clock.advance(hours=1)
    for reference in (on_time, late):
        response = await signed_in.post(f"/staff/cases/{reference}/complete", note="Fixed on the visit")
        assert response.status == 303
        case = desk.cases.find(reference)
        assert case.status == CaseStatus.COMPLETED.value
        assert case.completed_at == NOW + timedelta(hours=1)
        event = desk.cases.events(reference)[-1]
        assert (event.kind, event.actor) == ("status_changed", f"staff:{USERNAME}")
        assert event.detail == {"from": "open", "to": "completed", "note": "Fixed on the visit"}
    report = build_report(desk.cases, *NOVEMBER, LONDON)
    assert report.repairs_non_emergency == Share(1, 1)
    assert report.repairs_emergency == Share(0, 1)
    page = await (await signed_in.client.get(f"/staff/cases/{on_time}")).text()
    assert "This case is completed." in page and "/complete" not in page


async def test_a_completed_case_cannot_be_completed_again(signed_in, desk, clock):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    await signed_in.post(f"/staff/cases/{reference}/complete")
    clock.advance(hours=2)
    again = await signed_in.post(f"/staff/cases/{reference}/complete")
    assert again.status == 409
    assert desk.cases.find(reference).completed_at == NOW
