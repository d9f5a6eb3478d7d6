"""Answering "how long does it take?" from the charter, without starting a report.

A tenant who asks what our timescales are is asking a question, not reporting a repair: they
get the charter's promises for what they asked about (repairs, damp and mould, complaints,
neighbour trouble, call-backs), every figure read from the charter.
"""

from __future__ import annotations

import enum
import re
from typing import Dict, List

from bot.charter import AsbRisk, Charter, RepairPriority


class TimescaleTopic(enum.Enum):
    REPAIRS = "utter_timescales_repairs"
    DAMP_MOULD = "utter_timescales_damp_mould"
    COMPLAINTS = "utter_timescales_complaints"
    ASB = "utter_timescales_asb"
    CALLBACK = "utter_timescales_callback"


_WORDS = {
    TimescaleTopic.DAMP_MOULD: r"damp|mou?ld|condensation|awaab",
    TimescaleTopic.COMPLAINTS: r"complain|complaint|stage (1|2|one|two)|review|ombudsman|appeal",
    TimescaleTopic.ASB: r"neighbou?r|noise|anti.?social|asb|harass|threat|nuisance|music|drugs",
    TimescaleTopic.CALLBACK: r"call(ed)? (me )?back|callback|ring (me )?back|get back to me|hear back|reply|respond to (my|an) (email|message|enquiry)",
    TimescaleTopic.REPAIRS: r"repair|fix|emergenc|urgent|routine|leak|boiler|heating|hot water|broken|gas|gutter|fence|come out|attend|engineer|plumber|electric|roof|window|door",
}


# A message that opens by asking how long something takes: "how long do normal repairs take?
# i reported my cupboard door last week" is a question, whatever else it goes on to say.
_HOW_LONG = re.compile(
    r"^\W*(how (long|quick|quickly|soon|fast|many (days|weeks|hours))|"
    r"what (are|is) (your|the) (timescales?|time ?frames?|targets?))\b",
    re.IGNORECASE,
)


def asks_how_long(text: str) -> bool:
    return bool(_HOW_LONG.search(text or ""))


# Something that has not happened, asked about: "and what about if my heating breaks", "what
# happens if the boiler goes at the weekend". A tense of its own says it has ("its broken now").
_WHAT_IF = re.compile(
    r"^\W*(and |so |but )?(what (about )?if|what (happens|would happen|will happen) if|what (do|should|would) (i|we) do if|"
    r"who (do|should) (i|we) (call|ring|contact) if|hypothetically)\b",
    re.IGNORECASE,
)
_HAS_HAPPENED = re.compile(
    r"\b(now|today|tonight|right now|has|have|had|hasn'?t|isn'?t|is not|won'?t|wont|doesn'?t|broke|broken|"
    r"stopped|gone|went|already|currently)\b",
    re.IGNORECASE,
)


# The same question with its "if" inside: "how long would i be waiting if my boiler broke down in
# winter", "like if my ceiling was falling in would that be 4 hours?", "if the police smash my door in
# at night who do i ring to get it boarded and how quick do they come". A question of time and a
# problem supposed; a past tense is the conditional's here ("if it broke"), so only words of now say
# it has happened ("my tap is dripping, how long would it take if you came friday" is a report).
_ASKS_WHEN_OR_WHO = re.compile(
    r"\b(how (long|quick|quickly|soon|fast)|would that be|who (do|should) (i|we) (ring|call|contact|phone)|what counts as|"
    r"should (i|we) (ring|call|phone|contact)|would (someone|somebody|anyone|you|they) (come|be out|attend)|"
    r"do (i|we) (stay|get out|leave)|what (am|are) (i|we) (supposed|meant) to do)\b",
    re.IGNORECASE,
)
_SUPPOSED = re.compile(
    r"\bif (my|the|a|an|our|there'?s|there is|there was|someone|somebody|police|i|we)\b", re.IGNORECASE
)
_HAPPENING_NOW = re.compile(
    r"\b(now|today|tonight|right now|currently|already|at the moment|has|have|hasn'?t|haven'?t|isn'?t|is not|"
    r"i'?ve|ive|it'?s (broken|gone|stopped)|its (broken|gone|stopped)|won'?t|wont|doesn'?t|doesnt|can'?t|cant|"
    r"not working|keeps)\b|\b(is|are|am|'s|'re) \w+ing\b|"
    r"\b(is|are) (broken|blocked|leaking|not|off|out)\b",
    re.IGNORECASE,
)


