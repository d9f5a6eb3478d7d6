"""The staff console, as `make run` serves it: on the chat server, under /staff, behind a login."""

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from tests.e2e.conftest import say
from tests.e2e.staff import a_hard_morning, sign_in_browser

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


# --- the first screen ---------------------------------------------------------------------------

DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}


def _in_view(browser, element) -> bool:
    """Whether the whole element is inside the window, as the page first shows it."""
    return browser.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0"
        " && r.bottom <= window.innerHeight && r.right <= window.innerWidth;",
        element,
    )


def test_a_housing_officer_finds_the_most_urgent_vulnerable_case_on_the_first_screen(stack, browser):
    """Issue 17: from the console's first screen, without scrolling, at desktop size."""
    caseload = a_hard_morning(stack)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
    try:
        sign_in_browser(browser, stack)
        browser.get(f"http://127.0.0.1:{stack.ports.web}/staff/")
        assert browser.execute_script("return window.scrollY") == 0
        wanted = caseload["most urgent"]
        row = browser.find_element(By.XPATH, f"//tr[th/a[normalize-space()='{wanted}']]")
        assert _in_view(browser, row), "the most urgent vulnerable case is not on the first screen"
        # It leads the overdue cases, above the weeks-old backlog and the emergency with nobody vulnerable.
        first = browser.find_element(By.CSS_SELECTOR, "#overdue ~ .table-scroll tbody tr th a")
        assert first.text == wanted
        # What makes it the one is in words on the row, each on screen.
        tags = {tag.text: _in_view(browser, tag) for tag in row.find_elements(By.CSS_SELECTOR, ".tag")}
        assert tags.get("Vulnerable") is True, tags
        assert any(text.startswith("Overdue by") and shown for text, shown in tags.items()), tags
        assert tags.get("Emergency repair") is True, tags
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
