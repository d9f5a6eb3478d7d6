"""The visit for a repair, in the conversation: offered once the repair is logged, chosen in the
tenant's words, and moved or cancelled later by message. The clock is Friday 27 November 2026,
16:00: the times offered run from Monday 30 November to Friday 4 December."""

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.repairs import ActionSubmitRepair
from actions.session import ActionLeaveReport
from actions.visits import (
    NO_CASE,
    ActionAskVisitCase,
    ActionAskVisitChoice,
    ActionSubmitVisit,
    ValidateVisitForm,
    visits,
)
from bot.answers import CANCEL_VISIT, NONE_OF_THESE
from bot.cases import ChannelIdentity
from bot.charter import RepairPriority
from bot.intake import Reporter, log_repair
from tests.actions.conftest import NOW, rendered, session_slots, tracker


def a_repair(desk, priority=RepairPriority.ROUTINE, sender="tenant-1", identity=None):
    reporter = Reporter(sender, identity=identity or ChannelIdentity("rest", sender))
    return log_repair(desk, priority, "the kitchen tap drips", reporter, NOW).reference


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def validated(domain, text, slots=None, requested=None, intent="inform", sender="tenant-1"):
    """The slots the visit form sets from one message."""
    t = tracker(slots, requested_slot=requested, text=text, intent=intent, sender_id=sender)
    return slots_of(await ValidateVisitForm().run(CollectingDispatcher(), t, domain))


async def submitted(desk, domain, slots, sender="tenant-1", text=""):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitVisit().run(dispatcher, tracker(slots, sender_id=sender, text=text), domain)
    return events, [m["response"] for m in dispatcher.messages], rendered(dispatcher, domain, session_slots(desk))


# --- offered once a repair is logged ---------------------------------------------------------


@pytest.mark.parametrize(
    "priority, offered",
    [("routine", True), ("external", True), ("damp_mould", True), ("emergency", False), ("urgent", False)],
)
async def test_a_repair_that_is_not_same_day_goes_on_to_its_visit(desk, domain, priority, offered):
    slots = {"repair_description": "the kitchen tap drips", "repair_priority": priority}
    events = await ActionSubmitRepair().run(CollectingDispatcher(), tracker(slots), domain)
    [case] = desk.cases.for_conversation("tenant-1")
    assert (FollowupAction("visit_form") in events) is offered
    assert (SlotSet("visit_case", case.reference) in events) is offered


async def test_an_unhappy_tenant_is_offered_the_complaint_not_yet_the_visit(desk, domain):
    said = "third time ive reported this tap and nobody came"
    history = [{"event": "user", "text": said, "parse_data": {"intent": {"name": "report_repair_routine"}}}]
    slots = {"repair_description": said, "repair_priority": "routine"}
    events = await ActionSubmitRepair().run(CollectingDispatcher(), tracker(slots, events=history), domain)
    assert FollowupAction("utter_offer_complaint") in events and FollowupAction("visit_form") not in events


async def test_the_times_are_buttons_in_words_with_none_of_these_last(desk, domain):
    reference = a_repair(desk)
    dispatcher = CollectingDispatcher()
    events = await ActionAskVisitChoice().run(dispatcher, tracker({"visit_case": reference}), domain)
    [message] = dispatcher.messages
    buttons = message["buttons"]
    assert buttons[0] == {"title": "Mon 30 Nov morning", "payload": "Monday 30 November, morning"}
    assert buttons[-1] == {"title": "None of these", "payload": "None of these"}
    assert len(buttons) == 11 and all(len(b["title"]) <= 20 for b in buttons)  # Messenger shows 20
    assert not any(b["payload"].startswith("/") for b in buttons)  # words, read like typed ones
    [text] = rendered(dispatcher, domain, session_slots(desk))
    assert reference in text and "morning 8am to 1pm, afternoon midday to 6pm" in text
    assert slots_of(events)["visit_offered"][0] == "2026-11-30:morning"


# --- the answer, in words -------------------------------------------------------------------

SHOWN = [
    f"2026-{day}:{half}" for day in ("11-30", "12-01", "12-02", "12-03", "12-04") for half in ("morning", "afternoon")
]


