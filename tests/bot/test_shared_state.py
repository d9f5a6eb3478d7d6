"""The state every process must agree on behaves the same in memory and in Redis (bot.shared_state):
a claim is taken once, values expire, and events are counted over a sliding window."""

import time
import uuid

import pytest

from bot.shared_state import MemoryState, RedisState
from tests.redis_server import REDIS_URL, reachable_redis


@pytest.fixture(params=["memory", "redis"])
def state(request):
    if request.param == "memory":
        return MemoryState()
    reachable_redis()
    return RedisState(REDIS_URL, prefix=f"test-{uuid.uuid4().hex}:")


def test_a_key_is_claimed_once_until_it_is_let_go(state):
    assert state.claim("delivery:twilio|SM1", 60)
    assert not state.claim("delivery:twilio|SM1", 60)
    state.delete("delivery:twilio|SM1")
    assert state.claim("delivery:twilio|SM1", 60)


def test_a_value_is_kept_for_its_time_and_no_longer(state):
    state.put("chat-ended:web-1", "quick-exit", 0.3)
    assert state.get("chat-ended:web-1") == "quick-exit"
    time.sleep(0.5)
    assert state.get("chat-ended:web-1") is None
    assert state.claim("chat-ended:web-1", 60)


def test_events_are_counted_over_a_sliding_window_and_can_be_taken_back(state):
    first = state.add_event("login-failures:alice|1.2.3.4", 1000.0, 60)
    state.add_event("login-failures:alice|1.2.3.4", 1030.0, 60)
    assert state.events("login-failures:alice|1.2.3.4", 1031.0, 60) == [1000.0, 1030.0]
    assert state.events("login-failures:alice|1.2.3.4", 1061.0, 60) == [1030.0]
    state.remove_event("login-failures:alice|1.2.3.4", first)
    state.clear_events("login-failures:alice|1.2.3.4")
    assert state.events("login-failures:alice|1.2.3.4", 1031.0, 60) == []
