"""What each intent starts, in Rasa's action and form names: the one map that the generated
rules (scripts/generate-rules) and the policy that lets a tenant leave a report both read."""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from bot.charter import AsbRisk
from bot.rules import shared_rules
from bot.taxonomy import ENQUIRY_INTENTS, INTENTS, SAFETY_INTENTS, Category
from bot.triage import triage

REPAIR_INTENTS = tuple(
    intent
    for intent, meaning in INTENTS.items()
    if meaning.category is Category.REPAIR and intent not in SAFETY_INTENTS
)
# The form that books a repair's visit: started, and left for a message about something else,
# by bot/rasa/answer_policy.py.
VISIT_FORM = "visit_form"
# form: (rules file, what it takes, the action that logs it, intents that start it)
FORMS: Dict[str, Tuple[str, str, str, Tuple[str, ...]]] = {
    "repair_form": ("repairs", "repair", "action_submit_repair", REPAIR_INTENTS),
    "asb_form": (
        "asb",
        "report of anti-social behaviour",
        "action_submit_asb_report",
        ("report_asb_high_risk", "report_asb_low_risk", "complain_about_neighbour"),
    ),
    "complaint_form": ("complaints", "complaint", "action_submit_complaint", ("complain",)),
    "escalation_form": ("complaints", "request for a review", "action_escalate_complaint", ("escalate_complaint",)),
    # Started by a yes to utter_offer_callback.
    "callback_form": ("enquiries", "callback request", "action_submit_callback", ()),
    # Started after the safety advice for domestic abuse.
    "domestic_abuse_form": ("safety", "domestic abuse report", "action_submit_domestic_abuse", ()),
    # Started once a repair that is not same-day is logged (actions/visits.py), or by asking in
    # words the policy reads (bot/rasa/answer_policy.py): no intent of the model's starts it.
    VISIT_FORM: ("visits", "visit booking", "action_submit_visit", ()),
}
# Questions a tenant often asks in the middle of a report; the form carries on afterwards.
INTERJECTIONS = {
    "ask_contact_details": "utter_ask_contact_details",
    "ask_rent_payment": "utter_ask_rent_payment",
    "ask_timescales": "action_answer_timescales",
}
SMALL_TALK = (
    ("greet", "utter_greet"),
    ("goodbye", "utter_goodbye"),
    ("thank", "action_small_answer"),
    ("out_of_scope", "utter_out_of_scope"),
    ("nlu_fallback", "action_not_understood"),
    ("abuse_towards_staff", "utter_abuse_towards_staff"),
    ("affirm", "action_small_answer"),
    ("deny", "action_small_answer"),
    ("inform", "utter_default"),
)
# Enquiries answered by an action rather than a fixed response.
ANSWERED_BY = {
    "ask_case_status": "action_case_status",
    "request_human": "action_handoff",
    "ask_timescales": "action_answer_timescales",
}
# Leaving a report: the action that drops it, before what the tenant asked for instead.
LEAVE_REPORT = "action_leave_report"


def answer(intent: str) -> str:
    """The action that answers an enquiry."""
    return ANSWERED_BY.get(intent, "utter_" + intent)


def first_action(intent: Optional[str]) -> str:
    """What a message with this intent starts when nothing else is going on."""
    for form, (_, _, _, intents) in FORMS.items():
        if intent in intents:
            return form
    if intent in SAFETY_INTENTS:
        return "action_safety_first"
    if intent in (*ENQUIRY_INTENTS, "ask_ombudsman"):
        return answer(intent)
    return dict(SMALL_TALK).get(intent or "", "action_small_answer")


# The form each area's report is taken by, and the slots that start it with the tenant's words.
REPORT_FORMS = {"repair": "repair_form", "neighbour": "asb_form", "asb": "asb_form", "complaint": "complaint_form"}


def report_started_with(area: Optional[str], words: str) -> Optional[Tuple[Dict[str, Any], str]]:
    """The slots and form that start a report of `area` from the tenant's own earlier words,
    with the urgency the rules read in them; None for an area that is not a report."""
    form = REPORT_FORMS.get(area or "")
    if form is None:
        return None
    findings = shared_rules().find(words)
    if form == "repair_form":
        priority = triage("report_repair_routine", 1.0, findings).priority
        return {"repair_description": words or None, "repair_priority": priority.value if priority else None}, form
    if form == "asb_form":
        risk = triage("report_asb_low_risk", 1.0, findings).asb_risk
        return {"asb_description": words or None, "asb_risk": "high" if risk is AsbRisk.HIGH else "low"}, form
    return {"complaint_description": words or None}, form
