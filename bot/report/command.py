"""The report from the command line: `python -m bot.report --from ... --to ... [--homes N]`.

Apart from the figures and their text because the staff console shows the same report without
it; what is here is what a person typing dates needs: clear refusals of a mistyped date, a
backwards period or no homes, before anything is counted.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from typing import Optional, Sequence

from bot.cases import CaseStore
from bot.report.figures import build_report, period_problem
from bot.report.text import format_report


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
