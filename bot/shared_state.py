"""Short-lived state that every process of a deployment must agree on: which deliveries have
been handled, which chat sessions have ended, who is signed in to the console and how many
sign-ins have failed.

Kept in this process's memory by default, which is right for `make run`'s one process of each
kind. With REDIS_URL set (`make run-scaled`, production) it lives in Redis, so a provider's
retry that lands on the other replica is still recognised, a console session works whichever
server answers, and a password guesser cannot get five tries per replica.

Every key expires: nothing here is a record (the case database keeps those).
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Callable, Dict, List, Mapping, Optional, Protocol, Tuple

from bot.settings import redis_url

KEY_PREFIX = "tenant-assistant:"


class SharedState(Protocol):
    def claim(self, key: str, ttl: float) -> bool:
        """Take the key if nobody holds it (True), for `ttl` seconds; False if it is taken."""

    def put(self, key: str, value: str, ttl: float) -> None: ...

    def get(self, key: str) -> Optional[str]: ...

    def delete(self, key: str) -> None: ...

    def add_event(self, key: str, at: float, window: float) -> str:
        """Note an event at `at` (seconds) under the key, kept for `window` seconds; returns
        its id, so it can be taken back."""

    def events(self, key: str, now: float, window: float) -> List[float]:
        """The times of the key's events in the last `window` seconds, oldest first."""

    def remove_event(self, key: str, event_id: str) -> None: ...

    def clear_events(self, key: str) -> None: ...


class MemoryState:
    """One process's state; thread-safe, since the console checks passwords in a worker thread."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._values: Dict[str, Tuple[str, float]] = {}
        self._events: Dict[str, Dict[str, float]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str) -> Optional[str]:
        held = self._values.get(key)
        if held is None:
            return None
        if held[1] <= self._clock():
            del self._values[key]
            return None
        return held[0]

    def claim(self, key: str, ttl: float) -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._values[key] = ("1", self._clock() + ttl)
            self._forget_expired()
            return True

    def put(self, key: str, value: str, ttl: float) -> None:
        with self._lock:
            self._values[key] = (value, self._clock() + ttl)
            self._forget_expired()

    def get(self, key: str) -> Optional[str]:
        with self._lock:
            return self._live(key)

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def add_event(self, key: str, at: float, window: float) -> str:
        event_id = uuid.uuid4().hex
        with self._lock:
            events = self._events.setdefault(key, {})
            events[event_id] = at
            self._trim(key, at, window)
        return event_id

    def events(self, key: str, now: float, window: float) -> List[float]:
        with self._lock:
            self._trim(key, now, window)
            return sorted(self._events.get(key, {}).values())

    def remove_event(self, key: str, event_id: str) -> None:
        with self._lock:
            self._events.get(key, {}).pop(event_id, None)

    def clear_events(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)

    def _trim(self, key: str, now: float, window: float) -> None:
        events = self._events.get(key)
        if events is None:
            return
        for event_id in [e for e, at in events.items() if now - at >= window]:
            del events[event_id]
        if not events:
            del self._events[key]

    def _forget_expired(self) -> None:
        """Keep memory to what is live; cheap enough because it runs only on writes."""
        if len(self._values) % 256:
            return
        now = self._clock()
        for key in [k for k, (_, expires) in self._values.items() if expires <= now]:
            del self._values[key]


class RedisState:
    """The same, in Redis: one key per value, one sorted set per list of events."""

    def __init__(self, url: str, prefix: str = KEY_PREFIX) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return self._prefix + key

    def claim(self, key: str, ttl: float) -> bool:
        return bool(self._redis.set(self._key(key), "1", nx=True, px=max(1, int(ttl * 1000))))

    def put(self, key: str, value: str, ttl: float) -> None:
        self._redis.set(self._key(key), value, px=max(1, int(ttl * 1000)))

    def get(self, key: str) -> Optional[str]:
        value = self._redis.get(self._key(key))
        return value.decode() if value is not None else None

    def delete(self, key: str) -> None:
        self._redis.delete(self._key(key))

    def add_event(self, key: str, at: float, window: float) -> str:
        event_id = uuid.uuid4().hex
        name = self._key(key)
        with self._redis.pipeline() as pipe:
            pipe.zadd(name, {event_id: at})
            pipe.zremrangebyscore(name, "-inf", at - window)
            pipe.pexpire(name, max(1, int(window * 1000)))
            pipe.execute()
        return event_id

    def events(self, key: str, now: float, window: float) -> List[float]:
        name = self._key(key)
        self._redis.zremrangebyscore(name, "-inf", now - window)
        return [score for _, score in self._redis.zrange(name, 0, -1, withscores=True)]

    def remove_event(self, key: str, event_id: str) -> None:
        self._redis.zrem(self._key(key), event_id)

    def clear_events(self, key: str) -> None:
        self._redis.delete(self._key(key))


def state_from_environment(environ: Optional[Mapping[str, str]] = None) -> SharedState:
    """Redis when REDIS_URL is set, else this process's memory."""
    url = redis_url(environ)
    return RedisState(url) if url else MemoryState()


_state: Optional[SharedState] = None


def shared_state() -> SharedState:
    """This process's one SharedState, made on first use."""
    global _state
    if _state is None:
        _state = state_from_environment()
    return _state
