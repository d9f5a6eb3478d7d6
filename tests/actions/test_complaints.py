from rasa_sdk.executor import CollectingDispatcher

from actions.complaints import ActionSubmitComplaint, ValidateComplaintForm
from tests.actions.conftest import rendered, session_slots, tracker


async def test_a_complaint_is_logged_at_stage_one_with_every_date(desk, domain):
    dispatcher = CollectingDispatcher()
    await ActionSubmitComplaint().run(
        dispatcher, tracker({"complaint_description": "the contractor was rude"}), domain
    )
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation("tenant-1")
    assert case.reference.startswith("CMP-") and case.reference in text
    for promised in (
        "within 3 working days, by Wednesday 2 December",
        "within 5 working days, by Friday 4 December",
        "within 10 working days of that acknowledgement",
        desk.charter.emergency_numbers.housing_ombudsman.number,
    ):
        assert promised in text


def test_the_complaint_form_asks_for_detail_after_a_bare_request(domain):
    result = ValidateComplaintForm().validate_complaint_description(
        "i want to make a complaint", CollectingDispatcher(), tracker(), domain
    )
    assert result == {"complaint_description": None}
