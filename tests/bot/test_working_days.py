"""Deadlines fall on the dates a person with a calendar would give.

Every expected date below was worked out by hand from the calendar and the published bank
holidays of England and Wales, never by calling the code under test. Counting convention
(see bot/working_days.py): a report at any time on day D counts from D, and "within N
working days" is the N-th working day after D.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone
from typing import Callable
from zoneinfo import ZoneInfo

import pytest

from bot.charter import DEFAULT_CHARTER_FILE, RepairPriority, Timescale, Unit, load_charter
from bot.working_days import WorkingCalendar, describe_due, describe_moment, describe_office_hours, months_before

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    """'2025-12-01 14:40' in London time."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar.from_charter(load_charter(DEFAULT_CHARTER_FILE))


# --------------------------------------------------------------------------------------
# Which days are working days.


@pytest.mark.parametrize(
    "when, working",
    [
        pytest.param("2025-12-01", True, id="Mon 1 Dec 2025, an ordinary Monday"),
        pytest.param("2025-12-24", True, id="Wed 24 Dec 2025, Christmas Eve is worked"),
        pytest.param("2025-12-06", False, id="Sat 6 Dec 2025"),
        pytest.param("2025-12-07", False, id="Sun 7 Dec 2025"),
        pytest.param("2025-12-25", False, id="Thu 25 Dec 2025, Christmas Day"),
        pytest.param("2025-12-26", False, id="Fri 26 Dec 2025, Boxing Day"),
        pytest.param("2026-12-25", False, id="Fri 25 Dec 2026, Christmas Day"),
        pytest.param("2026-12-28", False, id="Mon 28 Dec 2026, Boxing Day substitute"),
        pytest.param("2026-12-29", True, id="Tue 29 Dec 2026, back at work"),
        pytest.param("2027-12-27", False, id="Mon 27 Dec 2027, Christmas Day substitute"),
        pytest.param("2027-12-28", False, id="Tue 28 Dec 2027, Boxing Day substitute"),
        pytest.param("2027-12-29", True, id="Wed 29 Dec 2027, back at work"),
        pytest.param("2022-12-27", False, id="Tue 27 Dec 2022, Christmas (a Sunday) substitute"),
        pytest.param("2026-01-01", False, id="Thu 1 Jan 2026, New Year's Day"),
        pytest.param("2023-01-02", False, id="Mon 2 Jan 2023, New Year (a Sunday) substitute"),
        pytest.param("2028-01-03", False, id="Mon 3 Jan 2028, New Year (a Saturday) substitute"),
        pytest.param("2027-03-25", True, id="Thu 25 Mar 2027, before Easter"),
        pytest.param("2027-03-26", False, id="Fri 26 Mar 2027, Good Friday"),
        pytest.param("2027-03-29", False, id="Mon 29 Mar 2027, Easter Monday"),
        pytest.param("2027-03-30", True, id="Tue 30 Mar 2027, after Easter"),
        pytest.param("2026-05-04", False, id="Mon 4 May 2026, early May bank holiday"),
        pytest.param("2027-05-03", False, id="Mon 3 May 2027, early May bank holiday"),
        pytest.param("2020-05-08", False, id="Fri 8 May 2020, early May holiday moved for VE Day"),
        pytest.param("2020-05-04", True, id="Mon 4 May 2020, worked that year"),
        pytest.param("2022-09-19", False, id="Mon 19 Sep 2022, one-off: the Queen's funeral"),
    ],
)
def test_working_days(calendar: WorkingCalendar, when: str, working: bool) -> None:
    assert calendar.is_working_day(day(when)) is working


def test_a_bank_holiday_has_a_name_to_quote(calendar: WorkingCalendar) -> None:
    assert calendar.bank_holiday_name(day("2027-03-26")) == "Good Friday"
    assert calendar.bank_holiday_name(day("2027-03-25")) is None


# --------------------------------------------------------------------------------------
# Counting working days.


