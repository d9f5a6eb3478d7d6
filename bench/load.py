"""The load benchmark: `make bench` (issue 7).

Drives whole conversations through Rasa's REST channel at 1, 10 and 50 concurrent
conversations against three deployments, one after another, on this machine:

- single: our assistant as `make run` starts it (one Rasa server, one action server, SQLite);
- scaled: as `make run-scaled` starts it (two of each behind nginx, PostgreSQL and Redis), in a
  fresh PostgreSQL schema that is dropped afterwards;
- stock: the moodbot `rasa init` creates (it trains its own small model in a temporary
  directory), served by `rasa run` with its REST channel, as the baseline.

Each simulated tenant reads every reply and answers the question in it, as a person would,
until the bot gives a case reference. Prints a table of per-message latency, throughput, errors
and peak memory per process, then, as the last line, one JSON object with the headline figures.

    python -m bench.load            # the full run, about 12 minutes on 2 cores
    python -m bench.load --quick    # a few seconds per level, to check it works (or BENCH_QUICK=1)

See bench/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import aiohttp

from bot.launcher import REPO_ROOT, VENV_BIN, Stack, free_port, free_ports

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
# What a tenant says after their repair is logged, round and round: thanks, a question answered
# from the charter, small talk.
AFTERWARDS = ["thanks", "how long does a routine repair take", "ok", "what is your phone number", "thank you"]
DEPLOYMENTS = ("single", "scaled", "stock")
TITLES = {"single": "ours, single", "scaled": "ours, scaled x2", "stock": "stock moodbot"}
REQUEST_TIMEOUT = 60.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
# Environment that picks our stores; this script sets it per deployment, never inherits it.
STORE_VARIABLES = ("TRACKER_STORE_URL", "POSTGRESQL_SCHEMA", "DATABASE_URL", "REDIS_URL")
SCALED_TRACKER_URL = "postgresql://postgres@127.0.0.1:5432/test"
SCALED_REDIS_URL = "redis://127.0.0.1:6379/0"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- The simulated people -------------------------------------------------------------------


class Conversation:
    """One person's conversation: the first message, then an answer to each set of replies."""

    max_messages = 15
    rephrased = False  # had to say it another way after the bot did not understand

    def opening(self) -> str:
        raise NotImplementedError

    def answer(self, replies: List[str]) -> Tuple[str, Optional[str]]:
        """("done", None) when the conversation reached its goal, else ("say", next message)."""
        raise NotImplementedError


REPAIRS = [
    # (what the tenant first writes, the room they name if asked where). Each is understood
    # by the current model; phrasings it does not understand are a matter for the NLU
    # benchmark, not this one (a tenant who is not understood rephrases, see RepairReport).
    ("the kitchen tap has been dripping for a week", "kitchen"),
    ("the bedroom window handle has snapped off", "bedroom"),
    ("my front door lock is stiff", "front door"),
    ("the bathroom extractor fan has stopped working", "bathroom"),
    ("the toilet keeps running after I flush it", "bathroom"),
    ("a kitchen cupboard door has come off its hinge", "kitchen"),
    ("the radiator in the back bedroom stays cold", "back bedroom"),
    ("the garden fence panel has blown down", "back garden"),
    ("the shower is leaking", "bathroom"),
    ("a floorboard in the bedroom is loose", "bedroom"),
    ("the back door doesn't close properly", "back door"),
    ("my radiator is not heating up", "living room"),
    ("the bath panel is broken", "bathroom"),
    ("the kitchen extractor fan is broken", "kitchen"),
    ("the gutter is overflowing", "front of the house"),
    ("the door bell doesn't work", "front door"),
]

