"""A member of staff using the running console over HTTP, as a browser would: signed in with a
real account in the stack's database, posting forms with the session's CSRF token."""

import re
import threading
import uuid
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Dict, List, Optional

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.cases import CaseStore, ChannelIdentity, KeptPhoto
from bot.charter import AsbRisk, RepairPriority, load_charter
from bot.intake import Desk, Reporter, log_asb_report, log_complaint, log_repair
from bot.working_days import WorkingCalendar
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
    person with its repair, a tenant who asked for a person, and a routine repair with its visit
    booked (the case page's forms to move and cancel it)."""
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
        f"/staff/cases/{a_visit_booked(stack)}",
        "/staff/cases/REP-2026-NOSUCHCA",
        "/staff/report",
        "/staff/report?from=2026-12-31&to=2026-01-01",
    ]


def a_visit_booked(stack) -> str:
    """A routine repair with its visit booked at the first time offered; its reference."""
    from bot.visits import Visits, load_visit_calendar

    intake, now = desk(stack), datetime.now(timezone.utc)
    reference = log_repair(
        intake,
        RepairPriority.ROUTINE,
        "the bathroom cabinet door has come off",
        f"pages-visit-{uuid.uuid4().hex[:8]}",
        now,
    ).reference
    visits = Visits(intake, load_visit_calendar())
    first = visits.offered(intake.cases.find(reference), now)[0]
    visits.book(reference, first.key, now, "staff:pages")
    return reference


def desk(stack) -> Desk:
    """Intake on the stack's case database, to open cases as the assistant would."""
    charter = load_charter()
    with _opening:
        store = _store(stack.database_url)
    return Desk(charter, WorkingCalendar.from_charter(charter), store)


def a_hard_morning(stack, now: Optional[datetime] = None) -> Dict[str, str]:
    """A housing officer's caseload on a hard morning, opened as the assistant opens cases: a
    backlog of routine repairs weeks overdue (one in a vulnerable household), damp and mould,
    neighbours (a hate incident among them), a complaint, an emergency with nobody vulnerable,
    work due today and later, and the one to find first: an emergency repair two hours overdue
    in a vulnerable household. The references by name; "most urgent" is that one."""
    now = now or datetime.now(timezone.utc)
    intake = desk(stack)

    def tenant(postcode: str) -> Reporter:
        return Reporter(f"morning-{uuid.uuid4().hex[:10]}", contact_phone="07700 900123", postcode=postcode)

    opened = {}
    for n, (words, postcode) in enumerate(
        (
            ("the bathroom extractor fan has stopped working", "SY7 9BW"),
            ("kitchen cupboard door hanging off its hinge", "SY7 8DN"),
            ("the back gate latch is broken", "SY6 6AA"),
            ("dripping tap in the bathroom sink, it keeps me awake", "SY7 0AB"),
            ("cracked tile by the front door", "SY8 1RP"),
            ("the bedroom window handle has snapped off", "SY7 9HD"),
        )
    ):
        opened[f"backlog {n + 1}"] = log_repair(
            intake, RepairPriority.ROUTINE, words, tenant(postcode), now - timedelta(days=40 - n)
        ).reference
    opened["routine, vulnerable"] = log_repair(
        intake,
        RepairPriority.ROUTINE,
        "the stair rail is loose and my mum holds on to it",
        tenant("SY7 9AA"),
        now - timedelta(days=25),
        vulnerable_household=True,
    ).reference
    opened["damp"] = log_repair(
        intake,
        RepairPriority.DAMP_MOULD,
        "black mould all over the bedroom ceiling",
        tenant("SY7 8PQ"),
        now - timedelta(days=30),
    ).reference
    opened["neighbours"] = log_asb_report(
        intake, AsbRisk.LOW, "loud music from number 12 every night", tenant("SY7 9ZZ"), now - timedelta(days=9)
    ).reference
    opened["hate incident"] = log_asb_report(
        intake,
        AsbRisk.HIGH,
        "someone wrote racist abuse on my door again",
        tenant("SY7 9QT"),
        now - timedelta(days=4),
        hate_incident=True,
    ).reference
    opened["complaint"] = log_complaint(
        intake, "nobody came to fix the heating after three calls", tenant("SY7 9LB"), now - timedelta(days=25)
    ).reference
    opened["emergency"] = log_repair(
        intake,
        RepairPriority.EMERGENCY,
        "water pouring through the light in the hall",
        tenant("SY7 9EF"),
        now - timedelta(hours=9),
    ).reference
    opened["most urgent"] = log_repair(
        intake,
        RepairPriority.EMERGENCY,
        "no lock on the front door since the break-in, my dad uses a wheelchair",
        tenant("SY7 9NP"),
        now - timedelta(hours=6),
        vulnerable_household=True,
    ).reference
    opened["due today"] = log_repair(
        intake,
        RepairPriority.EMERGENCY,
        "the toilet is blocked and it is the only one",
        tenant("SY7 9RT"),
        now - timedelta(hours=1),
    ).reference
    opened["upcoming"] = log_repair(
        intake, RepairPriority.ROUTINE, "the loft hatch will not close", tenant("SY7 9KL"), now
    ).reference
    return opened
