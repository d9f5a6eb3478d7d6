"""Actions run against a real desk on an in-memory database and a fixed clock."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import services
from bot.cases import CaseStore
from bot.charter import load_charter
from bot.intake import Desk
from bot.working_days import WorkingCalendar
from tests.support.domain import load_domain

NOW = datetime(2026, 11, 27, 16, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(scope="session")
def domain():
    return load_domain()


@pytest.fixture
def desk():
    charter = load_charter()
    desk = Desk(charter, WorkingCalendar.from_charter(charter), CaseStore.from_url("sqlite://"))
    services.use(desk, clock=lambda: NOW)
    yield desk
    services.use()


def tracker(
    slots=None,
    sender_id="tenant-1",
    requested_slot=None,
    text="",
    intent="greet",
    channel="rest",
    message_id=None,
    events=None,
):
    """A tracker as the action server receives it; the latest message arrived on `channel`."""
    slots = dict(slots or {})
    slots["requested_slot"] = requested_slot
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": [], "message_id": message_id}
    user_event = {
        "event": "user",
        "text": text,
        "input_channel": channel,
        "message_id": message_id,
        "parse_data": {"intent": latest["intent"]},
    }
    return Tracker(
        sender_id=sender_id,
        slots=slots,
        latest_message=latest,
        events=[*(events or []), user_event],
        paused=False,
        followup_action=None,
        active_loop={"name": None},
        latest_action_name="action_listen",
    )


def session_slots(desk) -> dict:
    """The charter facts action_session_start puts in every conversation's slots."""
    from bot.replies import charter_facts

    return charter_facts(desk.charter)


def rendered(dispatcher: CollectingDispatcher, domain, slots=None) -> list:
    """The text the tenant sees for each message, with every {variable} filled in.

    Variables come from the action's values, then from the conversation's slots, as in Rasa.
    Fails if a response the action names is missing from the domain or a variable is left
    unfilled, which Rasa would otherwise show the tenant as "None".
    """
    texts = []
    for message in dispatcher.messages:
        name = message["response"]
        assert name in domain["responses"], f"{name} is not a response in domain/"
        template = domain["responses"][name][0]["text"]
        values = {**(slots or {}), **{k: v for k, v in message.items() if isinstance(v, str)}}
        missing = set(re.findall(r"{(\w+)}", template)) - set(values)
        assert not missing, f"{name} was not given {sorted(missing)}"
        texts.append(template.format(**values))
    return texts
