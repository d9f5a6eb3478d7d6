"""Turns run in the background one at a time per tenant, in order; a retried delivery is not a turn."""

import asyncio

import pytest

from bot.rasa.channels.common import Turns, split_message
from bot.rasa.channels.facebook import MAX_TEXT_CHARS
from bot.rasa.channels.deliveries import Deliveries


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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("   ", []),
        ("short", ["short"]),
        ("x" * MAX_TEXT_CHARS, ["x" * MAX_TEXT_CHARS]),
        ("a" * 1995 + " bbbbbbbbbb", ["a" * 1995, "bbbbbbbbbb"]),  # broken at the space
        ("a" * 1995 + "\n\nbbbbbbbbbb", ["a" * 1995, "bbbbbbbbbb"]),  # or the line break
        ("y" * 2500, ["y" * MAX_TEXT_CHARS, "y" * 500]),  # one word too long is cut
    ],
)
def test_replies_are_split_to_the_providers_limit(text, expected):
    assert split_message(text, MAX_TEXT_CHARS) == expected


@pytest.mark.parametrize("length", [MAX_TEXT_CHARS + 1, 3 * MAX_TEXT_CHARS, 7 * MAX_TEXT_CHARS + 13])
def test_long_replies_are_split_into_whole_words_in_order(length):
    words = " ".join(f"word{i}" for i in range(length))[:length].rstrip()
    assert len(words) > MAX_TEXT_CHARS
    parts = split_message(words, MAX_TEXT_CHARS)
    assert len(parts) > 1
    assert all(0 < len(part) <= MAX_TEXT_CHARS for part in parts)
    assert " ".join(parts).split() == words.split()


async def test_a_retry_that_reaches_another_replica_makes_no_second_turn_there():
    import uuid

    from bot.shared_state import RedisState
    from tests.redis_server import REDIS_URL, reachable_redis

    reachable_redis()
    shared = RedisState(REDIS_URL, prefix=f"test-{uuid.uuid4().hex}:")
    replica_one, replica_two = Deliveries(state=shared), Deliveries(state=shared)
    _, first = replica_one.claim(("twilio", "SM-retried"))
    future, second = replica_two.claim(("twilio", "SM-retried"))
    assert first and not second and future.done() and future.result() is None
    replica_one.failed(("twilio", "SM-retried"))  # the first attempt failed: the retry is handled
    assert replica_two.claim(("twilio", "SM-retried"))[1]
