"""A member of staff using the running console over HTTP, as a browser would: signed in with a
real account in the stack's database, posting forms with the session's CSRF token."""

import re
import threading
import uuid
from datetime import datetime, timezone
from functools import lru_cache
from typing import List

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.cases import CaseStore, ChannelIdentity, KeptPhoto
from bot.web.console.accounts import StaffAccounts
from bot.web.console.roles import StaffRole
from bot.handoff import Handoffs
from tests.e2e.conftest import say
from tests.support import photos

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "a long enough staff password"


_opening = threading.Lock()


@lru_cache(maxsize=None)
def _store(database_url: str) -> CaseStore:
    """One store per database, opened once: opening one runs Alembic's migrations, whose
    environment is not safe for two threads at once (tests ask from a thread pool; CI once saw
    KeyError: 'script' from alembic's EnvironmentContext)."""
    return CaseStore.from_url(database_url)


def handoffs(stack) -> Handoffs:
    with _opening:
        store = _store(stack.database_url)
    return Handoffs(store.engine)


class StaffMember:
    def __init__(self, stack, role: StaffRole = StaffRole.ADMIN) -> None:
        self.base = f"http://127.0.0.1:{stack.ports.web}/staff"
        self.username = f"staff{uuid.uuid4().hex[:8]}"
        StaffAccounts(CaseStore.from_url(stack.database_url).engine).create(self.username, PASSWORD, role=role)
        self.http = requests.Session()
        login = self.http.get(f"{self.base}/login", timeout=30)
        signed_in = self.http.post(
            f"{self.base}/login",
            timeout=30,
            data={"csrf_token": CSRF.search(login.text).group(1), "username": self.username, "password": PASSWORD},
        )
        assert signed_in.status_code == 200 and "Sign out" in signed_in.text
        self.csrf = CSRF.search(signed_in.text).group(1)

    def page(self, path: str) -> requests.Response:
        return self.http.get(f"{self.base}{path}", timeout=30)

    def post(self, path: str, **fields) -> requests.Response:
        return self.http.post(f"{self.base}{path}", data={"csrf_token": self.csrf, **fields}, timeout=60)

    def transcript(self, handoff_id: int) -> list:
        response = self.page(f"/api/handoffs/{handoff_id}/transcript")
        assert response.status_code == 200, response.text
        return response.json()["lines"]


def sign_in_browser(browser, stack, role: StaffRole = StaffRole.ADMIN) -> str:
    """A new account of `role`, signed in to the console in `browser` from the login page; its name."""
    name = f"officer{uuid.uuid4().hex[:8]}"
    StaffAccounts(CaseStore.from_url(stack.database_url).engine).create(name, PASSWORD, role=role)
    browser.get(f"http://127.0.0.1:{stack.ports.web}/staff/login")
    browser.find_element(By.ID, "username").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD, Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "Sign out" in d.page_source)
    return name


def console_pages(stack) -> List[str]:
    """Something on every page of the console, and the paths of its pages: a gas leak handed to a
    person with its repair, and a tenant who asked for a person."""
    gas, asked = f"pages-gas-{uuid.uuid4().hex[:8]}", f"pages-asked-{uuid.uuid4().hex[:8]}"
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
        "/staff/cases/REP-2026-NOSUCHCA",
        "/staff/report",
        "/staff/report?from=2026-12-31&to=2026-01-01",
    ]
