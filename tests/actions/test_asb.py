import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.asb import ActionSubmitAsbReport, ValidateAsbForm
from tests.actions.conftest import rendered, session_slots, tracker


@pytest.mark.parametrize(
    "risk, high_risk, category, promised",
    [
        ("high", None, "high_risk", "will contact you within 1 working day, by Monday 30 November, and agree "
                            "an action plan with you within 2 working days of that contact"),
        ("low", True, "high_risk", "within 1 working day"),
        ("low", False, "low_risk", "will respond within 3 working days, by Wednesday 2 December"),
    ],
)
async def test_an_asb_report_is_logged_with_the_response_for_its_risk(desk, domain, risk, high_risk, category, promised):
    dispatcher = CollectingDispatcher()
    await ActionSubmitAsbReport().run(
        dispatcher, tracker({"asb_description": "shouting and threats", "asb_risk": risk, "asb_is_high_risk": high_risk}), domain
    )
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.reference.startswith("ASB-") and case.reference in text
    assert case.category == category
    assert promised in text


def test_the_asb_form_keeps_a_description_that_says_what_happened(domain):
    result = ValidateAsbForm().validate_asb_description(
        "dealing drugs on the landing", CollectingDispatcher(), tracker(), domain
    )
    assert result == {"asb_description": "dealing drugs on the landing"}
