"""What a message sent while a question waits is, when it is not the answer: a danger, a
question answered beside the report, a request for a person, or the tenant dropping the report.

Apart from the readers of answers because it decides where the conversation goes next
(bot/rasa/answer_policy.py and the forms in actions/), weighing the model's confidence and the
rules' findings, and because a disclosure missed here costs far more than a question asked again.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional, Sequence

from bot.answers.details import says_nothing, uk_phone_number
from bot.answers.visits import Slot, asks_to_change_visit, visit_chosen
from bot.answers.yes_no import names_a_condition, threat_described, yes_or_no
from bot.cases import postcodes_in, references_in
from bot.rules import Finding
from bot.taxonomy import SAFETY_INTENTS

# Dropping the report in hand, said outright: not "actually its in the kitchen".
_ABANDON = re.compile(
    r"\b(forget (that|it|this|about (it|that|this)|the (repair|report|complaint|whole thing))|never ?mind( that| it)?|"
    r"scrap (that|it|this)|change of plan|cancel (that|it|this|the (repair|report|complaint)))\b",
    re.IGNORECASE,
)
_SAFETY_FINDINGS = frozenset(
    {Finding.GAS, Finding.FIRE, Finding.DANGER_TO_LIFE, Finding.DOMESTIC_ABUSE, Finding.SELF_HARM}
)
# Questions answered in the middle of a report, when the message is a question: "any weekday
# after 2" answers "when can we get in", whatever the model made of it.
_ANSWERED_BESIDE = frozenset({"ask_timescales", "ask_contact_details", "ask_rent_payment"})


def asks_something(text: Optional[str]) -> bool:
    """ "should i turn it off??": a question, not an answer."""
    return bool(_QUESTION.search(text or ""))


_QUESTION = re.compile(
    r"\?|^\W*(how|what|whats|what's|when|where|who|why|which|can|could|do|does|is|are|will|would|should)\b",
    re.IGNORECASE,
)
# Asking for a person, and Rasa's own commands, whenever they come.
_ALWAYS_BESIDE = frozenset({"request_human", "restart", "session_start"})
# A danger the model alone saw leaves a report from this confidence on, unless the message is a
# plain yes or no: a missed disclosure costs far more than a question asked again.
SURE = 0.6
# ...and from this one when the rules saw violence or danger in it too ("he kicked them in,
# im scared hes coming back"): two readings that agree are worth more than either alone.
SURE_WITH_A_FINDING = 0.4
_CORROBORATING = frozenset({Finding.ASB_HIGH_RISK.value, Finding.HATE_INCIDENT.value})
# The questions about the neighbour being reported: a "he" in their answers is that neighbour.
_ABOUT_THE_NEIGHBOUR = frozenset({"asb_description", "asb_is_high_risk"})
# What the rules read an answer as besides a danger: who lives in the home, or a repair that
# cannot wait.
_ABOUT_THE_HOME = frozenset({Finding.HOUSEHOLD.value, Finding.EMERGENCY_REPAIR.value, Finding.URGENT_REPAIR.value})
# ...and, against a reading of self-harm, someone in it who needs extra care ("im pregnant, due in
# march"); not against a danger to life, where the one in danger is often that someone ("the
# toddler is climbing on the balcony rail").
_ABOUT_THE_HOME_TOLD_BY = {
    "express_self_harm": _ABOUT_THE_HOME | {Finding.VULNERABLE.value},
    "report_danger_to_life": _ABOUT_THE_HOME,
    # "my husband has asthma" was read as a gas leak (0.69): a gas repair logged, everyone told to
    # get out, and the damp and mould report cut short.
    "report_gas_leak": frozenset({Finding.HOUSEHOLD.value, Finding.VULNERABLE.value}),
    # "im at work til 4 mon to fri, my son is in though, hes 19", asked how to get in, got the
    # domestic abuse helpline and its safe-contact question.
    "report_domestic_abuse": frozenset({Finding.HOUSEHOLD.value}),
}
# Words of the tenant's own state, or of someone hurt or at risk, which no answer about the home
# explains away.
_OWN_STATE = re.compile(
    # Tablets kept for a condition are not tablets saved up: "I have a heart condition and my tablets
    # have to be kept in the fridge", told when asked who in the home needs extra care.
    r"\b(die|dying|dead|death|kill|end (it|my life|things|everything)|ending|suicid\w*|overdose|"
    r"(pills|tablets)(?! (for (my|his|her|the)|have to|has to|need to|are kept|kept|in the fridge))|"
    r"took the lot|cut|cuts|cutting|harm|hurt|alive|(feel|feeling|felt|so) alone|life|point|anymore|any more|go on|going on|"
    r"keep going|cope|coping|give up|given up|had enough|gone|goodbye|tired|worthless|burden|miss me|"
    r"bridge|rope|river|jump|voices|bothering you|won'?t be|wont be|be here|being here|around|made my mind up|in order|"
    r"won'?t need|wont need|make it (all )?stop|wake up|can'?t do this|cant do this|done with|nothing left|"
    r"arms|wrists?|sleeves|blades?|razor|noose|safe|unsafe|scared|frightened|afraid|terrified|lonely|"
    r"depress\w*|anxious|anxiety|panic\w*|crying|struggling|help me|"
    r"fallen|fell|collapsed|unconscious|breathing|bleeding|blood|trapped|stuck|climbing|fire|smoke|knife|"
    r"weapon|gun|attack\w*|injur\w*|ambulance|999|police|help|answer\w*|seen|heard from)\b",
    re.IGNORECASE,
)
# Words of gas or of carbon monoxide's signs, which no answer about the household explains away.
_GAS_SIGNS = re.compile(
    r"\b(gas|smell\w*|co|carbon|monoxide|alarm|headaches?|dizz\w*|drowsy|sleepy|sick|nause\w*|vomit\w*|"
    r"faint\w*|fumes|soot\w*|flames?|hiss\w*|rotten|eggs|boiler|fire|breath\w*|collapsed|unconscious)\b",
    re.IGNORECASE,
)
# Words of abuse or control, or of fear, which no answer about the household explains away: "me and
# my husband, he doesnt let anyone in without him", "my son lives with me, i'm scared of him".
_ABUSE_SIGNS = re.compile(
    r"\b(hit\w*|hurt\w*|push\w*|shov\w*|grab\w*|punch\w*|kick\w*|slap\w*|strangl\w*|chok\w*|throat|neck|"
    r"bruis\w*|threat\w*|scared|afraid|frightened|terrified|fear|safe|unsafe|control\w*|let me|lets me|"
    r"allow\w*|money|phone|checks?|watch\w*|angry|anger|temper|rage|kicks off|shout\w*|scream\w*|abus\w*|"
    r"violen\w*|police|injunction|court|refuge|escape|leave him|leave her|get away|eggshells|makes? me|made me|"
    r"takes? my|took my|keeps? my|kept my|passport|not allowed|won'?t let|wont let|doesn'?t let|doesnt let|"
    r"have to ask|tells? me (what|who|where|i)|calls? me|useless|stupid|worthless|mood|moods|drunk|drink\w*|"
    r"drugs?|jealous\w*|follow\w*|stalk\w*|track\w*|locks? me|locked me|isolat\w*|cut me off|friends|family)\b",
    re.IGNORECASE,
)
# What no answer about the household explains away, for each danger the model may read.
_NOT_EXPLAINED_AWAY = {"report_gas_leak": _GAS_SIGNS, "report_domestic_abuse": _ABUSE_SIGNS}
# Dangers that no answer about a neighbour's threats covers.
_NOT_AN_ANSWER = frozenset(
    {Finding.GAS.value, Finding.FIRE.value, Finding.DOMESTIC_ABUSE.value, Finding.SELF_HARM.value}
)


_NOW = re.compile(
    r"\b(right now|now|at the moment|as we speak|outside my (front |back )?door|at my (front |back )?door|"
    r"in my (house|flat|home)|trying to (get|break) in|banging on|kicking (it|the door|my door)|hes here|he'?s here|"
    r"they'?re here|theyre here|still here|happening)\b",
    re.IGNORECASE,
)


def happening_now(text: Optional[str]) -> bool:
    """Danger going on as the tenant writes ("hes outside my door now"), not a threat reported."""
    return bool(_NOW.search(text or ""))


def abandons(text: Optional[str]) -> bool:
    """ "Actually forget that, I want to make a complaint": the tenant drops the report in hand."""
    return bool(_ABANDON.search(text or ""))


# Someone close, named as the reason a report is dropped: "never mind the leak, its mum".
_SOMEONE_CLOSE = re.compile(
    r"\b(mum|mam|mom|mother|dad|father|nan|nana|gran|granny|grandma|grandad|grandpa|son|daughter|baby|"
    r"kids?|child|children|husband|wife|partner|brother|sister|aunt|auntie|uncle|he|she|hes|shes|him|her)\b",
    re.IGNORECASE,
)
# ...who sees to it, or is fine: nothing more to ask after.
_SEEN_TO = re.compile(
    r"\b(sort(s|ed|ing)?|fix(es|ed|ing)?|deal(s|t|ing)? with|handl(e|es|ed|ing)|ring you|call you|phone you|"
    r"do it|done it|(it'?s|its|all|everything'?s?) (fine|ok|okay|alright|all right|good))\b",
    re.IGNORECASE,
)


def leaves_for_someone(text: Optional[str]) -> bool:
    """ "never mind the leak, its mum": a report dropped for someone close, with nothing said of
    why. A son reporting his mother's leak said only that when she collapsed behind him, and was
    told goodbye; he would have said what had happened if asked. Whoever will see to it ("never
    mind, my son will sort it") needs no asking after."""
    words = text or ""
    dropped = _ABANDON.search(words)
    if not dropped:
        return False
    rest = words[: dropped.start()] + " " + words[dropped.end() :]
    return bool(_SOMEONE_CLOSE.search(rest)) and not _SEEN_TO.search(rest)


def leaves_the_report(
    text: str, intent: Optional[str], confidence: float, findings: Sequence[str], asked: Optional[str] = None
) -> bool:
    """Whether a message sent while a question waits interrupts the report: a danger the
    deterministic rules found (one the model alone saw when it is fairly sure and the message is
    not a plain yes or no), a question answered beside the report, or asking for a person. The
    report carries on afterwards; dropping it is `abandons`. Everything else is the answer, or
    more detail."""
    asked_beside = intent in _ANSWERED_BESIDE and asks_something(text)
    if (
        asked == "complaint_outcome"
        and intent not in SAFETY_INTENTS
        and not set(findings) & _NOT_AN_ANSWER
        and not asked_beside
    ):
        # "What would put this right?" "someone to ring me today": the outcome, not a request now.
        # "how long have you got to get back to me?" is a question, answered before the form goes on.
        return False
    if (
        asked == "asb_is_high_risk"
        and threat_described(text)
        and not set(findings) & _NOT_AN_ANSWER
        and not happening_now(text)
    ):
        # "Has anyone threatened you?" "he said hes going to stab me": the answer, a high risk one.
        # "hes outside my door now kicking it" is not an answer: it is 999, at once.
        return False
    if _rules_saw_danger(findings):
        return True
    if _the_home_told(text, intent, findings, asked):
        return False
    if asked in _ABOUT_THE_NEIGHBOUR and intent == "report_domestic_abuse":
        # Abuse only the model saw, told about the neighbour being reported, is the neighbour's
        # ("i asked him to move once and he just swore, didnt threaten me or nothing" got the
        # domestic abuse helpline and its safe-contact question). The rules' findings of danger
        # or abuse, above, still leave the report.
        return False
    if _model_sure_of_danger(text, intent, confidence, findings):
        return True
    if asked_beside:
        return True
    if intent == "request_human" and (uk_phone_number(text) or postcodes_in(text)):
        # "my number is 07700 900205 if someone actually wants to call me": a detail given, to keep.
        return False
    return intent in _ALWAYS_BESIDE or (text.startswith("/") and intent not in ("affirm", "deny"))


# What the model makes of answers to "which of these times suits you?", whatever they say: the
# visit form reads them, and asks again when it cannot.
_VISIT_ANSWERS = frozenset({"inform", "affirm", "deny", "nlu_fallback", "out_of_scope"})


def leaves_the_visit_question(
    text: str, intent: Optional[str], confidence: float, offered: Sequence[Slot], today: date, asked: Optional[str]
) -> bool:
    """Offered the times for a repair's visit, the tenant wrote about something else, and the
    model is sure of it: "thanks", "any update on REP-...", "the bathroom light's gone too". The
    question is left unbooked, saying how to book later, and the message answered; without this
    every message after a repair was logged was read as a visit time, and asked again.

    Never words the form can read: a time shown, none of them, cancelling, "no", or a reference
    when it asks which repair ("any update on REP-..." is no time for a visit)."""
    if intent in _VISIT_ANSWERS or confidence < SURE:
        return False
    if says_nothing(text) or asks_to_change_visit(text) or (asked == "visit_case" and references_in(text)):
        return False
    return visit_chosen(text, offered, today) is None


def danger_told(text: str, intent: Optional[str], confidence: float, findings: Sequence[str]) -> bool:
    """A danger in the message, as `leaves_the_report` weighs one: its numbers come before
    anything the message also asks ("please cancel my repair appointment, I've put my affairs in
    order")."""
    return _rules_saw_danger(findings) or _model_sure_of_danger(text, intent, confidence, findings)


# Words that answer the form's plainer questions, whatever else the model read in them: "im in
# after 2 most days" (getting in) was read as self-harm at 0.69.
_ANSWER_WORDS = {
    "repair_access": re.compile(
        r"\b(after \d|before \d|\d ?(am|pm)|mornings?|afternoons?|evenings?|weekdays?|weekends?|mondays?|"
        r"tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|any ?time|all day|most days|key ?safe|"
        r"keys?|dogs?|cats?|pets?|knock|bell|buzzer|((i'?m|im|i am|we'?re|were|always|usually) (in|home|out))|"
        r"at work)\b",
        re.IGNORECASE,
    ),
    "repair_location": re.compile(
        r"\b(kitchen|bathroom|bedroom|toilet|loo|hall|hallway|landing|loft|attic|garden|stairs|lounge|living room|"
        r"front room|back room|upstairs|downstairs|cupboard|window|roof|ceiling|garage|shed)\b",
        re.IGNORECASE,
    ),
}
# A bare answer is short: a longer message carries its own meaning, and the model's reading of it stands.
_BARE_ANSWER_WORDS = 12


def _answers_the_question(text: str, asked: Optional[str]) -> bool:
    pattern = _ANSWER_WORDS.get(asked or "")
    words = (text or "").split()
    return bool(pattern and len(words) <= _BARE_ANSWER_WORDS and pattern.search(text or ""))


# A part of the home named in an answer, a room (as where it is) or a fitting: "i dont think its going
# to go through, its only the bathroom floor. i just dont stand in that corner" (self-harm at 0.72,
# asked whether anyone was at risk) is about the floor.
_FITTING = re.compile(
    r"\b(floor|floorboards?|walls?|door|bath|sink|pipes?|boiler|corner|sockets?|tap|shower|radiators?|fence|gutter)\b",
    re.IGNORECASE,
)


def _names_a_part_of_the_home(text: str) -> bool:
    return bool(_ANSWER_WORDS["repair_location"].search(text) or _FITTING.search(text))


# The body's health, told when asked whether anyone is at risk or needs extra care: "i dont know, my
# chest has been bad" (self-harm, asked whether anyone was at risk from the damp) is the damp's harm.
# Long-term conditions by name are read by bot.answers.yes_no (`names_a_condition`).
_THE_BODY = re.compile(
    r"\b(chest|cough\w*|wheez\w*|lungs?|inhaler|bronchitis|eczema|allerg\w*|sinus\w*|my back|bad back|"
    r"knees?|hips?|legs?|mobility|walking frame|wheelchair|blood pressure|poorly|a cold|the flu)\b",
    re.IGNORECASE,
)


def _the_home_told(text: str, intent: Optional[str], findings: Sequence[str], asked: Optional[str]) -> bool:
    """A danger that only the model saw, in an answer the rules read as the household or the
    repair, or (self-harm alone: a danger to life or gas is never read away by a place or a time)
    in words that answer the plain question asked (when to get in, where it is), with no word of
    the tenant's own state (or of gas): the answer to the question asked.
    "im 78 and on my own" (0.90) and "i cant leave the house open tonight" (1.00) were read as
    self-harm, "no one else lives here" as a danger to life, "my husband has asthma" as a gas
    leak, and each left the report for the Samaritans, 999 or the gas emergency line. "im on my
    own and i cant cope" and "my wife is pregnant and keeps feeling dizzy" still leave it."""
    return (
        intent in _ABOUT_THE_HOME_TOLD_BY
        and (
            bool(set(findings) & _ABOUT_THE_HOME_TOLD_BY[intent or ""])
            or (
                intent == "express_self_harm"
                and (
                    _answers_the_question(text, asked)
                    or _names_a_part_of_the_home(text or "")
                    or bool(_THE_BODY.search(text or ""))
                    or names_a_condition(text or "")
                )
            )
        )
        and not set(findings) & _CORROBORATING
        and not _NOT_EXPLAINED_AWAY.get(intent or "", _OWN_STATE).search(text or "")
    )


def _rules_saw_danger(findings: Sequence[str]) -> bool:
    return bool({f.value for f in _SAFETY_FINDINGS} & set(findings))


def _model_sure_of_danger(text: str, intent: Optional[str], confidence: float, findings: Sequence[str]) -> bool:
    """A danger the model alone saw, fairly sure of it, in a message that is not a plain yes or no."""
    enough = SURE_WITH_A_FINDING if set(findings) & _CORROBORATING else SURE
    return intent in SAFETY_INTENTS and confidence >= enough and not _plain_yes_or_no(text, intent)


def _plain_yes_or_no(text: str, intent: Optional[str]) -> bool:
    """A yes or a no with no word of the danger read in it: "no its not dangerous at all, just
    annoying". A no may open a disclosure: "no point fixing my heating. wont need it after this
    weekend" was kept as "no, nobody is at risk"."""
    return yes_or_no(text) is not None and not _NOT_EXPLAINED_AWAY.get(intent or "", _OWN_STATE).search(text or "")


# Closing words: "no nothing thanks, just trying it", "no thats all ta".
_CLOSING = re.compile(
    r"\b(thanks?|thank you|ta|cheers|that'?s (all|it)|thats (all|it)|nothing else|all good|"
    r"just (trying|testing|seeing|checking))\b",
    re.IGNORECASE,
)


def closes_the_conversation(text: str, findings: Sequence[str]) -> bool:
    """Asked "is there anything else?", a no with thanks or "just trying it", whatever the model
    read in it: "no nothing thanks, just trying it" was read as self-harm and given the Samaritans
    and a person. Danger the rules saw, or words of the tenant's own state, are never a goodbye."""
    return (
        yes_or_no(text) is False
        and bool(_CLOSING.search(text or ""))
        and not _rules_saw_danger(findings)
        and not _OWN_STATE.search(text or "")
    )
