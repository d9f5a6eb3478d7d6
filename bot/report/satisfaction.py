"""Satisfaction with repairs, from the survey sent after each one (bot.updates.surveys): by the
repair's priority and by month, the number of answers with a score, their mean and the share
that scored 4 or 5.

Counting rules:

* An answer counts in the month it was given (the landlord's local month), like a complaint's
  response in CH02: a month's figures do not change once it is over because a tenant answered
  a late repair's survey afterwards.
* Only answers with a score count; a comment alone is kept with the case, not in a mean.
* The priority is the repair's category when the answer came (its priority as logged, or an
  Awaab's Law emergency hazard).
* Nothing to divide by prints "n/a", never a made-up mean or share.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from typing import Dict, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Connection

from bot.cases import CaseKind, CaseRecord
from bot.cases.labels import CATEGORY_LABELS, category_label
from bot.updates.records import RepairSurveyRecord

# Scores a tenant satisfied with the repair gives: 4 (good) and 5 (very good).
SATISFIED_FROM = 4
ALL_REPAIRS = "All repairs"


@dataclass(frozen=True)
class Satisfaction:
    """The answers for one month and priority; `category` None is every repair that month."""

    month: date  # the first day of the local month
    category: Optional[str]
    answers: int
    score_total: int
    satisfied: int  # scored SATISFIED_FROM or more

    @property
    def label(self) -> str:
        """The priority in the landlord's words, or ALL_REPAIRS for the month's every repair."""
        return ALL_REPAIRS if self.category is None else category_label(self.category)

    @property
    def month_name(self) -> str:
        """ "December 2026"."""
        return self.month.strftime("%B %Y")

    @property
    def mean(self) -> Optional[float]:
        return None if self.answers == 0 else self.score_total / self.answers

    @property
    def satisfied_percent(self) -> Optional[float]:
        return None if self.answers == 0 else 100.0 * self.satisfied / self.answers


def _priority_order(category: Optional[str]) -> Tuple[int, str]:
    known = list(CATEGORY_LABELS)
    if category is None:
        return (len(known) + 1, "")
    return (known.index(category) if category in known else len(known), category)


def repair_satisfaction(
    connection: Connection, lower: datetime, upper: datetime, tz: tzinfo
) -> Tuple[Satisfaction, ...]:
    """Rows by month, oldest first, and within a month by priority, most urgent first, each
    month ending with its row for every repair; none for a month with no answers."""
    rows = connection.execute(
        select(RepairSurveyRecord.answered_at, RepairSurveyRecord.score, CaseRecord.category)
        .join(CaseRecord, CaseRecord.id == RepairSurveyRecord.case_id)
        .where(
            CaseRecord.kind == CaseKind.REPAIR.value,
            RepairSurveyRecord.score.is_not(None),
            RepairSurveyRecord.answered_at >= lower,
            RepairSurveyRecord.answered_at < upper,
        )
    ).all()
    scores: Dict[Tuple[date, Optional[str]], List[int]] = defaultdict(list)
    for answered_at, score, category in rows:
        local = answered_at.replace(tzinfo=timezone.utc).astimezone(tz)
        month = local.date().replace(day=1)
        scores[(month, category)].append(int(score))
        scores[(month, None)].append(int(score))
    ordered = sorted(scores, key=lambda key: (key[0], _priority_order(key[1])))
    return tuple(
        Satisfaction(
            month=month,
            category=category,
            answers=len(scores[(month, category)]),
            score_total=sum(scores[(month, category)]),
            satisfied=sum(1 for score in scores[(month, category)] if score >= SATISFIED_FROM),
        )
        for month, category in ordered
    )