@pytest.mark.parametrize(
    "reported, n, due",
    [
        pytest.param("2025-12-01 10:00", 1, "2025-12-02", id="Mon, 1 -> Tue"),
        pytest.param("2025-12-01 23:30", 1, "2025-12-02", id="Mon late evening still counts from Mon"),
        pytest.param("2025-12-01 10:00", 0, "2025-12-01", id="0 working days is the same day"),
        pytest.param("2025-11-27 14:00", 3, "2025-12-02", id="Thu 27 Nov, 3 -> Tue 2 Dec"),
        pytest.param("2025-12-05 16:00", 1, "2025-12-08", id="Fri, 1 -> Mon over the weekend"),
        pytest.param("2025-12-06 12:00", 1, "2025-12-08", id="Sat, 1 -> Mon"),
        pytest.param("2025-12-07 12:00", 1, "2025-12-08", id="Sun, 1 -> Mon"),
        pytest.param("2025-12-01 09:00", 10, "2025-12-15", id="stage 1 response: Mon 1 Dec, 10 -> Mon 15 Dec"),
        pytest.param("2025-12-24 11:00", 1, "2025-12-29", id="Christmas 2025: Wed 24 Dec, 1 -> Mon 29 Dec"),
        pytest.param("2025-12-23 11:00", 3, "2025-12-30", id="Christmas 2025: Tue 23 Dec, 3 -> Tue 30 Dec"),
        pytest.param("2025-12-19 11:00", 10, "2026-01-07", id="Christmas and New Year: Fri 19 Dec, 10 -> Wed 7 Jan"),
        pytest.param("2026-12-24 11:00", 1, "2026-12-29", id="Christmas 2026: Thu 24 Dec, 1 -> Tue 29 Dec"),
        pytest.param("2027-12-24 11:00", 1, "2027-12-29", id="Christmas 2027: Fri 24 Dec, 1 -> Wed 29 Dec"),
        pytest.param("2025-12-31 11:00", 1, "2026-01-02", id="New Year 2026: Wed 31 Dec, 1 -> Fri 2 Jan"),
        pytest.param("2027-12-31 11:00", 1, "2028-01-04", id="New Year 2028: Fri 31 Dec, 1 -> Tue 4 Jan"),
        pytest.param("2027-03-25 11:00", 1, "2027-03-30", id="Easter 2027: Thu 25 Mar, 1 -> Tue 30 Mar"),
        pytest.param("2027-03-24 11:00", 3, "2027-03-31", id="Easter 2027: Wed 24 Mar, 3 -> Wed 31 Mar"),
        pytest.param("2026-05-01 11:00", 1, "2026-05-05", id="early May 2026: Fri 1 May, 1 -> Tue 5 May"),
        pytest.param("2020-05-07 11:00", 1, "2020-05-11", id="early May 2020: Thu 7 May, 1 -> Mon 11 May"),
    ],
)
def test_add_working_days(calendar: WorkingCalendar, reported: str, n: int, due: str) -> None:
    assert calendar.add_working_days(at(reported), n) == day(due)


def test_working_days_count_from_the_local_date(calendar: WorkingCalendar) -> None:
    # 23:30 UTC on Sun 7 June 2026 is 00:30 BST on Mon 8 June: the report is Monday's.
    assert calendar.add_working_days(utc("2026-06-07 23:30"), 1) == day("2026-06-09")


def test_a_clock_may_start_from_a_date(calendar: WorkingCalendar) -> None:
    # An acknowledgement sent on Mon 1 Dec 2025 starts the 10-working-day response clock.
    assert calendar.add_working_days(day("2025-12-01"), 10) == day("2025-12-15")


# --------------------------------------------------------------------------------------
# Calendar days and clock hours.


@pytest.mark.parametrize(
    "reported, n, due",
    [
        pytest.param("2025-12-01 10:00", 17, "2025-12-18", id="routine: Mon 1 Dec, 17 days -> Thu 18 Dec"),
        pytest.param("2025-12-20 10:00", 17, "2026-01-06", id="routine over Christmas: Sat 20 Dec -> Tue 6 Jan"),
        pytest.param("2025-12-01 10:00", 30, "2025-12-31", id="external: 1 Dec, 30 days -> 31 Dec"),
        pytest.param("2025-12-01 10:00", 60, "2026-01-30", id="major: 1 Dec, 60 days -> 30 Jan"),
        pytest.param("2025-12-24 10:00", 5, "2025-12-29", id="combi boiler: 24 Dec, 5 days -> 29 Dec"),
    ],
)
def test_add_days(calendar: WorkingCalendar, reported: str, n: int, due: str) -> None:
    assert calendar.add_days(at(reported), n) == day(due)