def names_gas(text: str) -> bool:
    """Whether a question names gas, carbon monoxide or the smell of either ("if i ever smelt
    something weird like eggs"): its answer then also gives the gas emergency number."""
    return bool(re.search(r"\b(gas|carbon monoxide|co alarm|eggs?)\b", text or "", re.IGNORECASE))


def starts_with_what_if(text: str) -> bool:
    """ "what happens if...", "hypothetically...": a question about what has not happened."""
    return bool(_WHAT_IF.search(text or ""))


# "everything is fine now i just want to know": now told to be fine, nothing happening.
_FINE_NOW = re.compile(
    r"\b(everything|all|it|its|it'?s)( is|'s)? (fine|ok|okay|good|alright|all right) (now|at the moment|atm)\b|"
    r"\bnothing('?s| is)? wrong (now|at the moment|atm)\b",
    re.IGNORECASE,
)


def asks_what_if(text: str) -> bool:
    """A question about what would happen, not a report of what has."""
    text = _FINE_NOW.sub(" ", text or "")
    if _WHAT_IF.search(text):
        return not _HAS_HAPPENED.search(text)
    supposed = _ASKS_WHEN_OR_WHO.search(text) and _SUPPOSED.search(text)
    return bool(supposed) and not _HAPPENING_NOW.search(text)


def names_a_topic(text: str) -> bool:
    """Whether the question says what it is about ("how long for a complaint?"), not just "how long?"."""
    lowered = (text or "").lower()
    return any(
        re.search(pattern, lowered) for topic, pattern in _WORDS.items() if topic is not TimescaleTopic.REPAIRS
    ) or bool(re.search(r"emergenc|urgent|routine|gutter|fence|major", lowered))


def topics_asked(text: str) -> List[TimescaleTopic]:
    """What the question is about, in the order of the table; repairs when it names nothing."""
    lowered = (text or "").lower()
    found = [topic for topic, pattern in _WORDS.items() if re.search(pattern, lowered)]
    if TimescaleTopic.DAMP_MOULD in found and TimescaleTopic.REPAIRS in found:
        found.remove(TimescaleTopic.REPAIRS)  # "how long to fix damp" is about damp's own clocks
    return found or [TimescaleTopic.REPAIRS]


def timescale_values(charter: Charter) -> Dict[str, str]:
    """Every figure the timescale responses quote."""
    repairs = {f"{p.value}_within": str(charter.repair(p).within) for p in RepairPriority}
    hazard = charter.awaabs_law.significant_hazard
    stage_one, stage_two = charter.complaint_stage_one, charter.complaint_stage_two
    high, low = charter.asb(AsbRisk.HIGH), charter.asb(AsbRisk.LOW)
    return {
        **repairs,
        "emergency_hazard_within": str(charter.awaabs_law.emergency_hazard.within),
        "investigation_within": str(hazard.investigation.within),
        "summary_within": str(hazard.written_summary.within),
        "safety_work_within": str(hazard.safety_work_start.within),
        "stage_one_contact_within": str(stage_one.contact.within) if stage_one.contact else "",
        "stage_one_acknowledgement_within": str(stage_one.acknowledgement.within),
        "stage_one_response_within": str(stage_one.response.within),
        "stage_one_extension_within": str(stage_one.extension.within),
        "stage_two_acknowledgement_within": str(stage_two.acknowledgement.within),
        "stage_two_response_within": str(stage_two.response.within),
        "asb_high_within": str(high.respond.within),
        "asb_action_plan_within": str(high.action_plan.within) if high.action_plan else "",
        "asb_low_within": str(low.respond.within),
        "callback_within": str(charter.callback.within),
    }
