"""Faults under load, on the scaled deployment (two Rasa servers, two action servers, nginx,
PostgreSQL, Redis): PostgreSQL restarts, then one Rasa server and one action server are killed
with -9. Every tenant still gets their repair logged, exactly once, on the survivors, and
nobody is shown a stack trace.

First, while both replicas still run: what they must share (Redis) is shared, so a provider's
retry that lands on the other replica is answered once, not twice."""

import asyncio
import os
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request
import uuid

import aiohttp
import pytest
from twilio.request_validator import RequestValidator

from bot.cases import CaseStore
from tests.e2e.conftest import CHANNEL_SECRETS, PUBLIC_BASE_URL
from tests.e2e.tenant import LEAKS, report_a_repair
from tests.postgres import restarting

pytestmark = pytest.mark.e2e

TWILIO_PATH = "/webhooks/twilio/webhook"
TWILIO_SENT = "/twilio/2010-04-01/Accounts/" + CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"] + "/Messages.json"


def _deliver_sms(port, params):
    signature = RequestValidator(CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"]).compute_signature(
        PUBLIC_BASE_URL + TWILIO_PATH, params
    )
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{TWILIO_PATH}",
        data=urllib.parse.urlencode(params).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_a_retried_sms_that_reaches_the_other_replica_is_answered_once(scaled_stack, provider):
    sender = "+4477009" + str(uuid.uuid4().int)[:5]
    params = {
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "AccountSid": CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"],
        "From": sender,
        "To": CHANNEL_SECRETS["TWILIO_SMS_NUMBER"],
        "Body": "hello",
    }
    # Twilio sends again when it did not hear back in time; the load balancer picks the other server.
    assert _deliver_sms(scaled_stack.replica_ports["rasa-1"], params) == 200
    assert _deliver_sms(scaled_stack.replica_ports["rasa-2"], params) == 200
    provider.wait_for(TWILIO_SENT, 1, 60, where=lambda r: r["form"].get("To") == sender)
    time.sleep(5)  # time enough for a second answer, were there one
    replies = [r for r in provider.sent(TWILIO_SENT) if r["form"].get("To") == sender]
    assert len(replies) == 1, [r["form"]["Body"] for r in replies]


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
        # Not while the other test process is using PostgreSQL (tests/postgres.py).
        with restarting():
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
