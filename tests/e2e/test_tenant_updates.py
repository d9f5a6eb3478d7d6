"""Keeping tenants informed (issue 18), end to end on the scaled deployment (two Rasa servers,
two action servers, two updates workers, PostgreSQL, Redis): a tenant reports a repair in
words by SMS; staff record in the console that an operative is on the way and then complete
it; the tenant receives each update, in order, once each. And, on each channel, the whole
path: a visit booked in the console, its reminder the day before, the completion and the
survey, in order, once each, and the survey answered in words."""

import asyncio
import re
import time
from datetime import date, datetime, time as clock_time, timedelta, timezone

import pytest
from aiohttp import ClientSession

from bot.cases import CaseStore
from bot.charter import load_charter
from bot.intake import Desk
from bot.updates import Teller
from bot.updates.worker import UpdatesWorker
from bot.working_days import WorkingCalendar
from tests.e2e.channel_tenants import MessengerTenant, SmsTenant, WebChatTenant
from tests.e2e.conftest import provider_settings
from tests.e2e.staff import StaffMember

pytestmark = pytest.mark.e2e

TENANTS = {
    "sms": lambda stack, provider: SmsTenant(stack, provider),
    "whatsapp": lambda stack, provider: SmsTenant(stack, provider, whatsapp=True),
    "messenger": MessengerTenant,
    "web chat": WebChatTenant,
}
ON_THE_WAY = "on the way to you now"
COMPLETED = "as completed"


def test_staff_news_reaches_the_tenant_in_order_once_each(scaled_stack, provider):
    """An operative on the way, then the repair completed, by SMS. Every channel's own way of
    sending is shown end to end by the whole path below (booked, reminded, completed, surveyed),
    and each channel's rules by tests/bot/updates; this test adds the officer's news, on one
    channel, to keep CI's run under its 25 minutes."""
    channel = "sms"
    tenant = TENANTS[channel](scaled_stack, provider)
    reference = tenant.report_a_repair("the kitchen tap has been dripping for a week")
    before = len(tenant.received())
    officer = StaffMember(scaled_stack)
    assert officer.post(f"/cases/{reference}/on-the-way").status_code == 200
    tenant.wait_for(ON_THE_WAY)
    assert officer.post(f"/cases/{reference}/complete", confirm="yes").status_code == 200
    tenant.wait_for(COMPLETED)
    time.sleep(4)  # both workers have made several passes: a second copy would be here by now
    news = tenant.received()[before:]
    assert all(reference in message for message in news)
    assert [ON_THE_WAY in message for message in news] == [True, False]
    assert [COMPLETED in message for message in news] == [False, True]
    page = officer.page(f"/cases/{reference}").text
    assert page.count("Waiting to send") == 1  # the survey, due an hour after completion
    assert ("Shown in the web chat" if channel == "web chat" else "Sent") in page


def test_nothing_is_sent_to_a_tenant_who_said_stop(scaled_stack, provider):
    tenant = SmsTenant(scaled_stack, provider)
    reference = tenant.report_a_repair("the bedroom window handle has snapped off")
    before = len(tenant.received())
    tenant._send("STOP")
    time.sleep(3)  # the connector records it as the turn would run, after answering Twilio
    officer = StaffMember(scaled_stack)
    officer.post(f"/cases/{reference}/on-the-way")
    officer.post(f"/cases/{reference}/complete", confirm="yes")
    deadline = time.monotonic() + 30
    # The news is not sent; the survey, due in an hour, still waits (and will not go either).
    while officer.page(f"/cases/{reference}").text.count("Not sent") < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    page = officer.page(f"/cases/{reference}").text
    assert page.count("Not sent") == 2 and "asked us to stop" in page
    assert len(tenant.received()) == before  # not the news, and no answer to STOP: Twilio gives that


# --- the whole path: booked, reminded, completed, surveyed -------------------------------------


