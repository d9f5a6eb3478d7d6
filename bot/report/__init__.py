"""Complaint handling and tenant satisfaction figures for a period, from the case database.

    .venv/bin/python -m bot.report --from 2026-04-01 --to 2027-03-31 [--homes 5200]

The landlord publishes a yearly complaint handling report (seed 004: how many complaints at
each stage, how many answered in time, how many extended) and the Regulator of Social Housing
asks for tenant satisfaction measures (TSMs). This prints the figures the case store can
answer, so nobody has to count them by hand from a spreadsheet.

Counting, writing and asking are separate concerns, kept in separate modules:

- `figures`: what is counted and how (the counting rules are in its docstring);
- `satisfaction`: satisfaction with repairs, from the survey after each one, by month and priority;
- `text`: the report as plain text;
- `command`: the command line above.

The names below are the package's public face: the rest of the assistant imports from here.
"""

from bot.report.command import main, parse_args
from bot.report.figures import (
    EARLIEST_REPORT_DAY,
    EMERGENCY_REPAIR_CATEGORIES,
    LATEST_REPORT_DAY,
    Report,
    Share,
    StageFigures,
    build_report,
    per_thousand,
    period_bounds,
    period_problem,
)
from bot.report.satisfaction import Satisfaction
from bot.report.text import NOT_AVAILABLE, STAGE_NAMES, format_rate, format_report, format_share

__all__ = [
    "EARLIEST_REPORT_DAY",
    "EMERGENCY_REPAIR_CATEGORIES",
    "LATEST_REPORT_DAY",
    "NOT_AVAILABLE",
    "Report",
    "STAGE_NAMES",
    "Satisfaction",
    "Share",
    "StageFigures",
    "build_report",
    "format_rate",
    "format_report",
    "format_share",
    "main",
    "parse_args",
    "per_thousand",
    "period_bounds",
    "period_problem",
]
