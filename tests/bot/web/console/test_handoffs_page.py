"""The handoff queue in the console: most urgent first, and for each conversation what the
tenant wrote first, which alarm went off and how urgent it is, the postcode and vulnerability,
how long they have waited and the case it opened; everything escaped, no words in the logs."""

import logging
import re
from datetime import timedelta

import pytest

from bot.charter import RepairPriority
from bot.handoff import HandoffReason, Handoffs
from bot.intake import Reporter, log_domestic_abuse, log_repair
from bot.web.console.app import ConversationsConfig, create_console_app
from bot.web.console.roles import StaffRole
from bot.web.console.accounts import StaffAccounts
from tests.bot.web.console.conftest import NOW, PASSWORD, SECRET, sign_in
from tests.bot.web.console.fake_rasa_api import TOKEN

SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture
def console(desk, clock, rasa_api):
    return create_console_app(desk, SECRET, clock, ConversationsConfig(rasa_api.url, TOKEN))


def rows(page: str) -> list:
    """The queue's rows, as the text between <tr> and </tr> of its body."""
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    assert body, "the queue has no rows"
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)


async def test_the_queue_shows_the_most_urgent_first_with_how_long_each_has_waited(signed_in, desk, clock, rasa_api):
    handoffs = Handoffs(desk.cases.engine)
    now = clock()
    rasa_api.tenant_says("web-asked", "can i speak to someone about my rent")
    rasa_api.tenant_says("+447700900123", "i can smell gas in the kitchen", "report_gas_leak", ["gas"])
    rasa_api.tenant_says(SCRIPT, SCRIPT)
    handoffs.request("web-asked", "rest", HandoffReason.ASKED, now - timedelta(minutes=40))
    handoffs.request("+447700900123", "twilio", HandoffReason.SAFETY, now - timedelta(minutes=5))
    handoffs.request(SCRIPT, "facebook", HandoffReason.NOT_UNDERSTOOD, now - timedelta(hours=3))
    gas, unclear, asked = rows(await (await signed_in.client.get("/staff/handoffs")).text())
    assert "i can smell gas in the kitchen" in gas and "Gas or carbon monoxide" in gas and "Immediate" in gas
    assert "5 min" in gas and "SMS or WhatsApp" in gas
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in unclear and "<script" not in unclear and "<img" not in unclear
    assert "Assistant did not understand" in unclear and "3 h 0 min" in unclear and "Routine" in unclear
    assert "can i speak to someone about my rent" in asked and "Asked for a person" in asked and "40 min" in asked


@pytest.mark.parametrize(
    "intent, safety, alarm",
    [
        ("report_gas_leak", ["gas"], "Gas or carbon monoxide"),
        ("report_fire", ["fire_or_danger"], "Fire or danger to life"),
        ("report_danger_to_life", [], "Fire or danger to life"),
        ("express_self_harm", ["self_harm"], "Suicide or self-harm"),
        ("report_repair_emergency", ["gas", "self_harm"], "Gas or carbon monoxide"),
    ],
)
async def test_a_safety_handoff_names_its_alarm_not_just_safety(
    signed_in, desk, clock, rasa_api, intent, safety, alarm
):
    rasa_api.tenant_says("web-1", "hello")
    rasa_api.tenant_says("web-1", "the words that raised it", intent, safety)
    Handoffs(desk.cases.engine).request("web-1", "rest", HandoffReason.SAFETY, clock())
    [row] = rows(await (await signed_in.client.get("/staff/handoffs")).text())
    assert alarm in row and "Safety alarm" not in row
    assert "hello" in row, "the first message in words, not the one that raised the alarm"
    if len(safety) == 2:
        assert "Suicide or self-harm" in row


