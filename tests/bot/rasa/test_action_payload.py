"""The action server gets the conversation's latest events and the whole of its state."""

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from bot.limits import ACTION_SERVER_EVENTS
from bot.rasa import action_payload
from bot.rasa.server import apply_patches


def _conversation(turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker("long-talker", [TextSlot("location", mappings=[{"type": "from_text"}])])
    tracker.update(SlotSet("location", "kitchen"))  # set once, at the start
    for turn in range(turns):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"message {turn}", {"name": "thank", "confidence": 0.9}))
        tracker.update(BotUttered(f"reply {turn}"))
    return tracker


def _call(tracker: DialogueStateTracker) -> dict:
    action = RemoteAction("action_anything", EndpointConfig("http://127.0.0.1:1/webhook"))
    return action_payload.action_call_format(action, tracker, Domain.empty())


def test_the_server_entry_point_applies_it():
    apply_patches()
    assert RemoteAction._action_call_format is action_payload.action_call_format


def test_a_short_conversation_is_sent_whole():
    tracker = _conversation(10)
    assert _call(tracker)["tracker"] == tracker.current_state(EventVerbosity.ALL)


def test_a_long_conversation_sends_its_latest_events_and_its_whole_state():
    tracker = _conversation(ACTION_SERVER_EVENTS)
    whole = tracker.current_state(EventVerbosity.ALL)
    sent = _call(tracker)
    assert sent["next_action"] == "action_anything" and sent["sender_id"] == "long-talker"
    assert sent["tracker"]["events"] == whole["events"][-ACTION_SERVER_EVENTS:]
    assert sent["tracker"]["slots"]["location"] == "kitchen"  # set before the window
    assert {k: v for k, v in sent["tracker"].items() if k != "events"} == {
        k: v for k, v in whole.items() if k != "events"
    }
