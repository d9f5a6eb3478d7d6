"""Keeping tenants informed (issue 18), end to end on the scaled deployment (two Rasa servers,
two action servers, two updates workers, PostgreSQL, Redis): a tenant reports a repair in
words on each channel; staff record in the console that an operative is on the way and then
complete it; the tenant receives each update on their own channel, in order, once each."""

import time

import pytest

from tests.e2e.channel_tenants import MessengerTenant, SmsTenant, WebChatTenant
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


@pytest.mark.parametrize("channel", list(TENANTS))
def test_staff_news_reaches_the_tenant_on_their_own_channel_in_order_once_each(scaled_stack, provider, channel):
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
    assert page.count("Waiting to send") == 0
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
    while "Waiting to send" in officer.page(f"/cases/{reference}").text and time.monotonic() < deadline:
        time.sleep(0.5)
    page = officer.page(f"/cases/{reference}").text
    assert page.count("Not sent") == 2 and "asked us to stop" in page
    assert len(tenant.received()) == before  # not the news, and no answer to STOP: Twilio gives that
