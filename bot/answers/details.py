"""The details the forms ask for, read from however a tenant typed them: where in the home,
a phone number, a postcode, and "nothing" or "don't know" as an answer in its own right.

Plain functions over text, so the form validations in actions/ stay one line each and a test
can check every answer without a model.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.cases import POSTCODE, postcodes_in

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
    r"airing cupboard|cupboard|cellar|basement|bin store|lift|driveway|path|yard|outside|"
    r"(?:front|back|side) of the (?:house|flat|building|block))\b",
    re.IGNORECASE,
)

_OWNER = re.compile(r"^(my|our|the)\s+", re.IGNORECASE)
_PHONE_CHARACTERS = re.compile(r"[\s().-]")
_UK_PHONE = re.compile(r"^(?:\+44|0044|0)(\d{9,10})$")
# Something typed that may be a phone number, before it is checked.
_PHONE_CANDIDATE = re.compile(r"[+\d][\d\s().-]{8,}\d")


def says_nothing(text: Optional[str]) -> bool:
    """A "no", "none" or "don't know": an answer, not a refusal to answer."""
    return bool(text) and bool(_NOTHING.match(text))


# "How and when is it safe for us to contact you?" answered with there being no such way.
_NO_SAFE_WAY = re.compile(
    r"^\W*(no+|nope|nah|none)?\W*(there'?s |theres |there is )?(no|not any|none)\b[^.!?]{0,12}"
    r"\b(safe )?(way|time|number)\b|^\W*(don'?t|do not|please don'?t|never) (contact|call|text|ring|message) me\b",
    re.IGNORECASE,
)


# No way of contact at all, but nothing wrong, or the question not understood: "just seeing if it
# works, nothing wrong" was read back as the safe way to contact a tenant the model alone had read
# as disclosing abuse. Such an answer gives no way, so the case waits for the tenant to call (a
# person reviews it): someone being watched may well say "nothing wrong".
_NO_WAY_GIVEN = re.compile(
    r"\b(nothing (is )?wrong|nothing like that|i'?m (fine|ok|okay)|im (fine|ok|okay)|just (testing|trying|seeing|checking)|"
    r"wrong (chat|person|number|place)|misunderst\w*|what do you mean|eh\?|what\?)",
    re.IGNORECASE,
)


def no_safe_way(text: Optional[str]) -> bool:
    """A "no" to the safe way of contact, said in more words than "no" ("no theres no safe way",
    "don't contact me"), or an answer that gives no way at all ("nothing wrong, just seeing if it
    works"): never to be read back as the way to contact them."""
    return says_nothing(text) or bool(_NO_SAFE_WAY.search(text or "") or _NO_WAY_GIVEN.search(text or ""))


def place_named(text: Optional[str]) -> Optional[str]:
    """The answer to "where in your home is it?": a room, or a short answer in other words
    ("by the back door"); a long message is something else, to be kept, not a place."""
    found = location_in(text)
    if found:
        return found
    words = (text or "").strip()
    if _TOLD_NOT_A_PLACE.search(words) or _ONLY_POLITE.match(words):
        # "i cant find the stopcock", "thanks": kept with the report, and the question comes again
        return None
    return words if 0 < len(words) <= 60 and not says_nothing(words) else None


# A short answer that is a sentence about something else, not a place.
_TOLD_NOT_A_PLACE = re.compile(
    r"\?|\b(i|i'?m|im|we|we'?re|can'?t|cant|don'?t|dont|won'?t|wont|didn'?t|didnt|no idea|should)\b", re.IGNORECASE
)


# A pleasantry or a bare yes is no place: "thanks" after an answer was kept as where the repair was.
_ONLY_POLITE = re.compile(
    r"^(\W*(thanks?( you)?( very much)?|thank u|thx|ta|cheers|ok(ay)?|yes|yeah|yep|hello|hi|hiya|great|"
    r"cool|lovely|brilliant|perfect)\b)+\W*$",
    re.IGNORECASE,
)


# A place taken back as soon as it is named: "not the kitchen one", "isnt the bathroom".
_NOT_THERE = re.compile(r"\b(not|isn'?t|isnt|rather than|instead of)( in)?( the| my| our)?\s*$", re.IGNORECASE)


def location_in(text: Optional[str]) -> Optional[str]:
    """Where in the home a report says the problem is ("the back bedroom"), if it says: the last
    place named that is not taken back, since a tenant corrects themselves as they go ("kitchen.
    well actually its the utility room sink not the kitchen one")."""
    words = text or ""
    places = [found for found in _ROOM.finditer(words) if not _NOT_THERE.search(words[: found.start()])]
    if not places:
        return None
    corrected = len(places) > 1 and _CORRECTION.search(words)
    chosen = places[-1] if corrected else places[0]
    return _OWNER.sub("", chosen.group(0)).strip()


# Words that correct what came before them: "well actually", "i mean", "sorry, its".
_CORRECTION = re.compile(r"\b(actually|i mean|sorry|no wait|scratch that|correction)\b", re.IGNORECASE)


def uk_phone_number(text: Optional[str]) -> Optional[str]:
    """A UK phone number written the usual way ("07700 900123"), from however it was typed.

    Mobiles and landlines, with +44, 0044 or 0, with spaces, dots, dashes or brackets.
    """
    for candidate in _PHONE_CANDIDATE.findall(text or ""):
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


def only_contact_details(text: Optional[str]) -> bool:
    """ "SY7 9BW" or "07700 900123, SY7 9BW": a phone number or postcode and nothing else, given
    when something else was asked. Kept as the detail it is, never as the answer to "what would
    put this right?" or "when can we get in?"."""
    text = text or ""
    rest = _PHONE_CANDIDATE.sub(lambda found: " " if uk_phone_number(found.group(0)) else found.group(0), text)
    rest = POSTCODE.sub(" ", rest)
    return rest != text and not re.search(r"[^\W_]", rest)
