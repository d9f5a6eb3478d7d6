"""The answer to "how did we do with your repair, from 1 (very poor) to 5 (very good)?", in the
tenant's words: "5", "4 - quick and tidy", "five stars", "3 they were late", "1. still leaking",
"10/10", "id give them a 4", or "it was good thanks" with no number at all.

Read here, without a model, because a score is a figure the landlord reports: a number that is
a count ("2 weeks late", "3 windows"), a time ("4pm") or a range ("3 or 4") is not a score, and
a message that is clearly about something else (a danger, a new repair, a question) is not an
answer however it starts (`answers_the_survey`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from bot.answers.interruptions import SURE, asks_something
from bot.rules import Finding
from bot.taxonomy import SAFETY_INTENTS, Category, meaning_of

LOWEST, HIGHEST = 1, 5

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_NUMBER = r"(\d{1,2}|one|two|three|four|five)"
# Counts, times and ordinals that a number at the start of a message may be followed by.
_COUNTED = frozenset(
    {
        "am",
        "pm",
        "oclock",
        "o'clock",
        "bed",
        "bedroom",
        "day",
        "hour",
        "hr",
        "min",
        "minute",
        "month",
        "week",
        "year",
        "time",
        "man",
        "men",
        "people",
        "person",
        "child",
        "children",
        "kid",
        "room",
        "floor",
        "storey",
        "of",
        "more",
        "and",
        "or",
        "to",
    }
)
# Words ending in s that are not plurals of what was counted: "5 thanks", "4 stars".
_NOT_PLURAL = frozenset({"thanks", "cheers", "stars", "this", "always", "perhaps", "unless", "plus", "nevertheless"})
_SCALE = re.compile(rf"\b{_NUMBER}\s*(?:/|out of|outta|of)\s*(5|five|10|ten)\b", re.IGNORECASE)
_STARS = re.compile(rf"\b{_NUMBER}\s*(?:stars?\b|\*)", re.IGNORECASE)
# A number that is not followed by what it counts: "rate it 4", not "they say 2 weeks".
_NOT_COUNTED = r"(?![\w/])(?!\s+(?:weeks?|days?|hours?|months?|years?|times?|mins?|minutes?|men|people|bedrooms?|of)\b)"
_GIVEN = re.compile(
    rf"(?:\b(?:i'?d|id|i would|i will|i'?ll|we'?d|we would|i)\s+)?"
    rf"\b(?:give|gave|giving|rate|rated|rating|score|scored|mark|marks)\b"
    rf"(?:\s+(?:it|you|u|them|him|her|us|the job|the repair|the work))?(?:\s+(?:a|an))?\s*:?\s*{_NUMBER}{_NOT_COUNTED}",
    re.IGNORECASE,
)
_SAY = re.compile(rf"\b(?:i'?d|id|i would|we'?d)\s+say\s+(?:an?\s+)?{_NUMBER}{_NOT_COUNTED}", re.IGNORECASE)
_A_NUMBER = re.compile(
    rf"\b(?:it'?s|its|it was|that'?s|thats|an?|solid|easy|easily|definitely)"
    rf"(?:\s+(?:an?|solid|easily|definitely))*\s+{_NUMBER}(?=\s*(?:$|[.!,)]|from me\b))",
    re.IGNORECASE,
)
_LEADING = re.compile(rf"^\W*(?:a\s+)?{_NUMBER}(?=$|[^\w'])(\s*[-–—./:,!)]*\s*)(\S*)", re.IGNORECASE)
_RANGE = re.compile(r"^\W*([1-5])\s*(?:-|–|/|or|to|and)\s*([1-5])(?!\s*(?:/|out of)\s*(?:5|10))\b", re.IGNORECASE)
_EMOJI_STARS = re.compile("[\u2b50\u2605\U0001f31f]")
_FULL_MARKS = re.compile(r"\b(full|top)\s+marks\b", re.IGNORECASE)
# What is left of a message once its score is taken that says nothing more.
_FILLER = re.compile(r"^[\s\-–—.:,;!*/)(]*(?:(?:stars?|out of (?:5|five)|/\s*5)\b)?[\s\-–—.:,;!*/)(]*", re.IGNORECASE)
_DECLINED = re.compile(
    r"^\W*(no( thanks?| thank you| ta)?|nah|not interested|no comment|rather not|id rather not|"
    r"i'd rather not|dont want to|don't want to|no i dont|no i don't|leave it)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rating:
    """A survey answer as read: the score (None when none was given or it was unclear) and the
    rest of what they wrote ("" when nothing)."""

    score: Optional[int]
    comment: str


def _value(word: str) -> int:
    return _WORDS.get(word.lower()) if word.lower() in _WORDS else int(word)


def _counted(following: str) -> bool:
    """Whether the word after a leading number makes it a count or a time: "2 weeks", "4pm"."""
    word = re.sub(r"[^\w']", "", following.lower())
    if not word:
        return False
    if word in _COUNTED:
        return True
    return len(word) > 3 and word.endswith("s") and word not in _NOT_PLURAL


def _scored(text: str) -> List[Tuple[int, Tuple[int, int]]]:
    """Every score the message gives, with where it was said; out-of-range ones as 0."""
    found: List[Tuple[int, Tuple[int, int]]] = []
    for match in _SCALE.finditer(text):
        number, scale = _value(match.group(1)), _value(match.group(2))
        if scale == 10:
            number = (number + 1) // 2 if 1 <= number <= 10 else 0
        found.append((number if LOWEST <= number <= HIGHEST else 0, match.span()))
    if not found:
        for pattern in (_STARS, _GIVEN, _SAY, _A_NUMBER):
            found += [(_in_range(m.group(1)), m.span()) for m in pattern.finditer(text)]
    if not found:
        leading = _LEADING.match(text)
        if leading and not (leading.group(2).strip() == "" and _counted(leading.group(3))):
            if not re.match(r"^[.:,]\d", text[leading.end(1) :]):  # "4.5", "4:30"
                found.append((_in_range(leading.group(1)), leading.span(1)))
    return found


def _in_range(word: str) -> int:
    number = _value(word)
    return number if LOWEST <= number <= HIGHEST else 0


def read_rating(text: Optional[str]) -> Rating:
    """The score and comment in a survey answer. A message giving two different scores, a
    range ("3 or 4") or a number outside 1 to 5 has no score: the tenant is asked once."""
    words = (text or "").strip()
    if _RANGE.match(words) and not _SCALE.match(words.lstrip("( ")):
        return Rating(None, words)
    found = _scored(words)
    if not found:
        stars = len(_EMOJI_STARS.findall(words))
        if _FULL_MARKS.search(words):
            return Rating(HIGHEST, _rest(words, _FULL_MARKS.search(words).span()))  # type: ignore[union-attr]
        if LOWEST <= stars <= HIGHEST and not re.search(r"\d", words):
            return Rating(stars, _rest(_EMOJI_STARS.sub("", words), (0, 0)))
        return Rating(None, _rest(words, (0, 0)))
    scores = {score for score, _ in found}
    if len(scores) != 1 or 0 in scores:
        return Rating(None, _rest(words, (0, 0)))
    return Rating(scores.pop(), _rest(words, found[0][1]))


# Words left around a score that say nothing of the repair: "rated 5 stars", "its a 4 from me".
_SAYS_NOTHING_MORE = frozenset(
    "rated rate rating score from me ok okay i it its id i'd would say give gave them you a an star stars".split()
)


def _rest(text: str, span: Tuple[int, int]) -> str:
    """The comment: after a score at the start, the rest ("4 - quick and tidy" is "quick and
    tidy"); around one said later, the whole message, not the tenant's words cut about; ""
    when nothing more was said ("five stars", "id give them a 4")."""
    start, end = span
    before = text[:start].rstrip(" -–—:,;")
    after = _FILLER.sub("", text[end:], count=1)
    rest = " ".join(part for part in (before.strip(), after.strip()) if part)
    words = re.findall(r"[\w']+", rest.lower())
    if not words or set(words) <= _SAYS_NOTHING_MORE:
        return ""
    return after.strip() if not before.strip() else text.strip()


def declines_survey(text: Optional[str]) -> bool:
    """ "no thanks", "not interested": the tenant would rather not answer."""
    return bool(_DECLINED.match((text or "").strip()))


# Dangers and repairs needing someone today: never filed as a score (safety first).
_NOT_AN_ANSWER = frozenset(
    {
        Finding.GAS.value,
        Finding.FIRE.value,
        Finding.DANGER_TO_LIFE.value,
        Finding.DOMESTIC_ABUSE.value,
        Finding.SELF_HARM.value,
        Finding.EMERGENCY_REPAIR.value,
        Finding.URGENT_REPAIR.value,
        Finding.ASB_HIGH_RISK.value,
    }
)
# What a comment on the repair is read as when it has no number.
_COMMENT_INTENTS = frozenset({"thank", "give_feedback", "affirm", "deny", "inform", "nlu_fallback", "out_of_scope"})
_SOMETHING_ELSE = frozenset({Category.REPAIR, Category.ASB, Category.COMPLAINT, Category.ENQUIRY})
# "took too long", "still not fixed": the model reads unhappiness as a complaint, but in reply
# to the survey it is the comment, and a low score is then offered a complaint. Asking for one
# in so many words is asking for one.
_UNHAPPY_INTENTS = frozenset({"complain"})
_ASKS_TO_COMPLAIN = re.compile(r"\b(complain|complaint|ombudsman|formal)", re.IGNORECASE)


def answers_the_survey(text: str, intent: Optional[str], confidence: float, findings: Sequence[str]) -> bool:
    """Whether a message that may answer the survey does: never one with a danger or a repair
    needing someone today in it, or a danger the model is fairly sure of; any other with a
    score; without one, a comment ("it was good thanks", "no thanks"), not a question, a
    greeting or a new report the model is fairly sure of ("my fence has blown down")."""
    if set(findings) & _NOT_AN_ANSWER:
        return False
    if intent in SAFETY_INTENTS and confidence >= SURE:
        return False
    if read_rating(text).score is not None:
        return True
    if declines_survey(text):
        return True
    if asks_something(text) or (intent == "greet" and confidence >= SURE):
        return False
    if intent in _COMMENT_INTENTS or (intent in _UNHAPPY_INTENTS and not _ASKS_TO_COMPLAIN.search(text)):
        return True
    return not (meaning_of(intent).category in _SOMETHING_ELSE and confidence >= SURE)
