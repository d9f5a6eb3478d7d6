from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionHandoff, ActionNotUnderstood, ActionRestart
from actions.session import ActionSessionStart
from bot import services
from bot.handoff import HandoffReason
from tests.actions.conftest import NOW, rendered, session_slots, tracker

SUNDAY_NIGHT = datetime(2026, 11, 29, 23, 30, tzinfo=ZoneInfo("Europe/London"))
PAUSED = {"event": "pause", "timestamp": None}
LISTEN = {"event": "action", "name": "action_listen", "policy": None, "confidence": None, "timestamp": None}


@pytest.mark.parametrize(
    "now, says",
    [
        (NOW, "One of them will reply to you here as soon as they can"),
        (SUNDAY_NIGHT, "they will reply to you here when we open, at 08:30 tomorrow, Monday 30 November"),
    ],
)
async def test_asking_for_a_person_queues_the_conversation_says_when_and_pauses_the_bot(desk, domain, now, says):
    services.use(desk, clock=lambda: now)
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, tracker(), domain)
    assert says in rendered(dispatcher, domain, session_slots(desk))[0]
    assert events == [PAUSED, LISTEN]
    assert services.handoffs().active("tenant-1").reason is HandoffReason.ASKED


def _fallback(text):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": "nlu_fallback"}}}


@pytest.mark.parametrize(
    "bot_said, text, added",
    [
        # Right after a case was logged, what cannot be placed is about that case.
        (
            ["I've logged your repair. Your reference is {reference}.", "When can we come?"],
            "will they ring first",
            True,
        ),
        # Not after any other reply, and not a blank message.
        (["Where in your home is it?"], "wibble", False),
        (["I've logged your repair. Your reference is {reference}."], "", False),
    ],
)
async def test_an_unclear_message_right_after_a_case_is_logged_is_added_to_that_case(
    desk, domain, bot_said, text, added
):
    from bot.cases import CaseKind, NewCase

    case = desk.cases.open(
        NewCase(
            kind=CaseKind.REPAIR,
            category="routine",
            description="tap",
            conversation_id="tenant-1",
            opened_at=NOW,
            first_due_at=NOW,
            first_due_whole_day=False,
        )
    )
    before = [{"event": "user", "text": "tap dripping"}] + [
        {"event": "bot", "text": words.format(reference=case.reference)} for words in bot_said
    ]
    dispatcher = CollectingDispatcher()
    await ActionNotUnderstood().run(dispatcher, tracker(text=text, events=before), domain)
    kept = [e.detail["words"] for e in desk.cases.events(case.reference) if e.kind == "tenant_added"]
    assert kept == ([text] if added else [])
    said = [m["response"] for m in dispatcher.messages]
    assert said == (["utter_added_to_case"] if added else ["utter_offer_areas"])
    if added:
        assert case.reference in rendered(dispatcher, domain, session_slots(desk))[0]


@pytest.mark.parametrize(
    "offered, said, handed_off",
    [
        (None, "utter_offer_areas", False),  # unsure: the likely areas, as a choice
        (1, "utter_offer_areas_again", False),  # still unsure: the choice again, and a person
        (2, "utter_handoff_in_hours", True),  # offered twice with no choice made: a person
    ],
)
async def test_an_unclear_message_gets_a_choice_of_areas_before_a_person(desk, domain, offered, said, handed_off):
    t = tracker({"choice_offered": offered, "unclear_message": "the thing with the"}, text="wibble")
    dispatcher = CollectingDispatcher()
    events = await ActionNotUnderstood().run(dispatcher, t, domain)
    assert [m["response"] for m in dispatcher.messages] == [said]
    assert (events[-2:] == [PAUSED, LISTEN]) is handed_off
    if not handed_off:
        assert {
            "event": "slot",
            "timestamp": None,
            "name": "unclear_message",
            "value": "the thing with the wibble",
        } in events


@pytest.mark.parametrize("with_a_person", [True, False])
async def test_a_new_session_or_a_restart_does_not_wake_the_bot_while_a_person_has_it(desk, domain, with_a_person):
    if with_a_person:
        services.handoffs().request("tenant-1", "rest", HandoffReason.ASKED, NOW)
    started = await ActionSessionStart().run(CollectingDispatcher(), tracker(), domain)
    restarted = await ActionRestart().run(CollectingDispatcher(), tracker(), domain)
    assert (started[-1] == PAUSED) is with_a_person
    assert [e["event"] for e in restarted] == (["restart", "pause", "action"] if with_a_person else ["restart"])


@pytest.mark.parametrize("with_a_person", [True, False])
async def test_a_tenant_who_types_restart_or_session_start_is_greeted_unless_a_person_has_them(
    desk, domain, with_a_person
):
    """Typed in the chat, these used to restart the conversation in silence: the tenant heard
    nothing at all. While a person has the conversation the bot still says nothing."""
    if with_a_person:
        services.handoffs().request("tenant-1", "rest", HandoffReason.ASKED, NOW)
    said = []
    for action, intent in ((ActionRestart(), "restart"), (ActionSessionStart(), "session_start")):
        dispatcher = CollectingDispatcher()
        await action.run(dispatcher, tracker(text=f"/{intent}", intent=intent, events=[LISTEN]), domain)
        said.append([m["response"] for m in dispatcher.messages])
    assert said == ([[], []] if with_a_person else [["utter_greet"], ["utter_greet"]])


