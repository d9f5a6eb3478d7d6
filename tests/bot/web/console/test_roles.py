"""Least privilege in the console: each team sees its own cases and handed-over conversations;
domestic abuse is safeguarding's alone, and every showing of such a case is in its history; a
conversation one person has taken is theirs until they hand it over."""

from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.cases import CaseKind
from bot.charter import AsbRisk, RepairPriority
from bot.web.console.accounts import StaffAccounts
from bot.web.console.app import ConversationsConfig, create_console_app
from bot.web.console.records import VIEWED
from bot.web.console.roles import StaffRole, may_see_case, may_see_handoff
from bot.handoff import HandoffReason, Handoffs, HandoffStatus
from bot.intake import Reporter, log_asb_report, log_complaint, log_domestic_abuse, log_repair
from bot.shared_state import MemoryState
from tests.bot.web.console.conftest import NOW, PASSWORD, SECRET, SignedIn, csrf_token, sign_in
from tests.bot.web.console.fake_rasa_api import TOKEN

R, E = True, False  # readable or not, for the table below
ROLES = [StaffRole.CONTACT_CENTRE, StaffRole.ASB_TEAM, StaffRole.SAFEGUARDING, StaffRole.COMPLAINTS, StaffRole.ADMIN]


@pytest.mark.parametrize(
    "kind, readable",
    [
        #                                  contact  ASB  safeguarding  complaints  admin
        (CaseKind.REPAIR, (R, E, E, E, R)),
        (CaseKind.CALLBACK, (R, E, E, E, R)),
        (CaseKind.ANTI_SOCIAL_BEHAVIOUR, (E, R, E, E, R)),
        (CaseKind.COMPLAINT, (E, E, E, R, R)),
        (CaseKind.DOMESTIC_ABUSE, (E, E, R, E, E)),
    ],
)
def test_who_may_read_each_kind_of_case(kind, readable):
    assert tuple(may_see_case(role, kind) for role in ROLES) == readable


@pytest.mark.parametrize(
    "reason, readable",
    [
        (HandoffReason.SAFETY, (R, E, R, E, R)),
        (HandoffReason.DOMESTIC_ABUSE, (E, E, R, E, E)),
        (HandoffReason.OUT_OF_HOURS_EMERGENCY, (R, E, E, E, R)),
        (HandoffReason.OLD_COMPLAINT, (E, E, E, R, R)),
        (HandoffReason.NOT_UNDERSTOOD, (R, E, E, E, R)),
        (HandoffReason.ASKED, (R, E, E, E, R)),
    ],
)
def test_who_may_answer_each_handed_over_conversation(reason, readable):
    assert tuple(may_see_handoff(role, reason) for role in ROLES) == readable


@pytest.fixture
def app_factory(desk, clock, rasa_api):
    state = MemoryState()

    def make():
        parent = web.Application()
        parent.add_subapp(
            "/staff",
            create_console_app(desk, SECRET, clock, ConversationsConfig(rasa_api.url, TOKEN), state=state, proxies=()),
        )
        return parent

    return make


@pytest.fixture
async def team(desk, app_factory):
    """A signed-in browser for one member of each team."""
    accounts, browsers, clients = StaffAccounts(desk.cases.engine), {}, []
    for role in StaffRole:
        accounts.create(role.value.replace("_", "-"), PASSWORD, NOW, role=role)
        client = TestClient(TestServer(app_factory()))
        await client.start_server()
        clients.append(client)
        assert (await sign_in(client, username=role.value.replace("_", "-"))).status == 303
        browsers[role] = SignedIn(client, csrf_token(await (await client.get("/staff/")).text()))
    yield browsers
    for client in clients:
        await client.close()


@pytest.fixture
def abuse_case(desk):
    reporter = Reporter("web-abuse", contact_phone="07700 900999", postcode="SY7 9BW")
    return log_domestic_abuse(
        desk, "my partner threatens me", "text after 6pm, not calls", reporter, NOW - timedelta(hours=1)
    )


@pytest.fixture
def other_cases(desk):
    return {
        CaseKind.REPAIR: log_repair(desk, RepairPriority.ROUTINE, "tap drips", "t1", NOW).reference,
        CaseKind.ANTI_SOCIAL_BEHAVIOUR: log_asb_report(desk, AsbRisk.LOW, "loud music", "t2", NOW).reference,
        CaseKind.COMPLAINT: log_complaint(desk, "nobody came", "t3", NOW).reference,
    }


async def test_a_domestic_abuse_case_is_listed_and_shown_to_safeguarding_alone(team, abuse_case):
    for role, browser in team.items():
        listing = await (await browser.client.get("/staff/")).text()
        api = await (await browser.client.get("/staff/api/cases")).json()
        page = await browser.client.get(f"/staff/cases/{abuse_case.reference}")
        in_api = abuse_case.reference in str(api)
        if role is StaffRole.SAFEGUARDING:
            assert abuse_case.reference in listing and in_api and page.status == 200
            assert "text after 6pm" in await page.text()
        else:
            assert abuse_case.reference not in listing and not in_api and page.status == 404, role
            assert "text after 6pm" not in await page.text()


