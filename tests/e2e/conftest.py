"""One running assistant for the whole end-to-end suite: started as `make run` starts it."""

import json
import urllib.request
from pathlib import Path
from typing import Tuple

import pytest

from bot.providers.messenger import MessengerSettings
from bot.providers.twilio import TwilioSettings

from tests.e2e.browser import browser  # noqa: F401 - the headless Chromium fixture, for every browser test
from tests.e2e.provider import FakeProvider
from tests.postgres import POSTGRES_URL, drop, fresh_schema, url_for
from tests.redis_server import REDIS_URL, reachable_redis
from tools.launcher import Stack, free_ports

# Where Twilio and Facebook would send webhooks: a public address in front of a proxy, which
# is what the connectors must sign against, not the local port the request arrives on.
PUBLIC_BASE_URL = "https://tenants.example.org"
CHANNEL_SECRETS = {
    "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
    "TWILIO_AUTH_TOKEN": "twilio-test-auth-token",
    "TWILIO_SMS_NUMBER": "+441632960001",
    "TWILIO_WHATSAPP_NUMBER": "+441632960002",
    "FACEBOOK_APP_SECRET": "facebook-test-app-secret",
    "FACEBOOK_VERIFY_TOKEN": "facebook-test-verify-token",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "facebook-test-page-token",
}


def provider_settings(provider: FakeProvider) -> Tuple[TwilioSettings, MessengerSettings]:
    """Twilio's and Messenger's settings as the stacks have them, for code the tests run
    themselves (an updates worker with a clock of the test's)."""
    twilio = TwilioSettings(
        CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"],
        CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"],
        CHANNEL_SECRETS["TWILIO_SMS_NUMBER"],
        CHANNEL_SECRETS["TWILIO_WHATSAPP_NUMBER"],
        PUBLIC_BASE_URL,
        f"{provider.url}/twilio",
    )
    messenger = MessengerSettings(
        CHANNEL_SECRETS["FACEBOOK_VERIFY_TOKEN"],
        CHANNEL_SECRETS["FACEBOOK_APP_SECRET"],
        CHANNEL_SECRETS["FACEBOOK_PAGE_ACCESS_TOKEN"],
        f"{provider.url}/facebook",
    )
    return twilio, messenger


@pytest.fixture(scope="session")
def provider():
    """The fake Twilio and Facebook APIs every stack sends its channel replies to."""
    return FakeProvider().start()


@pytest.fixture(scope="session")
def stack(tmp_path_factory, provider):
    """The assistant as `make run` starts it, on the embedded SQLite default."""
    state = tmp_path_factory.mktemp("assistant")
    yield from _running(state, f"sqlite:///{state / 'cases.db'}", provider)


@pytest.fixture(scope="session")
def postgres_stack(tmp_path_factory, provider):
    """The same assistant with its cases in PostgreSQL, switched by DATABASE_URL alone."""
    admin, schema = fresh_schema()
    try:
        yield from _running(tmp_path_factory.mktemp("assistant-postgres"), url_for(schema), provider)
    finally:
        drop(admin, schema)


@pytest.fixture(scope="session")
def scaled_stack(tmp_path_factory, provider):
    """Two Rasa servers and two action servers behind nginx, conversations and cases in
    PostgreSQL and conversation locks in Redis: `make run-scaled`, on a schema of its own."""
    admin, schema = fresh_schema()
    reachable_redis()
    env = {"TRACKER_STORE_URL": POSTGRES_URL, "POSTGRESQL_SCHEMA": schema, "REDIS_URL": REDIS_URL}
    try:
        yield from _running(
            tmp_path_factory.mktemp("assistant-scaled"), url_for(schema), provider, replicas=2, extra=env
        )
    finally:
        drop(admin, schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    """For the conversations that must work the same on both case databases."""
    return request.getfixturevalue("stack" if request.param == "sqlite" else "postgres_stack")


def _running(state, database_url, provider, replicas=1, extra=None):
    env = {
        "DATABASE_URL": database_url,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "TWILIO_API_BASE_URL": f"{provider.url}/twilio",
        "FACEBOOK_GRAPH_BASE_URL": f"{provider.url}/facebook",
        **CHANNEL_SECRETS,
        **(extra or {}),
    }
    running = Stack(free_ports(), state, log_dir=state / "logs", extra_env=env, replicas=replicas, updates_interval=1.0)
    running.database_url = database_url
    running.start()
    try:
        running.wait_until_ready(timeout=400)
    except Exception:
        running.stop()
        for log in sorted((state / "logs").glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        raise
    yield running
    running.stop()


def say(stack: Stack, sender: str, message: str) -> str:
    """Send one message through Rasa's REST channel; the bot's replies joined as one text."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        replies = json.load(response)
    return "\n".join(reply.get("text", "") for reply in replies)


def pytest_collection_modifyitems(items):
    """Every end-to-end test in one process when the suite runs on several (`make test`): they
    share the session's running stacks, which each process would otherwise start again. Two
    groups (the scaled deployment's tests apart) took no less time on two cores."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("e2e"))