REFERENCE = re.compile(r"reference is (REP-\d{4}-[A-Z0-9]{8})")
# What makes each tenant's words their own: a report said with its own address and ending,
# their own number and postcode. The assistant remembers how it read words it has read before
# (bot/rasa/parse_memory.py), so tenants who all typed the same would flatter it.
SINCE = ["", " since monday", " for a few days now", ", can someone come", " again", " - please help", "!!"]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class RepairReport(Conversation):
    """A tenant reporting a repair to our assistant and answering its questions."""

    def __init__(self, rng: random.Random) -> None:
        problem, self.room = rng.choice(REPAIRS)
        flat = rng.randint(1, 120)
        self.problem = problem + rng.choice(["", f" at flat {flat}", f" - {flat} Corve Street"]) + rng.choice(SINCE)
        self.phone = f"07700 900{rng.randrange(1000):03d}"  # Ofcom's range for drama: nobody's number
        self.postcode = (
            f"SY{rng.randint(1, 23)} {rng.randint(1, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        )
        self.rephrased = False

    def opening(self) -> str:
        return self.problem

    def answer(self, replies: List[str]) -> Tuple[str, Optional[str]]:
        if any(REFERENCE.search(text) for text in replies):
            return "done", None
        question = replies[-1] if replies else ""
        if "didn't understand" in " ".join(replies) and not self.rephrased:
            # As a person would: say plainly what they want, then describe it when asked.
            self.rephrased = True
            return "say", "I need to report a repair"
        for pattern, reply in (
            ("Shall I log it", "/affirm"),
            ("one of these", "its a repair"),
            ("Which of these", "its a repair"),
            ("stop the water", "yes"),
            ("at risk of harm", "no"),
            ("health condition", "no"),
            ("to get in", "no"),
            ("Where in your home", self.room),
            ("phone number", self.phone),
            ("postcode", self.postcode),
            ("What needs repairing", self.problem),
        ):
            if pattern.lower() in question.lower():
                return "say", reply
        return "say", "no"


class MoodChat(Conversation):
    """The stock moodbot's own conversation: greet, say how you feel, answer its question."""

    max_messages = 6
    GREETINGS = ["hello", "hi", "hey there", "good morning", "hello there"]
    SAD = ["I am sad", "not very good", "my day was horrible", "I'm so sad", "unhappy"]
    YES = ["yes", "indeed", "of course", "yes it did"]

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def opening(self) -> str:
        return self.rng.choice(self.GREETINGS)

    def answer(self, replies: List[str]) -> Tuple[str, Optional[str]]:
        joined = " ".join(replies)
        if "Great, carry on" in joined:
            return "done", None
        if "Did that help you" in joined:
            return "say", self.rng.choice(self.YES)
        if "How are you" in joined:
            return "say", self.rng.choice(self.SAD)
        return "say", self.rng.choice(self.GREETINGS)


# --- Long conversations --------------------------------------------------------------------


async def _post(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Tuple[int, bytes, float]:
    """One message as the chat page's server sends it: (status, body, seconds it took)."""
    body = json.dumps({"sender": sender, "message": text, "message_id": uuid.uuid4().hex})
    started = time.perf_counter()
    async with session.post(url, data=body, headers={"Content-Type": "application/json"}) as response:
        payload = await response.read()
        return response.status, payload, time.perf_counter() - started


async def _long_conversation(url: str, turns: int, rng: random.Random) -> List[float]:
    """One tenant: a repair reported, then more messages until `turns` in all; each latency."""
    person = RepairReport(rng)
    sender = f"bench-long-{uuid.uuid4().hex[:16]}"
    text, latencies, logged = person.opening(), [], False
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for turn in range(turns):
            status, payload, latency = await _post(session, url, sender, text)
            if status != 200:
                raise RuntimeError(f"a long conversation got HTTP {status} at message {turn + 1}")
            latencies.append(latency)
            replies = [str(m.get("text") or "") for m in json.loads(payload)]
            if not logged:
                action, said = person.answer(replies)
                logged = action == "done"
            text = AFTERWARDS[turn % len(AFTERWARDS)] if logged else said
    return latencies


def long_conversation_line(url: str, lengths: Sequence[int]) -> Dict[str, Dict[str, float]]:
    """p50 latency of the first and of the last LONG_COMPARED messages of two conversations of
    each length, one at a time: a tenant's hundredth message should cost what the first did."""
    line = {}
    for turns in lengths:
        firsts, lasts = [], []
        for seed in (1, 2):
            latencies = asyncio.run(_long_conversation(url, turns, random.Random(seed)))
            firsts += latencies[:LONG_COMPARED]
            lasts += latencies[-LONG_COMPARED:]
        first, last = percentile(firsts, 50) * 1000, percentile(lasts, 50) * 1000
        line[str(turns)] = {"first_p50_ms": round(first, 1), "last_p50_ms": round(last, 1)}
        log(f"  long conversations of {turns} messages: first {first:.0f} ms, last {last:.0f} ms (p50)")
    return line


# --- The load generator ---------------------------------------------------------------------


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
            "p50_ms": _round(self.percentile_ms(50)),
            "p95_ms": _round(self.percentile_ms(95)),
            "p99_ms": _round(self.percentile_ms(99)),
            "msgs_per_s": round(self.msgs_per_s, 2),
            "peak_rss_mb": round(sum(self.peak_rss_mb.values()), 1),
            "server_cpu_cores": round(sum(v for k, v in self.cpu_cores.items() if k != "client"), 2),
            "client_cpu_cores": round(self.cpu_cores.get("client", 0.0), 2),
            "other_cpu_cores": round(self.other_cores, 2),
            "failures": dict(self.failures),
            "notes": self.notes,
        }


def _round(value: Optional[float]) -> Optional[float]:
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


async def _converse(
    session: aiohttp.ClientSession, url: str, person: Conversation, deadline: float, result: LevelResult, finish: bool
) -> None:
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
            status, payload, latency = await _post(session, url, sender, text)
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
        action, text = person.answer(replies)
        if action == "done":
            result.completed += 1
            result.rephrased += person.rephrased
            return
    fail(f"no reference after {person.max_messages} messages")


async def drive(
    url: str,
    concurrency: int,
    duration: float,
    make_person: Callable[[random.Random], Conversation],
    result: LevelResult,
    seed: int = 7,
    finish: bool = False,
) -> None:
    """`concurrency` people, each starting a new conversation as soon as the last one ends,
    until `duration` seconds have passed; a conversation under way then stops after its
    current message (counted as cut, not as an error). No pause between messages: this
    measures what the servers can take, not what a few slow typists need. With `finish`,
    conversations under way at the end run to their end instead."""
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
                await _converse(session, url, make_person(rng), deadline, result, finish)

        await asyncio.gather(*(person(i) for i in range(concurrency)))
        result.elapsed = loop.time() - start


# --- Memory and CPU of the servers ----------------------------------------------------------


def _proc_table() -> Dict[int, Tuple[int, int, int]]:
    """pid -> (parent pid, CPU ticks used, resident pages), for every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        table[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21]))
    return table


def _tree(table: Dict[int, Tuple[int, int, int]], root: int) -> List[int]:
    children: Dict[int, List[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(pid)
            todo.extend(children.get(pid, []))
    return found


def _busy_ticks() -> int:
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


class Sampler(threading.Thread):
    """Samples the resident memory of each server process and its children twice a second."""

    def __init__(self, roots: Dict[str, int], interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.roots, self.interval = roots, interval
        self.peak: Dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def sample(self) -> Dict[str, int]:
        """Records memory; returns each process tree's CPU ticks so far."""
        table = _proc_table()
        ticks = {}
        with self._lock:
            for name, root in self.roots.items():
                pids = _tree(table, root)
                rss = sum(table[p][2] for p in pids) * PAGE_MB
                ticks[name] = sum(table[p][1] for p in pids)
                self.peak[name] = max(self.peak.get(name, 0.0), rss)
        return ticks

    def take_peak(self) -> Dict[str, float]:
        with self._lock:
            peak, self.peak = self.peak, {}
        return peak

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)


