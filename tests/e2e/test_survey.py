"""The survey after a repair through the running assistant and its trained model: a repair
completed, the survey sent to the tenant's phone (the fake Twilio API), the tenant's answer in
words posted to the Twilio webhook as any message, read by the Rasa server, kept in the case
database by the action server and counted in the report. And a message that is something else
(a gas leak, a new repair) is answered as that, the survey still awaiting its answer."""

import asyncio
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import List

import pytest
from aiohttp import ClientSession

from bot.cases import CaseStatus, CaseStore, ChannelIdentity
from bot.charter import RepairPriority, load_charter
from bot.intake import Desk, Reporter, log_repair
from bot.report import build_report
from bot.updates import Teller, UpdateKind, UpdateStatus, after_completion
from bot.updates.delivery import deliver
from bot.updates.routes import route_for
from bot.updates.surveys import Surveys
from bot.working_days import WorkingCalendar
from tests.e2e.conftest import provider_settings
from tests.e2e.test_twilio import MESSAGES, _post, _sms

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def desk(stack):
    """The stack's own case database, as the console and the updates worker see it."""
    charter = load_charter()
    store = CaseStore.from_url(stack.database_url)
    yield Desk(charter, WorkingCalendar.from_charter(charter), store)
    store.engine.dispose()


def _texts_to(provider, number) -> List[str]:
    return [r["form"].get("Body", "") for r in provider.sent(MESSAGES) if r["form"].get("To") == number]


def _wait_for_text(provider, number, words, after=0, timeout=60) -> str:
    """The first message to `number` (of those after the first `after`) with `words` in it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for text in _texts_to(provider, number)[after:]:
            if words in text:
                return text
        time.sleep(0.2)
    raise AssertionError(f"no message to {number} said {words!r}: {_texts_to(provider, number)}")


def _surveyed(desk, provider):
    """A routine repair reported by SMS, completed fourteen hours ago (after_completion, as the
    console calls it), and its updates delivered as the worker delivers them: the news, then
    the survey. Only this case's updates are sent: the stack's database is shared."""
    number = "+4477009" + str(uuid.uuid4().int)[:5]
    now = datetime.now(timezone.utc)
    completed_at = now - timedelta(hours=14)  # the survey is due by now, whatever the hour
    reporter = Reporter(number, identity=ChannelIdentity("twilio", number))
    receipt = log_repair(
        desk, RepairPriority.ROUTINE, "the kitchen tap drips", reporter, completed_at - timedelta(hours=3)
    )
    case = desk.cases.set_status(receipt.reference, CaseStatus.COMPLETED, completed_at, "staff:amy")
    teller = Teller(desk)
    assert after_completion(teller, case, completed_at) == [UpdateKind.COMPLETED, UpdateKind.SURVEY]
    twilio, _ = provider_settings(provider)

    async def send() -> None:
        async with ClientSession() as http:
            for update in teller.updates.for_case(case.reference):
                route = route_for(
                    update.kind, update.channel, update.address, teller.updates.contact("twilio", number), now
                )
                teller.updates.record(update.id, await deliver(update, route, http, twilio, None), now)

    asyncio.run(send())
    assert [u.status for u in teller.updates.for_case(case.reference)] == [UpdateStatus.SENT] * 2
    _wait_for_text(provider, number, "how did we do with your repair " + case.reference)
    return case, number


def _scored_this_month(desk) -> int:
    today = datetime.now(timezone.utc).astimezone(desk.calendar.tz).date()
    report = build_report(desk.cases, today.replace(day=1), today, desk.calendar.tz)
    return sum(row.answers for row in report.repair_satisfaction if row.category is None)


@pytest.mark.parametrize(
    "messages, replies, score, comment",
    [
        (["4 - quick and tidy"], ["Thank you for telling us how we did"], 4, "quick and tidy"),
        (["five stars"], ["Thank you for telling us how we did"], 5, None),
        # Let down: sorry, a person or a complaint offered (the buttons written out on SMS).
        (["1. still leaking"], ["Talk to a person / Make a complaint"], 1, "still leaking"),
        # No number: asked once for one.
        (["it was good thanks", "5"], ["how would you score", "Thank you for telling us"], 5, "it was good thanks"),
        # Unhappiness, which the model reads as a complaint, is the comment; the low score then
        # offers the complaint.
        (["took too long", "2"], ["how would you score", "Make a complaint"], 2, "took too long"),
    ],
)
def test_the_tenant_answers_the_survey_in_words_and_it_is_kept_and_counted(
    stack, provider, desk, messages, replies, score, comment
):
    case, number = _surveyed(desk, provider)
    before = _scored_this_month(desk)
    for text, reply in zip(messages, replies):
        sent = len(_texts_to(provider, number))
        assert _post(stack, _sms(number, text))[0] == 200
        said = _wait_for_text(provider, number, reply, after=sent)
        assert case.reference in said
    kept = Surveys(desk.cases.engine).for_case(case.reference)
    assert (kept.score, kept.comment) == (score, comment)
    assert desk.cases.events(case.reference)[-1].kind == "survey_answered"
    assert _scored_this_month(desk) == before + 1


@pytest.mark.parametrize(
    "text, reply",
    [
        # Safety first: a gas leak gets the emergency number, not thanks for a score.
        ("1 - i can smell gas in the kitchen", "0800 111 999"),
        # A new repair is a new report: an emergency (the home cannot be secured)...
        ("the back door wont lock and the handle has come off", "emergency"),
        # ...or an everyday one the model is sure of, whose report begins.
        ("the kitchen cupboard door has come off its hinges", ""),
    ],
)
def test_something_else_sent_in_reply_is_answered_as_itself_and_the_survey_still_awaits(
    stack, provider, desk, text, reply
):
    case, number = _surveyed(desk, provider)
    sent = len(_texts_to(provider, number))
    assert _post(stack, _sms(number, text))[0] == 200
    said = _wait_for_text(provider, number, reply, after=sent)
    assert not any(word in said for word in ("Thank you for telling us", "how would you score", "We already have"))
    assert Surveys(desk.cases.engine).for_case(case.reference).answered_at is None
    assert Surveys(desk.cases.engine).awaited("twilio", number, datetime.now(timezone.utc)) is not None
