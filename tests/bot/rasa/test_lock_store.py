"""The conversation lock on real Redis: one turn at a time per conversation, in arrival order,
across several lock stores as across several Rasa servers, and a dead holder does not block
the conversation for long."""

import asyncio

import pytest
from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import read_endpoint_config

from bot.rasa import lock_store as module
from bot.rasa.endpoints import write_endpoints
from bot.rasa.lock_store import AtomicRedisLockStore
from bot.shared_state import RedisState, state_from_environment
from tests.redis_server import reachable_redis


@pytest.fixture
def servers():
    """Three lock stores sharing one Redis and one key prefix, like three Rasa servers."""
    url, prefix = reachable_redis(), AtomicRedisLockStore.new_prefix()
    return [AtomicRedisLockStore(url=url, key_prefix=prefix, heartbeat_seconds=1.0) for _ in range(3)]


async def test_turns_of_one_conversation_never_overlap_across_servers(servers):
    inside, most_inside, done = 0, 0, []

    async def turn(store, n):
        nonlocal inside, most_inside
        async with store.lock("tenant-1"):
            inside += 1
            most_inside = max(most_inside, inside)
            await asyncio.sleep(0.005)
            done.append(n)
            inside -= 1

    await asyncio.gather(*[turn(servers[n % 3], n) for n in range(60)])
    assert most_inside == 1 and sorted(done) == list(range(60))


async def test_turns_are_served_in_the_order_they_arrived(servers):
    order = []

    async def turn(store, n):
        async with store.lock("tenant-2"):
            order.append(n)
            await asyncio.sleep(0.01)

    tasks = []
    for n in range(10):
        tasks.append(asyncio.ensure_future(turn(servers[n % 3], n)))
        await asyncio.sleep(0.003)  # each takes its ticket before the next arrives
    await asyncio.gather(*tasks)
    assert order == list(range(10))


async def test_different_conversations_do_not_wait_for_each_other(servers):
    async with servers[0].lock("tenant-a"):
        await asyncio.wait_for(_enter(servers[1], "tenant-b"), timeout=1)


async def _enter(store, conversation):
    async with store.lock(conversation):
        return True


async def test_a_server_that_dies_holding_the_lock_holds_it_up_only_for_the_heartbeat(servers, monkeypatch):
    monkeypatch.setattr(module, "RENEW_EVERY_SECONDS", 0.2)
    dead = servers[0]
    ticket = await dead.take_ticket("tenant-3")
    await dead.wait_for_turn("tenant-3", ticket, timeout=1)
    # It never releases nor renews, as after kill -9: the next turn gets in after the heartbeat.
    started = asyncio.get_running_loop().time()
    assert await asyncio.wait_for(_enter(servers[1], "tenant-3"), timeout=5)
    assert asyncio.get_running_loop().time() - started >= 0.5


async def test_a_turn_that_waits_too_long_is_refused_not_run_alongside(servers):
    async with servers[0].lock("tenant-4"):
        with pytest.raises(LockError):
            async with servers[1].lock("tenant-4", lock_lifetime=0.3):
                pytest.fail("ran alongside the holder")


async def test_a_failed_turn_still_hands_the_lock_on(servers):
    with pytest.raises(RuntimeError):
        async with servers[0].lock("tenant-5"):
            raise RuntimeError("the action server went away")
    assert await asyncio.wait_for(_enter(servers[1], "tenant-5"), timeout=1)


def test_rasa_builds_it_from_endpoints_yml(tmp_path):
    url = reachable_redis()
    (tmp_path / "endpoints.yml").write_text(
        f"lock_store:\n  type: bot.rasa.lock_store.AtomicRedisLockStore\n  url: {url}\n"
    )
    store = LockStore.create(read_endpoint_config(str(tmp_path / "endpoints.yml"), "lock_store"))
    assert isinstance(store, AtomicRedisLockStore) and store.url == url


def test_with_only_redis_url_file_set_the_locks_are_in_redis_as_the_shared_state_is(tmp_path, monkeypatch):
    """REDIS_URL may hold a password, so it is read as a secret, which may come as a file. Every
    reader must read it so: otherwise the shared state is in Redis while each Rasa server locks
    conversations in its own memory, and two replicas run turns of one conversation at once."""
    url = "redis://:a-password@cache.internal:6379/3"
    (tmp_path / "redis-url").write_text(url + "\n")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("REDIS_URL_FILE", str(tmp_path / "redis-url"))
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "a-token")  # Rasa fills it into the whole file it reads
    endpoints = write_endpoints(5055, tmp_path)
    store = LockStore.create(read_endpoint_config(str(endpoints), "lock_store"))
    assert isinstance(store, AtomicRedisLockStore) and store.url == url
    assert isinstance(state_from_environment(), RedisState)


async def test_fifty_turns_at_once_all_finish_and_free_the_lock(servers):
    """Under load every lock is released: the renewal stops when the turn ends (it once hung
    on a swallowed cancel, leaving turns finished and their conversations locked for good)."""

    async def turn(n):
        async with servers[n % 3].lock(f"tenant-busy-{n % 10}"):
            await asyncio.sleep(0.01)
        return n

    assert sorted(await asyncio.wait_for(asyncio.gather(*[turn(n) for n in range(50)]), timeout=30)) == list(range(50))
