"""Handing a tenant to a person, through the running servers: the tenant is told who will
answer and when, and the bot then stays silent, even after /restart."""

import uuid

import pytest

from bot.handoff import Handoffs, HandoffReason
from bot.cases import CaseStore
from tests.e2e.conftest import say

pytestmark = pytest.mark.e2e


def _queue(stack):
    return Handoffs(CaseStore.from_url(stack.database_url).engine).queue()


def test_a_tenant_who_asks_for_a_person_is_queued_and_the_bot_stays_quiet(stack):
    sender = f"person-{uuid.uuid4().hex[:8]}"
    reply = say(stack, sender, "can i speak to a real person please")
    assert "passed you to our team" in reply
    [waiting] = [h for h in _queue(stack) if h.conversation_id == sender]
    assert waiting.reason is HandoffReason.ASKED
    assert say(stack, sender, "hello?") == ""
    assert say(stack, sender, "/restart") == ""
    assert say(stack, sender, "my boiler is broken") == ""


def test_not_understood_twice_in_a_row_brings_a_person(stack):
    sender = f"confused-{uuid.uuid4().hex[:8]}"
    assert "say it another way" in say(stack, sender, "zxqv blorp wibble")
    assert "passed you to our team" in say(stack, sender, "flurb qwzx dweeble")
    assert [h.reason for h in _queue(stack) if h.conversation_id == sender] == [HandoffReason.NOT_UNDERSTOOD]
