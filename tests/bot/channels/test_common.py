"""Turns run in the background one at a time per tenant, in order; a retried delivery is not a turn."""

import asyncio

from bot.channels.common import Turns
from bot.channels.deliveries import Deliveries


async def test_a_tenants_turns_run_in_arrival_order_even_when_the_first_is_slow():
    turns, done = Turns(channel="twilio"), []

    def turn(name, delay):
        async def run():
            await asyncio.sleep(delay)
            done.append(name)
        return run

    for key, (name, delay) in enumerate([("first", 0.2), ("second", 0.0), ("third", 0.05)]):
        assert turns.first_delivery(key)
        turns.start("+447700900123", key, turn(name, delay))
    await turns.drain()
    assert done == ["first", "second", "third"]


async def test_a_retried_delivery_makes_no_second_turn():
    turns = Turns(channel="twilio")
    assert turns.first_delivery("SM1") is True
    assert turns.first_delivery("SM1") is False
    assert turns.first_delivery("SM2") is True


async def test_one_tenants_failed_turn_does_not_stop_the_next():
    turns, done = Turns(channel="facebook"), []

    async def broken():
        raise RuntimeError("boom")

    async def fine():
        done.append("fine")

    turns.start("psid", "m1", broken)
    turns.start("psid", "m2", fine)
    await turns.drain()
    assert done == ["fine"]


async def test_a_message_that_got_no_answer_is_handled_again_on_retry():
    deliveries = Deliveries()
    future, first = deliveries.claim(("web-1", "msg-failed-01"))
    deliveries.failed(("web-1", "msg-failed-01"))
    assert first and future.result() is None
    assert deliveries.claim(("web-1", "msg-failed-01"))[1] is True
