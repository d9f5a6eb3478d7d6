"""Outgoing replies: retried when the provider may accept later, given up (and logged) when not."""

import logging

import pytest

from bot.rasa.channels.outbox import Outbox


async def _no_wait(_: float) -> None:
    return None


@pytest.mark.parametrize(
    "statuses, delivered, attempts",
    [
        ([], True, 1),
        ([500, 503], True, 3),  # retried with backoff until accepted
        ([429], True, 2),  # rate limited: retried
        ([400], False, 1),  # refused: sending again will not help
        ([500, 500, 500, 500], False, 4),  # gave up after every attempt
    ],
)
async def test_a_reply_is_retried_only_when_it_could_still_succeed(fake_api, caplog, statuses, delivered, attempts):
    fake_api.statuses.extend(statuses)
    outbox = Outbox(channel="twilio", sleep=_no_wait)
    with caplog.at_level(logging.WARNING):
        ok = await outbox.post(str(fake_api.make_url("/messages")), "+447700900123", data={"Body": "private words"})
    await outbox.close()
    assert ok is delivered
    assert len(fake_api.received) == attempts
    if not delivered:
        assert any(r.levelno == logging.ERROR and "+447700900123" in r.getMessage() for r in caplog.records)
    assert "private words" not in caplog.text


async def test_an_unreachable_provider_is_retried_then_logged_not_raised(caplog):
    outbox = Outbox(channel="facebook", attempts=2, sleep=_no_wait, timeout=2)
    with caplog.at_level(logging.WARNING):
        assert await outbox.post("http://127.0.0.1:9/nowhere", "psid-1", json={"x": 1}) is False
    await outbox.close()
    assert [r.levelname for r in caplog.records] == ["WARNING", "ERROR"]


async def test_the_backoff_doubles_between_attempts(fake_api):
    waits = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    fake_api.statuses.extend([500, 500, 500])
    outbox = Outbox(channel="twilio", first_delay=0.5, sleep=sleep)
    await outbox.post(str(fake_api.make_url("/m")), "c")
    await outbox.close()
    assert waits == [0.5, 1.0, 2.0]
