"""What a complaint is made of, read from the tenant's words: that they are unhappy with us,
what went wrong, what would put it right, and the charter's exclusions it may run into.

Apart from the other readers because the Housing Ombudsman's Complaint Handling Code decides
these, not a form: dissatisfaction is a complaint whatever words it uses, and a possible
exclusion is flagged for a person to decide, never decided here.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Iterator, List, Optional, Sequence, Tuple

from bot.charter import ExclusionReason
from bot.working_days import months_before
from bot.rules import Finding, shared_rules
from bot.taxonomy import SIGNAL_OF_INTENT, Category, meaning_of
from bot.triage import says_what_happened

_EXCLUSION_FINDINGS = {
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


def possible_exclusions(
    description: str, now: datetime, time_limit_months: int, landlord: str = ""
) -> List[ExclusionReason]:
    """The charter's exclusions a complaint may fall under, for a person to decide. `landlord` is
    the charter's name for us: a complaint naming it is about us. `time_limit_months` is the
    charter's time limit (complaints.time_limit.months), the only place its length is set.
    """
    findings = shared_rules().find(description)
    reasons = [reason for finding, reason in _EXCLUSION_FINDINGS.items() if finding in findings]
    about_us = _ABOUT_US.search(description or "") or (landlord and landlord.lower() in (description or "").lower())
    if ExclusionReason.NEIGHBOUR_DISPUTE in reasons and about_us:
        # How we handled a neighbour problem is a complaint about us, which the Code lets in.
        reasons.remove(ExclusionReason.NEIGHBOUR_DISPUTE)
    if outside_time_limit(description, now, time_limit_months):
        reasons.append(ExclusionReason.OLDER_THAN_12_MONTHS)
    return [reason for reason in ExclusionReason if reason in reasons]


# --- how long ago it happened ----------------------------------------------------------------

# Numbers in words, as far as people count months and years in them.
_NUMBERS = {
    "a": 1,
    "an": 1,
    **{word: n for n, word in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)},
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
}
# A plural with no number ("years ago", "a few years ago") is at least two.
_SOME = r"a couple of|couple of|a good few|a few|few|several|many|some|a number of"
# Words that make the amount the most it can be ("less than a year ago"): nothing is read.
_AT_MOST = ("less than", "under", "not even", "within")
# Words that put it just short of the amount ("nearly two years ago"): read a step less.
_JUST_SHORT = ("nearly", "almost", "not quite", "just under")
_AGO = re.compile(
    r"\b(?:(?P<qualifier>" + "|".join(_AT_MOST + _JUST_SHORT) + r")\s+)?"
    r"(?:(?P<some>" + _SOME + r")\s+|(?P<amount>\d+(?:\.\d+)?|" + "|".join(_NUMBERS) + r")\s*)?"
    r"(?P<half_before>and a half\s+)?"
    r"(?P<unit>days?|weeks?|wks?|months?|mths?|years?|yrs?)"
    r"(?P<half_after>\s+and a half)?"
    r"(?:\s+or\s+(?:so|two|three|more))?"
    r"\s+(?:ago|back)\b",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "march 2024", "since sept 2023", "on 1st december 2022", "december 1st, 2022".
_MONTH_AND_YEAR = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
    r"(?P<year>19\d\d|20\d\d)\b",
    re.IGNORECASE,
)
# A year named outright, but not a sum of money ("£2000 compensation").
_YEAR = re.compile(r"(?<![£$€])\b(19\d\d|20\d\d)\b")
# The calendar year before this one; "in the last year" is the last twelve months, not it.
_LAST_YEAR = re.compile(r"(?<!the )\blast\s+year\b", re.IGNORECASE)
_YEAR_BEFORE_LAST = re.compile(r"\byear\s+before\s+last\b", re.IGNORECASE)


def outside_time_limit(text: str, now: datetime, time_limit_months: int) -> bool:
    """Whether the text plainly puts what went wrong at the charter's time limit or further back.

    Only what it says is read, at its least: "over a year ago" is a year, "nearly a year ago"
    eleven months, "in 2024" the end of 2024; "a while ago" and "less than a year ago" say too
    little, and are not flagged. A matter as old as the limit itself ("a year ago", under 12
    months) is flagged: flagging only asks a person to decide, and at the limit one must.
    """
    latest = happened_by(text, now)
    return latest is not None and latest <= months_before(now, time_limit_months)


def happened_by(text: str, now: datetime) -> Optional[datetime]:
    """The latest moment what the text describes can have happened, by what it says of when;
    None when it says nothing that dates it. When it says several things ("two years ago, and
    again last week"), the earliest: the matter goes back at least that far."""
    return min([*_ago(text or "", now), *_named_dates(text or "", now)], default=None)


def _ago(text: str, now: datetime) -> Iterator[datetime]:
    """ "18 months ago", "two years ago", "a few weeks ago", "a year and a half ago"."""
    for said in _AGO.finditer(text):
        qualifier = (said.group("qualifier") or "").lower()
        if qualifier in _AT_MOST:
            continue
        amount = _amount(said)
        unit = said.group("unit").lower()
        months, days = _months_and_days(amount, unit)
        if qualifier in _JUST_SHORT:
            months, days = (months - 1, days) if months else (0, max(days - 1, 0))
        yield months_before(now, months) - timedelta(days=days)


def _amount(said: "re.Match[str]") -> float:
    """How many of the unit: the number said, in figures or words, else two for a plural
    ("years ago") or one; and a half more for "a year and a half"."""
    if said.group("some"):
        amount = 2.0
    elif said.group("amount"):
        word = said.group("amount").lower()
        amount = float(_NUMBERS[word]) if word in _NUMBERS else float(word)
    else:
        amount = 2.0 if said.group("unit").lower().endswith("s") else 1.0
    return amount + (0.5 if said.group("half_before") or said.group("half_after") else 0.0)


def _months_and_days(amount: float, unit: str) -> Tuple[int, int]:
    """An amount of a unit as whole months and days, rounded down: at least that long ago."""
    if unit.startswith(("y", "m")):
        months = amount * 12 if unit.startswith("y") else amount
        return int(months), int((months - int(months)) * 30)
    return 0, int(amount * 7 if unit.startswith("w") else amount)


def _named_dates(text: str, now: datetime) -> Iterator[datetime]:
    """A month and year, a year named outright ("back in 2023"), or last year: what went wrong
    happened by the end of it."""
    for said in _MONTH_AND_YEAR.finditer(text):
        month = _MONTHS.index(said.group("month").lower()[:3]) + 1
        year = int(said.group("year"))
        yield datetime(year + month // 12, month % 12 + 1, 1, tzinfo=now.tzinfo)
    years = [int(year) for year in _YEAR.findall(text)]
    years += [now.year - 1] if _LAST_YEAR.search(text) else []
    years += [now.year - 2] if _YEAR_BEFORE_LAST.search(text) else []
    for year in years:
        yield datetime(year + 1, 1, 1, tzinfo=now.tzinfo)


def unhappy_with_us(text: Optional[str]) -> bool:
    """Whether a message sounds unhappy with our service: a complaint, under the Code, whatever
    words it uses."""
    return Finding.DISSATISFIED in shared_rules().find(text or "")


def complaint_told(messages: Sequence[Tuple[str, Optional[str]]]) -> Optional[str]:
    """What the tenant has already said is wrong, for a complaint that starts after they said
    it (a yes to the complaint offered after a repair, or "forget the repair, I want to
    complain"): of `messages` (text and intent, oldest first, since the last complaint), those
    unhappy with us, asking to complain with more than the request, or telling the repair the
    complaint is about (the officer reading "they should have put sheets down" needs "the window
    fitters left plaster dust over everything"); None when there are none, and the form asks."""
    told = [
        text.strip()
        for text, intent in messages
        if text.strip() and not text.startswith("/") and (unhappy_with_us(text) or _tells_what_went_wrong(text, intent))
    ]
    return "\n".join(told)[:2000] or None


# A report the complaint may be about: a repair, never a disclosure of abuse or a gas smell, which
# stay with their own case. Not a neighbour's behaviour either: in a complaint's words that reads
# as a neighbour dispute, which the complaints policy sends back to the ASB team.
_REPORTED = frozenset({Category.REPAIR})


def _tells_what_went_wrong(text: str, intent: Optional[str]) -> bool:
    if intent == "complain":
        return says_what_happened(text)
    return meaning_of(intent).category in _REPORTED and intent not in SIGNAL_OF_INTENT and says_what_happened(text)


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
