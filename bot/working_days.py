"""The one place where the landlord's clocks are turned into real dates and times.

A promise is only useful to a tenant, and only checkable by a regulator, as a real date:
"we will respond by Tuesday 2 December". Counting must therefore be the same everywhere,
skip the right bank holidays (taken from the maintained ``holidays`` library, never a
hand-typed list) and be done in the landlord's local time, whatever the server's clock says.

Counting convention
    A report made at any time on day D counts from D; D itself is never one of the days
    counted. "Within 3 working days" is the 3rd working day after D, and "within 17 days"
    is D + 17 calendar days; the deadline is the end of that day. So a report at 16:59 and
    one at 23:00 on the same Monday share a deadline, and a report on a Saturday is counted
    as if made that Saturday (1 working day later is the Monday, if it is not a bank
    holiday). Hour clocks run round the clock, because the emergency services they govern
    do.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta, timezone
from typing import FrozenSet, Optional, Union
from zoneinfo import ZoneInfo

import holidays

from bot.charter import BankHolidayRegion, Charter, OfficeHours, Timescale, Unit

__all__ = [
    "Due",
    "WorkingCalendar",
    "bank_holidays",
    "describe_clock",
    "describe_day",
    "describe_day_briefly",
    "describe_due",
    "describe_moment",
    "describe_office_hours",
]

#: A deadline: a moment for hour clocks, a whole day for day clocks.
Due = Union[datetime, date]

_SUBDIVISIONS = {
    BankHolidayRegion.ENGLAND_AND_WALES: "ENG",
    BankHolidayRegion.SCOTLAND: "SCT",
    BankHolidayRegion.NORTHERN_IRELAND: "NIR",
}

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def bank_holidays(
    region: BankHolidayRegion = BankHolidayRegion.ENGLAND_AND_WALES,
) -> holidays.HolidayBase:
    """Bank holidays from the maintained library, including substitute and one-off days.

    England and Wales share theirs; the library files them under subdivision "ENG".
    """
    return holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[region])


class WorkingCalendar:
    """The landlord's working week, opening hours and bank holidays, in its own time zone."""

    def __init__(
        self,
        tz: ZoneInfo,
        opens: time,
        closes: time,
        working_weekdays: FrozenSet[int] = frozenset(range(5)),
        holidays_calendar: Optional[holidays.HolidayBase] = None,
    ) -> None:
        if closes <= opens:
            raise ValueError("closing time must be after opening time")
        if not working_weekdays:
            raise ValueError("at least one working weekday is needed")
        self.tz = tz
        self.opens = opens
        self.closes = closes
        self.working_weekdays = frozenset(working_weekdays)
        self._holidays = holidays_calendar if holidays_calendar is not None else bank_holidays()
        # The library fills in a year the first time it is asked about it; keep that safe
        # when several conversations ask at once.
        self._holidays_lock = threading.Lock()

    @classmethod
    def from_charter(cls, charter: Charter) -> "WorkingCalendar":
        """The calendar the charter's promises are counted in."""
        hours = charter.office_hours
        return cls(
            tz=charter.timezone,
            opens=hours.opens,
            closes=hours.closes,
            working_weekdays=hours.days,
            holidays_calendar=bank_holidays(hours.bank_holidays),
        )

    # --- days ---------------------------------------------------------------------------

    def bank_holiday_name(self, day: Union[date, datetime]) -> Optional[str]:
        """The holiday's name, so the bot can say why the office is closed."""
        local_day = self._day(day)
        with self._holidays_lock:
            return self._holidays.get(local_day)

    def is_working_day(self, day: Union[date, datetime]) -> bool:
        """A working weekday that is not a bank holiday."""
        local_day = self._day(day)
        if local_day.weekday() not in self.working_weekdays:
            return False
        return self.bank_holiday_name(local_day) is None

    def add_working_days(self, start: Union[datetime, date], n: int) -> date:
        """The n-th working day after the start's (local) date; the start day never counts."""
        day = self._day(start)
        remaining = _not_negative(n)
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def add_days(self, start: Union[datetime, date], n: int) -> date:
        """n calendar days after the start's (local) date, as the source's "days" mean."""
        return self._day(start) + timedelta(days=_not_negative(n))

    def add_hours(self, start: datetime, n: int) -> datetime:
        """n elapsed hours later, in local time; a clock change does not add or lose time."""
        local = self._local(start)
        later = local.astimezone(timezone.utc) + timedelta(hours=_not_negative(n))
        return later.astimezone(self.tz)

    def due(self, start: Union[datetime, date], timescale: Timescale) -> Due:
        """When a clock of this timescale, started at ``start``, runs out."""
        if timescale.unit is Unit.HOURS:
            if not isinstance(start, datetime):
                raise TypeError("an hours clock needs a start time, not just a date")
            return self.add_hours(start, timescale.amount)
        if timescale.unit is Unit.DAYS:
            return self.add_days(start, timescale.amount)
        return self.add_working_days(start, timescale.amount)

    # --- office hours -------------------------------------------------------------------

    def is_out_of_hours(self, moment: datetime) -> bool:
        """Whether staff are away: weekends, bank holidays, before opening, from closing."""
        local = self._local(moment)
        if not self.is_working_day(local.date()):
            return True
        return not self.opens <= local.time() < self.closes

    def next_working_moment(self, moment: datetime) -> datetime:
        """When staff can next pick something up: now if the office is open, else opening."""
        local = self._local(moment)
        if not self.is_out_of_hours(local):
            return local
        day = local.date()
        if not (self.is_working_day(day) and local.time() < self.opens):
            day = self.add_working_days(day, 1)
        return datetime.combine(day, self.opens, tzinfo=self.tz)

    # --- helpers ------------------------------------------------------------------------

    def _local(self, moment: datetime) -> datetime:
        return _require_aware(moment).astimezone(self.tz)

    def _day(self, value: Union[date, datetime]) -> date:
        """A datetime is read in local time; a bare date is taken as already local."""
        if isinstance(value, datetime):
            return self._local(value).date()
        if isinstance(value, date):
            return value
        raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def describe_due(due: Due, now: datetime) -> str:
    """The phrase the bot quotes after a timescale: "by 18:40 today, Monday 1 December".

    Every due date and time a tenant is told goes through here (and describe_moment). The
    weekday and date are always given: a message read the next morning, forwarded, or
    screenshotted as evidence must still say which day was promised; "today" and "tomorrow"
    only help, beside the date. Read in ``now``'s time zone; the year only when it is not this year.
    """
    return f"by {_when(due, now)}"