class ClockedWorkers:
    """Two updates workers beside the stack's own, on its case database, whose clock the test
    sets: the reminder the day before a visit and the survey an hour after completion are sent
    when their time comes, without waiting a day. Both run each pass at once, as two replicas'
    would, so an update they both see still goes once."""

    def __init__(self, stack, provider) -> None:
        charter = load_charter()
        self.store = CaseStore.from_url(stack.database_url)
        self.teller = Teller(Desk(charter, WorkingCalendar.from_charter(charter), self.store))
        twilio, messenger = provider_settings(provider)
        self.workers = [
            UpdatesWorker(self.teller, twilio, messenger, whatsapp_template=WHATSAPP_TEMPLATE, name=f"clocked-{n}")
            for n in (1, 2)
        ]

    def pass_at(self, now: datetime) -> None:
        async def both() -> None:
            async with ClientSession() as http:
                await asyncio.gather(*(worker.run_once(http, now) for worker in self.workers))

        asyncio.run(both())

    def at_local(self, day: date, hour: int) -> datetime:
        return datetime.combine(day, clock_time(hour, 0), tzinfo=self.teller.calendar.tz)


WHATSAPP_TEMPLATE = "HX00000000000000000000000000000000"
BOOKED, REMINDER, SURVEY_ASKS = "booked a visit", "visiting tomorrow", "how did we do"
SLOT_CHOICES = re.compile(r'<option value="(\d{4}-\d{2}-\d{2}):(\w+)">')


@pytest.mark.parametrize("channel", list(TENANTS))
def test_a_repair_is_booked_reminded_completed_and_surveyed_in_order_once_each(scaled_stack, provider, channel):
    tenant = TENANTS[channel](scaled_stack, provider)
    reference = tenant.report_a_repair("the bathroom cabinet door has come off its hinge")
    tenant.say("none of those times work for me sorry")
    before = len(tenant.received())
    clocked = ClockedWorkers(scaled_stack, provider)
    officer = StaffMember(scaled_stack)
    page = officer.page(f"/cases/{reference}").text
    # A time two days off or more: a visit booked for tomorrow is not reminded of (its booking
    # was told today).
    today = datetime.now(clocked.teller.calendar.tz).date()
    offered = [(date.fromisoformat(day), half) for day, half in SLOT_CHOICES.findall(page)]
    visit_day, half = next((day, half) for day, half in offered if day >= today + timedelta(days=2))
    booked = officer.post(f"/cases/{reference}/visit", slot=f"{visit_day.isoformat()}:{half}")
    assert booked.status_code == 200
    tenant.wait_for(BOOKED)
    # The day before the visit (and, had the stack's workers decided it first at night, the
    # visit's morning, when it would be sent): the reminder.
    clocked.pass_at(clocked.at_local(visit_day - timedelta(days=1), 10))
    clocked.pass_at(clocked.at_local(visit_day, 8))
    tenant.wait_for(REMINDER)
    assert officer.post(f"/cases/{reference}/complete", confirm="yes").status_code == 200
    tenant.wait_for(COMPLETED)
    clocked.pass_at(clocked.teller.in_the_day(datetime.now(timezone.utc) + timedelta(hours=1, minutes=1)))
    tenant.wait_for(SURVEY_ASKS)
    time.sleep(4)  # every worker has made more passes: a second copy would be here by now
    news = tenant.received()[before:]
    assert all(reference in message for message in news), news
    kinds = [_kind_of(message) for message in news]
    assert kinds == ["booked", "reminder", "completed", "survey"], news
    answer = tenant.say("4 - quick and tidy")
    assert any("thank" in reply.lower() for reply in answer), answer
    clocked.store.engine.dispose()


def _kind_of(message: str) -> str:
    lowered = message.lower()
    if "how did we do" in lowered:
        return "survey"
    if COMPLETED in lowered:
        return "completed"
    if BOOKED in lowered:
        return "booked"
    if REMINDER in lowered:
        return "reminder"
    return message
