"""Faults under load, on the scaled deployment (two Rasa servers, two action servers, nginx,
PostgreSQL, Redis): PostgreSQL restarts, then one Rasa server and one action server are killed
with -9. Every tenant still gets their repair logged, exactly once, on the survivors, and
nobody is shown a stack trace."""

import asyncio
import os
import shutil
import signal
import subprocess
import time

import aiohttp
import pytest

from bot.cases import CaseStore
from tests.e2e.tenant import LEAKS, report_a_repair

pytestmark = pytest.mark.e2e

OPENINGS = [
    "the kitchen tap has been dripping for a week",
    "the bedroom window handle has snapped off",
    "my bathroom extractor fan has stopped working",
    "the front door lock is very stiff",
]


async def _tenants_under_fault(stack, count: int, fault, fault_after: float):
    """`count` tenants reporting repairs at once, with `fault()` run part way through."""
    rasa_url = f"http://127.0.0.1:{stack.ports.rasa}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        async def tenant(n):
            await asyncio.sleep(n * 0.02)
            return await report_a_repair(session, rasa_url, OPENINGS[n % len(OPENINGS)])

        async def trigger():
            await asyncio.sleep(fault_after)
            at = asyncio.get_running_loop().time()
            await asyncio.get_running_loop().run_in_executor(None, fault)
            return at

        outcomes, fault_at = await asyncio.gather(asyncio.gather(*[tenant(n) for n in range(count)]), trigger())
    busy = [o for o in outcomes if o.started < fault_at < o.finished]
    assert len(busy) >= count // 2, "the fault did not happen while tenants were mid-conversation"
    return outcomes


def _assert_every_repair_logged_once(stack, outcomes):
    store = CaseStore.from_url(stack.database_url)
    for outcome in outcomes:
        assert outcome.reference, f"{outcome.sender} never got a reference: {outcome.replies}"
        assert not any(LEAKS.search(reply) for reply in outcome.replies), outcome.replies
        cases = store.for_conversation(outcome.sender)
        assert [case.reference for case in cases] == [outcome.reference], f"lost or duplicated: {cases}"


def _postgres_cluster():
    """(version, name) of the local PostgreSQL cluster, from Debian's pg_lsclusters."""
    if not shutil.which("pg_lsclusters") or os.geteuid() != 0:
        message = "restarting PostgreSQL needs Debian's pg_ctlcluster and root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    for line in subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout.splitlines():
        version, name, port, *_ = line.split()
        if port == "5432":
            return version, name
    pytest.fail("no PostgreSQL cluster on port 5432")


def test_the_scaled_deployment_serves_tenants_on_both_replicas(scaled_stack):
    outcomes = asyncio.run(_tenants_under_fault(scaled_stack, 4, lambda: None, fault_after=0.3))
    _assert_every_repair_logged_once(scaled_stack, outcomes)


def test_a_postgresql_restart_under_load_loses_and_duplicates_nothing(scaled_stack):
    version, name = _postgres_cluster()

    def restart():
        subprocess.run(["pg_ctlcluster", version, name, "restart"], check=True, timeout=120)

    outcomes = asyncio.run(_tenants_under_fault(scaled_stack, 8, restart, fault_after=0.3))
    _assert_every_repair_logged_once(scaled_stack, outcomes)


def test_killing_a_rasa_server_and_an_action_server_under_load(scaled_stack):
    def kill():
        for name in ("rasa-1", "actions-1"):
            os.killpg(scaled_stack.processes[name].pid, signal.SIGKILL)
        time.sleep(0.1)

    outcomes = asyncio.run(_tenants_under_fault(scaled_stack, 12, kill, fault_after=0.3))
    assert scaled_stack.processes["rasa-1"].poll() is not None, "the Rasa server was not killed"
    _assert_every_repair_logged_once(scaled_stack, outcomes)
