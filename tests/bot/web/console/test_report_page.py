"""The report page: bot.report's figures, and an SVG chart (with a table) of cases against target."""

import re
from datetime import date, timedelta

import pytest

from bot.cases import CaseKind, CaseStatus
from bot.charter import RepairPriority
from bot.web.console.records import TargetFigures, target_figures
from bot.intake import log_complaint, log_repair
from tests.bot.web.console.conftest import LONDON, NOW

NOVEMBER = "/staff/report?from=2026-11-01&to=2026-11-30"


@pytest.fixture
def history(desk):
    """Repairs: one completed in target, one late, one open and overdue, one open not yet due.
    Complaints: one open, not due yet."""
    in_target = log_repair(desk, RepairPriority.ROUTINE, "tap", "t1", NOW - timedelta(days=10)).reference
    desk.cases.set_status(in_target, CaseStatus.COMPLETED, NOW - timedelta(days=5), "staff:test")
    late = log_repair(desk, RepairPriority.EMERGENCY, "lights", "t2", NOW - timedelta(days=3)).reference
    desk.cases.set_status(late, CaseStatus.COMPLETED, NOW - timedelta(days=2), "staff:test")
    log_repair(desk, RepairPriority.EMERGENCY, "door", "t3", NOW - timedelta(days=1))
    log_repair(desk, RepairPriority.ROUTINE, "fence", "t4", NOW)
    log_complaint(desk, "nobody came", "t5", NOW)


def test_the_figures_count_cases_against_their_target(desk, history):
    figures = {f.kind: f for f in target_figures(desk.cases, date(2026, 11, 1), date(2026, 11, 30), LONDON, NOW)}
    assert figures[CaseKind.REPAIR] == TargetFigures(CaseKind.REPAIR, 1, 1, 1)
    assert figures[CaseKind.COMPLAINT] == TargetFigures(CaseKind.COMPLAINT, 0, 0, 0)


def test_a_past_period_counts_its_backlog_at_its_end(desk, history):
    # At the end of 24 November: the tap was done on the 22nd; the emergency of 16:00 on the 24th
    # (due 20:00) was still open and overdue, though completed since; the door was not reported yet.
    figures = {f.kind: f for f in target_figures(desk.cases, date(2026, 11, 1), date(2026, 11, 24), LONDON, NOW)}
    assert figures[CaseKind.REPAIR] == TargetFigures(CaseKind.REPAIR, 1, 0, 1)


async def test_the_report_page_shows_the_figures_and_the_chart(signed_in, history):
    response = await signed_in.client.get(NOVEMBER)
    page = await response.text()
    assert response.status == 200
    assert "<pre>" not in page and "Case report 2026-11-01 to 2026-11-30" in page
    assert "RP02 Repairs completed within target timescale" in page
    assert '<td>Emergency</td><td class="number">0 of 1 (0.0%)</td>' in page
    assert '<td>Non-emergency</td><td class="number">1 of 1 (100.0%)</td>' in page
    received = re.search(r'<tr><th scope="row">Received in the period</th>(.*?)</tr>', page).group(1)
    assert re.findall(r">(\d+)</td>", received) == ["1", "0"]
    assert '<th scope="col">Stage 1 (complaint)</th>' in page
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert '<title id="target-chart-title">Cases against their target, 2026-11-01 to 2026-11-30</title>' in svg
    assert svg.count("<rect") == 3 + 3 * len(CaseKind)  # legend swatches, then 3 bars per kind
    row = re.search(r'<tr><th scope="row">Repairs</th>(.*?)</tr>', page).group(1)
    assert re.findall(r">(\d+)</td>", row) == ["1", "1", "1"]
    assert "<script" not in page


async def test_the_report_defaults_to_this_month_so_far(signed_in):
    page = await (await signed_in.client.get("/staff/report")).text()
    assert "Case report 2026-11-01 to 2026-11-27" in page


@pytest.mark.parametrize(
    "query",
    [
        "from=yesterday&to=2026-11-30",
        "from=2026-11-30&to=2026-11-01",
        "from=<script>&to=2026-11-01",
        "from=2026-11-01&to=9999-12-31",
        "from=0001-01-01&to=2026-11-01",
    ],
)
async def test_a_bad_period_is_explained_not_reported(signed_in, query):
    response = await signed_in.client.get(f"/staff/report?{query}")
    page = await response.text()
    assert response.status == 400
    assert 'role="alert"' in page and "There is a problem" in page and "<script" not in page
    assert "Case report" not in page


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=yesterday&to=2026-11-30", "from"),
        ("from=2026-11-01&to=soon", "to"),
        ("from=2026-11-30&to=2026-11-01", "to"),
        ("from=0001-01-01&to=2026-11-01", "from"),
    ],
)
async def test_the_error_summary_links_to_the_field_that_is_wrong(signed_in, query, field):
    page = await (await signed_in.client.get(f"/staff/report?{query}")).text()
    assert f'<li><a href="#{field}">' in page
    assert f'aria-invalid="true" aria-describedby="{field}-error"' in page


async def test_the_report_page_shows_satisfaction_with_repairs_by_month_and_priority(signed_in, desk):
    from tests.bot.updates.conftest import answered_survey

    for n, (priority, text) in enumerate(
        [(RepairPriority.ROUTINE, "5"), (RepairPriority.ROUTINE, "2 they were late"), (RepairPriority.URGENT, "4")]
    ):
        answered_survey(desk, priority, text, NOW - timedelta(days=5, hours=n), what=f"repair {n}")
    page = await (await signed_in.client.get(NOVEMBER)).text()
    table = page[page.index('id="repair-satisfaction"') :]
    table = table[: table.index("</table>")]
    assert "<caption>Satisfaction with repairs by month and priority, 2026-11-01 to 2026-11-30</caption>" in table
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td>(.*?)</tr>", table)
    cells = [(month, re.sub("<.*?>", "", label), re.findall(r">([^<]+)</td>", rest)) for month, label, rest in rows]
    assert cells == [
        ("November 2026", "Urgent repair", ["1", "4.0", "1 of 1 (100.0%)"]),
        ("November 2026", "Routine repair", ["2", "3.5", "1 of 2 (50.0%)"]),
        ("November 2026", "All repairs", ["3", "3.7", "2 of 3 (66.7%)"]),
    ]


async def test_with_no_survey_answers_the_report_page_says_so(signed_in, history):
    page = await (await signed_in.client.get(NOVEMBER)).text()
    assert 'id="repair-satisfaction"' in page and "No answers with a score in the period." in page
