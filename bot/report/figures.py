"""The report's figures for a period, counted by the case database.

Apart from the printing and the command line because the staff console shows the same figures
(bot/web/console/case_views.py) and counts its chart the way these are counted
(bot/web/console/records.py); what is counted, and how, is decided here once.

Counting rules, chosen to match how those figures are defined:

* The period is a run of the landlord's local dates, both inclusive: a case opened at
  00:30 on 1 April in Britain is in April even though it is 23:30 on 31 March in UTC.
* "Received" counts a stage opened in the period (stage 1: the complaint was made; stage 2:
  the review was asked for). CH01 and seed 004 both count what came in.
* "Responded to" and "within timescale" count responses *given* in the period, whenever the
  complaint came in; RSH CH02 and seed 004 ("347 complaints that we provided resolutions to
  during this time") both do. A stage is within timescale when answered by its extended date
  if the tenant was given one, else by its response date.
* "Awaiting a response" is the backlog at the end of the period, whenever received: an old
  complaint nobody has answered must not vanish from the report because it came in earlier.
* RP02 counts repairs *completed* in the period against the date first promised for them.
* Anything with nothing to divide by prints "n/a", never a made-up 0% or 100%.
* Satisfaction with repairs has its own rules, in bot.report.satisfaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Optional, Tuple

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from bot.cases import CaseKind, CaseRecord, CaseStatus, CaseStore, ComplaintStageRecord, stored_utc
from bot.report.satisfaction import Satisfaction, repair_satisfaction

# Repairs the landlord treats as emergencies for RP02; every other repair category is
# non-emergency. Awaab's Law emergency hazards are emergencies by definition (24 hours).
EMERGENCY_REPAIR_CATEGORIES: Tuple[str, ...] = ("emergency", "damp_mould_emergency_hazard")


@dataclass(frozen=True)
class Share:
    """A count out of a total; `percent` is None when there is nothing to divide by."""

    count: int
    total: int

    @property
    def percent(self) -> Optional[float]:
        """None rather than 0 or 100 when nothing qualified: "none late" is not "all on time"."""
        return None if self.total == 0 else 100.0 * self.count / self.total


@dataclass(frozen=True)
class StageFigures:
    """One complaint stage, in the shape of the landlord's own report (seed 004)."""

    stage: int
    received: int
    within_timescale: Share  # of the responses given in the period (also RSH CH02)
    extended: Share  # of the responses given in the period, how many had an extension
    awaiting_response: int  # at the end of the period, whenever received
    awaiting_overdue: int  # of those, already past their (extended) response date
    per_thousand_homes: Optional[float]  # CH01; only when the number of homes is known


@dataclass(frozen=True)
class Report:
    """Every figure the report prints, worked out once so that printing cannot change them."""

    start: date
    end: date
    tz: tzinfo  # the landlord's zone: the period's dates and every printed time are in it
    # The moment the "awaiting" and "overdue" figures are true at: the end of the period, or
    # now if the period has not ended yet (a complaint not due yet is not overdue yet).
    as_at: datetime
    homes: Optional[int]
    stages: Tuple[StageFigures, ...]
    awaiting_decision: int
    repairs_emergency: Share  # RP02
    repairs_non_emergency: Share  # RP02
    asb_opened: int  # NM01
    asb_hate: int  # NM01
    asb_per_thousand_homes: Optional[float]
    asb_hate_per_thousand_homes: Optional[float]
    # The survey after each repair, by month and priority (bot.report.satisfaction).
    repair_satisfaction: Tuple[Satisfaction, ...] = ()


# Reports cover the years a case store can hold; outside them a date is a typing mistake.
EARLIEST_REPORT_DAY = date(2000, 1, 1)
LATEST_REPORT_DAY = date(2099, 12, 31)


def period_problem(start: date, end: date) -> Optional[str]:
    """Why a report period cannot be used, in words for the person who asked, or None."""
    if not (EARLIEST_REPORT_DAY <= start <= LATEST_REPORT_DAY and EARLIEST_REPORT_DAY <= end <= LATEST_REPORT_DAY):
        return f"Give dates from {EARLIEST_REPORT_DAY.isoformat()} to {LATEST_REPORT_DAY.isoformat()}."
    if end < start:
        return "The period must end on or after the day it starts."
    return None


def period_bounds(start: date, end: date, tz: tzinfo) -> Tuple[datetime, datetime]:
    """The period as naive UTC [from, to), the way the store keeps times.

    Local midnights are converted one by one, so a period that crosses a clock change is
    still exactly the landlord's days.
    """
    lower = datetime.combine(start, time.min, tzinfo=tz)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return stored_utc(lower), stored_utc(upper)


