"""The staff console, as `make run` serves it: on the chat server, under /staff, behind a login."""

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.e2e.conftest import say

pytestmark = pytest.mark.e2e


def _get(url):
    opener = urllib.request.build_opener(urllib.request.HTTPRedirectHandler())
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()


@pytest.mark.parametrize("path", ["/staff/", "/staff/cases", "/staff/report", "/staff/cases/REP-2026-000001"])
def test_without_a_login_the_console_shows_nothing_but_the_login_page(stack, path):
    say(stack, "console-e2e", "the kitchen cupboard door has fallen off")  # something to hide
    status, landed, body = _get(f"http://127.0.0.1:{stack.ports.web}{path}")
    assert status == 200 and landed.endswith("/staff/login")
    assert "REP-" not in body and "cupboard" not in body


def test_the_api_answers_401_without_a_login(stack):
    assert _get(f"http://127.0.0.1:{stack.ports.web}/staff/api/cases")[0] == 401


def test_a_staff_account_is_made_by_command_against_the_same_database(stack):
    made = subprocess.run(
        [sys.executable, "-m", "tools.create_staff", "amina", "--password-stdin"],
        input="a long enough password\n",
        text=True,
        capture_output=True,
        env={"DATABASE_URL": stack.database_url, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
