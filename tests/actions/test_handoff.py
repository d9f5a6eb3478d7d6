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
    [(NOW, "One of them will reply to you here as soon as they can"),
     (SUNDAY_NIGHT, "they will reply to you here when we open, at 08:30 tomorrow")],
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
    "earlier, handed_off",
    [([_fallback("blah")], False),
     ([_fallback("blah"), _fallback("wibble")], True),
     ([{"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}}, _fallback("wibble")], False)],
)
async def test_not_understood_twice_in_a_row_hands_the_tenant_to_a_person(desk, domain, earlier, handed_off):
    t = tracker()
    t.events = earlier
    dispatcher = CollectingDispatcher()
    events = await ActionNotUnderstood().run(dispatcher, t, domain)
    assert (events == [PAUSED, LISTEN]) is handed_off
    assert [m["response"] for m in dispatcher.messages] == (["utter_handoff_in_hours"] if handed_off else ["utter_default"])


@pytest.mark.parametrize("with_a_person", [True, False])
async def test_a_new_session_or_a_restart_does_not_wake_the_bot_while_a_person_has_it(desk, domain, with_a_person):
    if with_a_person:
        services.handoffs().request("tenant-1", "rest", HandoffReason.ASKED, NOW)
    started = await ActionSessionStart().run(CollectingDispatcher(), tracker(), domain)
    restarted = await ActionRestart().run(CollectingDispatcher(), tracker(), domain)
    assert (started[-1] == PAUSED) is with_a_person
    assert [e["event"] for e in restarted] == (["restart", "pause", "action"] if with_a_person else ["restart"])
