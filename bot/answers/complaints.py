"""What a complaint is made of, read from the tenant's words: that they are unhappy with us,
what went wrong, what would put it right, and the charter's exclusions it may run into.

Apart from the other readers because the Housing Ombudsman's Complaint Handling Code decides
these, not a form: dissatisfaction is a complaint whatever words it uses, and a possible
exclusion is flagged for a person to decide, never decided here.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import List, Optional, Sequence, Tuple

from bot.charter import ExclusionReason
from bot.rules import Finding, shared_rules
from bot.triage import says_what_happened

_EXCLUSION_FINDINGS = {
    Finding.OLD_MATTER: ExclusionReason.OLDER_THAN_12_MONTHS,
    Finding.LEGAL_PROCEEDINGS: ExclusionReason.LEGAL_PROCEEDINGS,
    Finding.CRIMINAL_ALLEGATION: ExclusionReason.CRIMINAL_ALLEGATION,
    Finding.ALREADY_ANSWERED: ExclusionReason.ALREADY_ANSWERED,
    Finding.NEIGHBOUR: ExclusionReason.NEIGHBOUR_DISPUTE,
}
# Words that point the complaint at us, so a neighbour in it does not make it a neighbour dispute.
_ABOUT_US = re.compile(
    r"\b(you|your|yous|officers?|staff|team|landlord|housing|ignored|nothing (?:has been|was|is being|gets?) done)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def possible_exclusions(
    description: str, now: datetime, time_limit_months: int, landlord: str = ""
) -> List[ExclusionReason]:
    """The charter's exclusions a complaint may fall under, for a person to decide. `landlord` is
    the charter's name for us: a complaint naming it is about us.

    A year named outright counts as old only when the whole of it is outside the time limit,
    so "in 2025" said in 2026 is not flagged but "in 2023" is.
    """
    findings = shared_rules().find(description)
    reasons = [reason for finding, reason in _EXCLUSION_FINDINGS.items() if finding in findings]
    about_us = _ABOUT_US.search(description or "") or (landlord and landlord.lower() in (description or "").lower())
    if ExclusionReason.NEIGHBOUR_DISPUTE in reasons and about_us:
        # How we handled a neighbour problem is a complaint about us, which the Code lets in.
        reasons.remove(ExclusionReason.NEIGHBOUR_DISPUTE)
    limit_years = (time_limit_months + 11) // 12
    if any(int(year) < now.year - limit_years for year in _YEAR.findall(description or "")):
        if ExclusionReason.OLDER_THAN_12_MONTHS not in reasons:
            reasons.insert(0, ExclusionReason.OLDER_THAN_12_MONTHS)
    return [reason for reason in ExclusionReason if reason in reasons]


def unhappy_with_us(text: Optional[str]) -> bool:
    """Whether a message sounds unhappy with our service: a complaint, under the Code, whatever
    words it uses."""
    return Finding.DISSATISFIED in shared_rules().find(text or "")


def complaint_told(messages: Sequence[Tuple[str, Optional[str]]]) -> Optional[str]:
    """What the tenant has already said is wrong, for a complaint that starts after they said
    it (a yes to the complaint offered after a repair, or "forget the repair, I want to
    complain"): of `messages` (text and intent, oldest first, since the last complaint), those
    unhappy with us or asking to complain with more than the request; None when there are
    none, and the form asks."""
    told = [
        text.strip()
        for text, intent in messages
        if text.strip()
        and not text.startswith("/")
        and (unhappy_with_us(text) or (intent == "complain" and says_what_happened(text)))
    ]
    return "\n".join(told)[:2000] or None


_OUTCOME = re.compile(
    r"\b(i (want|would like|'d like|need|expect)|i'?d like|put (it|this|things) right|compensation|apolog|"
    r"refund|money back|reimburse|someone to come|get it fixed|fix it properly)\b",
    re.IGNORECASE,
)


# Asking to complain is not what would put it right: "i want to make a complaint" was kept as
# the outcome, so the question was never asked.
_ASKING_TO_COMPLAIN = re.compile(
    r"\bi\s*(?:want|would like|'?d like|need|wish)\s+to\s+(?:(?:make|raise|log|lodge|file|put in|submit|register)\s+)?"
    r"(?:(?:a|an|another|my)\s+)?(?:(?:formal|official|proper)\s+)?(?:complain\w*|report\w*|escalat\w*|speak|talk)\b",
    re.IGNORECASE,
)


def outcome_wanted(text: Optional[str]) -> Optional[str]:
    """What would put a complaint right, when the message says ("i want compensation")."""
    said = _ASKING_TO_COMPLAIN.sub(" ", text or "")
    return text.strip()[:500] if text and _OUTCOME.search(said) else None