async def test_a_session_started_by_rasa_before_the_tenants_message_is_read_says_nothing(desk, domain):
    """Rasa runs action_session_start before it reads a message, so the latest message it has is
    the one from the session before, however it ended."""
    before = tracker(text="/session_start", intent="session_start", events=[LISTEN])
    before.events.append(LISTEN)
    dispatcher = CollectingDispatcher()
    await ActionSessionStart().run(dispatcher, before, domain)
    assert dispatcher.messages == []


async def test_an_old_complaint_goes_to_a_person_who_decides(desk, domain):
    from actions.complaints import ActionSubmitComplaint

    events = await ActionSubmitComplaint().run(
        CollectingDispatcher(),
        tracker({"complaint_description": "your contractor broke my window back in 2019"}),
        domain,
    )
    assert PAUSED in events
    assert services.handoffs().active("tenant-1").reason is HandoffReason.OLD_COMPLAINT


@pytest.mark.parametrize("now, handed_over", [(SUNDAY_NIGHT, True), (NOW.replace(hour=10), False)])
async def test_an_emergency_out_of_hours_goes_to_the_out_of_hours_service(desk, domain, now, handed_over):
    from actions.repairs import ActionSubmitRepair

    services.use(desk, clock=lambda: now)
    events = await ActionSubmitRepair().run(
        CollectingDispatcher(),
        tracker({"repair_description": "sparks from the socket", "repair_priority": "emergency"}),
        domain,
    )
    assert (PAUSED in events) is handed_over
    handoff = services.handoffs().active("tenant-1")
    assert (handoff.reason if handoff else None) == (HandoffReason.OUT_OF_HOURS_EMERGENCY if handed_over else None)


async def test_domestic_abuse_is_handed_to_a_person_once_the_safe_contact_is_known(desk, domain):
    from actions.safety import ActionSubmitDomesticAbuse

    dispatcher = CollectingDispatcher()
    events = await ActionSubmitDomesticAbuse().run(dispatcher, tracker({"safe_contact": "text only"}), domain)
    assert PAUSED in events and services.handoffs().active("tenant-1").reason is HandoffReason.DOMESTIC_ABUSE
    # The reply already says who will be in touch and how; no "we'll reply here" contradicts it.
    assert [m["response"] for m in dispatcher.messages] == ["utter_domestic_abuse_logged"]


ASKS_FOR_A_PERSON = "can i speak to a real person please"


@pytest.mark.parametrize(
    "form, requested",
    [
        ("asb", "home_postcode"),
        ("repair", "contact_phone"),
        ("complaint", "home_postcode"),
        ("callback", "contact_phone"),
        ("repair", "repair_location"),
        ("repair", "repair_access"),
    ],
)
async def test_asking_for_a_person_instead_of_answering_a_short_question_hands_over(desk, domain, form, requested):
    from actions.asb import ValidateAsbForm
    from actions.complaints import ValidateComplaintForm
    from actions.enquiries import ValidateCallbackForm
    from actions.repairs import ValidateRepairForm

    validation = {
        "asb": ValidateAsbForm,
        "repair": ValidateRepairForm,
        "complaint": ValidateComplaintForm,
        "callback": ValidateCallbackForm,
    }[form]()
    dispatcher = CollectingDispatcher()
    events = await validation.run(
        dispatcher,
        tracker(
            {requested: ASKS_FOR_A_PERSON}, requested_slot=requested, text=ASKS_FOR_A_PERSON, intent="request_human"
        ),
        domain,
    )
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {requested: None, "requested_slot": None}
    assert events[-2:] == [PAUSED, LISTEN]
    assert "passed you to our team" in rendered(dispatcher, domain, session_slots(desk))[0]
    assert services.handoffs().active("tenant-1").reason is HandoffReason.ASKED


@pytest.mark.parametrize(
    "slots, requested, text",
    [
        ({"home_postcode": "SY7 9BW"}, "home_postcode", "SY7 9BW, and can i speak to a person"),
        ({"home_postcode": "no"}, "home_postcode", "no"),
        (
            {"complaint_description": "I asked to speak to a manager and nobody called"},
            "complaint_description",
            "I asked to speak to a manager and nobody called",
        ),
    ],
)
async def test_an_answer_that_can_be_read_is_taken_whatever_the_intent(desk, domain, slots, requested, text):
    from actions.complaints import ValidateComplaintForm

    dispatcher = CollectingDispatcher()
    events = await ValidateComplaintForm().run(
        dispatcher, tracker(slots, requested_slot=requested, text=text, intent="request_human"), domain
    )
    assert PAUSED not in events and services.handoffs().active("tenant-1") is None
    assert [e["value"] for e in events if e["event"] == "slot" and e["name"] == requested] != [None]


@pytest.mark.parametrize(
    "text, handed_over",
    [
        ("can i speak to a real person please", True),
        ("i want to talk to a human", True),
        ("yes ring me please", False),
        ("can someone call me back", False),
        ("yeah go on then, a person", False),
    ],
)
async def test_offered_a_call_back_a_tenant_who_asks_for_a_person_now_is_handed_over(desk, domain, text, handed_over):
    from actions.enquiries import ValidateCallbackForm

    events = await ValidateCallbackForm().run(
        CollectingDispatcher(), tracker(text=text, intent="request_human"), domain
    )
    assert (PAUSED in events) is handed_over
    assert (services.handoffs().active("tenant-1") is not None) is handed_over
