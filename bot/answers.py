"""Reading tenants' answers to the forms' questions: where in the home, how to reach them,
their postcode, and what a complaint might run into.

Plain functions over text, so the form validations in actions/ stay one line each and a test
can check every answer without a model.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, List, Mapping, Optional, Sequence

from bot.cases import postcodes_in
from bot.charter import ExclusionReason
from bot.rules import Finding, shared_rules

# What a tenant says when they have nothing to add or do not know.
_NOTHING = re.compile(
    r"^\s*(no+|nope|nah|none|nothing|not really|n/?a|no thanks?( you)?|no thank you|"
    r"i don'?t know|dont know|don'?t know|dunno|not sure|i'?m not sure|no phone|i don'?t have (one|a phone))\W*$",
    re.IGNORECASE,
)

_ROOM = re.compile(
    r"\b(?:(?:front|back|main|second|spare|kids'?|children'?s|small|big|master|upstairs|downstairs|"
    r"communal|my|our|the|son'?s|daughter'?s|baby'?s)\s+)?"
    r"(kitchen|bathroom|bedroom|living ?room|lounge|sitting room|front room|dining room|hall(?:way)?|"
    r"landing|stair(?:s|case|well)|loft|attic|garden|shower room|utility(?: room)?|porch|"
    r"balcony|garage|shed|front door|back door|roof|conservatory|box ?room|en-?suite|downstairs toilet|"
    r"airing cupboard|cupboard|cellar|basement|bin store|lift|driveway|path|yard)\b",
    re.IGNORECASE,
)

_OWNER = re.compile(r"^(my|our|the)\s+", re.IGNORECASE)
_PHONE_CHARACTERS = re.compile(r"[\s().-]")
_UK_PHONE = re.compile(r"^(?:\+44|0044|0)(\d{9,10})$")


def says_nothing(text: Optional[str]) -> bool:
    """A "no", "none" or "don't know": an answer, not a refusal to answer."""
    return bool(text) and bool(_NOTHING.match(text))


def location_in(text: Optional[str]) -> Optional[str]:
    """Where in the home a report says the problem is ("the back bedroom"), if it says."""
    found = _ROOM.search(text or "")
    return _OWNER.sub("", found.group(0)).strip() if found else None


def uk_phone_number(text: Optional[str]) -> Optional[str]:
    """A UK phone number written the usual way ("07700 900123"), from however it was typed.

    Mobiles and landlines, with +44, 0044 or 0, with spaces, dots, dashes or brackets.
    """
    for candidate in re.findall(r"[+\d][\d\s().-]{8,}\d", text or ""):
        compact = _PHONE_CHARACTERS.sub("", candidate)
        match = _UK_PHONE.match(compact)
        if match:
            national = "0" + match.group(1)
            if len(national) == 11:
                return f"{national[:5]} {national[5:]}"
    return None


def phone_of_sender(channel: Optional[str], sender_id: str) -> Optional[str]:
    """A tenant who texts or WhatsApps us has already told us their number."""
    if channel not in ("twilio", "whatsapp", "sms"):
        return None
    return uk_phone_number(sender_id.replace("whatsapp:", ""))


def postcode_in(text: Optional[str]) -> Optional[str]:
    found = postcodes_in(text or "")
    return found[0] if found else None


_EXCLUSION_FINDINGS = {
    Finding.OLD_MATTER: ExclusionReason.OLDER_THAN_12_MONTHS,
    Finding.LEGAL_PROCEEDINGS: ExclusionReason.LEGAL_PROCEEDINGS,
    Finding.CRIMINAL_ALLEGATION: ExclusionReason.CRIMINAL_ALLEGATION,
    Finding.ALREADY_ANSWERED: ExclusionReason.ALREADY_ANSWERED,
    Finding.NEIGHBOUR: ExclusionReason.NEIGHBOUR_DISPUTE,
}
# Words that point the complaint at us, so a neighbour in it does not make it a neighbour dispute.
_ABOUT_US = re.compile(
    r"\b(you|your|yous|connexus|officers?|staff|team|landlord|housing|ignored|nothing (?:has been|was|is being|gets?) done)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def possible_exclusions(description: str, now: datetime, time_limit_months: int) -> List[ExclusionReason]:
    """The charter's exclusions a complaint may fall under, for a person to decide.

    A year named outright counts as old only when the whole of it is outside the time limit,
    so "in 2025" said in 2026 is not flagged but "in 2023" is.
    """
    findings = shared_rules().find(description)
    reasons = [reason for finding, reason in _EXCLUSION_FINDINGS.items() if finding in findings]
    if ExclusionReason.NEIGHBOUR_DISPUTE in reasons and _ABOUT_US.search(description or ""):
        # How we handled a neighbour problem is a complaint about us, which the Code lets in.
        reasons.remove(ExclusionReason.NEIGHBOUR_DISPUTE)
    limit_years = (time_limit_months + 11) // 12
    if any(int(year) < now.year - limit_years for year in _YEAR.findall(description or "")):
        if ExclusionReason.OLDER_THAN_12_MONTHS not in reasons:
            reasons.insert(0, ExclusionReason.OLDER_THAN_12_MONTHS)
    return [reason for reason in ExclusionReason if reason in reasons]


def dissatisfaction_shown(events: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the tenant sounded unhappy with us during the report now being logged.

    Reads Rasa's event dicts back to the previous logged report, so that unhappiness about
    an earlier report is not offered a complaint twice.
    """
    rules = shared_rules()
    for event in reversed(events):
        if event.get("event") == "action" and str(event.get("name", "")).startswith("action_submit_"):
            return False
        if event.get("event") == "user" and Finding.DISSATISFIED in rules.find(event.get("text") or ""):
            return True
    return False
