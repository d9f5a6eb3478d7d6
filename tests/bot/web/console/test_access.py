"""Without a signed-in session the console shows nothing: pages redirect to the sign-in page and
anything under /api/ answers 401. Nothing about any case is in either answer."""

import pytest

from bot.charter import RepairPriority
from bot.web.console.app import SESSION_COOKIE
from bot.intake import log_repair
from tests.bot.web.console.conftest import NOW

SECRET_DESCRIPTION = "water pouring through the ceiling at flat 7"


@pytest.fixture
def reference(desk):
    return log_repair(desk, RepairPriority.EMERGENCY, SECRET_DESCRIPTION, "tenant-1", NOW).reference


ROUTES = [
    # (method, path, expected status, where a browser is sent)
    ("GET", "/staff", 303, "/staff/"),
    ("GET", "/staff/", 303, "/staff/login"),
    ("GET", "/staff/cases", 303, "/staff/login"),
    ("GET", "/staff/cases/{ref}", 303, "/staff/login"),
    ("GET", "/staff/cases/REP-2026-999999", 303, "/staff/login"),
    ("GET", "/staff/report", 303, "/staff/login"),
    ("GET", "/staff/handoffs", 303, "/staff/login"),
    ("GET", "/staff/report?from=2026-11-01&to=2026-11-30", 303, "/staff/login"),
    ("GET", "/staff/no-such-page", 303, "/staff/login"),
    ("GET", "/staff/api/cases", 401, None),
    ("GET", "/staff/api/anything", 401, None),
    ("GET", "/staff/api", 401, None),
    ("POST", "/staff/api/anything", 401, None),
    ("POST", "/staff/cases/{ref}/progress", 303, "/staff/login"),
    ("POST", "/staff/cases/{ref}/complete", 303, "/staff/login"),
    ("POST", "/staff/logout", 303, "/staff/login"),
]


@pytest.mark.parametrize("cookie", [None, "made-up-session-id"], ids=["no-cookie", "forged-cookie"])
@pytest.mark.parametrize("method, path, status, location", ROUTES)
async def test_nothing_is_revealed_without_a_session(client, desk, reference, method, path, status, location, cookie):
    cookies = {SESSION_COOKIE: cookie} if cookie else None
    response = await client.request(
        method,
        path.format(ref=reference),
        cookies=cookies,
        allow_redirects=False,
        data={"note": "x", "csrf_token": "x"} if method == "POST" else None,
    )
    body = await response.text()
    assert response.status == status
    if location:
        assert response.headers["Location"] == location
    else:
        assert response.content_type == "application/json"
    assert reference not in body and SECRET_DESCRIPTION not in body
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    # Nothing changed either.
    assert [event.kind for event in desk.cases.events(reference)] == ["opened"]
    assert desk.cases.find(reference).status == "open"


async def test_the_sign_in_page_and_its_stylesheet_need_no_session(client):
    assert (await client.get("/staff/login")).status == 200
    css = await client.get("/staff/static/console.css")
    assert css.status == 200 and css.content_type == "text/css"