async def test_each_team_sees_only_its_own_kinds_of_case(team, other_cases):
    for role, browser in team.items():
        listing = await (await browser.client.get("/staff/")).text()
        shown = {kind for kind, reference in other_cases.items() if reference in listing}
        assert shown == {kind for kind in other_cases if may_see_case(role, kind)}, role


async def test_every_showing_of_a_domestic_abuse_case_is_in_its_history(team, abuse_case, desk):
    browser = team[StaffRole.SAFEGUARDING]
    for _ in range(2):
        assert (await browser.client.get(f"/staff/cases/{abuse_case.reference}")).status == 200
    await team[StaffRole.ADMIN].client.get(f"/staff/cases/{abuse_case.reference}")  # refused: not a view
    views = [e for e in desk.cases.events(abuse_case.reference) if e.kind == VIEWED]
    assert [e.actor for e in views] == ["staff:safeguarding", "staff:safeguarding"]


def test_a_domestic_abuse_case_takes_no_contact_details_from_another_report(desk, abuse_case):
    case = desk.cases.find(abuse_case.reference)
    assert case.contact_phone is None and case.postcode is None
    assert case.access == "Safe contact: text after 6pm, not calls"


async def test_a_domestic_abuse_conversation_is_in_safeguardings_queue_alone(team, desk, clock, rasa_api):
    rasa_api.tenant_says("web-abuse-chat", "he hit me")
    handoff = Handoffs(desk.cases.engine).request("web-abuse-chat", "rest", HandoffReason.DOMESTIC_ABUSE, clock())
    for role, browser in team.items():
        queue = await (await browser.client.get("/staff/handoffs")).text()
        page = await browser.client.get(f"/staff/handoffs/{handoff.id}")
        transcript = await browser.client.get(f"/staff/api/handoffs/{handoff.id}/transcript")
        if role is StaffRole.SAFEGUARDING:
            assert f"/staff/handoffs/{handoff.id}" in queue and page.status == 200 and transcript.status == 200
        else:
            assert f"/staff/handoffs/{handoff.id}" not in queue and page.status == transcript.status == 404, role


@pytest.fixture
async def taken(desk, clock, rasa_api, app_factory):
    """A conversation the contact centre's "sam" has taken, and "kim" beside him, and an admin."""
    accounts = StaffAccounts(desk.cases.engine)
    browsers = {}
    for name, role in (("sam", StaffRole.CONTACT_CENTRE), ("kim", StaffRole.CONTACT_CENTRE), ("ada", StaffRole.ADMIN)):
        accounts.create(name, PASSWORD, NOW, role=role)
        client = TestClient(TestServer(app_factory()))
        await client.start_server()
        assert (await sign_in(client, username=name)).status == 303
        browsers[name] = SignedIn(client, csrf_token(await (await client.get("/staff/")).text()))
    rasa_api.tenant_says("+447700900123", "can I talk to someone")
    handoff = Handoffs(desk.cases.engine).request("+447700900123", "twilio", HandoffReason.ASKED, clock())
    assert (await browsers["sam"].post(f"/staff/handoffs/{handoff.id}/take")).status == 303
    yield handoff, browsers
    for browser in browsers.values():
        await browser.client.close()


@pytest.mark.parametrize("action", ["reply", "hand-back", "close", "take"])
async def test_a_colleague_cannot_act_on_a_conversation_someone_has_taken(taken, rasa_api, desk, action):
    handoff, browsers = taken
    response = await browsers["kim"].post(f"/staff/handoffs/{handoff.id}/{action}", message="hello from kim")
    assert response.status == 403
    assert "sam has this conversation" in await response.text()
    assert [c for c in rasa_api.calls if c["what"] != "tracker"] == []
    assert Handoffs(desk.cases.engine).get(handoff.id).staff == "sam"


async def test_handed_over_it_is_back_in_the_queue_for_a_colleague(taken, desk):
    handoff, browsers = taken
    assert (await browsers["kim"].post(f"/staff/handoffs/{handoff.id}/release")).status == 403
    assert (await browsers["sam"].post(f"/staff/handoffs/{handoff.id}/release")).status == 303
    waiting = Handoffs(desk.cases.engine).get(handoff.id)
    assert (waiting.status, waiting.staff) == (HandoffStatus.WAITING, None)
    assert (await browsers["kim"].post(f"/staff/handoffs/{handoff.id}/take")).status == 303
    assert Handoffs(desk.cases.engine).get(handoff.id).staff == "kim"


async def test_an_administrator_can_hand_over_a_conversation_someone_left(taken, desk):
    handoff, browsers = taken
    assert (await browsers["ada"].post(f"/staff/handoffs/{handoff.id}/release")).status == 303
    assert Handoffs(desk.cases.engine).get(handoff.id).staff is None
