"""The staff console, as `make run` serves it: on the chat server, under /staff, behind a login."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.cases import CaseStore
from bot.charter import RepairPriority
from bot.intake import log_repair
from bot.web.console.accounts import StaffAccounts
from tests.e2e.conftest import say
from tests.e2e.staff import PASSWORD, a_hard_morning, desk, sign_in_browser

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


# --- by keyboard alone --------------------------------------------------------------------------

# What has the focus, and whether it shows: an outline at least 2px wide, or a box shadow.
FOCUSED = """
var e = document.activeElement, s = getComputedStyle(e);
var ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
return {tag: e.tagName, id: e.id, text: (e.textContent || "").trim(), href: e.getAttribute("href") || "",
        shows: ring && e.getClientRects().length > 0};
"""


class Keyboard:
    """A member of staff with a keyboard alone: Tab, Shift+Tab, Enter, Space and Esc, and typing
    into fields. Every element Tab lands on must show that it has the focus."""

    def __init__(self, browser):
        self.browser = browser
        self.unseen = []

    def press(self, *keys):
        ActionChains(self.browser).send_keys(*keys).perform()

    def focused(self) -> dict:
        return self.browser.execute_script(FOCUSED)

    def tab(self, backwards=False) -> dict:
        if backwards:
            ActionChains(self.browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            self.press(Keys.TAB)
        focused = self.focused()
        if not focused["shows"]:
            self.unseen.append(focused)
        return focused

    def tab_to(self, wanted, presses=60) -> dict:
        """Tab on until `wanted(focused)` holds; fails if it never does."""
        for _ in range(presses):
            focused = self.tab()
            if wanted(focused):
                return focused
        raise AssertionError(f"Tab never reached it; last: {focused}")

    def wait_for_page(self, path_part):
        WebDriverWait(self.browser, 30).until(
            lambda d: path_part in d.current_url and d.execute_script("return document.readyState") == "complete"
        )


def _the_notice_has_the_focus(browser, keys, words):
    """After a form, the page says it worked: the notice on screen with the focus, so a screen
    reader reads it and the next Tab goes on from there."""
    # The page before the form's answer may still be there, with its own notice going stale.
    notice = WebDriverWait(browser, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: next((n for n in d.find_elements(By.CSS_SELECTOR, ".notice") if n.text == words), False)
    )
    WebDriverWait(browser, 5).until(lambda d: keys.focused()["text"] == words)
    assert _in_view(browser, notice)
    assert keys.focused()["shows"]


def test_a_housing_officer_works_the_console_by_keyboard_alone(stack, browser):
    """Sign in, open the first case of the list, filter the list, and complete a case, which asks
    for a confirmation first: with Tab, Shift+Tab, Enter and Space, the focus always showing."""
    name = f"keys{uuid.uuid4().hex[:8]}"
    StaffAccounts(CaseStore.from_url(stack.database_url).engine).create(name, PASSWORD)
    mine = log_repair(
        desk(stack),
        RepairPriority.EXTERNAL,
        f"keyboard test {name}: the garden fence has blown down",
        f"keys-{name}",
        datetime.now(timezone.utc),
        vulnerable_household=True,
    ).reference
    base = f"http://127.0.0.1:{stack.ports.web}/staff"
    browser.set_window_size(1280, 900)
    keys = Keyboard(browser)

    # Sign in: the skip link first, then the two fields; Enter sends the form.
    browser.get(f"{base}/login")
    assert keys.tab()["text"] == "Skip to main content"
    assert keys.tab()["id"] == "username"
    keys.press(name)
    assert keys.tab()["id"] == "password"
    keys.press(PASSWORD, Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "Sign out" in d.page_source)

    # The first case of the list, the most urgent, and open it.
    first = browser.find_element(By.CSS_SELECTOR, "main tbody a").get_attribute("href")
    link = keys.tab_to(lambda f: "/staff/cases/" in f["href"])
    assert link["href"] in first
    keys.press(Keys.ENTER)
    keys.wait_for_page(link["href"])
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Case {link['text']}"

    # Back to the list by its link in the navigation, and narrow it: a priority chosen by typing
    # its name on the select, vulnerable households ticked with Space.
    keys.tab_to(lambda f: f["text"] == "Cases by deadline")
    keys.press(Keys.ENTER)
    keys.wait_for_page("/staff/")
    assert keys.tab_to(lambda f: f["id"] == "priority")
    keys.press("External works")
    assert keys.tab()["id"] == "vulnerable"
    keys.press(Keys.SPACE)
    assert keys.tab()["text"] == "Filter"
    keys.press(Keys.ENTER)
    keys.wait_for_page("vulnerable=yes")
    assert "priority=external" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "main tbody tr")
    assert rows and all("Vulnerable" in row.text and "External works" in row.text for row in rows)

    # My case: a note of progress, then completed; Enter without the box ticked does not complete it.
    keys.tab_to(lambda f: f["text"] == mine)
    keys.press(Keys.ENTER)
    keys.wait_for_page(f"/cases/{mine}")
    keys.tab_to(lambda f: f["id"] == "progress-note")
    keys.press("Rang the tenant: locksmith booked for this afternoon")
    assert keys.tab()["text"] == "Record progress"
    keys.press(Keys.ENTER)
    # The page opens at the case's history, where the note now is, on screen.
    note = WebDriverWait(browser, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: next(
            (li for li in d.find_elements(By.CSS_SELECTOR, "ol.timeline > li") if "locksmith" in li.text), False
        )
    )
    assert browser.current_url.endswith("#history") and _in_view(browser, note)
    keys.tab_to(lambda f: f["text"] == "Mark as completed")
    keys.press(Keys.ENTER)
    time.sleep(1)
    assert browser.current_url.split("#")[0].endswith(f"/cases/{mine}")
    assert CaseStore.from_url(stack.database_url).find(mine).status == "open"
    # The browser put the focus on the box to tick; Shift+Tab and Tab move round it too.
    assert keys.focused()["id"] == "confirm-complete"
    keys.tab(backwards=True)
    assert keys.tab()["id"] == "confirm-complete"
    keys.press(Keys.SPACE)
    assert keys.tab()["text"] == "Mark as completed"
    keys.press(Keys.ENTER)
    _the_notice_has_the_focus(browser, keys, "The case is marked as completed.")
    assert CaseStore.from_url(stack.database_url).find(mine).status == "completed"
    assert keys.unseen == [], "the focus did not show on these"
