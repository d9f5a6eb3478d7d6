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


@pytest.mark.parametrize(
    "form, loop, slot, text, reasked_before, kept, reasked_after",
    [
        # "yes" to "what needs repairing?" says nothing of it: asked once more, with an example.
        (ValidateRepairForm, "repair_form", "repair_description", "yes", None, None, "repair_description"),
        (ValidateAsbForm, "asb_form", "asb_description", "yeah", None, None, "asb_description"),
        (ValidateComplaintForm, "complaint_form", "complaint_description", "yes", None, None, "complaint_description"),
        # The second time it is kept as said: nobody is asked three times.
        (ValidateRepairForm, "repair_form", "repair_description", "yes", "repair_description", "yes", None),
        # A yes with the problem in it is the problem.
        (
            ValidateRepairForm,
            "repair_form",
            "repair_description",
            "yes the bath panel has come off",
            None,
            "yes the bath panel has come off",
            None,
        ),
    ],
)
async def test_a_bare_yes_to_what_is_wrong_is_asked_about_once_more(
    domain, desk, form, loop, slot, text, reasked_before, kept, reasked_after
):
    t = tracker(
        {"report_acknowledged": True, "reasked": reasked_before}, requested_slot=slot, text=text, intent="affirm"
    )
    t.latest_message["triage"] = {"rules": []}
    t.active_loop = {"name": loop}
    events = await form().run(CollectingDispatcher(), t, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get(slot) == kept
    assert slots.get("reasked", reasked_before) == reasked_after
