"""A conversation lock for several Rasa servers, on atomic Redis operations.

Rasa's RedisLockStore reads a ticket lock, changes it in Python and writes it back, so two
servers taking a ticket for the same conversation at the same moment can both think they are
first (Rasa's docs and its PR #11256 say so). Then two turns of one conversation run at once and
one overwrites the other's tracker: a lost message, or a case opened twice.

Here every step is one Lua script, which Redis runs atomically:

- a message takes the next ticket for its conversation (HINCRBY), and is served when the
  conversation's "now serving" number reaches it: first come, first served, across servers;
- each live ticket has a key with a short lifetime, renewed every second while its holder
  waits or works; a server killed with -9 stops renewing, its key expires within
  `HEARTBEAT_SECONDS`, and the queue moves past it, instead of every later message of that
  conversation waiting for the lock's full lifetime;
- releasing deletes the holder's key and moves "now serving" on, only if it is still the
  holder's turn.

Configured in endpoints.yml (bot/rasa/endpoints.py writes it when REDIS_URL is set, for
`make run-scaled` and production), which names the class alone; the store reads REDIS_URL (or
REDIS_URL_FILE) itself, as the shared state does:

    lock_store:
      type: bot.rasa.lock_store.AtomicRedisLockStore
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from contextlib import asynccontextmanager, suppress
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig
from redis import asyncio as aioredis

from bot.settings import redis_url

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10.0  # how long a silent (dead) ticket keeps its place in the queue
RENEW_EVERY_SECONDS = 1.0  # how often a live ticket says it is still alive
POLL_SECONDS = 0.02  # how often a waiting ticket looks whether its turn has come
KEY_PREFIX = "tenant-assistant:lock:"

# KEYS[1] = the conversation's queue hash, ARGV[1] = the heartbeat in ms, ARGV[2] = key prefix
# for tickets. Returns the new ticket, alive from this moment.
ISSUE = """
local ticket = redis.call('HINCRBY', KEYS[1], 'next', 1)
redis.call('HSETNX', KEYS[1], 'serving', 1)
redis.call('SET', ARGV[2] .. ticket, '1', 'PX', ARGV[1])
redis.call('PEXPIRE', KEYS[1], 3600000)
return ticket
"""

# ARGV[1] = this ticket, ARGV[2] = heartbeat in ms, ARGV[3] = ticket key prefix.
# Renews this ticket, skips dead tickets ahead of it, and answers 1 when it is this ticket's turn.
TRY_ACQUIRE = """
local ticket = tonumber(ARGV[1])
redis.call('SET', ARGV[3] .. ticket, '1', 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[1], 3600000)
local serving = tonumber(redis.call('HGET', KEYS[1], 'serving') or '1')
while serving < ticket and redis.call('EXISTS', ARGV[3] .. serving) == 0 do
  serving = serving + 1
  redis.call('HSET', KEYS[1], 'serving', serving)
end
if serving == ticket then return 1 end
return 0
"""

# ARGV[1] = this ticket, ARGV[2] = ticket key prefix. Ends this ticket; if it was being served,
# the next one's turn comes.
RELEASE = """
local ticket = tonumber(ARGV[1])
redis.call('DEL', ARGV[2] .. ticket)
local serving = tonumber(redis.call('HGET', KEYS[1], 'serving') or '0')
if serving == ticket then redis.call('HSET', KEYS[1], 'serving', ticket + 1) end
local next_ticket = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
if next_ticket <= ticket then redis.call('DEL', KEYS[1]) end
return 1
"""


def _configured_url() -> str:
    """REDIS_URL (or REDIS_URL_FILE) as the rest of the deployment reads it, or the local Redis.
    Read here, in the server, because endpoints.yml does not carry it: the URL may hold a
    password, and Rasa could fill a variable into the file but not read its _FILE form."""
    return redis_url() or "redis://127.0.0.1:6379/0"


class AtomicRedisLockStore(LockStore):
    """One conversation at a time across every Rasa server, in arrival order."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        url: Optional[str] = None,
        key_prefix: str = KEY_PREFIX,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        kwargs = endpoint_config.kwargs if endpoint_config is not None else {}
        url = url or (endpoint_config.url if endpoint_config is not None else None) or _configured_url()
        self.url = url
        self._prefix = kwargs.get("key_prefix", key_prefix)
        self._heartbeat_ms = int(float(kwargs.get("heartbeat_seconds", heartbeat_seconds)) * 1000)
        self._redis: Any = aioredis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
        self._issue = self._redis.register_script(ISSUE)
        self._try_acquire = self._redis.register_script(TRY_ACQUIRE)
        self._release = self._redis.register_script(RELEASE)

    def _keys(self, conversation_id: str) -> tuple:
        queue = f"{self._prefix}{conversation_id}"
        return queue, f"{queue}:ticket:"

    async def take_ticket(self, conversation_id: str) -> int:
        queue, tickets = self._keys(conversation_id)
        return int(await self._issue(keys=[queue], args=[self._heartbeat_ms, tickets]))

    async def wait_for_turn(self, conversation_id: str, ticket: int, timeout: float) -> None:
        """Keep the ticket alive until its turn comes; LockError after `timeout` seconds."""
        queue, tickets = self._keys(conversation_id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not int(await self._try_acquire(keys=[queue], args=[ticket, self._heartbeat_ms, tickets])):
            if loop.time() > deadline:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(POLL_SECONDS)

    async def release(self, conversation_id: str, ticket: int) -> None:
        queue, tickets = self._keys(conversation_id)
        await self._release(keys=[queue], args=[ticket, tickets])

    async def _keep_alive(self, conversation_id: str, ticket: int, stop: asyncio.Event) -> None:
        """Renew the ticket every second until told to stop. Stopping is by an event, not by
        cancelling: redis-py 4.6 can swallow a cancel that lands while a command is in flight,
        and the renewal then never ends (seen under load: turns finished, locks never freed).
        XX renews only a ticket that still exists, so a renewal racing the release cannot
        bring a released ticket back."""
        _, tickets = self._keys(conversation_id)
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), RENEW_EVERY_SECONDS)
            except asyncio.TimeoutError:
                await self._redis.set(f"{tickets}{ticket}", "1", px=self._heartbeat_ms, xx=True)

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = POLL_SECONDS
    ) -> AsyncGenerator[TicketLock, None]:
        """Wait for this conversation's turn (at most `lock_lifetime` seconds), hold it while
        the turn runs, and hand it to the next message however the turn ends."""
        try:
            ticket = await self.take_ticket(conversation_id)
        except aioredis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        stop = asyncio.Event()
        renewing = asyncio.ensure_future(self._keep_alive(conversation_id, ticket, stop))
        try:
            await self.wait_for_turn(conversation_id, ticket, lock_lifetime)
            yield TicketLock(conversation_id)
        finally:
            stop.set()
            with suppress(asyncio.TimeoutError, aioredis.RedisError):
                await asyncio.wait_for(asyncio.shield(renewing), RENEW_EVERY_SECONDS)
            try:
                await self.release(conversation_id, ticket)
            except aioredis.RedisError:
                # Its key expires within the heartbeat, and the queue moves on without it.
                logger.warning("could not release a conversation lock in Redis")

    # Rasa only ever calls lock(); the ticket-lock bookkeeping of the base class is not used.
    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: Text) -> None:
        return None

    def save_lock(self, lock: TicketLock) -> None:
        return None

    @staticmethod
    def new_prefix() -> str:
        """A key prefix of its own, for tests that share a Redis."""
        return f"{KEY_PREFIX}{uuid.uuid4().hex[:8]}:"
