"""Which problem a message is about: the area a tenant picks when the assistant could not tell,
and a second problem told in the same message ("my boiler's broken and the neighbour's dog
barks all night"), including damage to the home in a report of anti-social behaviour.

Apart from the readers of answers because these split a message into its clauses and tell a
repair from trouble with the neighbours, so that each becomes a report of its own.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from bot.rules import shared_rules
from bot.triage import THREAT_FINDINGS

AREAS = ("repair", "neighbour", "complaint", "question", "something_else")
_AREA_WORDS = (
    ("something_else", re.compile(r"\b(something else|none of (these|them|those)|other|neither)\b", re.IGNORECASE)),
    ("complaint", re.compile(r"\b(complain\w*|complaint)\b", re.IGNORECASE)),
    ("neighbour", re.compile(r"\b(neighbou?rs?|next door|anti.?social|asb|noise|people)\b", re.IGNORECASE)),
    ("repair", re.compile(r"\b(repairs?|fix|broken|something broken|fault)\b", re.IGNORECASE)),
    ("question", re.compile(r"\b(question|ask|enquiry|query|information|info)\b", re.IGNORECASE)),
)


def area_chosen(text: Optional[str]) -> Optional[str]:
    """Which area a tenant picked from the choice offered ("its a repair", "my neighbour",
    "a question"), or None when the message is not a choice but something new."""
    words = (text or "").strip()
    if not words or len(words) > 60:
        return None
    return next((area for area, pattern in _AREA_WORDS if pattern.search(words)), None)


_CLAUSE = re.compile(r"\s*(?:[.;!?]+|,?\s+\band\b\s+(?:also\s+)?|\balso\b|\bplus\b)\s*", re.IGNORECASE)
_REPAIR_WORDS = re.compile(
    r"\b(broken|broke|leak\w*|boiler|heating|tap|toilet|sink|drain|blocked|damp|mou?ld|window|door|lock|"
    r"light|socket|roof|gutter|fence|radiator|shower|bath|ceiling|wall is cracked|not working|stopped working|"
    r"lift|pipe|fan|extractor|intercom|buzzer|cooker|oven|hob|fuse|switch)"
    r"(?:s|'s)?\b",
    re.IGNORECASE,
)
_NEIGHBOUR_TROUBLE = re.compile(
    r"\b(neighbou?rs?|next door|upstairs|downstairs|bark\w*|dogs?|music|party|parties|noise|noisy|shout\w*|"
    r"threat\w*|harass\w*|drugs|dealing|fly.?tipp\w*)\b",
    re.IGNORECASE,
)


# Doors and windows named as where something happens, not as what is broken: "next door", "slamming
# doors", "the benches under my window", "shouting outside my door".
_PLACES_NOT_FAULTS = re.compile(
    r"next door|slam\w* (the )?doors?|\b(under|outside|below|past|beneath|by|near|at|through|from) (my|our|the) "
    r"(bedroom |front |back |kitchen |living room )?(windows?|doors?)\b",
    re.IGNORECASE,
)


def _kind_of_clause(clause: str) -> Optional[str]:
    """ "repair" for a fault with nothing about the neighbours in it, "asb" for trouble from
    people with no fault in it, None for a clause that is neither or both."""
    fault = _REPAIR_WORDS.search(_PLACES_NOT_FAULTS.sub("", clause))
    trouble = _NEIGHBOUR_TROUBLE.search(clause)
    if fault and not trouble and not shared_rules().find(clause) & THREAT_FINDINGS:
        return "repair"  # not "someone sprayed racist stuff on my door", which is the ASB itself
    if trouble and not fault:
        return "asb"
    return None


def _clauses(text: Optional[str]) -> List[str]:
    return [c.strip() for c in _CLAUSE.split(text or "") if c and c.strip()]


def second_problem(text: Optional[str], first: str) -> Optional[str]:
    """The part of a message that is a second, different problem ("my boiler's broken and the
    neighbour's dog barks all night": the dog, when the boiler is taken first), or None.
    `first` is the category taken: "repair" or "asb"."""
    clauses = _clauses(text)
    if len(clauses) < 2:
        return None
    other = "asb" if first == "repair" else "repair"
    # The problem taken first may be told second.
    return next((clause for clause in clauses if _kind_of_clause(clause) == other), None)


_DAMAGE = r"(smash\w*|broke\w*|kick\w*|shatter\w*|put through|board\w*|cracked)"
_HOME_PART = r"(windows?|doors?|locks?|glass|panes?|frames?|letterbox)"
_HOME_DAMAGED = re.compile(
    rf"\b{_DAMAGE}\b.{{0,40}}\b{_HOME_PART}\b|\b{_HOME_PART}\b.{{0,40}}\b{_DAMAGE}|"
    rf"\bput\b.{{0,30}}\b{_HOME_PART}\s+(in|through)\b",
    re.IGNORECASE,
)


_VEHICLE = re.compile(r"\b(car|cars|van|vehicle|motor|bike|windscreen)\b", re.IGNORECASE)


def damage_to_make_safe(messages: Sequence[str]) -> Optional[str]:
    """The part of an anti-social behaviour report that is damage to the home ("he put my front
    window through, need it boarding up"), or None. The ASB report is the crime; the damage is a
    repair of its own, so the window is made safe and not left waiting for the ASB officer."""
    for message in messages:
        clause = next((c for c in _clauses(message) if _HOME_DAMAGED.search(c) and not _VEHICLE.search(c)), None)
        if clause:
            return clause
    return None


def first_problem(text: Optional[str]) -> Optional[str]:
    """Of a message telling a repair and trouble from the neighbours, which comes first
    ("repair" or "asb"); None when it tells only one kind. Tenants lead with what matters
    most to them, so that is the report taken first."""
    kinds = [kind for kind in map(_kind_of_clause, _clauses(text)) if kind]
    return kinds[0] if len(set(kinds)) == 2 else None
