from datetime import timedelta

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.status import ActionCaseStatus
from bot import services
from bot.charter import RepairPriority
from bot.intake import log_repair
from tests.actions.conftest import NOW, rendered, session_slots, tracker


async def _ask(desk, domain, text, sender="tenant-1"):
    dispatcher = CollectingDispatcher()
    t = tracker(sender_id=sender)
    t.latest_message = {"text": text, "intent": {"name": "ask_case_status"}}
    await ActionCaseStatus().run(dispatcher, t, domain)
    return " ".join(rendered(dispatcher, domain, session_slots(desk)))


async def test_a_tenant_hears_how_their_own_case_stands(desk, domain):
    receipt = log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-1", NOW)
    reply = await _ask(desk, domain, f"any news on {receipt.reference.lower()}")
    assert f"Your case {receipt.reference} is open. The next date we promised is by Monday 14 December." in reply


@pytest.mark.parametrize("whose", ["someone else's", "nobody's"])
async def test_anyone_else_learns_nothing_not_even_whether_it_exists(desk, domain, whose):
    receipt = log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-1", NOW)
    reference = receipt.reference if whose == "someone else's" else "REP-2026-999999"
    reply = await _ask(desk, domain, f"status of {reference}", sender="tenant-2")
    assert reply == await _ask(desk, domain, "status of REP-2026-999998", sender="tenant-2")
    assert "can't find a case" in reply and "REP-" not in reply


async def test_without_a_reference_the_tenant_is_asked_for_one(desk, domain):
    assert "send me its reference" in await _ask(desk, domain, "whats happening with my repair")


async def test_a_late_case_is_owned_up_to(desk, domain):
    receipt = log_repair(desk, RepairPriority.EMERGENCY, "sparks", "tenant-1", NOW)
    services.use(desk, clock=lambda: NOW + timedelta(days=1))
    reply = await _ask(desk, domain, receipt.reference)
    assert "we are late" in reply and "complaint" in reply


@pytest.mark.parametrize(
    "asked_from, message_extra, told",
    [
        (("rest", "web-1"), "", True),  # the channel identity that reported it
        (("twilio", "+447700900123"), "SY7 9BW", True),  # another channel, with the postcode on the case
        (("twilio", "+447700900123"), "sy79bw", True),
        (("twilio", "+447700900123"), "SY7 9BX", False),  # the wrong postcode
        (("twilio", "+447700900123"), "", False),
    ],
)
async def test_a_case_is_told_to_its_tenant_on_any_channel_with_the_postcode(
    desk, domain, asked_from, message_extra, told
):
    from bot.cases import ChannelIdentity
    from bot.intake import Reporter

    reporter = Reporter("web-1", identity=ChannelIdentity("rest", "web-1"), postcode="SY7 9BW")
    receipt = log_repair(desk, RepairPriority.ROUTINE, "tap", reporter, NOW)
    channel, sender = asked_from
    dispatcher = CollectingDispatcher()
    text = f"any news on {receipt.reference} {message_extra}"
    await ActionCaseStatus().run(dispatcher, tracker(sender_id=sender, channel=channel, text=text), domain)
    reply = " ".join(rendered(dispatcher, domain, session_slots(desk)))
    assert (f"Your case {receipt.reference} is open" in reply) is told
    assert ("can't find a case" in reply) is not told


# --- no case disclosed to a stranger --------------------------------------------------------

from bot.cases import ChannelIdentity  # noqa: E402
from bot.charter import AsbRisk  # noqa: E402
from bot.intake import Reporter, log_asb_report, log_domestic_abuse  # noqa: E402
from bot.lookups import PER_CONVERSATION, PER_POSTCODE  # noqa: E402

NEIGHBOUR = Reporter("web-9", identity=ChannelIdentity("rest", "web-9"), postcode="SY7 9BW")


async def _ask_from(desk, domain, text, sender, channel="rest"):
    dispatcher = CollectingDispatcher()
    await ActionCaseStatus().run(dispatcher, tracker(sender_id=sender, channel=channel, text=text), domain)
    return " ".join(rendered(dispatcher, domain, session_slots(desk)))


@pytest.mark.parametrize(
    "log",
    [
        lambda desk: log_asb_report(desk, AsbRisk.HIGH, "number 4 threatened me", NEIGHBOUR, NOW),
        lambda desk: log_domestic_abuse(desk, "my partner hits me", "text only", NEIGHBOUR, NOW),
    ],
)
async def test_asb_and_abuse_cases_are_never_told_by_postcode_but_are_to_their_tenant(desk, domain, log):
    reference = log(desk).reference
    stranger = await _ask_from(desk, domain, f"status of {reference} SY7 9BW", sender="web-stranger")
    assert stranger == await _ask_from(desk, domain, "status of REP-2026-KX7Q4MTD SY7 9BW", sender="web-other")
    assert reference not in stranger and "can't find a case" in stranger
    assert f"Your case {reference}" in await _ask_from(desk, domain, f"status of {reference}", sender="web-9")


async def test_one_reference_is_looked_up_per_message(desk, domain):
    first = log_repair(desk, RepairPriority.ROUTINE, "tap", "tenant-1", NOW).reference
    second = log_repair(desk, RepairPriority.ROUTINE, "door", "tenant-1", NOW).reference
    reply = await _ask(desk, domain, f"what about {first} and {second}")
    assert f"Your case {first}" in reply and f"Your case {second}" not in reply
    assert "one case at a time" in reply


async def test_a_conversation_that_keeps_trying_references_is_stopped(desk, domain):
    for n in range(PER_CONVERSATION):
        assert "can't find a case" in await _ask(
            desk, domain, f"REP-2026-KX7Q4M{'ACDEFGHJKMNPQRTUVWXY'[n]}A", sender="prober"
        )
    reply = await _ask(desk, domain, "REP-2026-KX7Q4MTD", sender="prober")
    assert "can't look up any more cases in this chat today" in reply and "03332 31 32 33" in reply


async def test_a_postcode_cannot_be_tried_from_conversation_after_conversation(desk, domain):
    reference = log_repair(desk, RepairPriority.ROUTINE, "tap", NEIGHBOUR, NOW).reference
    for n in range(PER_POSTCODE):
        await _ask_from(desk, domain, f"REP-2026-KX7Q4MT{n} SY7 9BW", sender=f"fresh-{n}")
    reply = await _ask_from(desk, domain, f"{reference} SY7 9BW", sender="fresh-last")
    assert "can't look up any more cases" in reply and "is open" not in reply
    assert f"Your case {reference}" in await _ask_from(desk, domain, reference, sender="web-9")  # its tenant still can
