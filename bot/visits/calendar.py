"""The landlord's calendar of visits, read from visits.yml (or the file VISITS_FILE names).

Which half-days a visit can be booked in, how many working days ahead are offered and how many
visits each half-day can take are the landlord's to decide, like its charter: they are data, and
a file with anything missing, mistyped or unknown is refused, naming the entry at fault, rather
than offering tenants times nobody meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple

import yaml

from bot.settings import REPO_ROOT, setting
from bot.working_days import describe_clock

DEFAULT_VISITS_FILE = REPO_ROOT / "visits.yml"
# Lower-case words a tenant can write back; at most 9 letters, so that a quick reply's title
# ("Wed 30 Dec afternoon") fits the 20 characters Messenger shows.
_NAME = re.compile(r"^[a-z]{1,9}$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MOST_DAYS_AHEAD = 20


class VisitCalendarError(ValueError):
    """visits.yml cannot be used; the message names the entry at fault."""


@dataclass(frozen=True)
class HalfDay:
    """A part of a working day a visit can be booked in."""

    name: str
    starts: time
    ends: time
    # How many visits it can take on each working day.
    visits: int

    @property
    def hours(self) -> str:
        """ "8am to 1pm", as the tenant is told."""
        return f"{describe_clock(self.starts)} to {describe_clock(self.ends)}"


@dataclass(frozen=True)
class VisitCalendar:
    half_days: Tuple[HalfDay, ...]
    # How many working days are offered, from the next working day.
    days_ahead: int

    def half_day(self, name: str) -> Optional[HalfDay]:
        return next((half for half in self.half_days if half.name == name), None)


def load_visit_calendar(path: Optional[Path] = None) -> VisitCalendar:
    """The calendar in `path`, else the file VISITS_FILE names, else the repository's visits.yml."""
    chosen = Path(path) if path is not None else Path(setting("VISITS_FILE") or DEFAULT_VISITS_FILE)
    try:
        raw = yaml.safe_load(chosen.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        raise VisitCalendarError(f"{chosen}: cannot be read: {problem}") from problem
    return calendar_from(raw, str(chosen))


@lru_cache(maxsize=1)
def visit_calendar() -> VisitCalendar:
    """The calendar the assistant and the console use, read once per process (as the charter is)."""
    return load_visit_calendar()


def calendar_from(raw: Any, where: str = "visits.yml") -> VisitCalendar:
    """The calendar in a file's parsed YAML, or VisitCalendarError naming what is wrong."""
    top = _mapping(raw, where, {"days_ahead", "half_days"})
    days_ahead = top["days_ahead"]
    if isinstance(days_ahead, bool) or not isinstance(days_ahead, int) or not 1 <= days_ahead <= MOST_DAYS_AHEAD:
        raise VisitCalendarError(f"{where}: days_ahead must be a whole number from 1 to {MOST_DAYS_AHEAD}")
    entries = top["half_days"]
    if not isinstance(entries, list) or not entries:
        raise VisitCalendarError(f"{where}: half_days must list at least one half-day")
    half_days = tuple(_half_day(entry, f"{where}: half_days[{n}]") for n, entry in enumerate(entries))
    names = [half.name for half in half_days]
    if len(set(names)) != len(names):
        raise VisitCalendarError(f"{where}: half_days: each name must be different ({', '.join(names)})")
    return VisitCalendar(half_days, days_ahead)


def _half_day(raw: Any, where: str) -> HalfDay:
    entry = _mapping(raw, where, {"name", "starts", "ends", "visits"})
    name = entry["name"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise VisitCalendarError(f"{where}: name must be a word of 1 to 9 lower-case letters, like morning")
    starts, ends = _clock(entry["starts"], f"{where}.starts"), _clock(entry["ends"], f"{where}.ends")
    if ends <= starts:
        raise VisitCalendarError(f"{where}: ends must be after starts")
    visits = entry["visits"]
    if isinstance(visits, bool) or not isinstance(visits, int) or visits < 1:
        raise VisitCalendarError(f"{where}: visits must be a whole number, at least 1")
    return HalfDay(name, starts, ends, visits)


def _mapping(raw: Any, where: str, keys: set) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise VisitCalendarError(f"{where}: expected {', '.join(sorted(keys))}")
    missing, unknown = keys - set(raw), set(raw) - keys
    if missing:
        raise VisitCalendarError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown:
        raise VisitCalendarError(f"{where}: unknown {', '.join(sorted(str(key) for key in unknown))}")
    return raw


def _clock(value: Any, where: str) -> time:
    found = _CLOCK.match(value) if isinstance(value, str) else None
    if not found:
        raise VisitCalendarError(f'{where} must be a time written "HH:MM", in quotes')
    return time(int(found.group(1)), int(found.group(2)))
