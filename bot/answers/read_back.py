"""Which answer of a read-back the tenant wants to change: "change the postcode", "the room is
wrong", or a read-back button such as "Change where".

Before a report is logged the assistant reads it back ("The problem: ... Where: ... Getting in:
... Phone: ... Postcode: ..."). A tenant who sees one answer wrong should change that one, not
start the whole report again. The answers are named here as the read-back names them.
"""

from __future__ import annotations

import re
from typing import Tuple

#: The read-back's answers, in the order it reads them.
PROBLEM, WHERE, GETTING_IN, PHONE, POSTCODE = "problem", "where", "getting in", "phone", "postcode"
READ_BACK_ORDER = (PROBLEM, WHERE, GETTING_IN, PHONE, POSTCODE)

# Asking for a change: "change", "wrong", "not right", "edit", "update", "mistake"... Not
# "correct", which at a read-back is far more often "yes that's correct".
_CHANGE = re.compile(
    r"\b(change|chang|edit|amend|update|correction|alter|wrong|not right|isn'?t right|mistake|typo|"
    r"different|instead)\b",
    re.IGNORECASE,
)

# How each answer is named. A house, flat or door number is part of the address, not the phone.
_NAMED = {
    PROBLEM: re.compile(
        r"\b(problem|description|describ\w*|fault|issue|what'?s wrong|what is wrong|what needs (repairing|fixing))\b",
        re.IGNORECASE,
    ),
    WHERE: re.compile(r"\b(where|location|room|which part)\b", re.IGNORECASE),
    GETTING_IN: re.compile(r"\b(getting in|get in|access|way in|key ?safe)\b", re.IGNORECASE),
    PHONE: re.compile(r"\b(phone|mobile|(?<!house )(?<!flat )(?<!door )number|contact number|tel)\b", re.IGNORECASE),
    POSTCODE: re.compile(r"\b(post ?code|address|house number|flat number|door number)\b", re.IGNORECASE),
}


def answers_to_change(text: str) -> Tuple[str, ...]:
    """The read-back's answers the tenant asks to change, in the read-back's order; none when the
    message asks for no change ("yes log it") or names no answer ("change it")."""
    if not _CHANGE.search(text or ""):
        return ()
    return tuple(answer for answer in READ_BACK_ORDER if _NAMED[answer].search(text))