@pytest.mark.parametrize(
    "start, n, due",
    [
        pytest.param(at("2025-12-01 14:40"), 4, at("2025-12-01 18:40"), id="emergency: 14:40 + 4h"),
        pytest.param(at("2025-12-05 22:00"), 6, at("2025-12-06 04:00"), id="urgent overnight into Saturday"),
        pytest.param(at("2025-12-25 09:00"), 4, at("2025-12-25 13:00"), id="Christmas Day: hours still run"),
        pytest.param(at("2025-12-05 18:00"), 24, at("2025-12-06 18:00"), id="Awaab's Law emergency: 24h"),
        pytest.param(at("2026-03-29 00:30"), 4, at("2026-03-29 05:30"), id="clocks go forward: 4 real hours"),
        pytest.param(at("2026-10-25 00:30"), 4, at("2026-10-25 03:30"), id="clocks go back: 4 real hours"),
        pytest.param(utc("2026-06-01 13:40"), 4, at("2026-06-01 18:40"), id="UTC in, London out"),
    ],
)
def test_add_hours(calendar: WorkingCalendar, start: datetime, n: int, due: datetime) -> None:
    result = calendar.add_hours(start, n)
    assert result == due
    assert result.utcoffset() == due.utcoffset()
    assert result.tzinfo == LONDON


# --------------------------------------------------------------------------------------
# Due dates from the charter's timescales.


@pytest.mark.parametrize(
    "timescale, reported, due",
    [
        pytest.param(Timescale(4, Unit.HOURS), at("2025-12-01 14:40"), at("2025-12-01 18:40"), id="4 hours"),
        pytest.param(Timescale(17, Unit.DAYS), at("2025-12-01 14:40"), day("2025-12-18"), id="17 days"),
        pytest.param(Timescale(1, Unit.WORKING_DAYS), at("2025-12-05 14:40"), day("2025-12-08"), id="1 working day"),
        pytest.param(Timescale(2, Unit.WORKING_DAYS), at("2025-12-24 14:40"), day("2025-12-30"), id="2 working days"),
    ],
)
def test_due(calendar: WorkingCalendar, timescale: Timescale, reported: datetime, due: date) -> None:
    assert calendar.due(reported, timescale) == due


def test_due_with_the_charters_own_timescale(calendar: WorkingCalendar) -> None:
    emergency = load_charter(DEFAULT_CHARTER_FILE).repair(RepairPriority.EMERGENCY)
    assert calendar.due(at("2025-12-01 14:40"), emergency.within) == at("2025-12-01 18:40")


def test_an_hours_clock_needs_a_time(calendar: WorkingCalendar) -> None:
    with pytest.raises(TypeError):
        calendar.due(day("2025-12-01"), Timescale(4, Unit.HOURS))


# --------------------------------------------------------------------------------------
# Office hours.


@pytest.mark.parametrize(
    "moment, out_of_hours",
    [
        pytest.param(at("2025-12-01 08:29"), True, id="Mon 08:29, not yet open"),
        pytest.param(at("2025-12-01 08:30"), False, id="Mon 08:30, open"),
        pytest.param(at("2025-12-01 12:00"), False, id="Mon noon"),
        pytest.param(at("2025-12-01 16:59"), False, id="Mon 16:59, still open"),
        pytest.param(at("2025-12-01 16:59:59"), False, id="Mon 16:59:59, still open"),
        pytest.param(at("2025-12-01 17:00"), True, id="Mon 17:00, closed"),
        pytest.param(at("2025-12-01 23:00"), True, id="Mon 23:00"),
        pytest.param(at("2025-12-06 12:00"), True, id="Sat noon"),
        pytest.param(at("2025-12-07 12:00"), True, id="Sun noon"),
        pytest.param(at("2025-12-25 10:00"), True, id="Christmas Day 2025"),
        pytest.param(at("2026-12-28 10:00"), True, id="Boxing Day substitute 2026"),
        pytest.param(at("2027-03-29 10:00"), True, id="Easter Monday 2027"),
        pytest.param(at("2026-05-04 10:00"), True, id="early May bank holiday 2026"),
        pytest.param(utc("2026-06-01 16:30"), True, id="16:30 UTC is 17:30 BST, closed"),
        pytest.param(utc("2026-06-01 07:45"), False, id="07:45 UTC is 08:45 BST, open"),
    ],
)
def test_out_of_hours(calendar: WorkingCalendar, moment: datetime, out_of_hours: bool) -> None:
    assert calendar.is_out_of_hours(moment) is out_of_hours


