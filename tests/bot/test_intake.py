"""What a tenant is told when a report is logged: one table per kind of report."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.charter import AsbRisk, RepairPriority
from bot.intake import log_asb_report, log_complaint, log_repair

LONDON = ZoneInfo("Europe/London")
FRIDAY_AFTERNOON = datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)
BEFORE_CHRISTMAS = datetime(2026, 12, 23, 11, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    "priority, now, due",
    [
        (RepairPriority.EMERGENCY, FRIDAY_AFTERNOON, datetime(2026, 11, 27, 20, 0, tzinfo=LONDON)),
        (RepairPriority.EMERGENCY, BEFORE_CHRISTMAS, datetime(2026, 12, 23, 15, 0, tzinfo=LONDON)),
        (RepairPriority.ROUTINE, FRIDAY_AFTERNOON, date(2026, 12, 14)),
        (RepairPriority.ROUTINE, BEFORE_CHRISTMAS, date(2027, 1, 9)),
    ],
)
def test_a_repair_is_logged_with_its_charter_deadline(desk, priority, now, due):
    receipt = log_repair(desk, priority, "water through the ceiling", "tenant-1", now)
    assert receipt.reference.startswith("REP-2026-")
    assert receipt.deadlines["repair"].due == due
    case = desk.cases.find(receipt.reference)
    assert case.category == priority.value
    assert case.conversation_id == "tenant-1"


@pytest.mark.parametrize(
    "risk, now, respond, action_plan",
    [
        # 1 working day, then an action plan 2 working days after that contact.
        (AsbRisk.HIGH, FRIDAY_AFTERNOON, date(2026, 11, 30), date(2026, 12, 2)),
        (AsbRisk.HIGH, BEFORE_CHRISTMAS, date(2026, 12, 24), date(2026, 12, 30)),
        # 3 working days; Christmas Day and the Boxing Day substitute (Mon 28th) are skipped.
        (AsbRisk.LOW, FRIDAY_AFTERNOON, date(2026, 12, 2), None),
        (AsbRisk.LOW, BEFORE_CHRISTMAS, date(2026, 12, 30), None),
    ],
)
def test_an_asb_report_is_logged_with_its_response_dates(desk, risk, now, respond, action_plan):
    receipt = log_asb_report(desk, risk, "threats on the stairs", "tenant-2", now)
    assert receipt.reference.startswith("ASB-2026-")
    assert receipt.deadlines["respond"].due == respond
    planned = receipt.deadlines.get("action_plan")
    assert (planned.due if planned else None) == action_plan


@pytest.mark.parametrize(
    "now, manager_contact, acknowledgement, response",
    [
        (FRIDAY_AFTERNOON, date(2026, 12, 2), date(2026, 12, 4), date(2026, 12, 18)),
        # Across Christmas and New Year's Day 2027 (a Friday).
        (BEFORE_CHRISTMAS, date(2026, 12, 30), date(2027, 1, 4), date(2027, 1, 18)),
    ],
)
def test_a_complaint_is_logged_at_stage_one_with_every_date(
    desk, now, manager_contact, acknowledgement, response
):
    receipt = log_complaint(desk, "nobody came to fix the door", "tenant-3", now)
    assert receipt.reference.startswith("CMP-2026-")
    assert receipt.deadlines["manager_contact"].due == manager_contact
    assert receipt.deadlines["acknowledgement"].due == acknowledgement
    assert receipt.deadlines["response"].due == response
    assert desk.cases.find(receipt.reference).category == "stage_one"


def test_a_day_deadline_is_stored_as_the_end_of_that_day(desk):
    receipt = log_asb_report(desk, AsbRisk.LOW, "noise", "tenant-4", FRIDAY_AFTERNOON)
    stored = desk.cases.find(receipt.reference).first_due_at.astimezone(LONDON)
    assert (stored.date(), stored.hour, stored.minute) == (date(2026, 12, 2), 23, 59)


def test_the_event_log_records_the_classification_and_each_deadline_with_its_source(desk):
    classified = {"intent": "report_asb_high_risk", "confidence": 0.93, "rules": ["asb_high_risk"]}
    receipt = log_asb_report(desk, AsbRisk.HIGH, "threats", "tenant-5", FRIDAY_AFTERNOON, classified=classified)
    [opened] = desk.cases.events(receipt.reference)
    assert opened.detail["classified"] == classified
    assert opened.detail["deadlines"]["respond"] == {"due": "2026-11-30", "promise": "asb.high_risk.respond", "source": "003"}
    assert opened.detail["deadlines"]["action_plan"]["due"] == "2026-12-02"
