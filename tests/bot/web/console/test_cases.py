"""Cases by deadline, the case page, and what staff do on it.

The clock is 16:00 on Friday 27 November 2026 (GMT). An emergency repair is attended within
4 hours; a routine one within 17 days; a low-risk ASB report is answered within 3 working days.
"""

import re
from datetime import date, datetime, timedelta

import pytest

from bot.cases import CaseStatus
from bot.charter import AsbRisk, RepairPriority
from bot.web.console.records import PROGRESS_NOTED
from bot.intake import Reporter, log_asb_report, log_repair
from bot.report import Share, build_report
from bot.cases import ChannelIdentity
from bot.handoff import HandoffReason, Handoffs
from bot.web.console.accounts import StaffAccounts
from bot.web.console.pages import deadline_status
from bot.web.console.roles import StaffRole
from tests.bot.web.console.conftest import LONDON, NOW, PASSWORD, USERNAME, sign_in

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
        "Send you a written summary of what the investigation found",
        "Begin the work needed to make your home safe",
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
        response = await signed_in.post(f"/staff/cases/{reference}/complete", note="Fixed on the visit", confirm="yes")
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
    await signed_in.post(f"/staff/cases/{reference}/complete", confirm="yes")
    clock.advance(hours=2)
    again = await signed_in.post(f"/staff/cases/{reference}/complete", confirm="yes")
    assert again.status == 409
    assert desk.cases.find(reference).completed_at == NOW


# --- status tags, columns and filters --------------------------------------------------------


@pytest.mark.parametrize(
    "due, whole_day, expected",
    [
        (datetime(2026, 11, 25, 23, 59, 59), True, ("Overdue by 2 days", "urgent")),
        (datetime(2026, 11, 26, 23, 59, 59), True, ("Overdue by 1 day", "urgent")),
        (datetime(2026, 11, 27, 13, 0), False, ("Overdue by 3 hours", "urgent")),
        (datetime(2026, 11, 27, 15, 20), False, ("Overdue by 40 min", "urgent")),
        (datetime(2026, 11, 25, 10, 0), False, ("Overdue by 2 days", "urgent")),
        (datetime(2026, 11, 27, 23, 59, 59), True, ("Due today", "due")),
        (datetime(2026, 11, 27, 19, 0), False, ("Due today by 19:00", "due")),
        (datetime(2026, 12, 9, 23, 59, 59), True, ("Due 9 Dec", "neutral")),
        (datetime(2026, 12, 9, 14, 30), False, ("Due 9 Dec, 14:30", "neutral")),
        (datetime(2027, 1, 4, 23, 59, 59), True, ("Due 4 Jan 2027", "neutral")),
    ],
)
def test_a_deadline_reads_as_words_not_colour(due, whole_day, expected):
    assert deadline_status(due.replace(tzinfo=LONDON), whole_day, NOW, LONDON) == expected


async def test_each_case_carries_its_status_in_words(signed_in, cases):
    page = await (await signed_in.client.get("/staff/")).text()
    assert "Overdue by 20 hours" in section(page, "overdue")
    today = section(page, "due-today")
    assert "Due today by 19:00" in today and ">Due today<" in today
    assert re.search(r">Due \d{1,2} Dec<", section(page, "upcoming"))


async def test_the_list_shows_vulnerable_households_and_hate_incidents(signed_in, desk):
    vulnerable = log_repair(desk, RepairPriority.URGENT, "no heating", "t1", NOW, vulnerable_household=True)
    hate = log_asb_report(desk, AsbRisk.HIGH, "they shouted slurs at us", "t2", NOW, hate_incident=True)
    page = await (await signed_in.client.get("/staff/")).text()
    row = {
        ref: re.search(rf"<tr><th scope=\"row\"><a[^>]*>{ref}</a>.*?</tr>", page).group(0)
        for ref in (
            vulnerable.reference,
            hate.reference,
        )
    }
    assert ">Vulnerable<" in row[vulnerable.reference] and "Hate incident<" not in row[vulnerable.reference]
    assert ">Hate incident<" in row[hate.reference]
    assert '<th scope="col">Vulnerable household</th>' in page and '<th scope="col">Hate incident</th>' in page


def listed(page: str) -> set:
    return set(re.findall(r">((?:REP|ASB|CMP|ENQ)-\d{4}-[A-Z0-9]{8})</a>", page))


async def test_the_list_filters_by_team_priority_and_vulnerability_through_the_url(signed_in, desk):
    emergency = log_repair(desk, RepairPriority.EMERGENCY, "sparks", "t1", NOW).reference
    routine = log_repair(desk, RepairPriority.ROUTINE, "tap", "t2", NOW, vulnerable_household=True).reference
    asb = log_asb_report(desk, AsbRisk.LOW, "music", "t3", NOW).reference
    get = signed_in.client.get
    assert listed(await (await get("/staff/?team=asb")).text()) == {asb}
    assert listed(await (await get("/staff/?team=repairs&priority=emergency")).text()) == {emergency}
    assert listed(await (await get("/staff/?vulnerable=yes")).text()) == {routine}
    # What the form does not offer filters nothing: an old or mangled link still shows the list.
    assert listed(await (await get("/staff/?team=<script>&priority=nonsense")).text()) == {emergency, routine, asb}
    page = await (await get("/staff/?team=asb&priority=low_risk")).text()
    assert 'form method="get"' in page and '<option value="asb" selected>' in page
    assert '<option value="low_risk" selected>' in page and "Clear filters" in page


