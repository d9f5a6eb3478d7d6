"""The report as plain text, ready to paste into an email or a board paper: the landlord's
complaint handling report, the tenant satisfaction measures, then satisfaction with repairs.

Apart from the figures because how a figure is written ("8 of 10 (80.0%)", "n/a" where there
is nothing to divide by) is a matter of reading, not of counting.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any, List, Optional

from bot.report.figures import Report, Share, period_bounds
from bot.report.satisfaction import Satisfaction

STAGE_NAMES = {1: "Stage 1 (complaint)", 2: "Stage 2 (review)"}

NOT_AVAILABLE = "n/a"


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


def format_mean(mean: Optional[float]) -> str:
    """A mean score to one decimal place, or "n/a" with no answers to take it of."""
    return NOT_AVAILABLE if mean is None else f"{mean:.1f}"


def satisfaction_line(row: Satisfaction) -> str:
    """ "3 answers, mean 4.3, 4 or 5: 2 of 3 (66.7%)"."""
    answers = f"{row.answers} answer{'' if row.answers == 1 else 's'}"
    return f"{answers}, mean {format_mean(row.mean)}, 4 or 5: {format_share(Share(row.satisfied, row.answers))}"


def _satisfaction_lines(report: Report) -> List[str]:
    """Part 3: what tenants said of their repairs, in the survey after each one."""
    lines = ["Satisfaction with repairs (the survey after each repair: scores 1 to 5, by the month answered)"]
    if not report.repair_satisfaction:
        return lines + ["  No answers with a score in the period."]
    month = None
    for row in report.repair_satisfaction:
        if row.month != month:
            month = row.month
            lines.append(f"  {row.month_name}")
        lines.append(_line(row.label, satisfaction_line(row), 4))
    return lines


def format_report(report: Report) -> str:
    """The report as plain text, ready to paste into an email or a board paper."""
    homes = f"{report.homes:,}" if report.homes is not None else "not given"
    header = [
        f"Case report {report.start.isoformat()} to {report.end.isoformat()} (both inclusive, {report.tz})",
        f"Homes: {homes}",
        f"Complaints awaiting a response are counted at {_as_at_text(report)}, whenever received.",
    ]
    parts = header + [""] + _complaint_lines(report) + [""] + _tsm_lines(report) + [""] + _satisfaction_lines(report)
    return "\n".join(parts) + "\n"
