"""An interpreter offered to a tenant who writes in another language (bot/rasa/interpreter_offer.py):
once in a conversation, in the first reply of the turn, and never to a message in English."""

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.interpreter_offer import InterpreterOfferingGenerator
from bot.rasa.interpreter_offer import OFFER, offer_in
from bot.rules.other_languages import LANGUAGES, language_of

ROOT = Path(__file__).resolve().parents[3]
PHONE = "03332 31 32 33"
NUMBERS = {"gas_number": "0800 111 999", "gas_service": "National Gas Emergency Service", "emergency_number": "999"}


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain"))


def _tracker(domain, *said):
    events = [SlotSet("landlord_phone", PHONE)]
    for number, text in enumerate(said):
        events.append(UserUttered(text, message_id=f"m{number}"))
    return DialogueStateTracker.from_events("tenant", events, slots=domain.slots)


def _reply(generator, tracker, response="utter_safety_gas"):
    return asyncio.run(generator.generate(response, tracker, "rest", **NUMBERS))["text"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Czuć gaz w kuchni, otworzyłam okna. Co mam robić?", "Polish"),
        ("Mi-a murit centrala, nu am nici căldură nici apă caldă", "Romanian"),
        ("mi vecino pone la música a tope todas las noches", "Spanish"),
        ("mera shohar mujhe marta hai aur kehta hai", "Urdu"),
        ("salam, fi ri7a ghaz qawiya fel matbakh, 3andi atfal", "Arabic"),
        ("زوجي يضربني ويأخذ هاتفي", "Arabic"),
        ("میرے گھر کی دیواروں پر پھپھوندی ہے", "Urdu"),
        ("Salaan, kululeeyaha guriga ma shaqeynayo", "Somali"),
        ("Mae'r boeler wedi torri a does dim dŵr poeth", "Welsh"),
        ("卧室墙上有霉", "Chinese"),
        ("the boiler is broken and there is no hot water", None),
        ("see you 2day at 3am, flat 3a", None),
        ("hola", None),
        ("", None),
    ],
)
def test_the_language_a_message_is_written_in_is_read_from_its_words_or_script(text, language):
    assert language_of(text) == language


def test_the_first_reply_to_a_message_in_another_language_offers_an_interpreter_in_it(domain):
    generator = InterpreterOfferingGenerator(domain=domain)
    tracker = _tracker(domain, "Czuć gaz w kuchni, co mam robić?")
    first = _reply(generator, tracker)
    assert first.startswith("If you can smell gas")  # the number first, the offer after it
    assert "interpreter" in first and "Polish" in first and PHONE in first
    assert "Możemy zapewnić tłumacza" in first
    # The next response of the same turn does not repeat it...
    assert "interpreter" not in _reply(generator, tracker, "utter_safety_fire_or_danger")
    # ...nor does a later turn, once the tracker holds it.
    tracker.update(BotUttered(first))
    tracker.update(UserUttered("Dalej czuję gaz", message_id="m9"))
    assert "interpreter" not in _reply(generator, tracker)


def test_a_message_in_english_is_answered_as_it_was(domain):
    generator = InterpreterOfferingGenerator(domain=domain)
    reply = _reply(generator, _tracker(domain, "i can smell gas in the kitchen"))
    assert "interpreter" not in reply


def test_a_language_with_no_sentence_of_its_own_is_offered_in_english(domain):
    generator = InterpreterOfferingGenerator(domain=domain)
    reply = _reply(generator, _tracker(domain, "ਮੇਰੇ ਘਰ ਵਿੱਚ ਗੈਸ ਦੀ ਬਦਬੂ ਆ ਰਹੀ ਹੈ"))
    assert "interpreter" in reply and "Punjabi" in reply


def test_every_offer_in_a_language_is_for_a_language_the_rules_can_name(domain):
    offers = {name for name in domain.responses if name.startswith(OFFER + "_")}
    assert offers <= {offer_in(language) for language in LANGUAGES}
    assert len(offers) >= 10
