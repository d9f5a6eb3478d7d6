"""Driving a running deployment: whole conversations through its REST channel at each
concurrency level, the latency of every message, and the long conversations.

Messages are sent as the chat page's server sends them (`POST /webhooks/rest/webhook`, a
sender and a message id), with no pause between them: this measures what the servers can
take, not what a few slow typists need. Memory and CPU are read around each level by
bench/sampling.py.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import aiohttp

from bench.conversations import AFTERWARDS, Conversation, PersonMaker, RepairReport
from bench.deployments import TITLES, Running
from bench.progress import log
from bench.sampling import CpuReading, Sampler, cores_used

LEVELS = (1, 10, 50)
# Seconds of load per concurrency level: long enough at 50 for every tenant to finish a few
# conversations, short enough for the whole run (three deployments, their start-up and the
# stock model's training) to stay under 15 minutes on 2 cores.
FULL_DURATIONS = {1: 20.0, 10: 40.0, 50: 45.0}
QUICK_DURATIONS = {1: 4.0, 10: 6.0, 50: 6.0}
# Long conversations, one at a time on our single instance: how many messages each, and how many
# of the first and of the last are compared.
LONG_TURNS = (40, 200)
QUICK_LONG_TURNS = (20, 40)
LONG_COMPARED = 10
REQUEST_TIMEOUT = 60.0


@dataclass
class LevelResult:
    deployment: str
    concurrency: int
    duration: float = 0.0
    elapsed: float = 0.0
    latencies: List[float] = field(default_factory=list)
    completed: int = 0  # conversations that reached their goal (a case reference)
    cut: int = 0  # conversations still under way when the time ran out
    rephrased: int = 0  # completed conversations where the bot first did not understand
    failures: Counter = field(default_factory=Counter)  # failed conversations, by reason
    transcripts: List[List[str]] = field(default_factory=list)  # of the first few that failed
    peak_rss_mb: Dict[str, float] = field(default_factory=dict)
    cpu_cores: Dict[str, float] = field(default_factory=dict)  # CPU used, in cores, per process
    other_cores: float = 0.0  # CPU used meanwhile by everything else on the machine
    notes: List[str] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return sum(self.failures.values())

    @property
    def msgs_per_s(self) -> float:
        return self.messages / self.elapsed if self.elapsed else 0.0

    def percentile_ms(self, q: float) -> Optional[float]:
        return percentile(self.latencies, q) * 1000 if self.latencies else None

    def summary(self) -> Dict[str, object]:
        return {
            "conversations": self.completed,
            "cut": self.cut,
            "errors": self.errors,
            "rephrased": self.rephrased,
            "messages": self.messages,
            "seconds": round(self.elapsed, 1),
            "p50_ms": round_or_none(self.percentile_ms(50)),
            "p95_ms": round_or_none(self.percentile_ms(95)),
            "p99_ms": round_or_none(self.percentile_ms(99)),
            "msgs_per_s": round(self.msgs_per_s, 2),
            "peak_rss_mb": round(sum(self.peak_rss_mb.values()), 1),
            "server_cpu_cores": round(sum(v for k, v in self.cpu_cores.items() if k != "client"), 2),
            "client_cpu_cores": round(self.cpu_cores.get("client", 0.0), 2),
            "other_cpu_cores": round(self.other_cores, 2),
            "failures": dict(self.failures),
            "notes": self.notes,
        }


def round_or_none(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 1)


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


async def post(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Tuple[int, bytes, float]:
    """One message as the chat page's server sends it: (status, body, seconds it took)."""
    body = json.dumps({"sender": sender, "message": text, "message_id": uuid.uuid4().hex})
    started = time.perf_counter()
    async with session.post(url, data=body, headers={"Content-Type": "application/json"}) as response:
        payload = await response.read()
        return response.status, payload, time.perf_counter() - started


async def converse(
    session: aiohttp.ClientSession, url: str, person: Conversation, deadline: float, result: LevelResult, finish: bool
) -> None:
    """One conversation, to its goal, a failure, or the deadline (then it is counted as cut)."""
    loop = asyncio.get_running_loop()
    sender = f"bench-{uuid.uuid4().hex[:16]}"
    text = person.opening()
    transcript: List[str] = []

    def fail(reason: str) -> None:
        result.failures[reason] += 1
        if len(result.transcripts) < 3:
            result.transcripts.append([f"({reason})", *transcript])

    for sent in range(person.max_messages):
        if sent and not finish and loop.time() >= deadline:
            result.cut += 1
            return
        transcript.append(f"> {text}")
        try:
            status, payload, latency = await post(session, url, sender, text)
        except asyncio.TimeoutError:
            fail(f"timeout after {REQUEST_TIMEOUT:.0f} s")
            return
        except aiohttp.ClientError as error:
            fail(type(error).__name__)
            return
        if status != 200:
            fail(f"HTTP {status}")
            return
        result.latencies.append(latency)
        try:
            replies = [str(m.get("text") or "") for m in json.loads(payload)]
        except (ValueError, AttributeError):
            fail("reply not a JSON list")
            return
        transcript.extend(f"< {reply}" for reply in replies)
        action, said = person.answer(replies)
        if action == "done":
            result.completed += 1
            result.rephrased += person.rephrased
            return
        text = said or ""
    fail(f"no reference after {person.max_messages} messages")


