"""One running assistant for the whole end-to-end suite: started as `make run` starts it."""

import json
import urllib.request

import pytest

from bot.launcher import Stack, free_ports
from tests.postgres import drop, fresh_schema, url_for


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The assistant as `make run` starts it, on the embedded SQLite default."""
    state = tmp_path_factory.mktemp("assistant")
    yield from _running(state, f"sqlite:///{state / 'cases.db'}")


@pytest.fixture(scope="session")
def postgres_stack(tmp_path_factory):
    """The same assistant with its cases in PostgreSQL, switched by DATABASE_URL alone."""
    admin, schema = fresh_schema()
    try:
        yield from _running(tmp_path_factory.mktemp("assistant-postgres"), url_for(schema))
    finally:
        drop(admin, schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    """For the conversations that must work the same on both case databases."""
    return request.getfixturevalue("stack" if request.param == "sqlite" else "postgres_stack")


def _running(state, database_url):
    running = Stack(free_ports(), state, log_dir=state / "logs", extra_env={"DATABASE_URL": database_url})
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
