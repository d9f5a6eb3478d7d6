"""Everyday questions answered with the charter's own contact details."""

from typing import Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import services
from bot.charter import Charter
from bot.working_days import describe_office_hours


def _contact_details(charter: Charter) -> Dict[Text, Text]:
    contact = charter.contact
    return {
        "phone": contact.phone,
        "email": contact.email,
        "social": contact.social,
        "address": contact.postal_address,
        "website": contact.website,
        "office_hours": describe_office_hours(charter.office_hours),
    }


class ActionAnswerContactDetails(Action):
    def name(self) -> Text:
        return "action_answer_contact_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(
            response="utter_contact_details", **_contact_details(services.desk().charter)
        )
        return []


class ActionAnswerRentPayment(Action):
    def name(self) -> Text:
        return "action_answer_rent_payment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(
            response="utter_rent_payment", **_contact_details(services.desk().charter)
        )
        return []
