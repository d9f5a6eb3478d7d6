"""What completing a case tells its tenant: that it is done and, for a repair, later, how we did.

The staff console calls `after_completion` when a case is marked completed. The COMPLETED
update is decided once per completion (a case reopened and completed again is news again); the
survey once per case, whatever happens to it after, so nobody is asked twice about one repair.
Domestic abuse cases are never messaged (the Teller records why), and only repairs are surveyed.
"""

from __future__ import annotations

from datetime import datetime
from typing import List

from bot.cases import CaseKind, CaseStatus, CaseSummary, stored_utc
from bot.updates.kinds import UpdateKind
from bot.updates.telling import Teller


def after_completion(teller: Teller, case: CaseSummary, now: datetime) -> List[UpdateKind]:
    """Decide the updates a completed case calls for; the kinds newly decided."""
    if case.status != CaseStatus.COMPLETED.value:
        return []
    decided = []
    completed_at = case.completed_at or now
    if teller.tell(case, UpdateKind.COMPLETED, now, once=stored_utc(completed_at).isoformat()):
        decided.append(UpdateKind.COMPLETED)
    if surveyed(case) and teller.tell(case, UpdateKind.SURVEY, now):
        decided.append(UpdateKind.SURVEY)
    return decided


def surveyed(case: CaseSummary) -> bool:
    """Whether completing this case asks its tenant how we did: repairs only (the survey asks
    about "your repair", and the report counts satisfaction with repairs)."""
    return case.kind is CaseKind.REPAIR


def survey_still_wanted(case: CaseSummary) -> bool:
    """Asked at sending time, an hour or a night after the completion: a case reopened since
    (the repair was not done after all) is not asked about."""
    return case.status == CaseStatus.COMPLETED.value
