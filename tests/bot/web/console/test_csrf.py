"""Every POST from a signed-in browser needs the session's CSRF token; without it, 403 and no change."""

import pytest

from bot.charter import RepairPriority
from bot.intake import log_repair
from tests.bot.web.console.conftest import NOW


@pytest.fixture
def reference(desk):
    return log_repair(desk, RepairPriority.ROUTINE, "dripping tap", "tenant-1", NOW).reference


@pytest.mark.parametrize("token", [False, "", "wrong-token"], ids=["missing", "empty", "wrong"])
@pytest.mark.parametrize("action", ["progress", "complete"])
async def test_a_case_form_without_the_right_token_is_refused(signed_in, desk, reference, token, action):
    response = await signed_in.post(f"/staff/cases/{reference}/{action}", token=token, note="done it")
    assert response.status == 403
    assert "did not come from the console" in await response.text()
    assert [event.kind for event in desk.cases.events(reference)] == ["opened"]
    assert desk.cases.find(reference).status == "open"


async def test_another_sessions_token_does_not_work(signed_in, desk, reference):
    from tests.bot.web.console.conftest import sign_in

    other_token = signed_in.token
    # Signing in again (a new session) makes the old token worthless.
    signed_in.client.session.cookie_jar.clear()
    assert (await sign_in(signed_in.client)).status == 303
    response = await signed_in.post(f"/staff/cases/{reference}/progress", token=other_token, note="done it")
    assert response.status == 403
    assert [event.kind for event in desk.cases.events(reference)] == ["opened"]


async def test_signing_out_needs_the_token_too(signed_in):
    refused = await signed_in.post("/staff/logout", token=False)
    assert refused.status == 403
    assert (await signed_in.client.get("/staff/", allow_redirects=False)).status == 200
