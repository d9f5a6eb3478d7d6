"""axe-core in headless Chromium on every staff page and the chat page: no violation of impact
serious or critical, at phone and desktop width, and no staff page wider than the screen.

axe-core comes from the npm registry, fetched and checked by `make` (scripts/install-axe-core)
into the git-ignored .axe-core/. Without it this test fails, and says how to get it: it is never
skipped, so CI cannot pass without running it."""

import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.cases import CaseStore, ChannelIdentity, KeptPhoto
from bot.web.console.accounts import StaffAccounts
from tests.e2e.conftest import say
from tests.e2e.staff import handoffs
from tests.support import photos

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / ".axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = {"phone": (400, 800), "desktop": (1280, 900)}
PASSWORD = "an accessible console password"

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(
  (result) => done(result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }))),
  (error) => done([{id: "axe-error", impact: "critical", help: String(error), nodes: []}]),
);
"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make` (or scripts/install-axe-core) first")
    return AXE.read_text(encoding="utf-8")


def blocking_violations(browser, axe_source: str) -> list:
    """What axe finds on the page now, of impact serious or critical."""
    browser.set_script_timeout(60)
    browser.execute_script(axe_source)
    return [v for v in browser.execute_async_script(RUN_AXE) if v["impact"] in BLOCKING]


def wider_than_the_screen(browser) -> bool:
    return browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")


@pytest.fixture(scope="module")
def staff_pages(stack):
    """Something on every page: a gas leak handed to a person with its repair, and a tenant who
    asked for a person; the paths of the pages to check."""
    gas, asked = f"axe-gas-{uuid.uuid4().hex[:8]}", f"axe-asked-{uuid.uuid4().hex[:8]}"
    say(stack, gas, "i can smell gas in the kitchen")
    say(stack, asked, "can I speak to a real person please")
    store = CaseStore.from_url(stack.database_url)
    [case] = store.for_conversation(gas)
    # A photo sent from the web chat, so the case page shows a thumbnail too.
    key = uuid.uuid4().hex[:22]
    photo = KeptPhoto(key=key, url=f"/staff/photos/{key}", content_type="image/jpeg", data=photos.JPEG)
    store.attach(ChannelIdentity("rest", gas), [], datetime.now(timezone.utc), kept=[photo])
    handoff = handoffs(stack).active(gas)
    assert handoff is not None, "the gas leak was not handed to a person"
    return [
        "/staff/handoffs",
        f"/staff/handoffs/{handoff.id}",
        "/staff/",
        "/staff/?team=repairs&priority=emergency&vulnerable=yes",
        f"/staff/cases/{case.reference}",
        "/staff/report",
        "/staff/report?from=2026-12-31&to=2026-01-01",
    ]


def _sign_in(browser, stack) -> None:
    name = f"axe{uuid.uuid4().hex[:8]}"
    StaffAccounts(CaseStore.from_url(stack.database_url).engine).create(name, PASSWORD)
    browser.find_element(By.ID, "username").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD, Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "Sign out" in d.page_source)


def test_every_staff_page_passes_axe_at_phone_and_desktop_width(stack, browser, axe_source, staff_pages):
    base = f"http://127.0.0.1:{stack.ports.web}"
    found = {}
    browser.get(f"{base}/staff/login")
    for width, size in WIDTHS.items():
        browser.set_window_size(*size)
        found[f"/staff/login at {width}"] = blocking_violations(browser, axe_source)
    _sign_in(browser, stack)
    for width, size in WIDTHS.items():
        browser.set_window_size(*size)
        for path in staff_pages:
            browser.get(f"{base}{path}")
            found[f"{path} at {width}"] = blocking_violations(browser, axe_source)
            if wider_than_the_screen(browser):
                found[f"{path} at {width}"].append({"id": "page scrolls sideways", "impact": "serious"})
    assert {page: v for page, v in found.items() if v} == {}


def test_the_chat_page_passes_axe(stack, browser, axe_source):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    assert blocking_violations(browser, axe_source) == []
