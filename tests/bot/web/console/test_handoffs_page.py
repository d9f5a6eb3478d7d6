"""The handoff queue in the console: most urgent first, how long each has waited, escaped."""

from datetime import timedelta

from bot.handoff import HandoffReason, Handoffs


async def test_the_queue_shows_the_most_urgent_first_with_how_long_each_has_waited(signed_in, desk, clock):
    handoffs = Handoffs(desk.cases.engine)
    now = clock()
    handoffs.request("web-asked", "rest", HandoffReason.ASKED, now - timedelta(minutes=40))
    handoffs.request("+447700900123", "twilio", HandoffReason.SAFETY, now - timedelta(minutes=5))
    handoffs.request("<script>alert(1)</script>", "facebook", HandoffReason.NOT_UNDERSTOOD, now - timedelta(hours=3))
    page = await (await signed_in.client.get("/staff/handoffs")).text()
    order = [page.index(name) for name in ("+447700900123", "&lt;script&gt;", "web-asked")]
    assert order == sorted(order)
    assert "<script>alert(1)</script>" not in page
    assert "5 min" in page and "40 min" in page and "3 h 0 min" in page


async def test_an_empty_queue_says_so(signed_in):
    assert "Nobody is waiting for a person." in await (await signed_in.client.get("/staff/handoffs")).text()
