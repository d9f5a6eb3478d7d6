"""Words are answers: while a form waits for an answer, the tenant's message goes to the form.

A tenant asked "is anyone at risk?" who writes "no, just me and my husband" is answering; the
model may still read "husband" as domestic abuse, and the rules for what an intent starts
would then leave the report for another route. This policy sees what the model cannot: which
question is pending. It sends the message to the form, whose validation reads it with the
shared reader in bot/answers/, unless `bot.answers.leaves_the_report` says it interrupts the
report (a danger the rules found, a question answered beside it, asking for a person): the form
then sets nothing, Rasa rejects it, and the rules for interruptions run.

A tenant who drops the report outright ("actually forget that, I want to complain") gets
action_leave_report, then what their message asks for, as if nothing had been going on
(bot/rasa/dialogue.py), then the policy listens: rules cannot follow a turn they never saw. So
does a tenant offered the times for a repair's visit who writes about something else instead
("thanks", "any update on my other repair"): nothing is booked, and they are told how to book.

The same goes for the choice of areas offered when a message was not understood: a tenant who
answers "its a repair" has chosen, and action_take_area starts the report with their words. And a
tenant who asks in words to book, move or cancel a repair's visit ("can I change my
appointment", "cancel the visit for REP-...") starts the visit form, whatever the model made of
it (bot/answers/visits.py reads it): no intent of the model's says it, so that routing it took no
training data, which would have moved every other reading of the model. A danger in the same
message comes first.

It has a higher priority than RulePolicy, and predicts nothing at all otherwise.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.answers import (
    abandons,
    area_chosen,
    asks_to_change_visit,
    closes_the_conversation,
    danger_told,
    leaves_for_someone,
    leaves_the_report,
    leaves_the_visit_question,
    says_nothing,
)
from bot.answers.visits import Slot
from bot.rasa.deciding_policy import DecidingPolicy
from bot.rasa.dialogue import FORMS, LEAVE_REPORT, SMALL_TALK, VISIT_FORM, first_action

TAKE_AREA = "action_take_area"
SMALL_ANSWER = "action_small_answer"
ASK_WHAT_HAPPENED = "utter_ask_what_happened"
# What a message that asks for nothing is answered with (bot/rasa/dialogue.py).
SMALL_ANSWERS = frozenset(action for _, action in SMALL_TALK)
# Just after the tenant's message: Rasa runs action_extract_slots before predicting anything.
JUST_SAID = frozenset({ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class AnswerPolicy(DecidingPolicy):
    PRIORITY = 5

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        message = tracker.latest_message
        if (
            tracker.get_slot("choice_offered")
            and tracker.latest_action_name in JUST_SAID
            and message
            and (area_chosen(message.text) or says_nothing(message.text))
            and TAKE_AREA in domain.action_names_or_texts
        ):
            # The answer to "is it about a repair, a neighbour...?", in words or by a button.
            probabilities[domain.index_for_action(TAKE_AREA)] = 1.0
            return self._prediction(probabilities)
        if (
            not tracker.active_loop_name
            and tracker.latest_action_name in JUST_SAID
            and message
            and VISIT_FORM in domain.action_names_or_texts
            and asks_to_change_visit(message.text)
            and not _danger_in(message.text or "", message.parse_data)
        ):
            # "can I change my appointment": the visit form, which reads the rest of the words.
            probabilities[domain.index_for_action(VISIT_FORM)] = 1.0
            return self._prediction(probabilities)
        if (
            not tracker.active_loop_name
            and tracker.latest_action_name in JUST_SAID
            and message
            and SMALL_ANSWER in domain.action_names_or_texts
            and "anything else" in _last_bot_words(tracker).lower()
            and closes_the_conversation(
                message.text or "", list((message.parse_data.get("triage") or {}).get("rules") or [])
            )
        ):
            # "Is there anything else?" "no nothing thanks, just trying it": goodbye, whatever the model read.
            return self._overruling(probabilities, domain, SMALL_ANSWER)
        if tracker.latest_action_name == SMALL_ANSWER and not tracker.active_loop_name:
            # A small answer ends the turn, even one given to a message the rules would have sent
            # elsewhere (above), for which no rule knows what comes next.
            return self._overruling(probabilities, domain, ACTION_LISTEN_NAME)
        if tracker.latest_action_name == TAKE_AREA and not tracker.active_loop_name:
            # The area was a question or "something else": the tenant's next words are wanted.
            return self._overruling(probabilities, domain, ACTION_LISTEN_NAME)
        after_leaving = self._after_leaving(tracker, domain)
        if after_leaving:
            return self._overruling(probabilities, domain, after_leaving)
        form = tracker.active_loop_name
        if (
            not form
            or tracker.latest_action_name not in JUST_SAID
            or not tracker.get_slot(REQUESTED_SLOT)
            or form not in domain.action_names_or_texts
        ):
            return self._prediction(probabilities)
        parsed = message.parse_data if message else {}
        intent = (parsed.get("intent") or {}).get("name")
        confidence = float((parsed.get("intent") or {}).get("confidence") or 0.0)
        findings = list((parsed.get("triage") or {}).get("rules") or [])
        text = (message.text or "") if message else ""
        if leaves_the_report(text, intent, confidence, findings, tracker.get_slot(REQUESTED_SLOT)):
            return self._prediction(probabilities)
        leaves = abandons(text) or (
            form == VISIT_FORM
            and leaves_the_visit_question(
                text, intent, confidence, _shown(tracker), date.today(), tracker.get_slot(REQUESTED_SLOT)
            )
        )
        if leaves and LEAVE_REPORT in domain.action_names_or_texts:
            return self._overruling(probabilities, domain, LEAVE_REPORT)
        probabilities[domain.index_for_action(form)] = 1.0
        return self._prediction(probabilities)

    def _overruling(self, probabilities: List[float], domain: Domain, action: Text) -> PolicyPrediction:
        """A prediction that wins over RulePolicy's "the form goes on" (a no-user prediction,
        which Rasa's ensemble lets overrule any other): the tenant has dropped the form."""
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)

    @staticmethod
    def _after_leaving(tracker: DialogueStateTracker, domain: Domain) -> Optional[Text]:
        """Once a report is dropped: what the message asked for, then listening (a form that
        starts runs by itself)."""
        since: List[Text] = []  # what ran since the tenant's latest message
        for event in reversed(tracker.applied_events()):
            if isinstance(event, UserUttered):
                break
            if isinstance(event, ActionExecuted) and event.action_name not in JUST_SAID:
                since.insert(0, event.action_name)
        intent = tracker.latest_message.intent.get("name") if tracker.latest_message else None
        if since[-1:] == [LEAVE_REPORT]:
            wanted = first_action(intent)
            if wanted in SMALL_ANSWERS and leaves_for_someone(tracker.latest_message.text):
                # "never mind the leak, its mum": asked after, not told goodbye.
                wanted = ASK_WHAT_HAPPENED
            return wanted if wanted in domain.action_names_or_texts else ACTION_LISTEN_NAME
        if len(since) == 2 and since[0] == LEAVE_REPORT and since[1] not in FORMS:
            return ACTION_LISTEN_NAME
        return None


def _last_bot_words(tracker: DialogueStateTracker) -> str:
    return next((event.text or "" for event in reversed(tracker.events) if isinstance(event, BotUttered)), "")


def _shown(tracker: DialogueStateTracker) -> List[Slot]:
    """The visit times the tenant was shown ("2026-12-08:morning" each), as (day, half-day)."""
    shown: List[Slot] = []
    for key in tracker.get_slot("visit_offered") or []:
        day, _, half = str(key).partition(":")
        try:
            shown.append((date.fromisoformat(day), half))
        except ValueError:
            continue
    return shown


def _danger_in(text: str, parsed: Dict[Text, Any]) -> bool:
    """Whether the message tells of a danger (bot.answers.danger_told), as the model and the rules read it."""
    intent = parsed.get("intent") or {}
    findings = list((parsed.get("triage") or {}).get("rules") or [])
    return danger_told(text, intent.get("name"), float(intent.get("confidence") or 0.0), findings)