def per_thousand(count: int, homes: Optional[int]) -> Optional[float]:
    """A TSM rate per 1,000 homes; None when the number of homes was not given."""
    if not homes:
        return None
    return 1000.0 * count / homes


def _within(column: Any, lower: datetime, upper: datetime) -> ColumnElement:
    """`column` falls in the half-open period [lower, upper)."""
    return (column >= lower) & (column < upper)


def _count(connection: Connection, entity: Any, *conditions: ColumnElement) -> int:
    """How many rows of `entity` meet every condition."""
    query = select(func.count()).select_from(entity).where(*conditions)
    return int(connection.execute(query).scalar_one())


def _stage_figures(
    connection: Connection,
    stage: int,
    lower: datetime,
    upper: datetime,
    as_at: datetime,
    homes: Optional[int],
) -> StageFigures:
    """One stage's figures; all the counting is done by the database."""
    row = ComplaintStageRecord
    this_stage = row.stage == stage
    answer_due = func.coalesce(row.extended_to, row.response_due_at)
    responded = [this_stage, _within(row.responded_at, lower, upper)]
    # Not answered by `as_at`: a response given after the period was still awaited at its end.
    awaiting = [this_stage, row.opened_at < as_at, or_(row.responded_at.is_(None), row.responded_at >= as_at)]
    received = _count(connection, row, this_stage, _within(row.opened_at, lower, upper))
    responses = _count(connection, row, *responded)
    return StageFigures(
        stage=stage,
        received=received,
        within_timescale=Share(_count(connection, row, *responded, row.responded_at <= answer_due), responses),
        extended=Share(_count(connection, row, *responded, row.extended_to.is_not(None)), responses),
        awaiting_response=_count(connection, row, *awaiting),
        awaiting_overdue=_count(connection, row, *awaiting, answer_due < as_at),
        per_thousand_homes=per_thousand(received, homes),
    )


def _repairs_on_time(connection: Connection, lower: datetime, upper: datetime, emergency: bool) -> Share:
    """RP02: repairs completed in the period, and how many by the date first promised."""
    category = CaseRecord.category.in_(EMERGENCY_REPAIR_CATEGORIES)
    completed = [
        CaseRecord.kind == CaseKind.REPAIR.value,
        category if emergency else ~category,
        _within(CaseRecord.completed_at, lower, upper),
    ]
    return Share(
        _count(connection, CaseRecord, *completed, CaseRecord.completed_at <= CaseRecord.first_due_at),
        _count(connection, CaseRecord, *completed),
    )


def _snapshot(engine: Engine) -> Connection:
    """A connection whose queries all see the same moment on PostgreSQL, so a case answered
    while the report runs cannot make "within timescale" larger than "responded to"."""
    connection = engine.connect()
    if engine.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def build_report(
    store: CaseStore,
    start: date,
    end: date,
    tz: tzinfo,
    homes: Optional[int] = None,
    *,
    now: Optional[datetime] = None,
) -> Report:
    """Every figure for the local dates `start` to `end`, both inclusive.

    `now` (aware) stops a period that has not ended yet from calling complaints overdue that
    are not due yet; without it the backlog is counted at the end of the period, which keeps
    the function repeatable for tests and for re-running a past year.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    lower, upper = period_bounds(start, end, tz)
    as_at = upper if now is None else min(upper, stored_utc(now))
    with _snapshot(store.engine) as connection:
        stages = tuple(_stage_figures(connection, stage, lower, upper, as_at, homes) for stage in (1, 2))
        awaiting_decision = _count(
            connection,
            CaseRecord,
            CaseRecord.kind == CaseKind.COMPLAINT.value,
            CaseRecord.status == CaseStatus.AWAITING_DECISION.value,
            CaseRecord.opened_at < as_at,
        )
        asb = [CaseRecord.kind == CaseKind.ANTI_SOCIAL_BEHAVIOUR.value, _within(CaseRecord.opened_at, lower, upper)]
        asb_opened = _count(connection, CaseRecord, *asb)
        asb_hate = _count(connection, CaseRecord, *asb, CaseRecord.hate_incident.is_(True))
        return Report(
            start=start,
            end=end,
            tz=tz,
            as_at=as_at.replace(tzinfo=timezone.utc),
            homes=homes,
            stages=stages,
            awaiting_decision=awaiting_decision,
            repairs_emergency=_repairs_on_time(connection, lower, upper, emergency=True),
            repairs_non_emergency=_repairs_on_time(connection, lower, upper, emergency=False),
            asb_opened=asb_opened,
            asb_hate=asb_hate,
            asb_per_thousand_homes=per_thousand(asb_opened, homes),
            asb_hate_per_thousand_homes=per_thousand(asb_hate, homes),
            repair_satisfaction=repair_satisfaction(connection, lower, upper, tz),
        )
