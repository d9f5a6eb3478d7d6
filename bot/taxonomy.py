"""What each intent the model knows means in the landlord's terms.

The trained model names an intent; the landlord thinks in categories (a repair, ASB, a
complaint, an enquiry), repair priorities and ASB risk levels. This table is the one place
that turns the first into the second, for the dialogue, the classification command and the
benchmark alike.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Dict, Optional

from bot.charter import AsbRisk, RepairPriority


class Category(enum.Enum):
    REPAIR = "repair"
    ASB = "asb"
    COMPLAINT = "complaint"
    ENQUIRY = "enquiry"
    OTHER = "other"


@dataclass(frozen=True)
class Meaning:
    category: Category
    priority: Optional[RepairPriority] = None
    asb_risk: Optional[AsbRisk] = None


def _repair(priority: RepairPriority) -> Meaning:
    return Meaning(Category.REPAIR, priority=priority)


def _asb(risk: AsbRisk) -> Meaning:
    return Meaning(Category.ASB, asb_risk=risk)


ENQUIRY_INTENTS = (
    "ask_rent_payment",
    "ask_rent_balance",
    "ask_contact_details",
    "update_contact_details",
    "ask_moving_home",
    "ask_adaptations",
    "ask_alterations_permission",
    "ask_planned_improvements",
    "ask_grounds_cleaning",
    "ask_service_charges",
    "ask_gas_safety_check",
    "ask_accessible_formats",
    "ask_money_advice",
    "end_tenancy",
    "ask_pets",
    "ask_case_status",
    # "How long does a routine repair take?": answered from the charter, no report started.
    "ask_timescales",
    "request_human",
    "give_feedback",
    "get_involved",
    # A question about the home or tenancy that no answer here covers: a colleague calls back.
    "ask_other_housing_question",
)

# Enquiries the bot can only point at a person for: each answer offers a callback, the
# charter's "contact within 2 full working days" promise, instead of leaving the tenant to ring.
CALLBACK_OFFERED = (
    "ask_rent_balance",
    "update_contact_details",
    "ask_moving_home",
    "ask_adaptations",
    "ask_alterations_permission",
    "ask_planned_improvements",
    "ask_service_charges",
    "ask_accessible_formats",
    "ask_money_advice",
    "end_tenancy",
    "ask_pets",
    "ask_other_housing_question",
)


class SafetySignal(enum.Enum):
    """The safety table's rows: each one has its own numbers in the bot's first reply."""

    GAS = "gas"
    FIRE_OR_DANGER = "fire_or_danger"
    DOMESTIC_ABUSE = "domestic_abuse"
    SELF_HARM = "self_harm"


# A person in danger: the first reply gives the number to ring, whatever else the message says.
SAFETY_INTENTS = (
    "report_gas_leak",
    "report_fire",
    "report_danger_to_life",
    "report_domestic_abuse",
    "express_self_harm",
)

OTHER_INTENTS = (
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "out_of_scope",
    # A short answer to a form's question ("living room", a phone number, a postcode).
    "inform",
    "abuse_towards_staff",
    # Domestic abuse is handled under its own policy, never as neighbour trouble.
    "report_domestic_abuse",
    "report_danger_to_life",
    "express_self_harm",
    "nlu_fallback",
)

INTENTS: Dict[str, Meaning] = {
    "report_repair_emergency": _repair(RepairPriority.EMERGENCY),
    "report_repair_urgent": _repair(RepairPriority.URGENT),
    "report_repair_routine": _repair(RepairPriority.ROUTINE),
    "report_repair_external": _repair(RepairPriority.EXTERNAL),
    "report_repair_major": _repair(RepairPriority.MAJOR),
    "report_damp_mould": _repair(RepairPriority.DAMP_MOULD),
    # A gas leak is an urgent repair and a fire an emergency one, after the safety advice.
    "report_gas_leak": _repair(RepairPriority.URGENT),
    "report_fire": _repair(RepairPriority.EMERGENCY),
    "report_asb_high_risk": _asb(AsbRisk.HIGH),
    "report_asb_low_risk": _asb(AsbRisk.LOW),
    # A complaint about a neighbour goes down the ASB route, as the complaints policy says.
    "complain_about_neighbour": _asb(AsbRisk.LOW),
    "complain": Meaning(Category.COMPLAINT),
    "escalate_complaint": Meaning(Category.COMPLAINT),
    "ask_ombudsman": Meaning(Category.COMPLAINT),
    **{name: Meaning(Category.ENQUIRY) for name in ENQUIRY_INTENTS},
    **{name: Meaning(Category.OTHER) for name in OTHER_INTENTS},
    # Praise or a suggestion is answered like an enquiry, but asks nothing and reports nothing.
    "give_feedback": Meaning(Category.OTHER),
    # Asking for a person is no question about the home or tenancy: it is handed to a person, and
    # the landlord's definitions (and most who labelled our outside sets) call it other.
    "request_human": Meaning(Category.OTHER),
}


def meaning_of(intent: Optional[str]) -> Meaning:
    """An intent the table does not know is treated as not understood, never guessed at."""
    return INTENTS.get(intent or "", Meaning(Category.OTHER))


# The safety row each safety intent raises; the rules raise the same rows (bot.triage).
SIGNAL_OF_INTENT: Dict[str, SafetySignal] = {
    "report_gas_leak": SafetySignal.GAS,
    "report_fire": SafetySignal.FIRE_OR_DANGER,
    "report_danger_to_life": SafetySignal.FIRE_OR_DANGER,
    "report_domestic_abuse": SafetySignal.DOMESTIC_ABUSE,
    "express_self_harm": SafetySignal.SELF_HARM,
}
