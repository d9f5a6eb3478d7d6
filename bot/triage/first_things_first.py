"""Which of two things a message tells is taken first.

A message can open with a timescale question and go on to tell a report, or tell a repair and
trouble from the neighbours in one breath. What the tenant put first is taken first, and the
rest afterwards, unless what the model picked cannot wait: a same-day repair, high-risk ASB, or
anything for safety.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.charter import AsbRisk
from bot.rules import Finding
from bot.taxonomy import Category, SafetySignal, meaning_of
from bot.timescales import asks_how_long, asks_what_if, starts_with_what_if
from bot.triage.reading import Triage, safety_of_intent
from bot.triage.urgency import SAME_DAY_PRIORITIES


# A gas leak asked about and said not to be happening: "how fast do you come out if theres a gas
# leak? not got one, just asking cos im doing a safety sheet for my nan".
_NONE_HERE = re.compile(
    r"\b(not got one|haven'?t got one|havent got one|don'?t have one|dont have one|no leak|not a real one|"
    r"hypothetical\w*|just so (i|we) know|just asking|asking for a friend|not saying (mine|it|ours) (is|does|did)|"
    r"just in case|ever)\b",
    re.IGNORECASE,
)
# ...and never when a smell is told as well: "how long will you be, i can smell gas, not got one of
# those alarms" is a gas leak.
_SMELT_NOW = re.compile(
    r"\b(can smell|smelling|i smell|smell it|smells? of gas|(there'?s|theres|there is) a (\w+ )?smell|is a smell|"
    r"(smelt|smelled) gas (now|today|tonight|this))\b",
    re.IGNORECASE,
)


# "what am i meant to do if i ever smell gas": a smell supposed, not told.
_IF_I_SMELL = re.compile(r"\bif (i|we|you) (ever |do |)(smell|smelt|smelled|can smell)\b", re.IGNORECASE)


def _gas_only_asked_about(result: Triage, text: str) -> bool:
    """A gas leak or a carbon monoxide alarm asked about, not told: "what happens if my boiler leaks
    gas when im at work", "if the CO alarm ever goes off what am i supposed to do? just so i know".
    The answer gives the gas emergency number and what to do (`ActionAnswerTimescales`)."""
    told = text or ""
    supposed = _NONE_HERE.search(told) or starts_with_what_if(told)
    smelt = _SMELT_NOW.search(_IF_I_SMELL.sub(" ", told))
    return result.safety == (SafetySignal.GAS,) and bool(supposed) and not smelt


def question_taken_as_asked(result: Triage, text: str) -> bool:
    """Whether a message that opens with a timescale question ("how long do normal repairs
    take? i reported my kitchen cupboard door last week") is answered as the question it is,
    not started as a report. Never when it cannot wait: a same-day repair, high-risk ASB,
    anything for safety, unless the tenant says the gas leak they ask about is not happening (the
    answer then gives the gas emergency number, `ActionAnswerTimescales`)."""
    if _gas_only_asked_about(result, text):
        return asks_what_if(text) or asks_how_long(text)
    if result.safety:
        return False
    if result.category is Category.OTHER and result.intent == "nlu_fallback":
        # "who do i ring if a pipe bursts on a saturday night", which the model could not place.
        return asks_what_if(text)
    if result.category not in (Category.REPAIR, Category.ASB, Category.COMPLAINT):
        return False
    if result.asb_risk is AsbRisk.HIGH:
        return False
    # "and what about if my heating breaks": nothing has happened, whatever it would need.
    return asks_what_if(text) or (asks_how_long(text) and result.priority not in SAME_DAY_PRIORITIES)


def report_taken_first(result: Triage, first_told: Optional[str], ranking: Sequence[str]) -> Optional[str]:
    """The intent to act on when a message tells a repair and trouble from the neighbours and
    the model picked the one told second ("my boiler's broken and the neighbour's dog barks all
    night"): the model's best reading of the one told first, or None to keep its choice.

    The one told first is taken, and the other offered afterwards, unless the one the model
    picked cannot wait: a same-day repair, high-risk ASB, or anything for safety. `ranking` is
    the model's intents, best first.
    """
    if result.safety or first_told is None:
        return None
    if first_told == "repair" and result.category is Category.ASB and result.asb_risk is not AsbRisk.HIGH:
        wanted, fallback = Category.REPAIR, "report_repair_routine"
    elif first_told == "asb" and result.category is Category.REPAIR and result.priority not in SAME_DAY_PRIORITIES:
        wanted, fallback = Category.ASB, "report_asb_low_risk"
    else:
        return None
    return next(
        (intent for intent in ranking if meaning_of(intent).category is wanted and safety_of_intent(intent) is None),
        fallback,
    )


# Any word a gas leak or carbon monoxide could be told by: the smell, the alarm, the appliances, the
# symptoms, the heating they come with.
_ANY_SIGN_OF_GAS = re.compile(
    r"\b(gas|smell\w*|sniff\w*|stink\w*|whiff|co|carbon|monoxide|alarm\w*|detector|head\w*|dizz\w*|drows\w*|"
    r"sleep\w*|sick|nause\w*|vomit\w*|faint\w*|fumes?|soot\w*|flames?|hiss\w*|rotten|eggs?|boiler|fire|cooker|hob|"
    r"oven|meter|pipes?|heating|heater|flue|breath\w*|eyes|collapsed|unconscious|unwell|ill|poorly)\b",
    re.IGNORECASE,
)


def gas_never_told(result: Triage, text: str) -> bool:
    """A gas leak that only the model read, in a message with no word a gas leak or carbon monoxide
    is ever told by: "EMERGENCY!!!!! the fan in the bathroom is making the most horrendous screaming
    noise like a jet engine" was read as a gas leak at 1.00, logged as an urgent gas repair, and the
    tenant told to get everyone out. It is the repair it names; a gas leak the rules saw, or told by
    any of those words, always stands. Over every development set, no message labelled gas has none
    of them."""
    model_alone = Finding.GAS not in result.findings and SafetySignal.GAS in result.safety
    return model_alone and not _ANY_SIGN_OF_GAS.search(text or "")
