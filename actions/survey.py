"""The tenant's answer to the survey after a repair, taken when bot/rasa/survey_policy.py reads
their message as it: kept with the case (bot.updates.surveys), and answered with thanks; for
a score of 1 or 2, an apology with a person or a complaint offered; with no score, asked once."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot import services
from bot.answers import read_rating
from bot.updates.surveys import Surveys, reply_to


class ActionSurveyAnswer(Action):
    def name(self) -> Text:
        return "action_survey_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = ((tracker.latest_message or {}).get("text") or "").strip()
        channel = tracker.get_latest_input_channel() or "rest"
        surveys = Surveys(services.desk().cases.engine)
        taken = surveys.take_answer(channel, tracker.sender_id, read_rating(text), text, services.now())
        dispatcher.utter_message(response=reply_to(taken), reference=taken.reference or "")
        return []