def describe_moment(moment: datetime, now: datetime) -> str:
    """When something will happen rather than a deadline: "at 08:30 tomorrow, Tuesday 2 December"."""
    return f"at {_when(moment, now)}"


def _when(due: Due, now: datetime) -> str:
    """ "18:40 today, Monday 1 December", "09:15 on Wednesday 3 December", "Tuesday 2 December",
    or "the end of today, Monday 1 December"."""
    now_local = _require_aware(now)
    today = now_local.date()
    if isinstance(due, datetime):
        local = _require_aware(due).astimezone(now_local.tzinfo)
        clock = local.strftime("%H:%M")
        nearby = _nearby_day(local.date(), today)
        if nearby:
            return f"{clock} {nearby}, {_day_phrase(local.date(), today)}"
        return f"{clock} on {_day_phrase(local.date(), today)}"
    if due == today:
        return f"the end of today, {_day_phrase(due, today)}"
    return _day_phrase(due, today)


def _nearby_day(day: date, today: date) -> Optional[str]:
    """ "today" or "tomorrow", said beside a time as people say it; None for any other day."""
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return None


def describe_office_hours(hours: OfficeHours) -> str:
    """ "Monday to Friday, 08:30 to 17:00": the office hours as a tenant reads them."""
    days = sorted(hours.days)
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        span = f"{_DAY_NAMES[days[0]]} to {_DAY_NAMES[days[-1]]}"
    else:
        span = ", ".join(_DAY_NAMES[day] for day in days)
    return f"{span}, {hours.opens:%H:%M} to {hours.closes:%H:%M}, except bank holidays"


def describe_day(day: date, today: date) -> str:
    """ "Tuesday 8 December" (with the year when it is not this year): a day on its own, as a
    booked visit names it."""
    return _day_phrase(day, today)


def describe_day_briefly(day: date) -> str:
    """ "Tue 8 Dec": a day where space is short (a Messenger quick reply shows 20 characters)."""
    return f"{_DAY_NAMES[day.weekday()][:3]} {day.day} {_MONTH_NAMES[day.month - 1][:3]}"


def describe_clock(moment: time) -> str:
    """ "8am", "1pm", "8:30am", "midday": a time of day as tenants say it, in a visit's hours."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def _day_phrase(day: date, today: date) -> str:
    """English names, whatever the server's locale is."""
    phrase = f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    return phrase if day.year == today.year else f"{phrase} {day.year}"


def _require_aware(moment: datetime) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"expected a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; deadlines need one")
    return moment


def _not_negative(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("a count of hours or days must be a whole number")
    if n < 0:
        raise ValueError("a count of hours or days cannot be negative")
    return n


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day if it is shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # pragma: no cover - day 1 always exists
