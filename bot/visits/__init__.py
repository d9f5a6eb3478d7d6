"""Booked visits for repairs that are not same-day (issue 18).

- `calendar`: the landlord's calendar of visits, visits.yml: the half-days, how many working days
  ahead are offered and how many visits each half-day can take;
- `slots`: a half-day of one day, in the tenant's words and as stored;
- `records`: the `case_visits` table;
- `booking`: what may be booked, booking, moving and cancelling, each on the case's history and
  each booking told to the tenant (bot.updates), and the visits to remind of.

The reminder the day before a visit is decided by bot.updates.schedule.remind_of_visits; the
tenant books by message through actions/visits.py, staff on the case's page in the console
(bot/web/console/visit_views.py).
"""

from bot.visits.booking import (
    Booked,
    NotBookable,
    SlotUnavailable,
    Visit,
    Visits,
    VisitStatus,
    WhyNot,
    visits_on,
    why_not_bookable,
)
from bot.visits.calendar import HalfDay, VisitCalendar, VisitCalendarError, load_visit_calendar, visit_calendar
from bot.visits.slots import MOST_OFFERED, VisitSlot, slot_for

__all__ = [
    "Booked",
    "HalfDay",
    "MOST_OFFERED",
    "NotBookable",
    "SlotUnavailable",
    "Visit",
    "VisitCalendar",
    "VisitCalendarError",
    "VisitSlot",
    "VisitStatus",
    "Visits",
    "WhyNot",
    "load_visit_calendar",
    "slot_for",
    "visit_calendar",
    "visits_on",
    "why_not_bookable",
]
