"""The worker sends what is due through each provider, by its rules, and records what happened."""

import json
from datetime import timedelta

import pytest
from aiohttp import ClientSession

from bot.updates import UpdateKind, UpdateStatus
from bot.updates.worker import UpdatesWorker
from tests.bot.updates.conftest import MONDAY_MORNING, a_repair, providers_at

NOW = MONDAY_MORNING
TEMPLATE = "HX0123456789abcdef0123456789abcdef"


async def _pass(teller, provider, now=NOW, name="worker-1", template=TEMPLATE):
    twilio, messenger = providers_at(provider)
    worker = UpdatesWorker(teller, twilio, messenger, whatsapp_template=template, name=name)
    async with ClientSession() as http:
        return await worker.run_once(http, now)


async def test_an_sms_update_is_sent_from_our_number_and_recorded(desk, teller, provider):
    case = a_repair(desk, on="sms")
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    assert await _pass(teller, provider) == 1
    [sent] = provider.received
    assert sent["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert sent["form"]["To"] == "+447700900123" and sent["form"]["From"] == "+441632960001"
    assert case.reference in sent["form"]["Body"]
    [update] = teller.updates.for_case(case.reference)
    assert update.status is UpdateStatus.SENT
    assert await _pass(teller, provider, NOW + timedelta(minutes=5)) == 0  # once


async def test_whatsapp_after_24_hours_is_sent_as_the_approved_template(desk, teller, provider):
    case = a_repair(desk, on="whatsapp")
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider)
    [sent] = provider.received
    assert sent["form"]["ContentSid"] == TEMPLATE and "Body" not in sent["form"]
    variables = json.loads(sent["form"]["ContentVariables"])
    assert variables["1"] == case.reference and "\n" not in variables["2"]


async def test_whatsapp_within_24_hours_is_free_text(desk, teller, provider):
    case = a_repair(desk, on="whatsapp")
    teller.updates.heard_from("twilio", case.conversation_id, NOW - timedelta(hours=2))
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider)
    [sent] = provider.received
    assert sent["form"]["From"] == "whatsapp:+441632960002" and case.reference in sent["form"]["Body"]


async def test_whatsapp_after_24_hours_without_a_template_is_not_sent_and_staff_are_told(desk, teller, provider):
    case = a_repair(desk, on="whatsapp")
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider, template=None)
    assert provider.received == []
    assert teller.updates.for_case(case.reference)[0].status is UpdateStatus.NOT_SENT
    assert desk.cases.events(case.reference)[-1].kind == "update_not_sent"


@pytest.mark.parametrize(
    "heard, messaging_type, tag", [(True, "RESPONSE", None), (False, "MESSAGE_TAG", "ACCOUNT_UPDATE")]
)
async def test_messenger_uses_a_tag_only_outside_the_window(desk, teller, provider, heard, messaging_type, tag):
    case = a_repair(desk, on="messenger")
    if heard:
        teller.updates.heard_from("facebook", case.conversation_id, NOW - timedelta(hours=1))
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider)
    [sent] = provider.received
    assert sent["path"] == "/v18.0/me/messages" and sent["query"]["access_token"] == "page-token"
    assert sent["json"]["recipient"] == {"id": "6001234567890"}
    assert sent["json"]["messaging_type"] == messaging_type and sent["json"].get("tag") == tag
    assert case.reference in sent["json"]["message"]["text"]


async def test_nothing_is_sent_to_a_tenant_who_said_stop(desk, teller, provider):
    case = a_repair(desk, on="sms")
    teller.updates.stop("twilio", case.conversation_id, NOW - timedelta(days=1))
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider)
    assert provider.received == []
    assert teller.updates.for_case(case.reference)[0].status is UpdateStatus.NOT_SENT


async def test_twilio_refusing_a_number_that_said_stop_stops_later_updates_too(desk, teller, provider):
    case = a_repair(desk, on="sms")
    provider.answers.append((400, {"code": 21610, "message": "Attempt to send to unsubscribed recipient"}))
    teller.tell(case, UpdateKind.ON_THE_WAY, NOW)
    await _pass(teller, provider)
    teller.tell(case, UpdateKind.COMPLETED, NOW + timedelta(hours=2))
    await _pass(teller, provider, NOW + timedelta(hours=2))
    assert len(provider.received) == 1
    assert [u.status for u in teller.updates.for_case(case.reference)] == [UpdateStatus.NOT_SENT] * 2


async def test_a_provider_outage_is_retried_until_it_is_delivered(desk, teller, provider):
    case = a_repair(desk, on="sms")
    provider.answers.extend([(503, {}), (429, {})])
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    moment = NOW
    for _ in range(3):
        await _pass(teller, provider, moment)
        moment += timedelta(minutes=10)
    assert len(provider.received) == 3
    [update] = teller.updates.for_case(case.reference)
    assert (update.status, update.attempts) == (UpdateStatus.SENT, 3)


async def test_a_refusal_is_not_retried_and_staff_are_told(desk, teller, provider):
    case = a_repair(desk, on="sms")
    provider.answers.append((400, {"code": 21211, "message": "Invalid 'To' Phone Number"}))
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider)
    await _pass(teller, provider, NOW + timedelta(hours=1))
    assert len(provider.received) == 1
    assert teller.updates.for_case(case.reference)[0].status is UpdateStatus.FAILED
    event = desk.cases.events(case.reference)[-1]
    assert event.kind == "update_not_delivered" and "21211" in event.detail["result"]


async def test_the_web_chat_update_is_kept_for_the_page(desk, teller, provider):
    case = a_repair(desk, on="web")
    teller.tell(case, UpdateKind.COMPLETED, NOW)
    await _pass(teller, provider)
    assert provider.received == []
    assert teller.updates.for_case(case.reference)[0].status is UpdateStatus.IN_CHAT


async def test_two_workers_send_each_update_once(desk, teller, provider):
    import asyncio

    cases = [a_repair(desk, on="sms", what=f"tap {n} drips") for n in range(6)]
    for case in cases:
        teller.tell(case, UpdateKind.COMPLETED, NOW)
    await asyncio.gather(_pass(teller, provider, name="one"), _pass(teller, provider, name="two"))
    assert sorted(r["form"]["Body"][:60] for r in provider.received) == sorted(
        u.text[:60] for c in cases for u in teller.updates.for_case(c.reference)
    )
    assert len(provider.received) == 6
