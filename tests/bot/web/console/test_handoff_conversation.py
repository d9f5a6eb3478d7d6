"""One handed-over conversation in the console: the transcript (escaped), replying on the
tenant's channel, taking, handing back and closing, against a stand-in for Rasa's API."""

import re

import pytest

from bot.web.console.app import ConversationsConfig, create_console_app
from bot.handoff import HandoffReason, Handoffs, HandoffStatus
from tests.bot.web.console.conftest import SECRET
from tests.bot.web.console.fake_rasa_api import TOKEN

SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture
def console(desk, clock, rasa_api):
    return create_console_app(desk, SECRET, clock, ConversationsConfig(rasa_api.url, TOKEN))


@pytest.fixture
def handoff(desk, clock, rasa_api):
    rasa_api.tenant_says("whatsapp:+447700900123", "can I talk to a person")
    rasa_api.tenant_says("whatsapp:+447700900123", SCRIPT)
    return Handoffs(desk.cases.engine).request("whatsapp:+447700900123", "twilio", HandoffReason.ASKED, clock())


async def test_the_queue_links_to_each_conversation(signed_in, handoff):
    page = await (await signed_in.client.get("/staff/handoffs")).text()
    assert f'href="/staff/handoffs/{handoff.id}"' in page


async def test_the_transcript_shows_what_the_tenant_wrote_as_text(signed_in, handoff):
    page = await (await signed_in.client.get(f"/staff/handoffs/{handoff.id}")).text()
    assert "can I talk to a person" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page and "<script>alert(2)" not in page
    assert 'onerror="alert' not in page
    assert "SMS or WhatsApp" in page and "Take this conversation" in page


async def test_the_transcript_api_gives_the_lines_for_the_page_to_refresh(signed_in, handoff, rasa_api):
    rasa_api.tenant_says("whatsapp:+447700900123", "still there?")
    body = await (await signed_in.client.get(f"/staff/api/handoffs/{handoff.id}/transcript")).json()
    assert body["status"] == "waiting"
    assert [line["text"] for line in body["lines"]][-1] == "still there?"
    assert body["lines"][-1]["who"] == "Tenant"


async def test_a_reply_goes_to_the_tenants_channel_takes_the_conversation_and_is_recorded(
    signed_in, handoff, rasa_api, desk
):
    response = await signed_in.post(f"/staff/handoffs/{handoff.id}/reply", message="  Hello, this is Alice.  ")
    assert response.status == 303
    [sent] = [c for c in rasa_api.calls if c["what"] == "append"]
    assert sent["conversation"] == "whatsapp:+447700900123"
    assert sent["events"] == [{"event": "bot", "text": "Hello, this is Alice.", "metadata": {"staff": "alice"}}]
    assert sent["query"]["output_channel"] == "latest"
    handoffs = Handoffs(desk.cases.engine)
    assert handoffs.get(handoff.id).status is HandoffStatus.WITH_STAFF and handoffs.get(handoff.id).staff == "alice"
    assert [(m.author, m.text) for m in handoffs.messages_after("whatsapp:+447700900123")] == [
        ("alice", "Hello, this is Alice.")
    ]
    page = await (await signed_in.client.get(f"/staff/handoffs/{handoff.id}")).text()
    assert "Staff (alice)" in page and "Take this conversation" not in page


@pytest.mark.parametrize("message", ["", "   ", "x" * 1601])
async def test_an_empty_or_overlong_reply_is_refused_and_nothing_is_sent(signed_in, handoff, rasa_api, message):
    response = await signed_in.post(f"/staff/handoffs/{handoff.id}/reply", message=message)
    assert response.status == 400
    assert "up to 1600 characters" in await response.text()
    assert [c for c in rasa_api.calls if c["what"] == "append"] == []


async def test_when_rasa_cannot_be_reached_the_reply_is_not_recorded_as_sent(signed_in, handoff, rasa_api, desk):
    rasa_api.failing = True
    response = await signed_in.post(f"/staff/handoffs/{handoff.id}/reply", message="Hello")
    assert response.status == 503 and "was not sent" in await response.text()
    assert Handoffs(desk.cases.engine).messages_after("whatsapp:+447700900123") == []
    assert Handoffs(desk.cases.engine).get(handoff.id).status is HandoffStatus.WAITING


