"""What every report's questions share: the tenant's words are the answer, whatever the model
made of them, unless they leave the question."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.asb import ValidateAsbForm
from actions.complaints import ValidateComplaintForm, ValidateEscalationForm
from actions.repairs import ValidateRepairForm
from tests.actions.conftest import tracker

ARABIC = "المرحاض لا يعمل منذ أسبوع REP-2026-117075 \u2069SY7 9BW\u2067 المرحاض لا يعمل منذ أسبوع"


@pytest.mark.parametrize(
    "form, loop, slot, text, intent, findings, kept",
    [
        # Read by the model as a question the form answers beside it; none of them asks one.
        (ValidateComplaintForm, "complaint_form", "complaint_description", ARABIC, "ask_timescales", [], ARABIC),
        (
            ValidateRepairForm,
            "repair_form",
            "repair_description",
            "the bath tap drips all day and night",
            "ask_rent_payment",
            [],
            "the bath tap drips all day and night",
        ),
        (
            ValidateAsbForm,
            "asb_form",
            "asb_description",
            "music till 3am every night, ring me on 07700 900123",
            "ask_contact_details",
            [],
            "music till 3am every night, ring me on 07700 900123",
        ),
        (
            ValidateEscalationForm,
            "escalation_form",
            "complaint_reference",
            "its CMP-2026-ABCD1234 from last month",
            "ask_timescales",
            [],
            "CMP-2026-ABCD1234",
        ),
        # A question of their own, a danger, a person asked for: answered first, then asked again.
        (
            ValidateComplaintForm,
            "complaint_form",
            "complaint_description",
            "how long have you got to reply?",
            "ask_timescales",
            [],
            None,
        ),
        (
            ValidateComplaintForm,
            "complaint_form",
            "complaint_description",
            "ive taken all my tablets",
            "express_self_harm",
            ["self_harm"],
            None,
        ),
        (
            ValidateRepairForm,
            "repair_form",
            "repair_description",
            "can i talk to a real person",
            "request_human",
            [],
            None,
        ),
        (
            ValidateEscalationForm,
            "escalation_form",
            "complaint_reference",
            "what is the ombudsman's number?",
            "ask_contact_details",
            [],
            None,
        ),
    ],
)
async def test_a_description_asked_for_is_the_tenants_words_unless_they_leave_the_question(
    domain, desk, form, loop, slot, text, intent, findings, kept
):
    t = tracker({"report_acknowledged": True}, requested_slot=slot, text=text, intent=intent)
    t.latest_message["triage"] = {"rules": findings}
    t.active_loop = {"name": loop}
    events = await form().run(CollectingDispatcher(), t, domain)
    set_to = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == slot]
    assert set_to == ([kept] if kept else [])
