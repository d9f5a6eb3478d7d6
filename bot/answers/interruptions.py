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
from bot.answers.yes_no import threat_described, yes_or_no
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
    if {f.value for f in _SAFETY_FINDINGS} & set(findings):
        return True
    enough = SURE_WITH_A_FINDING if set(findings) & _CORROBORATING else SURE
    if intent in SAFETY_INTENTS and confidence >= enough and yes_or_no(text) is None:
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
    if {f.value for f in _SAFETY_FINDINGS} & set(findings):
        return True
    enough = SURE_WITH_A_FINDING if set(findings) & _CORROBORATING else SURE
    return intent in SAFETY_INTENTS and confidence >= enough and yes_or_no(text) is None
