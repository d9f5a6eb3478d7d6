"""A tenant's answer to "which of these times suits you for the visit?", in their words or by a
button: a slot offered ("tuesday morning", "the first one", "thu pm", "Tuesday 8 December,
morning"), none of them ("none of those work"), or cancelling the visit ("cancel it please").

Read against the slots the tenant was shown, each a (day, half-day name) pair, so that "the first
one" is the first they saw. A day named with no half-day when both are free, or a time not
shown, is not an answer: the question comes again, as any unreadable answer does.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, List, Optional, Sequence, Tuple, Union

# What the reader may find.
NONE_OF_THESE = "none_of_these"
CANCEL_VISIT = "cancel"
Slot = Tuple[date, str]
Chosen = Union[Slot, str]

_WEEKDAYS = (
    r"mon(day)?",
    r"tue(s|sday)?",
    r"wed(s|nesday)?|weds",
    r"thu(r|rs|rsday)?",
    r"fri(day)?",
    r"sat(urday)?",
    r"sun(day)?",
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY = [re.compile(rf"\b({pattern})\b", re.IGNORECASE) for pattern in _WEEKDAYS]
_TOMORROW = re.compile(r"\b(tomorrow|tmrw|tmw|tomoz)\b", re.IGNORECASE)
# A day of the month: "the 9th", "9th of december", "9 dec", "December 9" (a button's words).
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DATES = (
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)\b(?:\s+(?:of\s+)?{_MONTH_WORD})?", re.IGNORECASE),
    re.compile(rf"\b(\d{{1,2}})\s+(?:of\s+)?{_MONTH_WORD}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH_WORD}\s+(\d{{1,2}})\b", re.IGNORECASE),
)
# The half-days' everyday names; a landlord's own half-day is read by its name alone.
_HALF_WORDS = {
    "morning": r"mornings?|morn|mornin|first thing|before (lunch|noon|midday|dinner)",
    "afternoon": r"afternoons?|aft|arvo|after ?noon|after (lunch|dinner|midday)",
}
# "tue am", "10am", "9th pm", "pm please": never "i am free", where "am" is a verb.
_AM_PM = re.compile(r"(?:(?:day|mon|tues?|weds?|thu|thurs?|fri|\d)\W{0,2}|^\W*)(am|pm)\b", re.IGNORECASE)
_ORDINALS = (
    (r"first|1st", 0),
    (r"second|2nd", 1),
    (r"third|3rd", 2),
    (r"fourth|4th", 3),
    (r"fifth|5th", 4),
    (r"sixth|6th", 5),
)
_ORDINAL_WORDS = "|".join(words for words, _ in _ORDINALS)
# "the first one", "second option", "option 3", "number 2", "2", "first please".
_BY_ORDINAL = re.compile(
    rf"\b({_ORDINAL_WORDS})\s+(one|option|time|slot|choice)\b|^\W*(?:the\s+)?({_ORDINAL_WORDS})\W*(please|thanks)?\W*$",
    re.IGNORECASE,
)
_BY_NUMBER = re.compile(r"\b(?:option|number|no\.?)\s*(\d{1,2})\b|^\W*(\d{1,2})\W*$", re.IGNORECASE)
_LAST = re.compile(r"\b(the\s+)?last\s+(one|option|time|slot|choice)\b|^\W*(the\s+)?last\W*$", re.IGNORECASE)
_NONE = re.compile(
    r"\b(none|neither|nothing)\b.{0,25}\b(of (these|those|them|the times)|suits?|works?|good|ok)\b"
    r"|^\W*(none|neither)\b"
    r"|\b(can'?t|cannot|can not|won'?t be able to) (do|make|manage) (any|either|none|them|those|these)\b"
    r"|\b(not|no) (any|one) of (these|those|them)\b"
    r"|\b(they'?re|theyre|those are|these are|they are) (all )?(no good|bad|no use|not (good|any good))\b",
    re.IGNORECASE,
)
_CANCEL = re.compile(r"\bcancel+(l?ed|l?ing)?\b|\bcall (it|the visit|the appointment) off\b", re.IGNORECASE)
_KEEP = re.compile(r"\b(don'?t|do not|not|no need to)\s+(want to\s+)?cancel", re.IGNORECASE)


def visit_chosen(text: Optional[str], offered: Sequence[Slot], today: date) -> Optional[Chosen]:
    """The slot chosen from `offered`, NONE_OF_THESE, CANCEL_VISIT, or None when the words choose
    nothing that was shown (the question is then asked again)."""
    words = " ".join((text or "").split())
    if not words or len(words) > 200:
        return None
    slot = _slot_named(words, offered, today) or _slot_by_position(words, offered)
    if slot is not None:
        return slot
    if wants_cancelling(words):
        return CANCEL_VISIT
    if _NONE.search(words):
        return NONE_OF_THESE
    return None


def wants_cancelling(text: Optional[str]) -> bool:
    """ "cancel the visit for REP-...", "can you cancel my appointment": not "don't cancel it"."""
    words = text or ""
    return bool(_CANCEL.search(words)) and not _KEEP.search(words)


def _slot_named(words: str, offered: Sequence[Slot], today: date) -> Optional[Slot]:
    days = _days_named(words, today)
    halves = {half for half in {name for _, name in offered} if _names_half(words, half)}
    if not days and not halves:
        return None
    found = [
        (day, half)
        for day, half in offered
        if (not days or any(d(day) for d in days)) and (not halves or half in halves)
    ]
    if not found:
        return None
    if days and not halves and len({half for _, half in found}) > 1:
        return None  # "tuesday", with its morning and its afternoon both free: which?
    return found[0]


def _slot_by_position(words: str, offered: Sequence[Slot]) -> Optional[Slot]:
    """ "the first one", "option 2", "the last one": by its place in the list shown."""
    if _LAST.search(words):
        return offered[-1] if offered else None
    by_ordinal, by_number = _BY_ORDINAL.search(words), _BY_NUMBER.search(words)
    if by_ordinal:
        ordinal = by_ordinal.group(1) or by_ordinal.group(3)
        position = next(n for pattern, n in _ORDINALS if re.fullmatch(pattern, ordinal, re.IGNORECASE))
    elif by_number:
        position = int(by_number.group(1) or by_number.group(2)) - 1
    else:
        return None
    return offered[position] if 0 <= position < len(offered) else None


DayTest = Callable[[date], bool]


def _days_named(words: str, today: date) -> List[DayTest]:
    """Each day the words name, as a test of a date: a weekday, tomorrow, a day of the month."""
    found: List[DayTest] = []
    for weekday, pattern in enumerate(_WEEKDAY):
        if pattern.search(words):
            found.append(lambda day, weekday=weekday: day.weekday() == weekday)
    if _TOMORROW.search(words):
        found.append(lambda day: day == today + timedelta(days=1))
    for pattern in _DATES:
        for match in pattern.finditer(words):
            number, month = int(match.group(1)), _month_of(match.group(0))
            found.append(lambda day, number=number, month=month: day.day == number and month in (None, day.month))
    return found


def _month_of(words: str) -> Optional[int]:
    lowered = words.lower()
    return next((n for n, name in enumerate(_MONTHS, start=1) if re.search(rf"\b{name}", lowered)), None)


def _names_half(words: str, half: str) -> bool:
    pattern = _HALF_WORDS.get(half, re.escape(half))
    if re.search(rf"\b({pattern})\b", words, re.IGNORECASE):
        return True
    said = {found.lower() for found in _AM_PM.findall(words)}
    return (half == "morning" and "am" in said) or (half == "afternoon" and "pm" in said)


# Asking to book, move or cancel a repair's visit, in words ("can I change my appointment", "I
# need to rebook the visit", "cancel the visit for REP-..."): read here, not by the model, so
# that routing it takes no training data, which moves every other reading of the model.
_VISIT_NOUN = (
    r"(appointment|apointment|appoinment|appt|visit|booking|time slot|slot"
    r"|the (day|date|time) (you'?re|you are|they'?re|they are|the \w+ is|someone is) coming)"
)
_CHANGE_VERB = (
    r"(change|chnage|chang|move|rebook|re-book|rebok|reschedule|re-schedule|rearrange|re-arrange|swap|"
    r"cancel|cancle|call off|put back|bring forward|push back)"
)
_ASKS_TO_CHANGE = re.compile(
    rf"\b{_CHANGE_VERB}\b.{{0,40}}\b{_VISIT_NOUN}\b"
    rf"|\b{_VISIT_NOUN}\b.{{0,40}}\b({_CHANGE_VERB}|different (day|time)|another (day|time)|earlier|later)\b"
    r"|\b(can'?t|cannot|can not|won'?t be able to) make (the|my|our|tomorrow'?s|it for the) (appointment|visit)\b"
    r"|\bbook (a|the|my) (visit|time|slot)\b"
    r"|\bcome (on )?(a )?(different|another|other) (day|time)\b"
    r"|^\W*(rebook|reschedule)\b",
    re.IGNORECASE,
)
# Another appointment than a repair's visit, or a grievance about one, is not asking to change it.
_NOT_A_REPAIR_VISIT = re.compile(
    r"\b(gas (servic\w*|safety|check|engineer)|boiler servic\w*|annual servic\w*|safety check|viewing|"
    r"doctor'?s?|hospital|gp|dentist)\b|\b(why|who) (did|has|have)\b",
    re.IGNORECASE,
)


def asks_to_change_visit(text: Optional[str]) -> bool:
    """Whether the tenant asks to book, move or cancel a repair's visit: a visit or appointment
    and something done to it, not a gas service's appointment, not "why did you cancel it"."""
    words = " ".join((text or "").split())
    if not words or len(words) > 300:
        return False
    return bool(_ASKS_TO_CHANGE.search(words)) and not _NOT_A_REPAIR_VISIT.search(words)
