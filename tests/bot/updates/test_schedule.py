"""The reminder the day before a date, and the apology once it has passed: once each."""

from datetime import datetime, timedelta

from bot.cases import CaseStatus
from bot.charter import RepairPriority
from bot.intake import log_domestic_abuse
from bot.updates import UpdateKind
from bot.updates.schedule import CATCH_UP, own_up_to_dates
from tests.bot.updates.conftest import LONDON, MONDAY_MORNING, a_repair

# The routine repair reported on Monday 7 December is due by the end of Thursday 24 December.
THE_DAY_BEFORE = datetime(2026, 12, 23, 9, 0, tzinfo=LONDON)
THE_DAY_AFTER = datetime(2026, 12, 25, 9, 0, tzinfo=LONDON)


def _kinds(teller, case):
    return [u.kind for u in teller.updates.for_case(case.reference)]


def test_the_day_before_the_date_an_open_case_is_owned_up_to_once(desk, teller):
    case = a_repair(desk)
    assert own_up_to_dates(teller, THE_DAY_BEFORE - timedelta(days=1)) == []
    assert len(own_up_to_dates(teller, THE_DAY_BEFORE)) == 1
    assert own_up_to_dates(teller, THE_DAY_BEFORE + timedelta(hours=3)) == []
    assert _kinds(teller, case) == [UpdateKind.DUE_TOMORROW]


def test_after_the_date_an_apology_once(desk, teller):
    case = a_repair(desk)
    own_up_to_dates(teller, THE_DAY_BEFORE)
    own_up_to_dates(teller, THE_DAY_AFTER)
    own_up_to_dates(teller, THE_DAY_AFTER + timedelta(hours=5))
    assert _kinds(teller, case) == [UpdateKind.DUE_TOMORROW, UpdateKind.OVERDUE]


def test_a_completed_case_is_not_chased(desk, teller):
    case = a_repair(desk)
    desk.cases.set_status(case.reference, CaseStatus.COMPLETED, MONDAY_MORNING + timedelta(days=2), "staff:amy")
    own_up_to_dates(teller, THE_DAY_BEFORE)
    own_up_to_dates(teller, THE_DAY_AFTER)
    assert _kinds(teller, case) == []


def test_a_promise_in_hours_gets_no_day_before_but_an_apology(desk, teller):
    case = a_repair(desk, priority=RepairPriority.EMERGENCY)
    own_up_to_dates(teller, case.first_due_at - timedelta(hours=1))
    assert _kinds(teller, case) == []
    own_up_to_dates(teller, case.first_due_at + timedelta(minutes=1))
    assert _kinds(teller, case) == [UpdateKind.OVERDUE]


def test_dates_missed_long_ago_are_not_all_messaged_at_once(desk, teller):
    case = a_repair(desk)
    own_up_to_dates(teller, case.first_due_at + CATCH_UP + timedelta(hours=1))
    assert _kinds(teller, case) == []


def test_a_domestic_abuse_case_is_never_chased(desk, teller):
    receipt = log_domestic_abuse(desk, "my partner hurts me", "text only", "web-1", MONDAY_MORNING)
    case = desk.cases.find(receipt.reference)
    own_up_to_dates(teller, case.first_due_at + timedelta(hours=1))
    assert _kinds(teller, case) == []
