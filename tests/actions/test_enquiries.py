import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.enquiries import ActionSubmitCallback, ValidateCallbackForm
from bot.cases import CaseKind
from tests.actions.conftest import rendered, session_slots, tracker

ASKED = [
    {"event": "user", "text": "how much do I owe on my rent", "parse_data": {"intent": {"name": "ask_rent_balance"}}}
]


@pytest.mark.parametrize(
    "sender, channel, slots, phone",
    [
        ("web-1", "rest", {"contact_phone": "07700 900123"}, "07700 900123"),
        ("+447700900999", "twilio", {}, "07700 900999"),  # a text message tells us the number
    ],
)
async def test_a_callback_is_a_case_with_the_charters_promise_and_date(desk, domain, sender, channel, slots, phone):
    dispatcher = CollectingDispatcher()
    await ActionSubmitCallback().run(
        dispatcher, tracker(slots, sender_id=sender, channel=channel, events=ASKED), domain
    )
    [text] = rendered(dispatcher, domain, session_slots(desk))
    [case] = desk.cases.for_conversation(sender)
    assert case.kind is CaseKind.CALLBACK and case.contact_phone == phone
    assert case.description == "how much do I owe on my rent"
    # 2 full working days from Friday 27 November at 16:00.
    assert f"call you on {phone}" in text and "within 2 working days, by Tuesday 1 December" in text


async def test_without_a_number_no_callback_is_promised(desk, domain):
    dispatcher = CollectingDispatcher()
    await ActionSubmitCallback().run(dispatcher, tracker({"contact_phone": "not_given"}, events=ASKED), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_callback_needs_phone"]
    assert desk.cases.for_conversation("tenant-1") == []


@pytest.mark.parametrize(
    "sender, channel, asked", [("web-1", "rest", ["contact_phone"]), ("+447700900999", "twilio", [])]
)
async def test_the_number_is_asked_only_when_we_do_not_have_it(domain, sender, channel, asked):
    slots = await ValidateCallbackForm().required_slots(
        ["contact_phone"], CollectingDispatcher(), tracker(sender_id=sender, channel=channel), domain
    )
    assert slots == asked


@pytest.mark.parametrize(
    "text, offered",
    [
        ("how is my service charge worked out", None),  # the rules' callback offer follows
        # Unhappy with us, whatever the words: a complaint is what can put it right.
        (
            "my service charge has gone up by £400 with no explanation and the stairs are hardly ever cleaned",
            "utter_offer_complaint_now",
        ),
    ],
)
async def test_after_an_answer_an_unhappy_tenant_is_offered_a_complaint_not_a_callback(domain, text, offered):
    from rasa_sdk.events import FollowupAction

    from actions.enquiries import ActionOfferMoreHelp

    events = await ActionOfferMoreHelp().run(CollectingDispatcher(), tracker(text=text), domain)
    assert events == ([FollowupAction(offered)] if offered else [])


@pytest.mark.parametrize(
    "text, gas_number_given",
    [
        ("how fast do you come out if theres a gas leak? not got one, just asking", True),
        ("how long does a routine repair take", False),
    ],
)
async def test_a_timescale_answer_about_gas_leaks_gives_the_gas_emergency_number(desk, domain, text, gas_number_given):
    from actions.enquiries import ActionAnswerTimescales

    dispatcher = CollectingDispatcher()
    await ActionAnswerTimescales().run(dispatcher, tracker(text=text), domain)
    said = "\n".join(rendered(dispatcher, domain, session_slots(desk)))
    assert "within" in said
    assert (desk.charter.emergency_numbers.gas.number in said) is gas_number_given