async def test_taking_shows_the_conversation_as_yours(signed_in, handoff, desk):
    assert (await signed_in.post(f"/staff/handoffs/{handoff.id}/take")).status == 303
    assert Handoffs(desk.cases.engine).get(handoff.id).staff == "alice"
    queue = await (await signed_in.client.get("/staff/handoffs")).text()
    assert re.search(r"<td>alice</td>", queue)


@pytest.mark.parametrize(
    "path, ending, action, event",
    [
        ("hand-back", HandoffStatus.HANDED_BACK, "utter_handed_back", "resume"),
        ("close", HandoffStatus.CLOSED, "utter_handoff_closed", "restart"),
    ],
)
async def test_handing_back_or_closing_lets_the_assistant_answer_and_tells_the_tenant(
    signed_in, handoff, rasa_api, desk, path, ending, action, event
):
    assert (await signed_in.post(f"/staff/handoffs/{handoff.id}/{path}", confirm="yes")).status == 303
    handoffs = Handoffs(desk.cases.engine)
    assert handoffs.get(handoff.id).status is ending
    assert handoffs.active("whatsapp:+447700900123") is None
    listen = {"event": "action", "name": "action_listen"}
    assert [c["events"] for c in rasa_api.calls if c["what"] == "append"] == [[{"event": event}], [listen]]
    assert [c["action"] for c in rasa_api.calls if c["what"] == "execute"] == [action]
    assert [(m.author, m.text) for m in handoffs.messages_after("whatsapp:+447700900123")] == [
        (None, f"said by {action}")
    ]
    # Done once: a second press, from a stale page, changes nothing.
    again = await signed_in.post(f"/staff/handoffs/{handoff.id}/{path}")
    assert again.status == 409 and "already been handed back or closed" in await again.text()


async def test_when_rasa_cannot_be_reached_handing_back_changes_nothing(signed_in, handoff, rasa_api, desk):
    await signed_in.post(f"/staff/handoffs/{handoff.id}/take")
    rasa_api.failing = True
    response = await signed_in.post(f"/staff/handoffs/{handoff.id}/hand-back")
    assert response.status == 503 and "Nothing was changed" in await response.text()
    kept = Handoffs(desk.cases.engine).get(handoff.id)
    assert kept.status is HandoffStatus.WITH_STAFF and kept.staff == "alice"


@pytest.mark.parametrize("path", ["take", "reply", "hand-back", "close"])
async def test_every_action_needs_the_sessions_csrf_token(signed_in, handoff, rasa_api, path):
    response = await signed_in.post(f"/staff/handoffs/{handoff.id}/{path}", token="forged", message="hi")
    assert response.status == 403
    assert rasa_api.calls == []


async def test_an_unknown_handoff_is_not_found(signed_in):
    assert (await signed_in.client.get("/staff/handoffs/999")).status == 404
    assert (await signed_in.post("/staff/handoffs/999/reply", message="hi")).status == 404


@pytest.mark.parametrize("path", ["/staff/handoffs/1", "/staff/api/handoffs/1/transcript"])
async def test_without_a_login_no_conversation_is_shown(client, handoff, path):
    response = await client.get(path, allow_redirects=False)
    assert response.status in (303, 401)
    assert "can I talk to a person" not in await response.text()


async def test_closing_needs_a_confirmation_and_then_says_it_is_done(signed_in, handoff, rasa_api, desk):
    refused = await signed_in.post(f"/staff/handoffs/{handoff.id}/close")
    assert refused.status == 400 and "Tick the box" in await refused.text()
    assert Handoffs(desk.cases.engine).get(handoff.id).active
    assert [c for c in rasa_api.calls if c["what"] != "tracker"] == []
    closed = await signed_in.post(f"/staff/handoffs/{handoff.id}/close", confirm="yes")
    assert closed.status == 303
    page = await (await signed_in.client.get(closed.headers["Location"])).text()
    assert "The conversation is closed" in page
