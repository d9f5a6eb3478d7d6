import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.enquiries import ActionAnswerContactDetails, ActionAnswerRentPayment
from tests.actions.conftest import rendered, tracker


@pytest.mark.parametrize("action", [ActionAnswerContactDetails, ActionAnswerRentPayment])
async def test_enquiry_answers_quote_the_charter_contact_details(desk, domain, action):
    dispatcher = CollectingDispatcher()
    await action().run(dispatcher, tracker(), domain)
    [text] = rendered(dispatcher, domain)
    assert desk.charter.contact.phone in text


async def test_contact_details_give_every_way_to_reach_the_landlord(desk, domain):
    dispatcher = CollectingDispatcher()
    await ActionAnswerContactDetails().run(dispatcher, tracker(), domain)
    [text] = rendered(dispatcher, domain)
    contact = desk.charter.contact
    for detail in (contact.email, contact.social, contact.postal_address, "Monday to Friday, 08:30 to 17:00"):
        assert detail in text
