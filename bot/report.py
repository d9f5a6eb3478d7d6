"""Complaint handling and tenant satisfaction figures for a period, from the case database.

    .venv/bin/python -m bot.report --from 2026-04-01 --to 2027-03-31 [--homes 5200]

The landlord publishes a yearly complaint handling report (seed 004: how many complaints at
each stage, how many answered in time, how many extended) and the Regulator of Social Housing
asks for tenant satisfaction measures (TSMs). This prints the figures the case store can
answer, so nobody has to count them by hand from a spreadsheet.

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
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, List, Optional, Sequence, Tuple

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from bot.cases import CaseKind, CaseRecord, CaseStatus, CaseStore, ComplaintStageRecord, stored_utc

# Repairs the landlord treats as emergencies for RP02; every other repair category is
# non-emergency. Awaab's Law emergency hazards are emergencies by definition (24 hours).
EMERGENCY_REPAIR_CATEGORIES: Tuple[str, ...] = ("emergency", "damp_mould_emergency_hazard")

STAGE_NAMES = {1: "Stage 1 (complaint)", 2: "Stage 2 (review)"}

NOT_AVAILABLE = "n/a"


# --- figures ------------------------------------------------------------------------------


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


# --- building -----------------------------------------------------------------------------


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
        )


# --- printing -----------------------------------------------------------------------------


def format_share(share: Share) -> str:
    """ "8 of 10 (80.0%)", the way seed 004 writes it; "n/a (0 of 0)" when nothing counted."""
    if share.percent is None:
        return f"{NOT_AVAILABLE} (0 of 0)"
    return f"{share.count} of {share.total} ({share.percent:.1f}%)"


def format_rate(rate: Optional[float]) -> str:
    """A per-1,000-homes figure, or nothing at all when the number of homes was not given."""
    return "" if rate is None else f" ({rate:.2f} per 1,000 homes)"


def _line(label: str, value: Any, indent: int = 2) -> str:
    """One aligned "label: value" line, so the figures read down a column."""
    return f"{' ' * indent}{label + ':':<{46 - indent}} {value}"


def _as_at_text(report: Report) -> str:
    """When the backlog figures hold, in the landlord's zone: the reader must know whether a
    still-running period was counted today or at its end."""
    _, upper = period_bounds(report.start, report.end, report.tz)
    if report.as_at >= upper.replace(tzinfo=timezone.utc):
        return f"the end of {report.end.isoformat()}"
    return report.as_at.astimezone(report.tz).strftime("%Y-%m-%d %H:%M")


def _complaint_lines(report: Report) -> List[str]:
    """Part 1: the landlord's complaint handling report."""
    lines = ["Complaint handling (Housing Ombudsman Complaint Handling Code)"]
    for figures in report.stages:
        lines += [
            f"  {STAGE_NAMES[figures.stage]}",
            _line("Received in the period", figures.received, 4),
            _line("Responded to within timescale", format_share(figures.within_timescale), 4),
            _line("Responses given with an extension", format_share(figures.extended), 4),
            _line("Awaiting a response", figures.awaiting_response, 4),
            _line("  of which overdue", figures.awaiting_overdue, 4),
        ]
    lines.append(_line("Awaiting a decision (possible exclusion)", report.awaiting_decision))
    return lines


def _tsm_lines(report: Report) -> List[str]:
    """Part 2: the tenant satisfaction measures the case data can answer."""
    stage_one, stage_two = report.stages
    lines = ["Tenant satisfaction measures (Regulator of Social Housing)"]
    lines += [
        "  RP02 Repairs completed within target timescale",
        _line("Emergency", format_share(report.repairs_emergency), 4),
        _line("Non-emergency", format_share(report.repairs_non_emergency), 4),
        "  CH01 Complaints received",
        _line("Stage 1", f"{stage_one.received}{format_rate(stage_one.per_thousand_homes)}", 4),
        _line("Stage 2", f"{stage_two.received}{format_rate(stage_two.per_thousand_homes)}", 4),
        "  CH02 Complaints responded to within Code timescales",
        _line("Stage 1", format_share(stage_one.within_timescale), 4),
        _line("Stage 2", format_share(stage_two.within_timescale), 4),
        "  NM01 Anti-social behaviour cases opened",
        _line("All ASB cases", f"{report.asb_opened}{format_rate(report.asb_per_thousand_homes)}", 4),
        _line("Involving hate incidents", f"{report.asb_hate}{format_rate(report.asb_hate_per_thousand_homes)}", 4),
    ]
    if report.homes is None:
        lines.append("  (per 1,000 homes figures need --homes)")
    return lines


def format_report(report: Report) -> str:
    """The report as plain text, ready to paste into an email or a board paper."""
    homes = f"{report.homes:,}" if report.homes is not None else "not given"
    header = [
        f"Case report {report.start.isoformat()} to {report.end.isoformat()} (both inclusive, {report.tz})",
        f"Homes: {homes}",
        f"Complaints awaiting a response are counted at {_as_at_text(report)}, whenever received.",
    ]
    return "\n".join(header + [""] + _complaint_lines(report) + [""] + _tsm_lines(report)) + "\n"


# --- command line -------------------------------------------------------------------------


def _local_date(text: str) -> date:
    """argparse type: a YYYY-MM-DD date, or a message that says what was wrong."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _homes(text: str) -> int:
    """argparse type: a positive whole number; 0 homes would make every rate a division by zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the number of homes must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.report",
        description="Complaint handling and tenant satisfaction figures from the case database.",
    )
    parser.add_argument(
        "--from",
        dest="start",
        type=_local_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="first day of the period (inclusive, local date)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=_local_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="last day of the period (inclusive, local date)",
    )
    parser.add_argument(
        "--homes",
        type=_homes,
        default=None,
        metavar="N",
        help="homes owned, for the per-1,000-homes figures (CH01, NM01)",
    )
    return parser


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    """The arguments, or exit status 2 with argparse's message; a backwards period is an error,
    not an empty report that looks like a good month."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.start > args.end:
        parser.error(f"--from {args.start} is after --to {args.end}")
    problem = period_problem(args.start, args.end)
    if problem:
        parser.error(problem)
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Print the report for the configured database (DATABASE_URL or var/cases.db)."""
    from bot.cases import default_database_url
    from bot.charter import load_charter

    args = parse_args(argv)
    tz = load_charter().timezone
    store = CaseStore.from_url(default_database_url())
    try:
        report = build_report(store, args.start, args.end, tz, args.homes, now=datetime.now(timezone.utc))
    finally:
        store.engine.dispose()
    sys.stdout.write(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
