"""A tenant's reply to the survey after a repair is its answer, not a new report.

The survey is sent unasked (bot.updates), so nothing in the conversation says it was asked: the
connectors say it with the message, in its metadata, while the tenant's address awaits an
answer (bot/rasa/channels/common.py, `survey_awaited`). This policy then sends the message to
action_survey_answer when

- nothing else is going on (no form waits for an answer),
- it is the tenant's first message since the survey reached them (a greeting aside), or the
  answer to the assistant's asking once for a score, and
- it reads as an answer (`bot.answers.answers_the_survey`): never a danger or a repair needing
  someone today (safety first), nor a question or a new report the model is sure of.

Anything else goes on as if no survey had been sent. After the action, the assistant listens.
Priority 6: above AnswerPolicy's 5 and RulePolicy's 4; it predicts nothing otherwise.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.deciding_policy import DecidingPolicy
from bot.answers import answers_the_survey
from bot.updates.surveys import AwaitedSurvey, from_metadata

SURVEY_ANSWER = "action_survey_answer"
JUST_SAID = frozenset({ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS})
# Said before the answer, these leave the next message still the first since the survey.
NOT_YET_AN_ANSWER = frozenset({"greet"})


def first_since_the_survey(events: List[Event], survey: AwaitedSurvey) -> bool:
    """Whether the latest message is the tenant's first since the survey reached them (any
    earlier one only a greeting), or comes straight after the assistant took their previous
    message as the answer and asked for a score."""
    asked_at = survey.asked_at.timestamp()
    messages = [event for event in events if isinstance(event, UserUttered)]
    if not messages:
        return False
    earlier = [m for m in messages[:-1] if (m.timestamp or 0) >= asked_at]
    if all(m.intent_name in NOT_YET_AN_ANSWER for m in earlier):
        return True
    if not survey.number_asked:
        return False
    return _actions_between_last_two_messages(events) == [SURVEY_ANSWER]


def _actions_between_last_two_messages(events: List[Event]) -> List[Optional[Text]]:
    actions: List[Optional[Text]] = []
    seen_latest = False
    for event in reversed(events):
        if isinstance(event, UserUttered):
            if seen_latest:
                return actions
            seen_latest = True
        elif seen_latest and isinstance(event, ActionExecuted) and event.action_name not in JUST_SAID:
            actions.insert(0, event.action_name)
    return actions


def takes_survey_answer(tracker: DialogueStateTracker) -> bool:
    """Whether the tenant's latest message is the answer to the survey awaited from them."""
    message = tracker.latest_message
    if message is None or tracker.active_loop_name or tracker.latest_action_name not in JUST_SAID:
        return False
    survey = from_metadata(message.metadata)
    if survey is None or not first_since_the_survey(list(tracker.events), survey):
        return False
    parsed = message.parse_data or {}
    intent = (parsed.get("intent") or {}).get("name")
    confidence = float((parsed.get("intent") or {}).get("confidence") or 0.0)
    findings = list((parsed.get("triage") or {}).get("rules") or [])
    return answers_the_survey(message.text or "", intent, confidence, findings)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class SurveyPolicy(DecidingPolicy):
    PRIORITY = 6

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if SURVEY_ANSWER not in domain.action_names_or_texts:
            return self._prediction(probabilities)
        if tracker.latest_action_name == SURVEY_ANSWER:
            wanted: Optional[Text] = ACTION_LISTEN_NAME
        elif takes_survey_answer(tracker):
            wanted = SURVEY_ANSWER
        else:
            return self._prediction(probabilities)
        # A no-user prediction, as AnswerPolicy's: nothing else's guess at the message may win.
        probabilities[domain.index_for_action(wanted)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)
