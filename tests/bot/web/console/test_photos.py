"""Photos tenants sent from the web chat, on their case's page and at their own address: for
signed-in staff of the case's team only, and served only as the type their bytes prove."""

import pytest
from sqlalchemy import text

from bot.cases import ChannelIdentity, KeptPhoto
from bot.charter import AsbRisk, RepairPriority
from bot.intake import Reporter, log_asb_report, log_domestic_abuse, log_repair
from bot.web.console.accounts import StaffAccounts
from bot.web.console.records import VIEWED
from bot.web.console.roles import StaffRole
from tests.bot.web.console.conftest import NOW, PASSWORD, SignedIn, csrf_token, sign_in
from tests.bot.web.console.test_roles import app_factory, team  # noqa: F401 - fixtures
from tests.support import photos as samples

WEB = ChannelIdentity("rest", "web-" + "a" * 32)
KEY = "k" * 22


def _kept(desk, key=KEY, data=samples.JPEG, content_type="image/jpeg", identity=WEB):
    photo = KeptPhoto(key=key, url=f"/staff/photos/{key}", content_type=content_type, data=data)
    return desk.cases.attach(identity, [], NOW, kept=[photo])


@pytest.fixture
def repair(desk):
    reporter = Reporter(WEB.address, identity=WEB)
    return log_repair(desk, RepairPriority.ROUTINE, "the window handle has snapped", reporter, NOW)


async def test_a_photo_is_for_signed_in_staff_only(client, desk, repair):
    _kept(desk)
    response = await client.get(f"/staff/photos/{KEY}", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"
    assert samples.JPEG not in await response.read()


async def test_a_photo_is_served_as_its_bytes_prove_it_is_and_never_sniffed(signed_in, desk, repair):
    _kept(desk)
    response = await signed_in.client.get(f"/staff/photos/{KEY}")
    assert response.status == 200
    assert await response.read() == samples.JPEG
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == f'inline; filename="{repair.reference}-photo.jpg"'
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_a_heic_photo_which_browsers_cannot_show_is_a_download(signed_in, desk, repair):
    _kept(desk, data=samples.HEIC, content_type="image/heic")
    response = await signed_in.client.get(f"/staff/photos/{KEY}")
    assert response.headers["Content-Type"] == "image/heic"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{repair.reference}-photo.heic"'
    page = await (await signed_in.client.get(f"/staff/cases/{repair.reference}")).text()
    assert f'<a href="/staff/photos/{KEY}">Download the photo (HEIC: browsers cannot show it)</a>' in page
    assert "<img" not in page


async def test_bytes_that_are_no_longer_a_photo_are_not_served_whatever_the_row_says(signed_in, desk, repair):
    _kept(desk)
    with desk.cases.engine.begin() as connection:
        connection.execute(text("UPDATE case_photos SET data = :html"), {"html": samples.HTML_AS_JPG})
    response = await signed_in.client.get(f"/staff/photos/{KEY}")
    assert response.status == 404
    assert b"<script>" not in await response.read()


@pytest.mark.parametrize(
    "path",
    [f"/staff/photos/{'x' * 22}", "/staff/photos/short", f"/staff/photos/{KEY}.jpg", f"/staff/photos/{KEY}/x"],
)
async def test_a_key_that_names_no_photo_is_not_found(signed_in, desk, repair, path):
    _kept(desk)
    response = await signed_in.client.get(path, allow_redirects=False)
    assert response.status == 404


async def test_a_photo_still_waiting_for_its_case_is_shown_to_no_one(signed_in, desk):
    _kept(desk, identity=ChannelIdentity("rest", "web-" + "b" * 32))  # no case yet
    assert (await signed_in.client.get(f"/staff/photos/{KEY}")).status == 404


async def test_the_case_page_shows_the_photo_as_a_thumbnail_that_opens_it(signed_in, desk, repair):
    _kept(desk)
    page = await (await signed_in.client.get(f"/staff/cases/{repair.reference}")).text()
    assert (
        f'<a class="photo" href="/staff/photos/{KEY}"><img src="/staff/photos/{KEY}" '
        'alt="Photo the tenant sent, Fri 27 Nov 2026, 16:00: open it full size"></a>'
    ) in page
    assert "<td>Photo (JPEG)</td>" in page
    # An SMS photo beside it is still the provider's address, as a link.
    desk.cases.attach(WEB, [("https://api.twilio.com/Media/ME1", "image/png")], NOW)
    page = await (await signed_in.client.get(f"/staff/cases/{repair.reference}")).text()
    assert '<a href="https://api.twilio.com/Media/ME1" rel="noopener noreferrer">' in page


async def test_a_photo_is_shown_only_to_the_team_that_sees_its_case(team, desk):  # noqa: F811
    identity = ChannelIdentity("rest", "web-" + "c" * 32)
    asb = log_asb_report(desk, AsbRisk.LOW, "loud music", Reporter(identity.address, identity=identity), NOW)
    _kept(desk, identity=identity)
    statuses = {role: (await browser.client.get(f"/staff/photos/{KEY}")).status for role, browser in team.items()}
    assert statuses == {
        StaffRole.CONTACT_CENTRE: 404,
        StaffRole.ASB_TEAM: 200,
        StaffRole.SAFEGUARDING: 404,
        StaffRole.COMPLAINTS: 404,
        StaffRole.ADMIN: 200,
    }
    assert [e.kind for e in desk.cases.events(asb.reference)].count(VIEWED) == 0


async def test_a_domestic_abuse_photo_is_safeguardings_alone_and_every_showing_is_in_the_history(team, desk):  # noqa: F811
    identity = ChannelIdentity("rest", "web-" + "d" * 32)
    reporter = Reporter(identity.address, identity=identity)
    case = log_domestic_abuse(desk, "my partner threatens me", "text after 6pm", reporter, NOW)
    _kept(desk, identity=identity)
    statuses = {role: (await browser.client.get(f"/staff/photos/{KEY}")).status for role, browser in team.items()}
    assert [role for role, status in statuses.items() if status == 200] == [StaffRole.SAFEGUARDING]
    views = [(e.actor, e.detail) for e in desk.cases.events(case.reference) if e.kind == VIEWED]
    assert views == [("staff:safeguarding", {"photo": True})]
    page = await (await team[StaffRole.SAFEGUARDING].client.get(f"/staff/cases/{case.reference}")).text()
    assert "Viewed a photo sent with the case" in page


async def test_a_disabled_account_sees_no_photo(client, desk, repair):
    _kept(desk)
    accounts = StaffAccounts(desk.cases.engine)
    accounts.create("bob", PASSWORD, NOW, role=StaffRole.ADMIN)
    assert (await sign_in(client, username="bob")).status == 303
    browser = SignedIn(client, csrf_token(await (await client.get("/staff/")).text()))
    assert (await browser.client.get(f"/staff/photos/{KEY}")).status == 200
    accounts.set_disabled("bob", True, NOW)
    response = await browser.client.get(f"/staff/photos/{KEY}", allow_redirects=False)
    assert response.status == 303