async def test_only_the_episode_handed_over_counts_in_a_long_sms_conversation(signed_in, desk, clock, rasa_api):
    then = (clock() - timedelta(days=90)).timestamp()
    rasa_api.tenant_says("+447700900999", "my gas boiler smells of gas", "report_gas_leak", ["gas"], at=then)
    rasa_api.session_starts("+447700900999", at=clock().timestamp() - 60)
    rasa_api.tenant_says("+447700900999", "i want to speak to a human", at=clock().timestamp() - 30)
    Handoffs(desk.cases.engine).request("+447700900999", "twilio", HandoffReason.ASKED, clock())
    [row] = rows(await (await signed_in.client.get("/staff/handoffs")).text())
    assert "i want to speak to a human" in row and "boiler" not in row and "Gas" not in row


async def test_the_postcode_vulnerability_and_case_come_from_the_case_the_conversation_opened(
    signed_in, desk, clock, rasa_api
):
    old = log_repair(desk, RepairPriority.ROUTINE, "fence", Reporter("web-2"), NOW - timedelta(days=30))
    case = log_repair(
        desk,
        RepairPriority.EMERGENCY,
        "fire in the fuse box",
        Reporter("web-2", postcode="sy79bw"),
        NOW - timedelta(minutes=2),
        vulnerable_household=True,
    )
    rasa_api.tenant_says("web-2", "fire in the fuse box", "report_fire", ["fire_or_danger"])
    Handoffs(desk.cases.engine).request("web-2", "rest", HandoffReason.SAFETY, clock())
    [row] = rows(await (await signed_in.client.get("/staff/handoffs")).text())
    assert f'href="/staff/cases/{case.reference}"' in row and old.reference not in row
    assert "SY7 9BW" in row and "Vulnerable" in row


async def test_without_a_case_the_postcode_and_vulnerability_come_from_what_the_tenant_said(
    signed_in, desk, clock, rasa_api
):
    rasa_api.tenant_says("web-3", "i dont want to be here anymore", "express_self_harm", ["self_harm"])
    rasa_api.slots["web-3"] = {"home_postcode": "sy7 9bw", "household_vulnerable": True}
    Handoffs(desk.cases.engine).request("web-3", "rest", HandoffReason.SAFETY, clock())
    [row] = rows(await (await signed_in.client.get("/staff/handoffs")).text())
    assert "SY7 9BW" in row and "Vulnerable" in row and "None opened" in row


async def test_when_rasa_cannot_be_reached_the_queue_still_lists_every_conversation(signed_in, desk, clock, rasa_api):
    rasa_api.failing = True
    Handoffs(desk.cases.engine).request("web-4", "rest", HandoffReason.SAFETY, clock())
    [row] = rows(await (await signed_in.client.get("/staff/handoffs")).text())
    assert "transcript unavailable" in row and "Safety alarm" in row and "Immediate" in row


async def test_another_teams_case_is_not_linked(client, desk, clock, rasa_api):
    """A safety handoff is the contact centre's; the domestic abuse case it opened is not."""
    StaffAccounts(desk.cases.engine).create("carol", PASSWORD, NOW, role=StaffRole.CONTACT_CENTRE)
    abuse = log_domestic_abuse(desk, "he hit me", "text me", Reporter("web-5"), NOW)
    Handoffs(desk.cases.engine).request("web-5", "rest", HandoffReason.SAFETY, clock())

    await sign_in(client, "carol")
    page = await (await client.get("/staff/handoffs")).text()
    assert abuse.reference not in page and "None opened" in page


async def test_nothing_the_tenant_wrote_reaches_the_logs(signed_in, desk, clock, rasa_api, caplog):
    rasa_api.tenant_says("web-6", "my ex is outside with a knife", "report_danger_to_life", ["fire_or_danger"])
    handoff = Handoffs(desk.cases.engine).request("web-6", "rest", HandoffReason.SAFETY, clock())
    with caplog.at_level(logging.DEBUG):
        await signed_in.client.get("/staff/handoffs")
        await signed_in.client.get(f"/staff/handoffs/{handoff.id}")
        await signed_in.post(f"/staff/handoffs/{handoff.id}/reply", message="Are you safe to talk now?")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "knife" not in logged and "safe to talk" not in logged


async def test_an_empty_queue_says_so(signed_in):
    assert "Nobody is waiting for a person." in await (await signed_in.client.get("/staff/handoffs")).text()
