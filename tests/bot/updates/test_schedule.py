"""The reminder the day before a date, the apology once it has passed, and the reminder the day
before a booked visit: once each."""

from datetime import datetime, timedelta

import pytest

from bot.cases import CaseStatus
from bot.charter import RepairPriority
from bot.intake import log_domestic_abuse
from bot.updates import UpdateKind
from bot.updates.schedule import CATCH_UP, own_up_to_dates, remind_of_visits
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


# --- the reminder the day before a visit --------------------------------------------------------


@pytest.fixture
def visits(desk, teller):
    from bot.visits import Visits, load_visit_calendar

    return Visits(desk, load_visit_calendar(), teller)


# Booked on Monday 7 December for Thursday 10 December, morning.
VISIT_DAY_BEFORE = datetime(2026, 12, 9, 0, 0, 15, tzinfo=LONDON)


def _reminders(teller, case):
    return [u for u in teller.updates.for_case(case.reference) if u.kind is UpdateKind.VISIT_REMINDER]


@pytest.mark.parametrize(
    "now, reminded",
    [
        (datetime(2026, 12, 8, 23, 59, tzinfo=LONDON), False),  # two days before
        (VISIT_DAY_BEFORE, True),  # the day before, as it begins
        (datetime(2026, 12, 9, 19, 0, tzinfo=LONDON), True),  # the day before, in the evening
        (datetime(2026, 12, 10, 7, 0, tzinfo=LONDON), False),  # the day itself: too late
    ],
)
def test_a_visit_is_reminded_of_the_day_before(desk, teller, visits, now, reminded):
    case = a_repair(desk, on="sms")
    visits.book(case.reference, "2026-12-10:morning", MONDAY_MORNING, "tenant")
    remind_of_visits(teller, now)
    assert bool(_reminders(teller, case)) is reminded


def test_a_visit_is_reminded_of_once_in_the_morning_with_its_slot_in_words(desk, teller, visits):
    case = a_repair(desk, on="sms")
    visits.book(case.reference, "2026-12-10:morning", MONDAY_MORNING, "tenant")
    assert len(remind_of_visits(teller, VISIT_DAY_BEFORE)) == 1
    assert remind_of_visits(teller, VISIT_DAY_BEFORE + timedelta(hours=9)) == []
    [reminder] = _reminders(teller, case)
    assert "tomorrow, Thursday 10 December, morning (8am to 1pm)" in reminder.text
    assert case.reference in reminder.text
    # Decided just after midnight, it waits for the day.
    assert UpdateKind.VISIT_REMINDER not in [u.kind for u in teller.updates.claim(VISIT_DAY_BEFORE, "w")]
    morning = datetime(2026, 12, 9, 8, 0, tzinfo=LONDON)
    assert UpdateKind.VISIT_REMINDER in [u.kind for u in teller.updates.claim(morning, "w")]


def test_a_moved_visit_is_reminded_of_at_its_new_time_only(desk, teller, visits):
    case = a_repair(desk)
    visits.book(case.reference, "2026-12-10:morning", MONDAY_MORNING, "tenant")
    visits.book(case.reference, "2026-12-10:afternoon", MONDAY_MORNING, "tenant")
    remind_of_visits(teller, VISIT_DAY_BEFORE)
    [reminder] = _reminders(teller, case)
    assert "afternoon" in reminder.text and "morning (" not in reminder.text


@pytest.mark.parametrize("change", ["cancelled", "completed"])
def test_a_cancelled_visit_or_a_completed_repair_gets_no_reminder(desk, teller, visits, change):
    case = a_repair(desk)
    visits.book(case.reference, "2026-12-10:morning", MONDAY_MORNING, "tenant")
    if change == "cancelled":
        visits.cancel(case.reference, MONDAY_MORNING + timedelta(days=1), "tenant")
    else:
        desk.cases.set_status(case.reference, CaseStatus.COMPLETED, MONDAY_MORNING + timedelta(days=1), "staff:amy")
    assert remind_of_visits(teller, VISIT_DAY_BEFORE) == []
    assert _reminders(teller, case) == []


def test_a_visit_booked_the_day_before_is_not_reminded_of_that_day(desk, teller, visits):
    case = a_repair(desk)
    visits.book(case.reference, "2026-12-10:morning", datetime(2026, 12, 9, 9, 0, tzinfo=LONDON), "tenant")
    assert remind_of_visits(teller, datetime(2026, 12, 9, 10, 0, tzinfo=LONDON)) == []
