"""The tenant the fault tests and the load benchmark play answers each of the repair form's
questions, in the domain's own words, as a person reporting a repair would: were a question
reworded out of its reach, both would stall, and here is where that shows first."""

import re

import pytest

from tests.support.domain import load_domain
from tests.support.repair_reporter import SAID_PLAINLY, RepairReporter, reference_in


def _said(response: str, reference: str = "") -> str:
    """The bot's first wording of a response, its {variables} filled in with something."""
    text = load_domain()["responses"][response][0]["text"].replace("{reference}", reference)
    return re.sub(r"\{[a-z_]+\}", "7 days", text)


TENANT = RepairReporter(problem="the bath panel is broken", room="bathroom", phone="07700 900417", postcode="SY12 3HT")


@pytest.mark.parametrize(
    "response, answer",
    [
        ("utter_ask_repair_description", "bathroom"),  # "What needs repairing, and where in your home is it?"
        ("utter_ask_repair_location", "bathroom"),
        ("utter_reask_repair_location", "bathroom"),
        ("utter_ask_repair_leak_stopped", "yes"),
        ("utter_reask_repair_leak_stopped", "yes"),
        ("utter_ask_repair_is_emergency", "no"),
        ("utter_reask_repair_is_emergency", "no"),
        ("utter_ask_household_vulnerable", "no"),
        ("utter_reask_household_vulnerable", "no"),
        ("utter_ask_repair_access", "no"),
        ("utter_ask_contact_phone", "07700 900417"),
        ("utter_reask_contact_phone", "07700 900417"),
        ("utter_ask_home_postcode", "SY12 3HT"),
        ("utter_reask_home_postcode", "SY12 3HT"),
        ("utter_repair_summary", "/affirm"),
        ("utter_reask_repair_confirmed", "/affirm"),
        ("utter_offer_areas", "its a repair"),
        ("utter_offer_areas_again", "its a repair"),
    ],
)
def test_each_question_of_a_repair_report_is_answered(response, answer):
    acknowledged = _said("utter_repair_acknowledged_routine")  # said before the first question
    assert TENANT.answer([acknowledged, _said(response)]) == answer


def test_the_conversation_ends_with_the_reference_the_bot_gives_and_no_other():
    logged = _said("utter_repair_logged_routine", reference="REP-2026-KX7Q4MTD")
    assert reference_in([logged]) == "REP-2026-KX7Q4MTD"
    assert RepairReporter(problem="a leak").answer([logged]) is None
    # Asked for a reference, shown what one looks like: nothing has been logged.
    example = "Please send me its reference, which looks like REP-2026-KX7Q4MTD. Which case is it?"
    assert reference_in([example]) is None


def test_not_understood_the_tenant_says_plainly_what_they_want_once():
    tenant = RepairReporter(problem="the thingy by the sink is weird")
    assert tenant.answer([_said("utter_default")]) == SAID_PLAINLY
    assert tenant.rephrased
    assert tenant.answer([_said("utter_default")]) == "no"