async def drive(
    url: str,
    concurrency: int,
    duration: float,
    make_person: PersonMaker,
    result: LevelResult,
    seed: int = 7,
    finish: bool = False,
) -> None:
    """`concurrency` people, each starting a new conversation as soon as the last one ends,
    until `duration` seconds have passed; a conversation under way then stops after its
    current message (counted as cut, not as an error). With `finish`, conversations under way
    at the end run to their end instead."""
    loop = asyncio.get_running_loop()
    rng = random.Random(seed + concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency, keepalive_timeout=30)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = loop.time()
        deadline = start + duration

        async def person(index: int) -> None:
            # Spread the first messages over a second, not all in the same millisecond.
            await asyncio.sleep(index / concurrency)
            while loop.time() < deadline:
                await converse(session, url, make_person(rng), deadline, result, finish)

        await asyncio.gather(*(person(i) for i in range(concurrency)))
        result.elapsed = loop.time() - start


def measure(
    url: str, concurrency: int, duration: float, make_person: PersonMaker, sampler: Sampler, result: LevelResult
) -> LevelResult:
    """One level, with the peak memory and the CPU the processes used during it."""
    result.duration = duration
    sampler.take_peak()
    before = CpuReading.take(sampler)
    asyncio.run(drive(url, concurrency, duration, make_person, result))
    after = CpuReading.take(sampler)
    result.peak_rss_mb = sampler.take_peak()
    result.cpu_cores, result.other_cores = cores_used(before, after, result.elapsed or duration)
    return result


def warm_up(url: str, make_person: PersonMaker) -> None:
    """Two conversations nobody measures: the first message after start-up is slow (lazy
    loading in TensorFlow and in the stores), which is not what this benchmark is about."""
    result = LevelResult("warm-up", 1)
    asyncio.run(drive(url, 1, 0.1, make_person, result, seed=1, finish=True))
    asyncio.run(drive(url, 1, 0.1, make_person, result, seed=2, finish=True))
    if result.errors or not result.completed:
        raise RuntimeError(f"the warm-up conversations failed: {dict(result.failures) or 'no reference'}")


def run_deployment(
    key: str, running: Running, durations: Dict[int, float], make_person: PersonMaker
) -> List[LevelResult]:
    """A warm-up, then each level in turn, sampling the deployment's processes throughout."""
    sampler = Sampler({name: p.pid for name, p in running.processes.items()})
    sampler.start()
    try:
        warm_up(running.url, make_person)
        results = []
        for concurrency in LEVELS:
            time.sleep(2)  # let the last level's stragglers settle
            log(f"{TITLES[key]}: {concurrency} concurrent for {durations[concurrency]:.0f} s")
            before = running.probe() if running.probe else ""
            result = measure(
                running.url, concurrency, durations[concurrency], make_person, sampler, LevelResult(key, concurrency)
            )
            after = running.probe() if running.probe else ""
            if before != after:
                result.notes.append(f"outside services changed during this level: {before} -> {after}")
                log(f"  NOTE: {result.notes[-1]}")
            log(
                f"  {result.messages} messages, {result.completed} conversations, "
                f"{result.msgs_per_s:.1f} msg/s, p95 {result.percentile_ms(95) or 0:.0f} ms, "
                f"{result.errors} errors {dict(result.failures) if result.failures else ''}"
            )
            for transcript in result.transcripts:
                log("  a failed conversation:\n" + "\n".join(f"      {line[:160]}" for line in transcript))
            results.append(result)
        return results
    finally:
        sampler.stop()


async def long_conversation(url: str, turns: int, rng: random.Random) -> List[float]:
    """One tenant: a repair reported, then more messages until `turns` in all; each latency."""
    person = RepairReport(rng)
    sender = f"bench-long-{uuid.uuid4().hex[:16]}"
    text, latencies, logged = person.opening(), [], False
    said: Optional[str] = None
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for turn in range(turns):
            status, payload, latency = await post(session, url, sender, text)
            if status != 200:
                raise RuntimeError(f"a long conversation got HTTP {status} at message {turn + 1}")
            latencies.append(latency)
            replies = [str(m.get("text") or "") for m in json.loads(payload)]
            if not logged:
                action, said = person.answer(replies)
                logged = action == "done"
            text = AFTERWARDS[turn % len(AFTERWARDS)] if logged else said or ""
    return latencies


def long_conversation_line(url: str, lengths: Sequence[int]) -> Dict[str, Dict[str, float]]:
    """p50 latency of the first and of the last LONG_COMPARED messages of two conversations of
    each length, one at a time: a tenant's hundredth message should cost what the first did."""
    line = {}
    for turns in lengths:
        firsts, lasts = [], []
        for seed in (1, 2):
            latencies = asyncio.run(long_conversation(url, turns, random.Random(seed)))
            firsts += latencies[:LONG_COMPARED]
            lasts += latencies[-LONG_COMPARED:]
        first, last = percentile(firsts, 50) * 1000, percentile(lasts, 50) * 1000
        line[str(turns)] = {"first_p50_ms": round(first, 1), "last_p50_ms": round(last, 1)}
        log(f"  long conversations of {turns} messages: first {first:.0f} ms, last {last:.0f} ms (p50)")
    return line