async def test_a_team_filter_offers_only_the_teams_own_kinds(client, desk):
    StaffAccounts(desk.cases.engine).create("bob", PASSWORD, NOW, role=StaffRole.ASB_TEAM)
    await sign_in(client, "bob")
    repair = log_repair(desk, RepairPriority.EMERGENCY, "sparks", "t1", NOW).reference
    page = await (await client.get("/staff/?team=repairs")).text()
    assert 'value="repairs"' not in page and 'value="emergency"' not in page and repair not in page
    assert 'value="asb"' in page and 'value="high_risk"' in page


async def test_wide_tables_scroll_in_their_own_labelled_region(signed_in, cases):
    page = await (await signed_in.client.get("/staff/")).text()
    assert page.count('class="table-scroll" role="region" aria-labelledby="') == 3
    assert 'aria-labelledby="overdue" tabindex="0"' in page


# --- the case page: what matters first, the landlord's words, confirmation and notices ---------


async def test_the_case_page_puts_what_matters_first_in_the_landlords_words(signed_in, desk):
    receipt = log_repair(
        desk,
        RepairPriority.DAMP_MOULD,
        "mould all over the babys room",
        Reporter("web-7", identity=ChannelIdentity("rest", "web-7"), postcode="SY7 9BW"),
        NOW,
        emergency_hazard=True,
        vulnerable_household=True,
        location="nursery",
        classified={"intent": "report_damp_mould", "all_safety": ["fire_or_danger"], "safety": "fire_or_danger"},
    )
    page = await (await signed_in.client.get(f"/staff/cases/{receipt.reference}")).text()
    glance = page[page.index('id="at-a-glance"') : page.index('id="details"')]
    for fact in (
        "mould all over the babys room",
        "Repairs: Damp and mould: emergency hazard",
        ">Vulnerable<",
        "Hate incident",
        "Fire or danger to life",
    ):
        assert fact in glance, fact
    assert "Due 28 Nov, 16:00" in glance  # 24 hours, to the minute
    assert "Web chat" in page and "Channel</dt><dd>rest" not in page
    assert "Investigate and make safe" in page and "awaabs_law.emergency_hazard" not in page
    assert "Awaab&#x27;s Law: Hazards in Social Housing" in page


async def test_a_whole_day_deadline_shows_as_its_date_not_23_59(signed_in, desk):
    reference = log_asb_report(desk, AsbRisk.LOW, "loud music", "t1", NOW).reference
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert "by end of Wed 02 Dec 2026" in page and "23:59" not in page


async def test_the_history_reads_as_lines_of_words_not_json(signed_in, desk, clock):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    await signed_in.post(f"/staff/cases/{reference}/progress", note="Rang the tenant, visit booked")
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    history = page[page.index('id="history"') :]
    assert "Assistant</span>: Case opened" in history
    assert "Promised: Complete the repair, by end of" in history
    assert "alice (staff)</span>: Progress noted" in history and "Rang the tenant, visit booked" in history
    assert "{" not in history and "repairs.routine" not in history


async def test_completing_needs_a_confirmation_and_says_it_is_done(signed_in, desk):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    refused = await signed_in.post(f"/staff/cases/{reference}/complete", note="done")
    page = await refused.text()
    assert refused.status == 400 and desk.cases.find(reference).status == "open"
    assert "There is a problem" in page and 'href="#confirm-complete"' in page
    assert 'id="confirm-complete" name="confirm" type="checkbox" value="yes" required aria-invalid="true"' in page
    done = await signed_in.post(f"/staff/cases/{reference}/complete", note="done", confirm="yes")
    assert done.status == 303 and desk.cases.find(reference).status == "completed"
    shown = await (await signed_in.client.get(done.headers["Location"])).text()
    assert 'role="status"' in shown and "The case is marked as completed." in shown
    again = await (await signed_in.client.get(done.headers["Location"])).text()
    assert "The case is marked as completed." not in again, "a notice is said once"


async def test_recording_progress_says_so_on_the_next_page(signed_in, desk):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    response = await signed_in.post(f"/staff/cases/{reference}/progress", note="Rang")
    assert response.cookies["staff_notice"].value == "progress"
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert "Progress recorded in the case&#x27;s history." in page


async def test_an_empty_note_is_named_in_an_error_summary_linking_to_its_field(signed_in, desk):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "t1", NOW).reference
    page = await (await signed_in.post(f"/staff/cases/{reference}/progress", note=" ")).text()
    assert 'href="#progress-note"' in page and 'aria-describedby="progress-note-error"' in page


async def test_a_case_and_its_conversation_link_to_each_other(signed_in, desk, clock):
    reference = log_repair(desk, RepairPriority.EMERGENCY, "gas smell", Reporter("web-8"), NOW).reference
    handoff = Handoffs(desk.cases.engine).request("web-8", "rest", HandoffReason.SAFETY, NOW)
    case_page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert f'href="/staff/handoffs/{handoff.id}"' in case_page
    handoff_page = await (await signed_in.client.get(f"/staff/handoffs/{handoff.id}")).text()
    assert f'href="/staff/cases/{reference}"' in handoff_page
    assert "Safety alarm" in handoff_page


async def test_the_tenants_survey_answer_is_in_the_history(signed_in, desk):
    from tests.bot.updates.conftest import answered_survey

    case = answered_survey(desk, RepairPriority.ROUTINE, "4 - quick and tidy", NOW - timedelta(days=1))
    page = await (await signed_in.client.get(f"/staff/cases/{case.reference}")).text()
    history = page[page.index('id="history"') :]
    assert "Tenant</span>: Survey answered: 4 out of 5" in history and "Comment: quick and tidy" in history
