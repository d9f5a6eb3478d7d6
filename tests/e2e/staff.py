"""A member of staff using the running console over HTTP, as a browser would: signed in with a
real account in the stack's database, posting forms with the session's CSRF token."""

import re
import threading
import uuid
from functools import lru_cache

import requests

from bot.cases import CaseStore
from bot.web.console.accounts import StaffAccounts
from bot.web.console.roles import StaffRole
from bot.handoff import Handoffs

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
