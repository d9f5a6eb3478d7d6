"""Session start: copies the charter's facts into slots that everyday answers quote, and keeps
a conversation a person has taken over paused."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    ActiveLoop,
    ConversationPaused,
    EventType,
    FollowupAction,
    SessionStarted,
    SlotSet,
)
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import hand_to_a_person, still_with_a_person, typed_by_the_tenant
from actions.visits import FORM as VISIT_FORM
from actions.visits import visit_left
from bot import services
from bot.answers import area_chosen, says_nothing, yes_or_no
from bot.handoff import HandoffReason
from bot.replies import charter_facts
from bot.rasa import events as rasa_events
from bot.rasa.dialogue import report_started_with


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        facts = charter_facts(services.desk().charter)
        events: List[EventType] = [
            SessionStarted(),
            *[SlotSet(name, value) for name, value in facts.items()],
            ActionExecuted("action_listen"),
        ]
        # A new session clears Rasa's pause: while a person has the conversation, pause it again.
        if still_with_a_person(tracker):
            return events + [ConversationPaused()]
        if typed_by_the_tenant(tracker, "session_start"):
            # "/session_start" typed in the chat: a fresh start, said, rather than silence.
            dispatcher.utter_message(response="utter_greet")
        return events


class ActionSmallAnswer(Action):
    """Yes, no and thanks outside a report. After "is there anything else?", a no (or a thank
    you) ends politely instead of asking again and again; a yes asks what else."""

    def name(self) -> Text:
        return "action_small_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        latest = tracker.latest_message or {}
        intent = (latest.get("intent") or {}).get("name")
        asked_anything_else = "anything else" in rasa_events.last_bot_words(tracker.events).lower()
        said = {"affirm": True, "deny": False}.get(intent, yes_or_no(latest.get("text")))
        second, kind = tracker.get_slot("second_problem"), tracker.get_slot("second_problem_kind")
        if second and said is not None:
            # The answer to "you also mentioned ...: report that too?"
            done: List[EventType] = [SlotSet("second_problem", None), SlotSet("second_problem_kind", None)]
            start = report_started_with(kind, second) if said else None
            if start is None:
                dispatcher.utter_message(response="utter_anything_else")
                return done
            slots, form = start
            return done + [SlotSet(name, value) for name, value in slots.items()] + [FollowupAction(form)]
        if asked_anything_else and (
            said is False or intent in ("thank", "goodbye") or says_nothing(latest.get("text"))
        ):
            dispatcher.utter_message(response="utter_goodbye")
        elif asked_anything_else and said is True:
            dispatcher.utter_message(response="utter_what_else")
        elif intent == "thank":
            dispatcher.utter_message(response="utter_you_are_welcome")
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return []


class ActionTakeArea(Action):
    """The tenant picked an area from the choice offered: the report starts with the words they
    wrote before, so nothing has to be typed again."""

    def name(self) -> Text:
        return "action_take_area"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text")
        area = area_chosen(text)
        words = tracker.get_slot("unclear_message") or ""
        events: List[EventType] = [SlotSet("choice_offered", None), SlotSet("unclear_message", None)]
        if area is None:
            # "not sure" to the choice: a person can tell, where another choice would go round.
            return events + hand_to_a_person(dispatcher, tracker, HandoffReason.NOT_UNDERSTOOD)
        start = report_started_with(area, words)
        if start is not None:
            slots, form = start
            return events + [SlotSet(name, value) for name, value in slots.items()] + [FollowupAction(form)]
        dispatcher.utter_message(response="utter_ask_question_area" if area == "question" else "utter_something_else")
        return events


# Slots every report's form uses besides its own questions.
REPORT_SLOTS = ("requested_slot", "reasked", "report_acknowledged")
# Who the tenant is and how to reach them holds for the next report too.
TENANT_DETAILS = ("contact_phone", "home_postcode")


class ActionLeaveReport(Action):
    """ "Actually forget that, I want to complain": the report in hand is dropped, unlogged, with
    everything it had gathered except how to reach the tenant, so that nothing of it turns up in
    the next one. What the tenant
    asked for instead comes next (bot/rasa/answer_policy.py)."""

    def name(self) -> Text:
        return "action_leave_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        form = (tracker.active_loop or {}).get("name")
        questions = ((domain.get("forms") or {}).get(form) or {}).get("required_slots") or []
        left: List[EventType] = []
        if form == VISIT_FORM:
            left = visit_left(dispatcher, tracker)  # the repair stands: what of its visit, said
        else:
            dispatcher.utter_message(response="utter_report_left")
        dropped = [slot for slot in (*questions, *REPORT_SLOTS) if slot not in TENANT_DETAILS]
        return [ActiveLoop(None), *[SlotSet(slot, None) for slot in dropped], *left]