@pytest.mark.parametrize(
    "said, chosen",
    [
        ("tuesday morning", "2026-12-01:morning"),
        ("thursday afternoon please", "2026-12-03:afternoon"),
        ("the first one", "2026-11-30:morning"),
        ("Wednesday 2 December, afternoon", "2026-12-02:afternoon"),  # a button
        ("none of those work", NONE_OF_THESE),
        ("None of these", NONE_OF_THESE),
        ("no", NONE_OF_THESE),  # nothing chosen: a person arranges it
        ("cancel it", CANCEL_VISIT),
    ],
)
async def test_the_time_is_read_from_the_tenants_words(desk, domain, said, chosen):
    reference = a_repair(desk)
    found = await validated(domain, said, {"visit_case": reference, "visit_offered": SHOWN}, "visit_choice")
    assert found["visit_choice"] == chosen


async def test_words_that_choose_nothing_are_asked_about_once_more_then_left_to_a_person(desk, domain):
    reference = a_repair(desk)
    slots = {"visit_case": reference, "visit_offered": SHOWN}
    first = await validated(domain, "whenever really", slots, "visit_choice")
    assert first.get("reasked") == "visit_choice" and "visit_choice" not in first
    dispatcher = CollectingDispatcher()
    await ActionAskVisitChoice().run(dispatcher, tracker({**slots, "reasked": "visit_choice"}), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_reask_visit_choice"]
    second = await validated(domain, "saturday", {**slots, "reasked": "visit_choice"}, "visit_choice")
    assert second["visit_choice"] == NONE_OF_THESE


# --- asked for later, by message --------------------------------------------------------------


@pytest.mark.parametrize(
    "said, choice",
    [
        ("can i change my appointment", None),
        ("can we move the visit to thursday afternoon", "2026-12-03:afternoon"),
        ("please cancel my visit", CANCEL_VISIT),
    ],
)
async def test_a_tenant_with_one_repair_need_not_say_which(desk, domain, said, choice):
    reference = a_repair(desk)
    found = await validated(domain, said, intent="ask_case_status")
    assert found["visit_case"] == reference
    assert found.get("visit_choice") == choice


async def test_a_tenant_who_texts_finds_the_repair_they_reported_in_another_conversation(desk, domain):
    reference = a_repair(desk, sender="web-earlier", identity=ChannelIdentity("twilio", "+447700900123"))
    t = tracker(text="can i rebook the visit", intent="ask_case_status", channel="twilio", sender_id="+447700900123")
    found = slots_of(await ValidateVisitForm().run(CollectingDispatcher(), t, domain))
    assert found["visit_case"] == reference


async def test_a_tenant_with_two_repairs_is_asked_which_with_a_button_each(desk, domain):
    first, second = a_repair(desk), a_repair(desk)
    found = await validated(domain, "can i change my appointment", intent="ask_case_status")
    assert "visit_case" not in found
    dispatcher = CollectingDispatcher()
    await ActionAskVisitCase().run(dispatcher, tracker(), domain)
    assert {b["payload"] for b in dispatcher.messages[0]["buttons"]} == {first, second}
    answered = await validated(domain, second, requested="visit_case")
    assert answered["visit_case"] == second


async def test_cancelling_with_two_repairs_picks_the_one_with_a_visit(desk, domain):
    first, second = a_repair(desk), a_repair(desk)
    visits().book(second, "2026-12-01:morning", NOW, "tenant")
    found = await validated(domain, "cancel my visit please", intent="ask_case_status")
    assert found["visit_case"] == second and found["visit_choice"] == CANCEL_VISIT
    assert first != second


@pytest.mark.parametrize("owner", ["tenant-1", "someone-else"])
async def test_only_the_tenants_own_reference_is_taken(desk, domain, owner):
    reference = a_repair(desk, sender=owner)
    found = await validated(domain, f"cancel the visit for {reference}", intent="ask_case_status")
    assert found["visit_case"] == (reference if owner == "tenant-1" else NO_CASE)


async def test_a_tenant_with_no_repair_is_told_so(desk, domain):
    found = await validated(domain, "can i change my appointment", intent="ask_case_status")
    assert found["visit_case"] == NO_CASE
    _, said, _ = await submitted(desk, domain, found)
    assert said == ["utter_visit_case_not_found"]


# --- what is done, and said -----------------------------------------------------------------


async def test_a_time_chosen_is_booked_told_and_on_the_case(desk, domain):
    reference = a_repair(desk)
    events, said, texts = await submitted(
        desk, domain, {"visit_case": reference, "visit_choice": "2026-12-03:afternoon"}
    )
    assert said == ["utter_visit_booked"]
    assert "Thursday 3 December, afternoon (midday to 6pm)" in texts[0] and reference in texts[0]
    assert "change my visit" in texts[0]
    assert visits().current(reference).slot.key == "2026-12-03:afternoon"
    assert desk.cases.events(reference)[-1].kind == "visit_booked"
    assert SlotSet("visit_case", None) in events and SlotSet("visit_choice", None) in events


async def test_a_second_time_moves_the_visit(desk, domain):
    reference = a_repair(desk)
    visits().book(reference, "2026-12-01:morning", NOW, "tenant")
    _, said, texts = await submitted(desk, domain, {"visit_case": reference, "visit_choice": "2026-12-04:morning"})
    assert said == ["utter_visit_moved"]
    assert "from Tuesday 1 December, morning (8am to 1pm) to Friday 4 December, morning (8am to 1pm)" in texts[0]


@pytest.mark.parametrize("booked, says", [(True, "utter_visit_cancelled"), (False, "utter_visit_nothing_to_cancel")])
async def test_cancelling(desk, domain, booked, says):
    reference = a_repair(desk)
    if booked:
        visits().book(reference, "2026-12-01:morning", NOW, "tenant")
    _, said, _ = await submitted(desk, domain, {"visit_case": reference, "visit_choice": CANCEL_VISIT})
    assert said == [says]
    assert visits().current(reference) is None


@pytest.mark.parametrize("booked, says", [(False, "utter_visit_to_arrange"), (True, "utter_visit_to_arrange_keeping")])
async def test_none_of_these_leaves_a_note_for_the_repairs_team_and_says_so(desk, domain, booked, says):
    reference = a_repair(desk)
    if booked:
        visits().book(reference, "2026-12-01:morning", NOW, "tenant")
    _, said, texts = await submitted(desk, domain, {"visit_case": reference, "visit_choice": NONE_OF_THESE})
    assert said == [says] and "repairs team will contact you" in texts[0]
    assert desk.cases.events(reference)[-1].kind == "visit_to_arrange"
    assert (visits().current(reference) is not None) is booked  # a booked visit stands meanwhile


@pytest.mark.parametrize(
    "text, kept",
    [("Any weekday after 10 o'clock.", "Any weekday after 10 o'clock."), ("None of these", None), ("", None)],
)
async def test_when_suits_the_tenant_in_their_own_words_is_kept_for_the_repairs_team(desk, domain, text, kept):
    reference = a_repair(desk)
    await submitted(desk, domain, {"visit_case": reference, "visit_choice": NONE_OF_THESE}, text=text)
    assert desk.cases.events(reference)[-1].detail.get("tenant_said") == kept


async def test_a_time_taken_since_it_was_shown_is_said_and_the_times_offered_again(desk, domain):
    reference, other = a_repair(desk), a_repair(desk, sender="tenant-2")
    for n in range(6):  # the morning's six places
        visits().book(a_repair(desk, sender=f"t{n}"), "2026-12-01:morning", NOW, "tenant")
    events, said, _ = await submitted(desk, domain, {"visit_case": reference, "visit_choice": "2026-12-01:morning"})
    assert said == ["utter_visit_slot_taken"]
    assert FollowupAction("visit_form") in events and SlotSet("visit_choice", None) in events
    assert other


@pytest.mark.parametrize("priority", [RepairPriority.EMERGENCY, RepairPriority.URGENT])
async def test_a_same_day_repair_has_no_visit_to_book(desk, domain, priority):
    reference = a_repair(desk, priority)
    form = await validated(domain, f"change the visit for {reference}", intent="ask_case_status")
    assert form["visit_case"] == reference
    assert await ValidateVisitForm().required_slots(
        ["visit_case", "visit_choice"], CollectingDispatcher(), tracker(form), domain
    ) == ["visit_case"]
    _, said, _ = await submitted(desk, domain, form)
    assert said == ["utter_visit_not_needed_same_day"]


@pytest.mark.parametrize("booked, says", [(True, "utter_visit_left_booked"), (False, "utter_visit_left_unbooked")])
async def test_forget_it_leaves_the_visit_as_it_was_and_says_so(desk, domain, booked, says):
    reference = a_repair(desk)
    if booked:
        visits().book(reference, "2026-12-01:morning", NOW, "tenant")
    t = tracker({"visit_case": reference}, requested_slot="visit_choice", text="forget it")
    t.active_loop = {"name": "visit_form"}
    dispatcher = CollectingDispatcher()
    events = await ActionLeaveReport().run(dispatcher, t, domain)
    assert [m["response"] for m in dispatcher.messages] == [says]
    assert SlotSet("visit_case", None) in events and SlotSet("visit_offered", None) in events
    assert (visits().current(reference) is not None) is booked