def measure(
    url: str,
    concurrency: int,
    duration: float,
    make_person: Callable[[random.Random], Conversation],
    sampler: Sampler,
    result: LevelResult,
) -> LevelResult:
    result.duration = duration
    sampler.take_peak()
    before, busy_before, client_before = sampler.sample(), _busy_ticks(), os.times()
    asyncio.run(drive(url, concurrency, duration, make_person, result))
    after, busy_after, client_after = sampler.sample(), _busy_ticks(), os.times()
    result.peak_rss_mb = sampler.take_peak()
    elapsed = result.elapsed or duration
    client = (client_after.user + client_after.system) - (client_before.user + client_before.system)
    result.cpu_cores = {name: (after[name] - before.get(name, 0)) / CLOCK_TICKS / elapsed for name in after}
    result.cpu_cores["client"] = client / elapsed
    ours = sum(after[name] - before.get(name, 0) for name in after) / CLOCK_TICKS + client
    result.other_cores = max(0.0, (busy_after - busy_before) / CLOCK_TICKS - ours) / elapsed
    return result


# --- The deployments ------------------------------------------------------------------------


class StockBot:
    """The moodbot from `rasa init`, served by `rasa run` with its REST channel."""

    def __init__(self, project: Path, log_dir: Path) -> None:
        self.project, self.log_dir = project, log_dir
        self.port = free_port()
        self.processes: Dict[str, subprocess.Popen] = {}

    @staticmethod
    def env() -> Dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in STORE_VARIABLES}
        env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
        return env

    @classmethod
    def init(cls, project: Path, log_dir: Path) -> Optional[subprocess.Popen]:
        """Start `rasa init` (which trains the moodbot), unless `project` already has a model."""
        if any((project / "models").glob("*.tar.gz")):
            return None
        project.mkdir(parents=True, exist_ok=True)
        log_dir.mkdir(parents=True, exist_ok=True)
        return subprocess.Popen(
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
            cwd=project,
            env=cls.env(),
            stdin=subprocess.DEVNULL,
            stdout=open(log_dir / "stock-init.log", "wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        command = [
            str(VENV_BIN / "rasa"),
            "run",
            "--model",
            "models",
            "--interface",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--credentials",
            "credentials.yml",
            "--endpoints",
            "endpoints.yml",
        ]
        self.processes["rasa"] = subprocess.Popen(
            command,
            cwd=self.project,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=open(self.log_dir / "stock-rasa.log", "wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_ready(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            code = self.processes["rasa"].poll()
            if code is not None:
                raise RuntimeError(f"the stock Rasa server exited with code {code} while starting")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the stock Rasa server was not ready after {timeout:.0f}s")
            time.sleep(0.5)

    def stop(self) -> None:
        _stop_all(self.processes)


def _stop_all(processes: Dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Running:
    url: str
    processes: Dict[str, subprocess.Popen]
    stop: Callable[[], None]
    # Describes the outside services' state (e.g. when PostgreSQL last started); a change across
    # a level means something else on the machine restarted them while it was measured.
    probe: Optional[Callable[[], str]] = None


def start_ours(replicas: int, work: Path, extra_env: Dict[str, str]) -> Running:
    ports = free_ports()
    name = "single" if replicas == 1 else "scaled"
    stack = Stack(ports, work / name / "state", log_dir=work / name / "logs", extra_env=extra_env, replicas=replicas)
    try:
        stack.start()
        stack.wait_until_ready()
    except BaseException:
        stack.stop()
        raise
    return Running(f"http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook", stack.processes, stack.stop)


def start_stock(project: Path, work: Path) -> Running:
    bot = StockBot(project, work / "stock" / "logs")
    bot.start()
    try:
        bot.wait_until_ready()
    except BaseException:
        bot.stop()
        raise
    return Running(f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook", bot.processes, bot.stop)


def warm_up(url: str, make_person: Callable[[random.Random], Conversation]) -> None:
    """Two conversations nobody measures: the first message after start-up is slow (lazy
    loading in TensorFlow and in the stores), which is not what this benchmark is about."""
    result = LevelResult("warm-up", 1)
    asyncio.run(drive(url, 1, 0.1, make_person, result, seed=1, finish=True))
    asyncio.run(drive(url, 1, 0.1, make_person, result, seed=2, finish=True))
    if result.errors or not result.completed:
        raise RuntimeError(f"the warm-up conversations failed: {dict(result.failures) or 'no reference'}")


def run_deployment(
    key: str, running: Running, durations: Dict[int, float], make_person: Callable[[random.Random], Conversation]
) -> List[LevelResult]:
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


# --- Output ---------------------------------------------------------------------------------


def _fmt(value: Optional[float], digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_long_line(long_line: Dict[str, Dict[str, float]]) -> None:
    if not long_line:
        return
    print(f"\nLong conversations (ours, single, one at a time; p50 of the first and last {LONG_COMPARED} messages):")
    for turns, figures in long_line.items():
        first, last = figures["first_p50_ms"], figures["last_p50_ms"]
        print(f"  {turns:>4} messages: first {first:.0f} ms, last {last:.0f} ms ({last / first:.2f} times)")


def print_tables(results: Dict[str, List[LevelResult]], failed: Dict[str, str]) -> None:
    header = (
        "deployment",
        "conc",
        "convs",
        "cut",
        "msgs",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "msg/s",
        "errors",
        "peak RSS MB",
        "server CPU",
        "client CPU",
        "other CPU",
    )
    rows = []
    for key in DEPLOYMENTS:
        for r in results.get(key, []):
            rows.append(
                (
                    TITLES[key],
                    str(r.concurrency),
                    str(r.completed),
                    str(r.cut),
                    str(r.messages),
                    _fmt(r.percentile_ms(50)),
                    _fmt(r.percentile_ms(95)),
                    _fmt(r.percentile_ms(99)),
                    _fmt(r.msgs_per_s, 1),
                    str(r.errors),
                    _fmt(sum(r.peak_rss_mb.values())),
                    _fmt(sum(v for k, v in r.cpu_cores.items() if k != "client"), 2),
                    _fmt(r.cpu_cores.get("client"), 2),
                    _fmt(r.other_cores, 2),
                )
            )
    _print_table(header, rows)
    print(
        "(latency per message, successful ones only; CPU in cores used, of 2: 'other' is everything "
        "else on the machine meanwhile)"
    )

    print("\nPeak RSS (MB) and CPU (cores) of each process, with its children, per concurrency level:")
    header = ("deployment", "process") + tuple(f"c={c} RSS / CPU" for c in LEVELS)
    rows = []
    for key in DEPLOYMENTS:
        levels = results.get(key, [])
        names = list(levels[0].peak_rss_mb) + ["client"] if levels else []
        for name in names:
            cells = []
            for r in levels:
                rss = r.peak_rss_mb.get(name)
                cells.append(
                    f"{_fmt(rss)} / {_fmt(r.cpu_cores.get(name), 2)}"
                    if name != "client"
                    else f"- / {_fmt(r.cpu_cores.get(name), 2)}"
                )
            rows.append((TITLES[key], name if name != "client" else "client (this script)", *cells))
    _print_table(header, rows)

    errors = [
        (TITLES[k], r.concurrency, reason, n)
        for k in DEPLOYMENTS
        for r in results.get(k, [])
        for reason, n in r.failures.items()
    ]
    if errors:
        print("\nFailed conversations:")
        for title, concurrency, reason, n in errors:
            print(f"  {title}, {concurrency} concurrent: {n} x {reason}")
    notes = [(TITLES[k], r.concurrency, note) for k in DEPLOYMENTS for r in results.get(k, []) for note in r.notes]
    rephrased = sum(r.rephrased for levels in results.values() for r in levels)
    if notes or rephrased:
        print("\nNotes:")
        for title, concurrency, note in notes:
            print(f"  {title}, {concurrency} concurrent: {note}")
        if rephrased:
            print(f"  {rephrased} conversation(s) needed the tenant to rephrase a message the bot did not understand")
    for key, why in failed.items():
        print(f"\n{TITLES[key]}: not measured: {why}")


def _print_table(header: Sequence[str], rows: List[Sequence[str]]) -> None:
    widths = (
        [max(len(str(cell)) for cell in column) for column in zip(header, *rows)] if rows else [len(h) for h in header]
    )
    line = "  ".join(f"{{:{'<' if i < 2 else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def headline(
    results: Dict[str, List[LevelResult]], failed: Dict[str, str], seconds: float, quick: bool
) -> Dict[str, object]:
    def at(key: str, concurrency: int) -> Optional[LevelResult]:
        return next((r for r in results.get(key, []) if r.concurrency == concurrency), None)

    def figure(key: str, concurrency: int, name: str) -> Optional[float]:
        r = at(key, concurrency)
        if r is None:
            return None
        return r.summary()[name]  # type: ignore[return-value]

    out: Dict[str, object] = {}
    for prefix, key in (("", "single"), ("baseline_", "stock"), ("scaled_", "scaled")):
        for c in (10, 50, 1):
            suffix = "" if c == 10 else f"_at_{c}"
            for name in ("p50_ms", "p95_ms", "p99_ms", "msgs_per_s", "errors"):
                out[f"{prefix}{name}{suffix}"] = figure(key, c, name)
        out[f"{prefix}peak_rss_mb"] = max((r.summary()["peak_rss_mb"] for r in results.get(key, [])), default=None)
    out["levels"] = {key: {str(r.concurrency): r.summary() for r in results.get(key, [])} for key in DEPLOYMENTS}
    out["not_measured"] = failed
    out["durations_s"] = {str(c): d for c, d in (QUICK_DURATIONS if quick else FULL_DURATIONS).items()}
    out["quick"] = quick
    out["run_seconds"] = round(seconds)
    out["cpus"] = os.cpu_count()
    return out


# --- Main -----------------------------------------------------------------------------------


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark: ours (single, scaled) against a stock Rasa bot.")
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("BENCH_QUICK") == "1",
        help="a few seconds per level, to check the benchmark works (also BENCH_QUICK=1)",
    )
    parser.add_argument(
        "--only",
        default=",".join(DEPLOYMENTS),
        help=f"deployments to measure, comma-separated, of {', '.join(DEPLOYMENTS)}",
    )
    parser.add_argument(
        "--stock-dir",
        type=Path,
        help="reuse this `rasa init` project (trained there on first use) instead of a fresh one",
    )
    parser.add_argument("--keep", action="store_true", help="keep the working directory (logs, SQLite files)")
    args = parser.parse_args(argv)
    chosen = [d.strip() for d in args.only.split(",") if d.strip()]
    unknown = set(chosen) - set(DEPLOYMENTS)
    if unknown:
        parser.error(f"unknown deployment(s): {', '.join(sorted(unknown))}")
    if "single" in chosen or "scaled" in chosen:
        if not any((REPO_ROOT / "models").glob("*.tar.gz")):
            print("No trained model in models/. Run `make` first.", file=sys.stderr)
            return 1
    durations = QUICK_DURATIONS if args.quick else FULL_DURATIONS
    for name in STORE_VARIABLES:  # each deployment gets exactly the stores it is meant to use
        os.environ.pop(name, None)
    signal.signal(signal.SIGTERM, _interrupt)

    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    stock_project = args.stock_dir.resolve() if args.stock_dir else work / "stock" / "project"
    log(f"working directory {work}" + (" (kept)" if args.keep else " (removed at the end unless something fails)"))
    results: Dict[str, List[LevelResult]] = {}
    long_line: Dict[str, Dict[str, float]] = {}
    failed: Dict[str, str] = {}
    training: Optional[subprocess.Popen] = None
    trained: Optional[int] = None  # `rasa init`'s exit code once it has ended

    def finish_training() -> None:
        nonlocal training, trained
        if training is not None:
            log("waiting for the stock model's training to finish")
            trained = training.wait(timeout=900)
            training = None

    try:
        if "stock" in chosen:
            # Trains while our single instance loads its model; it ends before anything is measured.
            training = StockBot.init(stock_project, work / "stock" / "logs")
            if training:
                log(f"training the stock moodbot (`rasa init`) in {stock_project}")
        for key in chosen:
            try:
                if key == "stock":
                    finish_training()
                    if trained:
                        raise RuntimeError(f"`rasa init` failed with code {trained}; see {work}/stock/logs")
                    log("starting the stock moodbot")
                    running = start_stock(stock_project, work)
                    make_person: Callable[[random.Random], Conversation] = MoodChat
                elif key == "single":
                    log("starting our single instance (SQLite)")
                    running = start_ours(
                        1, work, {"DATABASE_URL": f"sqlite:///{work / 'single' / 'state' / 'cases.db'}"}
                    )
                    make_person = RepairReport
                else:
                    running = _start_scaled(work)
                    make_person = RepairReport
                try:
                    finish_training()
                    results[key] = run_deployment(key, running, durations, make_person)
                    if key == "single":
                        log(f"{TITLES[key]}: long conversations, one at a time")
                        long_line.update(
                            long_conversation_line(running.url, QUICK_LONG_TURNS if args.quick else LONG_TURNS)
                        )
                finally:
                    running.stop()
            except (RuntimeError, TimeoutError, OSError, subprocess.SubprocessError) as error:
                failed[key] = str(error)
                log(f"{TITLES[key]}: {error}")
                if os.environ.get("BENCH_DEBUG"):
                    traceback.print_exc()
            finally:
                if key == "scaled":
                    _drop_scaled()
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if training is not None and training.poll() is None:
            os.killpg(training.pid, signal.SIGTERM)
            training.wait()
        if args.keep or failed or any(r.errors for levels in results.values() for r in levels):
            log(f"logs and state kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    seconds = time.monotonic() - began
    print()
    print_tables(results, failed)
    print_long_line(long_line)
    print(f"\nWhole run: {seconds / 60:.1f} min{' (--quick)' if args.quick else ''}.")
    summary = headline(results, failed, seconds, args.quick)
    summary["long_conversations"] = long_line
    print(json.dumps(summary, separators=(",", ":")), flush=True)
    return 1 if failed else 0


_scaled_schema: Dict[str, object] = {}


def _start_scaled(work: Path) -> Running:
    """Two replicas on a fresh PostgreSQL schema (conversations and cases) and Redis (locks)."""
    try:
        from tests.postgres import fresh_schema, url_for

        admin, schema = fresh_schema()
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - fresh_schema skips (pytest's exception) when unreachable
        raise RuntimeError(f"PostgreSQL not reachable: {error}") from None
    _scaled_schema.update(admin=admin, schema=schema)
    log(f"starting our scaled deployment (2 replicas, nginx, PostgreSQL schema {schema}, Redis)")
    running = start_ours(
        2,
        work,
        {
            "TRACKER_STORE_URL": SCALED_TRACKER_URL,
            "POSTGRESQL_SCHEMA": schema,
            "DATABASE_URL": url_for(schema),
            "REDIS_URL": SCALED_REDIS_URL,
        },
    )
    running.probe = lambda: _postgres_started(admin)
    return running


def _postgres_started(admin: object) -> str:
    from sqlalchemy import text

    try:
        with admin.connect() as connection:  # type: ignore[attr-defined]
            started = connection.execute(text("SELECT pg_postmaster_start_time()")).scalar()
        return f"PostgreSQL up since {started:%H:%M:%S}"
    except Exception as error:  # noqa: BLE001 - reported as the state
        return f"PostgreSQL unreachable ({type(error).__name__})"


def _drop_scaled() -> None:
    if not _scaled_schema:
        return
    from tests.postgres import drop

    for attempt in (1, 2):  # a pooled connection may have died in a PostgreSQL restart
        try:
            drop(_scaled_schema["admin"], _scaled_schema["schema"])  # type: ignore[arg-type]
            log(f"dropped schema {_scaled_schema['schema']}")
            break
        except Exception as error:  # noqa: BLE001 - reported; the benchmark's figures still stand
            if attempt == 2:
                log(f"could not drop schema {_scaled_schema['schema']}: {error}")
    _scaled_schema.clear()


if __name__ == "__main__":
    sys.exit(main())
