"""How a home came to be left open: the question a repair to secure a home asks when its words
do not say.

A tenant whose ex kicked the front door in may report only "front door broken, the frame's split,
it won't lock". Asked nothing about how, she says nothing more: the emergency repair is logged,
the door is fixed, and she is never offered the domestic abuse helpline. Asked how it happened,
people say ("my ex kicked it in"), and the safety rules read the answer as they read any message.
"""

from __future__ import annotations

import re
from typing import Optional

# A door, window or lock that no longer keeps the home shut.
_LEFT_OPEN = re.compile(
    r"\b((won'?t|wont|can'?t|cant|cannot|doesn'?t|doesnt|will not|unable to|no way to) (lock|secure|shut|close|latch)|"
    r"kicked\b.{0,20}\b(in|open|through)|forced\b.{0,20}\b(in|open)|smashed|frame('?s| is)? (split|broken|cracked|splintered|hanging)|"
    r"off (its|the) hinges)",
    re.IGNORECASE,
)
_WAY_IN = re.compile(r"\b(doors?|windows?|locks?|frame)\b", re.IGNORECASE)
# The door of a room or a cupboard keeps no one out of the home.
_INSIDE_DOOR = re.compile(
    r"\b(bed ?room|bathroom|toilet|loo|cupboard|wardrobe|lounge|living room|internal|fire|cabinet|shower|oven) doors?\b",
    re.IGNORECASE,
)
# Words that already say how: a burglary, the weather, wear, an accident, the tenant's own doing.
_CAUSE_TOLD = re.compile(
    r"\b(burgl\w*|broke(n)? in(to)?|break[- ]?in|police|storm|wind|gale|wore|worn|rotten|rotted|old|snapped|"
    r"jammed|swollen|locked (myself|ourselves|me) out|lost (my|the) keys?|my fault|by accident|accidentally|"
    r"i (did|broke|kicked)|kids? (did|broke)|ball|football|fire brigade|ambulance|paramedics)\b",
    re.IGNORECASE,
)


def asks_how_it_happened(description: Optional[str]) -> bool:
    """Whether a repair's words tell of a home that cannot be shut or locked without saying how."""
    words = description or ""
    way_in = _WAY_IN.search(_INSIDE_DOOR.sub(" ", words))
    return bool(_LEFT_OPEN.search(words) and way_in) and not _CAUSE_TOLD.search(words)


# A request or a question in place of the answer: "can someone come and fix it", sent straight
# after the report, crossed the question and was taken as how it happened.
_ASKS_INSTEAD = re.compile(
    r"^\W*(can|could|will|would|please|pls|plz|when|how long|is (someone|anyone)|are you|any chance)\b", re.IGNORECASE
)


def asks_instead_of_how(text: Optional[str]) -> bool:
    """Whether a reply to "how did it happen?" asks for something instead of saying how."""
    return bool(_ASKS_INSTEAD.search(text or ""))
