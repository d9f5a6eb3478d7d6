"""What each intent starts: the map the generated rules and a dropped report share."""

import pytest

from bot.rasa.dialogue import first_action


@pytest.mark.parametrize(
    "intent, starts",
    [
        ("complain", "complaint_form"),
        ("report_repair_routine", "repair_form"),
        ("report_asb_high_risk", "asb_form"),
        ("escalate_complaint", "escalation_form"),
        ("express_self_harm", "action_safety_first"),
        ("ask_rent_payment", "utter_ask_rent_payment"),
        ("ask_case_status", "action_case_status"),
        ("request_human", "action_handoff"),
        ("deny", "action_small_answer"),
        ("nlu_fallback", "action_not_understood"),
        (None, "action_small_answer"),
    ],
)
def test_each_intent_starts_what_its_rule_starts(intent, starts):
    assert first_action(intent) == starts


def test_every_action_it_names_is_in_the_domain():
    from bot.taxonomy import INTENTS
    from tests.support.domain import load_domain

    domain = load_domain()
    known = set(domain["actions"]) | set(domain["responses"]) | set(domain["forms"])
    assert {first_action(intent) for intent in INTENTS} <= known