@pytest.mark.parametrize(
    "moment, next_moment",
    [
        pytest.param("2025-12-01 10:00", "2025-12-01 10:00", id="open now"),
        pytest.param("2025-12-01 07:00", "2025-12-01 08:30", id="early Monday -> opening"),
        pytest.param("2025-12-01 17:00", "2025-12-02 08:30", id="Mon 17:00 -> Tue opening"),
        pytest.param("2025-12-05 17:30", "2025-12-08 08:30", id="Fri evening -> Mon"),
        pytest.param("2025-12-06 09:00", "2025-12-08 08:30", id="Saturday -> Mon"),
        pytest.param("2025-12-24 17:00", "2025-12-29 08:30", id="Christmas Eve 2025 -> Mon 29 Dec"),
        pytest.param("2026-12-24 18:00", "2026-12-29 08:30", id="Christmas Eve 2026 -> Tue 29 Dec"),
        pytest.param("2027-03-25 17:15", "2027-03-30 08:30", id="before Easter 2027 -> Tue 30 Mar"),
        pytest.param("2026-05-01 20:00", "2026-05-05 08:30", id="before early May 2026 -> Tue 5 May"),
        pytest.param("2027-12-31 17:00", "2028-01-04 08:30", id="New Year's Eve 2027 -> Tue 4 Jan"),
    ],
)
def test_next_working_moment(calendar: WorkingCalendar, moment: str, next_moment: str) -> None:
    assert calendar.next_working_moment(at(moment)) == at(next_moment)


# --------------------------------------------------------------------------------------
# Naive datetimes are refused: a deadline without a time zone is a guess.

NAIVE = datetime(2025, 12, 1, 10, 0)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c: c.is_working_day(NAIVE), id="is_working_day"),
        pytest.param(lambda c: c.add_working_days(NAIVE, 1), id="add_working_days"),
        pytest.param(lambda c: c.add_days(NAIVE, 17), id="add_days"),
        pytest.param(lambda c: c.add_hours(NAIVE, 4), id="add_hours"),
        pytest.param(lambda c: c.due(NAIVE, Timescale(4, Unit.HOURS)), id="due"),
        pytest.param(lambda c: c.is_out_of_hours(NAIVE), id="is_out_of_hours"),
        pytest.param(lambda c: c.next_working_moment(NAIVE), id="next_working_moment"),
        pytest.param(lambda c: describe_due(NAIVE, at("2025-12-01 09:00")), id="describe_due: due"),
        pytest.param(lambda c: describe_due(day("2025-12-02"), NAIVE), id="describe_due: now"),
    ],
)
def test_naive_datetimes_are_refused(calendar: WorkingCalendar, call: Callable[[WorkingCalendar], object]) -> None:
    with pytest.raises(ValueError, match="no time zone"):
        call(calendar)


def test_negative_counts_are_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(at("2025-12-01 10:00"), -1)


# --------------------------------------------------------------------------------------
# The phrase the bot quotes.


@pytest.mark.parametrize(
    "due, now, phrase",
    [
        # A time: to the minute, with its weekday and date always, "today" or "tomorrow" beside them.
        pytest.param(
            at("2025-12-01 18:40"), at("2025-12-01 14:40"), "by 18:40 today, Monday 1 December", id="later today"
        ),
        pytest.param(
            at("2025-12-02 09:15"), at("2025-12-01 20:00"), "by 09:15 tomorrow, Tuesday 2 December", id="tomorrow"
        ),
        pytest.param(
            at("2026-01-01 02:00"),
            at("2025-12-31 22:00"),
            "by 02:00 tomorrow, Thursday 1 January 2026",
            id="tomorrow, next year",
        ),
        pytest.param(
            at("2025-12-03 09:15"), at("2025-12-01 09:00"), "by 09:15 on Wednesday 3 December", id="in two days"
        ),
        pytest.param(
            utc("2026-06-01 17:40"), at("2026-06-01 14:00"), "by 18:40 today, Monday 1 June", id="UTC read in BST"
        ),
        # A day: its weekday and date; today's is the end of the day.
        pytest.param(day("2025-12-02"), at("2025-11-27 14:00"), "by Tuesday 2 December", id="a date"),
        pytest.param(day("2025-12-02"), at("2025-12-01 14:00"), "by Tuesday 2 December", id="a date tomorrow"),
        pytest.param(
            day("2025-12-01"), at("2025-12-01 14:00"), "by the end of today, Monday 1 December", id="a date today"
        ),
        pytest.param(day("2026-01-07"), at("2025-12-19 11:00"), "by Wednesday 7 January 2026", id="a date next year"),
    ],
)
def test_describe_due(due: datetime | date, now: datetime, phrase: str) -> None:
    assert describe_due(due, now) == phrase


