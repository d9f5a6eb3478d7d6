"""Memory and CPU of the servers under load, read from /proc.

Each deployment's processes are sampled with their children (the Rasa server's own workers,
nginx's), so a deployment's figure is everything it runs. CPU is counted for the client (this
script) and for everything else on the machine as well: on 2 cores, a figure taken while
something else was busy is low, and the table says so.

Linux only, with no package: psutil is not one of the project's requirements, and /proc gives
the three figures needed (parent, CPU ticks, resident pages) in one read per process.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Dict, List, Tuple

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20

ProcTable = Dict[int, Tuple[int, int, int]]


def proc_table() -> ProcTable:
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


def process_tree(table: ProcTable, root: int) -> List[int]:
    """`root` and every process descended from it."""
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


def busy_ticks() -> int:
    """CPU ticks the whole machine has spent busy since it started."""
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
        table = proc_table()
        ticks = {}
        with self._lock:
            for name, root in self.roots.items():
                pids = process_tree(table, root)
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


@dataclass
class CpuReading:
    """The CPU used so far by each server process tree, by the machine and by this script."""

    servers: Dict[str, int]  # ticks, per process tree
    machine: int  # busy ticks
    client: float  # seconds, user and system

    @classmethod
    def take(cls, sampler: Sampler) -> "CpuReading":
        servers, machine, client = sampler.sample(), busy_ticks(), os.times()
        return cls(servers, machine, client.user + client.system)


def cores_used(before: CpuReading, after: CpuReading, elapsed: float) -> Tuple[Dict[str, float], float]:
    """Cores used between two readings by each process tree and by the client ("client"), and
    by everything else on the machine."""
    servers = after.servers
    client = after.client - before.client
    cores = {name: (servers[name] - before.servers.get(name, 0)) / CLOCK_TICKS / elapsed for name in servers}
    cores["client"] = client / elapsed
    ours = sum(servers[name] - before.servers.get(name, 0) for name in servers) / CLOCK_TICKS + client
    other = max(0.0, (after.machine - before.machine) / CLOCK_TICKS - ours) / elapsed
    return cores, other
