"""Logs hold no message text at INFO level: what a tenant wrote stays out of every log file."""

import time
import uuid

import pytest

from tests.e2e.conftest import say

pytestmark = pytest.mark.e2e


def test_a_tenants_words_appear_in_no_log(stack):
    marker = f"zq{uuid.uuid4().hex[:10]}"
    say(stack, f"logs-{marker}", f"my kitchen tap {marker} has been dripping for days")
    time.sleep(1)  # let the processes flush
    logs = {path.name: path.read_text(errors="replace") for path in stack.log_dir.glob("*.log")}
    assert set(logs) == {"rasa.log", "actions.log", "updates.log", "web.log"}
    assert all(text.strip() for text in logs.values()), "a log is empty, so this test would prove nothing"
    assert [name for name, text in logs.items() if marker in text] == []