@pytest.mark.parametrize(
    "moment, now, phrase",
    [
        pytest.param(
            at("2025-12-02 08:30"), at("2025-12-01 23:30"), "at 08:30 tomorrow, Tuesday 2 December", id="tomorrow"
        ),
        pytest.param(at("2025-12-08 08:30"), at("2025-12-05 18:00"), "at 08:30 on Monday 8 December", id="Monday"),
    ],
)
def test_describe_moment(moment: datetime, now: datetime, phrase: str) -> None:
    assert describe_moment(moment, now) == phrase


def test_the_working_days_module_does_not_import_rasa() -> None:
    source = (DEFAULT_CHARTER_FILE.parent / "bot" / "working_days.py").read_text(encoding="utf-8")
    assert "import rasa" not in source and "from rasa" not in source


@pytest.mark.parametrize(
    "days, opens, closes, phrase",
    [
        ({0, 1, 2, 3, 4}, time(8, 30), time(17, 0), "Monday to Friday, 08:30 to 17:00, except bank holidays"),
        ({0, 2, 4}, time(9, 0), time(12, 30), "Monday, Wednesday, Friday, 09:00 to 12:30, except bank holidays"),
    ],
)
def test_office_hours_are_described_as_a_tenant_reads_them(days, opens, closes, phrase):
    hours = replace(load_charter().office_hours, days=frozenset(days), opens=opens, closes=closes)
    assert describe_office_hours(hours) == phrase


@pytest.mark.parametrize(
    "moment, months, earlier",
    [
        (datetime(2026, 11, 22, 9, tzinfo=LONDON), 6, datetime(2026, 5, 22, 9, tzinfo=LONDON)),
        (datetime(2026, 8, 31, 9, tzinfo=LONDON), 6, datetime(2026, 2, 28, 9, tzinfo=LONDON)),
        (datetime(2026, 3, 15, 9, tzinfo=LONDON), 12, datetime(2025, 3, 15, 9, tzinfo=LONDON)),
    ],
)
def test_months_are_counted_on_the_calendar(moment, months, earlier):
    assert months_before(moment, months) == earlier


@pytest.mark.parametrize(
    "clock, said",
    [
        (time(8, 0), "8am"),
        (time(13, 0), "1pm"),
        (time(8, 30), "8:30am"),
        (time(12, 0), "midday"),
        (time(12, 30), "12:30pm"),
        (time(0, 0), "midnight"),
        (time(18, 5), "6:05pm"),
    ],
)
def test_a_time_of_day_is_said_as_tenants_say_it(clock: time, said: str) -> None:
    from bot.working_days import describe_clock

    assert describe_clock(clock) == said


@pytest.mark.parametrize(
    "day, today, said, briefly",
    [
        (date(2026, 12, 8), date(2026, 12, 7), "Tuesday 8 December", "Tue 8 Dec"),
        (date(2027, 1, 4), date(2026, 12, 30), "Monday 4 January 2027", "Mon 4 Jan"),
        (date(2026, 12, 30), date(2026, 12, 29), "Wednesday 30 December", "Wed 30 Dec"),
    ],
)
def test_a_day_is_said_with_its_weekday_and_briefly_in_a_few_letters(
    day: date, today: date, said: str, briefly: str
) -> None:
    from bot.working_days import describe_day, describe_day_briefly

    assert describe_day(day, today) == said
    assert describe_day_briefly(day) == briefly
