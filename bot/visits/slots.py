"""A visit's time: a half-day of one working day, as the tenant is told it and as it is stored.

A slot carries its hours, not only the half-day's name: a visit keeps the hours it was booked
with, so its reminder says what its booking said even after the landlord changes visits.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import List, Optional

from bot.visits.calendar import HalfDay, VisitCalendar
from bot.working_days import WorkingCalendar, describe_clock, describe_day, describe_day_briefly

# Messenger shows at most 13 quick replies, and one is "None of these".
MOST_OFFERED = 12


@dataclass(frozen=True)
class VisitSlot:
    day: date
    half_day: str
    starts: time
    ends: time

    @classmethod
    def of(cls, day: date, half: HalfDay) -> "VisitSlot":
        return cls(day, half.name, half.starts, half.ends)

    @property
    def key(self) -> str:
        """ "2026-12-08:morning": the slot in a form field or a conversation's slot."""
        return f"{self.day.isoformat()}:{self.half_day}"

    def words(self, today: date) -> str:
        """ "Tuesday 8 December, morning (8am to 1pm)": what the tenant is told."""
        hours = f"{describe_clock(self.starts)} to {describe_clock(self.ends)}"
        return f"{describe_day(self.day, today)}, {self.half_day} ({hours})"

    def button_words(self, today: date) -> str:
        """ "Tuesday 8 December, morning": what a button sends, read back like typed words."""
        return f"{describe_day(self.day, today)}, {self.half_day}"

    @property
    def title(self) -> str:
        """ "Tue 8 Dec morning": a button's title, within Messenger's 20 characters."""
        return f"{describe_day_briefly(self.day)} {self.half_day}"


def slot_for(key: str, calendar: VisitCalendar) -> Optional[VisitSlot]:
    """The slot a key names, with the calendar's hours for its half-day; None if it names none."""
    day_text, _, name = (key or "").partition(":")
    half = calendar.half_day(name)
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return None
    return VisitSlot.of(day, half) if half else None


def days_offered(calendar: VisitCalendar, working: WorkingCalendar, now: datetime) -> List[date]:
    """The next `days_ahead` working days, from the next working day after today (local)."""
    return [working.add_working_days(now, n) for n in range(1, calendar.days_ahead + 1)]


def slots_on(calendar: VisitCalendar, days: List[date]) -> List[VisitSlot]:
    """Every half-day of those days, in order."""
    return [VisitSlot.of(day, half) for day in days for half in calendar.half_days]
