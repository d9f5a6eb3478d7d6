"""The assistant's long-lived collaborators, built once on first use rather than at import.

Actions ask for the desk here instead of building engines themselves, so importing the
actions package touches no file or database, and a test can hand in its own desk and clock.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Optional

from bot.cases import CaseStore, default_database_url
from bot.charter import load_charter
from bot.intake import Desk
from bot.working_days import WorkingCalendar

if TYPE_CHECKING:
    from bot.handoff import Handoffs

Clock = Callable[[], datetime]

_desk: Optional[Desk] = None
_clock: Optional[Clock] = None


def build_desk(database_url: Optional[str] = None) -> Desk:
    """The real desk: the charter named by CHARTER_FILE (or the default) and the case database."""
    charter = load_charter()
    return Desk(
        charter=charter,
        calendar=WorkingCalendar.from_charter(charter),
        cases=CaseStore.from_url(database_url or default_database_url()),
    )


def desk() -> Desk:
    global _desk
    if _desk is None:
        _desk = build_desk()
    return _desk


def now() -> datetime:
    """The current moment in the landlord's time zone, or the test's clock when one is set."""
    moment = _clock() if _clock is not None else datetime.now(timezone.utc)
    return moment.astimezone(desk().calendar.tz)


def use(new_desk: Optional[Desk] = None, clock: Optional[Clock] = None) -> None:
    """Replace the desk and clock (tests); `use()` with nothing resets to the real ones."""
    global _desk, _clock
    _desk, _clock = new_desk, clock


def handoffs() -> "Handoffs":
    """The handoff queue, kept in the case database."""
    from bot.handoff import Handoffs

    return Handoffs(desk().cases.engine)
