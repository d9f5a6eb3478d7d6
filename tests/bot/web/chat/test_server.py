"""The chat page's server, against a fake Rasa that records who each message came from."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

import re

from bot.web.chat.server import (
    COOKIE_NAME,
    MAX_MESSAGE_CHARS,
    SESSION_HEADER,
    STATIC_DIR,
    create_app,
    sign,
    verified_conversation_id,
)

SECRET = b"test-secret"


@pytest.fixture
async def fake_rasa():
    received = []

    async def webhook(request):
        body = await request.json()
        received.append(body)
        return web.json_response(
            [
                {
                    "recipient_id": body["sender"],
                    "text": f"echo: {body['message']}",
                    "buttons": [{"title": "Yes", "payload": "/affirm"}],
                },
            ]
        )

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    server = TestServer(app)
    await server.start_server()
    yield server, received
    await server.close()


@pytest.fixture
async def chat(fake_rasa):
    server, _ = fake_rasa
    client = TestClient(TestServer(create_app(str(server.make_url("")), secret=SECRET)))
    await client.start_server()
    yield client
    await client.close()


async def test_the_page_is_served_with_the_charters_emergency_numbers(chat):
    from bot.charter import load_charter

    response = await chat.get("/")
    page = await response.text()
    assert response.status == 200
    assert "Exit this page" in page
    numbers = load_charter().emergency_numbers
    assert numbers.gas.number in page and numbers.emergency_services.number in page
    assert "{{" not in page
    # The server's limit is shown, and counted by the page; no maxlength attribute cuts a long paste silently.
    assert f'data-max-chars="{MAX_MESSAGE_CHARS}"' in page
    assert f"up to {MAX_MESSAGE_CHARS} characters" in page
    assert "maxlength=" not in page


async def test_a_message_is_forwarded_under_a_server_issued_conversation_id(chat, fake_rasa):
    _, received = fake_rasa
    first = await chat.post("/api/messages", json={"message": "hello"})
    assert first.status == 200
    assert (await first.json())["messages"] == [
        {"text": "echo: hello", "buttons": [{"title": "Yes", "payload": "/affirm"}]}
    ]
    await chat.post("/api/messages", json={"message": "again"})
    assert received[0]["sender"] == received[1]["sender"]
    assert received[0]["sender"].startswith("web-")


async def test_a_forged_cookie_cannot_post_as_another_tenant(chat, fake_rasa):
    _, received = fake_rasa
    victim = "web-0123456789abcdef0123456789abcdef"
    forged = f"{victim}.{'0' * 64}"
    response = await chat.post("/api/messages", json={"message": "hi"}, cookies={COOKIE_NAME: forged})
    assert response.status == 200
    assert received[-1]["sender"] != victim
    assert COOKIE_NAME in response.cookies


async def test_a_validly_signed_cookie_keeps_its_conversation(chat, fake_rasa):
    _, received = fake_rasa
    mine = "web-feedfacefeedfacefeedfacefeedface"
    await chat.post("/api/messages", json={"message": "hi"}, cookies={COOKIE_NAME: sign(mine, SECRET)})
    assert received[-1]["sender"] == mine


@pytest.mark.parametrize(
    "body, status, says",
    [
        ({"message": ""}, 400, "type a message"),
        ({"message": "   "}, 400, "type a message"),
        ({"nothing": 1}, 400, "type a message"),
        (["not", "an", "object"], 400, "type a message"),
        ({"message": "x" * (MAX_MESSAGE_CHARS + 1)}, 413, "nothing has been sent"),
    ],
)
async def test_bad_input_gets_a_clear_answer_and_reaches_no_one(chat, fake_rasa, body, status, says):
    _, received = fake_rasa
    response = await chat.post("/api/messages", json=body)
    assert response.status == status
    assert says in (await response.json())["error"]
    assert received == []


async def test_a_body_that_is_not_json_gets_a_clear_answer(chat):
    response = await chat.post("/api/messages", data=b"\x00\xff binary", headers={"Content-Type": "application/json"})
    assert response.status == 400


@pytest.mark.parametrize(
    "body, status, says",
    [
        # Over the server's 64 KiB body limit: still the page's own JSON answer, not aiohttp's text.
        (b'{"message": "' + b"x" * 100_000 + b'"}', 413, "nothing has been sent"),
        # Nested too deep for the JSON reader (RecursionError, which is not a ValueError).
        (b"[" * 30_000 + b"]" * 30_000, 400, "could not be read"),
        (b'{"message": ' + b"[" * 30_000 + b"]" * 30_000 + b"}", 400, "could not be read"),
    ],
)
async def test_a_body_too_big_or_too_deep_gets_a_clear_json_answer(chat, fake_rasa, body, status, says):
    _, received = fake_rasa
    response = await chat.post("/api/messages", data=body, headers={"Content-Type": "application/json"})
    assert response.status == status
    assert says in (await response.json())["error"]
    assert received == []


async def test_a_lone_surrogate_reaches_rasa_as_the_replacement_character(chat, fake_rasa):
    """Valid JSON can carry "\\ud800", which is no character; Rasa could not read it, and the
    tenant would hear nothing."""
    _, received = fake_rasa
    response = await chat.post(
        "/api/messages",
        data=b'{"message": "tap \\ud800 drip \\ud83d\\ude00"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 200
    assert received[-1]["message"] == "tap \ufffd drip \U0001f600"


async def test_when_rasa_is_down_the_tenant_is_told_to_try_again():
    client = TestClient(TestServer(create_app("http://127.0.0.1:1", secret=SECRET)))
    await client.start_server()
    try:
        response = await client.post("/api/messages", json={"message": "hello"})
        assert response.status == 503
        assert "try again" in (await response.json())["error"]
    finally:
        await client.close()


async def _first_cookie(chat):
    response = await chat.post("/api/messages", json={"message": "hello"})
    return response.cookies[COOKIE_NAME].value


async def test_a_retried_message_gets_the_same_reply_and_reaches_rasa_once(chat, fake_rasa):
    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    body = {"message": "my tap is leaking", "message_id": "msg-0123456789"}
    first = await chat.post("/api/messages", json=body, cookies={COOKIE_NAME: cookie})
    again = await chat.post("/api/messages", json=body, cookies={COOKIE_NAME: cookie})
    assert await first.json() == await again.json()
    assert [r["message"] for r in received].count("my tap is leaking") == 1


async def test_a_retry_arriving_while_the_first_is_still_with_rasa_waits_for_its_answer(chat, fake_rasa):
    import asyncio

    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    body = {"message": "no heating", "message_id": "msg-concurrent-1"}
    replies = await asyncio.gather(
        *[chat.post("/api/messages", json=body, cookies={COOKIE_NAME: cookie}) for _ in range(3)]
    )
    assert len({str(await r.json()) for r in replies}) == 1
    assert [r["message"] for r in received].count("no heating") == 1


async def test_different_messages_are_different_turns(chat, fake_rasa):
    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    for n in range(2):
        await chat.post(
            "/api/messages", json={"message": "yes", "message_id": f"msg-different-{n}"}, cookies={COOKIE_NAME: cookie}
        )
    assert [r["message"] for r in received].count("yes") == 2


async def test_the_page_links_its_icon_and_the_browsers_default_request_finds_it(chat):
    page = await (await chat.get("/")).text()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    icon = await chat.get("/static/favicon.svg")
    assert icon.status == 200 and icon.content_type == "image/svg+xml"
    assert (await icon.text()).startswith("<svg ")
    # Pages that link no icon (the staff console's) get the same one, not a 404.
    default = await chat.get("/favicon.ico", allow_redirects=False)
    assert default.status == 301 and default.headers["Location"] == "/static/favicon.svg"
    safety = await (await chat.get("/browsing-safely")).text()
    assert 'href="/static/favicon.svg"' in safety


# --- The widget, and the session token for a frame without cookies -----------------------


async def test_the_widget_script_is_served_as_javascript_to_any_site(chat):
    response = await chat.get("/widget.js")
    assert response.status == 200
    assert response.content_type == "text/javascript"
    assert response.charset == "utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    script = await response.text()
    assert "document.currentScript" in script
    assert "/?embedded=1" in script


async def test_a_reply_carries_the_signed_session_token(chat, fake_rasa):
    _, received = fake_rasa
    response = await chat.post("/api/messages", json={"message": "hello"})
    body = await response.json()
    assert verified_conversation_id(body["session"], SECRET) == received[-1]["sender"]
    assert response.cookies[COOKIE_NAME].value == body["session"]  # the plain page's cookie still set
    assert response.headers["Cache-Control"] == "no-store"


async def test_the_token_in_the_header_keeps_the_conversation_without_cookies(chat, fake_rasa):
    _, received = fake_rasa
    token = (await (await chat.post("/api/messages", json={"message": "hello"})).json())["session"]
    chat.session.cookie_jar.clear()  # as in a third-party frame, whose cookies the browser blocks
    response = await chat.post("/api/messages", json={"message": "again"}, headers={SESSION_HEADER: token})
    assert response.status == 200
    assert received[-1]["sender"] == received[-2]["sender"]
    assert (await response.json())["session"] == token
    assert COOKIE_NAME not in response.cookies  # nothing new to set


async def test_a_valid_header_token_is_the_conversation_even_beside_another_cookie(chat, fake_rasa):
    _, received = fake_rasa
    mine = "web-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    other = "web-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    await chat.post(
        "/api/messages",
        json={"message": "hi"},
        headers={SESSION_HEADER: sign(mine, SECRET)},
        cookies={COOKIE_NAME: sign(other, SECRET)},
    )
    assert received[-1]["sender"] == mine


def _tampered(token: str) -> str:
    """The token with its last character changed (always changed: a signature may end in "0")."""
    return token[:-1] + ("1" if token.endswith("0") else "0")


@pytest.mark.parametrize(
    "forge",
    [
        lambda victim: f"{victim}.{'0' * 64}",  # made-up signature
        lambda victim: sign(victim, b"another-secret"),  # signed with another key
        lambda victim: _tampered(sign(victim, SECRET)),  # tampered signature
        lambda victim: "web-1" + sign(victim, SECRET)[5:],  # tampered id, old signature
        lambda victim: victim,  # just an id
        lambda victim: f"{victim}.{sign(victim, SECRET).split('.')[1]}.x",
        lambda victim: "",
    ],
)
async def test_a_forged_header_token_starts_a_new_conversation(chat, fake_rasa, forge):
    _, received = fake_rasa
    victim = "web-0123456789abcdef0123456789abcdef"
    # A valid cookie beside it changes nothing: a page that sends a token is judged by it alone.
    mine = "web-feedfacefeedfacefeedfacefeedface"
    response = await chat.post(
        "/api/messages",
        json={"message": "hi", "message_id": "msg-forged-01"},
        headers={SESSION_HEADER: forge(victim)},
        cookies={COOKIE_NAME: sign(mine, SECRET)},
    )
    assert response.status == 200
    sender = received[-1]["sender"]
    assert sender not in (victim, mine) and sender.startswith("web-")
    assert all(r["sender"] != victim for r in received)
    body = await response.json()
    assert verified_conversation_id(body["session"], SECRET) == sender
    assert response.cookies[COOKIE_NAME].value == body["session"]


async def test_a_retry_with_the_header_token_reaches_rasa_once(chat, fake_rasa):
    _, received = fake_rasa
    token = (await (await chat.post("/api/messages", json={"message": "hello"})).json())["session"]
    chat.session.cookie_jar.clear()
    body = {"message": "the boiler is broken", "message_id": "msg-header-retry"}
    first = await chat.post("/api/messages", json=body, headers={SESSION_HEADER: token})
    again = await chat.post("/api/messages", json=body, headers={SESSION_HEADER: token})
    assert await first.json() == await again.json()
    assert [r["message"] for r in received].count("the boiler is broken") == 1


# --- What may frame the page, and what may run in it --------------------------------------


def _policy(response):
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


async def test_the_plain_page_may_only_be_framed_by_itself(chat):
    response = await chat.get("/")
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert policy["script-src"] == ["'self'"]
    assert 'data-embedded="0"' in await response.text()


@pytest.mark.parametrize("query", ["?embedded=1", "?embedded=1&x=2"])
async def test_the_embedded_page_may_be_framed_by_any_site(chat, query):
    response = await chat.get("/" + query)
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response.headers
    assert policy["script-src"] == ["'self'"]
    assert 'data-embedded="1"' in await response.text()


@pytest.mark.parametrize("query", ["?embedded=0", "?embedded=yes", "?embedded="])
async def test_anything_else_is_the_plain_page(chat, query):
    response = await chat.get("/" + query)
    assert _policy(response)["frame-ancestors"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


async def test_the_page_has_no_inline_script_or_style_for_the_policy_to_block(chat):
    page = await (await chat.get("/?embedded=1")).text()
    assert all(' src="/static/' in tag for tag in re.findall(r"<script[^>]*>", page))
    assert re.findall(r"<script[^>]*>(?!</script>)", page) == []
    assert re.search(r"\son[a-z]+\s*=", page) is None
    assert re.search(r"\sstyle\s*=|<style", page) is None


# --- Accessibility of the page's markup and colours ---------------------------------------


async def test_every_control_is_labelled_and_the_log_is_announced(chat):
    page = await (await chat.get("/")).text()
    for control in re.findall(r'<(?:textarea|input|select)[^>]*\sid="([^"]+)"', page):
        assert f'<label for="{control}">' in page
    # The log opens with the greeting (test_greeting.py), then the messages.
    assert re.search(r'role="log" aria-live="polite" aria-label="Conversation">\s*<div class="greeting">', page)
    assert re.search(r'</div>\s*</div>\s*<ol id="log" class="log"></ol>\s*</div>', page)
    assert re.search(r'<button type="button" id="retry" class="retry" hidden>Retry</button>', page)
    assert re.search(r'<textarea id="message"[^>]*aria-describedby="message-limit"', page)
    assert re.search(r'id="typing"[^>]*role="status"', page)
    assert re.search(r'id="quick-exit"[^>]*><span class="visually-hidden">Emergency</span> Exit this page</a>', page)


def _hex(colour):
    colour = colour.strip().lower()
    match = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", colour)
    assert match, f"use a hex colour the contrast test can read, not {colour!r}"
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def _luminance(rgb):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background):
    """WCAG 2's contrast ratio of two hex colours."""
    lighter, darker = sorted((_luminance(_hex(foreground)), _luminance(_hex(background))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey


def text_colour_pairs(css):
    """(selector, text colour, background) for every rule that sets either: a rule that sets
    only one has the other from the page (body), as it does in the browser for these rules."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selectors, block in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in block.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip()] = value.strip()
        rules.append((selectors.strip(), declarations))
    variables = {
        name: value
        for selectors, d in rules
        if selectors == ":root"
        for name, value in d.items()
        if name.startswith("--")
    }

    def resolve(value):
        value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], value)
        return value.replace("!important", "").strip()

    def background(declarations):
        value = declarations.get("background-color", declarations.get("background"))
        return resolve(value) if value is not None else None

    page = dict(next((d for s, d in rules if s == "body"), {}))
    page_text = resolve(page.get("color", "#000000"))
    page_background = background(page) or "#ffffff"
    pairs = []
    for selectors, declarations in rules:
        text = resolve(declarations["color"]) if "color" in declarations else None
        behind = background(declarations)
        if text is None and behind is None:
            continue
        pairs.append((selectors, text or page_text, behind or page_background))
    return pairs


def _widget_css():
    script = (STATIC_DIR / "widget.js").read_text()
    block = re.search(r"var CSS = \[(.*?)\]\.join", script, flags=re.S).group(1)
    return "\n".join(re.findall(r'"([^"]*)"', block))


@pytest.mark.parametrize("name", ["chat.css", "widget.js"])
def test_text_colours_meet_wcag_aa_contrast(name):
    css = _widget_css() if name == "widget.js" else (STATIC_DIR / name).read_text()
    pairs = text_colour_pairs(css)
    assert len(pairs) >= 3, f"found too few colour pairs in {name} to have checked it"
    failing = [
        (selector, text, behind, round(contrast(text, behind), 2))
        for selector, text, behind in pairs
        if contrast(text, behind) < 4.5
    ]
    assert failing == []


def test_the_contrast_check_reads_the_pairs_the_page_shows():
    pairs = {
        selector: (text, behind) for selector, text, behind in text_colour_pairs((STATIC_DIR / "chat.css").read_text())
    }
    assert pairs[".quick-exit"] == ("#ffffff", "#b00020")
    assert pairs[".log .tenant"] == ("#ffffff", "#00558a")
    assert pairs[".notice"] == ("#1b1b1b", "#fff4ce")
    assert pairs[".typing"] == ("#444444", "#ffffff")
    assert contrast("#ffdd00", "#00558a") >= 3  # the focus ring against the header's blue


def test_text_sizes_are_in_rem_so_they_follow_the_browsers_font_size():
    css = (STATIC_DIR / "chat.css").read_text() + _widget_css()
    sizes = re.findall(r"font-size:\s*([^;}]+)", css)
    assert sizes and all(re.fullmatch(r"[\d.]+rem|100%", size.strip()) for size in sizes), sizes
    assert "px" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S).replace("0px", "")


# --- while a person has the conversation -----------------------------------------------------


@pytest.fixture
async def chat_with_handoffs(fake_rasa):
    from datetime import datetime, timezone

    from bot.cases import CaseStore
    from bot.handoff import Handoffs

    server, _ = fake_rasa
    handoffs = Handoffs(CaseStore.from_url("sqlite://").engine)
    client = TestClient(TestServer(create_app(str(server.make_url("")), secret=SECRET, handoffs=handoffs)))
    await client.start_server()
    yield client, handoffs, datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)
    await client.close()


async def test_staff_messages_reach_only_their_own_conversation_and_each_once(chat_with_handoffs):
    from bot.handoff import HandoffReason

    chat, handoffs, now = chat_with_handoffs
    mine, theirs = "web-" + "a" * 32, "web-" + "b" * 32
    handoff = handoffs.request(mine, "rest", HandoffReason.ASKED, now)
    other = handoffs.request(theirs, "rest", HandoffReason.ASKED, now)
    handoffs.record_message(other, "sam", "for someone else", now)
    first = handoffs.record_message(handoff, "sam", "<b>Hello</b>, this is Sam.", now)
    headers = {SESSION_HEADER: sign(mine, SECRET)}

    body = await (await chat.get("/api/updates", headers=headers)).json()
    assert body == {
        "messages": [{"id": first.id, "text": "<b>Hello</b>, this is Sam.", "from": "staff"}],
        "with_person": "waiting",
        "case_updates": [],
    }
    later = await (await chat.get(f"/api/updates?after={first.id}", headers=headers)).json()
    assert later["messages"] == []

    handoffs.hand_back(mine, now)
    handoffs.record_message(handoff, None, "You're back with the assistant now.", now)
    last = await (await chat.get(f"/api/updates?after={first.id}", headers=headers)).json()
    assert last["messages"][0]["from"] == "assistant" and last["with_person"] is None


async def test_the_reply_to_a_message_says_when_a_person_has_the_conversation(chat_with_handoffs):
    from bot.handoff import HandoffReason

    chat, handoffs, now = chat_with_handoffs
    mine = "web-" + "c" * 32
    headers = {SESSION_HEADER: sign(mine, SECRET)}
    assert (await (await chat.post("/api/messages", json={"message": "hi"}, headers=headers)).json())[
        "with_person"
    ] is None
    handoffs.request(mine, "rest", HandoffReason.ASKED, now)
    handoffs.take(mine, "sam")
    body = await (await chat.post("/api/messages", json={"message": "hi"}, headers=headers)).json()
    assert body["with_person"] == "with_staff"


@pytest.mark.parametrize("headers", [{}, {SESSION_HEADER: "web-" + "a" * 32 + "." + "0" * 64}])
async def test_updates_without_a_valid_session_reveal_nothing(chat_with_handoffs, headers):
    from bot.handoff import HandoffReason

    chat, handoffs, now = chat_with_handoffs
    handoff = handoffs.request("web-" + "a" * 32, "rest", HandoffReason.ASKED, now)
    handoffs.record_message(handoff, "sam", "private", now)
    body = await (await chat.get("/api/updates", headers=headers)).json()
    assert body == {"messages": [], "with_person": None, "case_updates": []}


async def test_news_of_the_tenants_cases_reaches_their_own_web_chat_once(chat_with_handoffs):
    from bot.cases import ChannelIdentity
    from bot.charter import RepairPriority
    from bot.intake import Desk, Reporter, log_repair
    from bot.charter import load_charter
    from bot.cases import CaseStore
    from bot.updates import Outcome, UpdateKind, Updates, UpdateStatus
    from bot.working_days import WorkingCalendar

    chat, handoffs, now = chat_with_handoffs
    charter = load_charter()
    desk = Desk(charter, WorkingCalendar.from_charter(charter), CaseStore(handoffs.engine))
    mine, theirs = "web-" + "e" * 32, "web-" + "f" * 32
    reference = log_repair(
        desk, RepairPriority.ROUTINE, "tap", Reporter(mine, ChannelIdentity("rest", mine)), now
    ).reference
    updates = Updates(handoffs.engine)
    updates.add(reference, UpdateKind.COMPLETED, "k", f"Your repair {reference} is done.", now)
    [update] = updates.claim(now, "w")
    updates.record(update.id, Outcome(UpdateStatus.IN_CHAT, "kept"), now)
    other = await (await chat.get("/api/updates", headers={SESSION_HEADER: sign(theirs, SECRET)})).json()
    assert other["case_updates"] == []
    headers = {SESSION_HEADER: sign(mine, SECRET)}
    body = await (await chat.get("/api/updates", headers=headers)).json()
    assert body["case_updates"] == [f"Your repair {reference} is done."]
    assert (await (await chat.get("/api/updates", headers=headers)).json())["case_updates"] == []


async def test_updates_with_a_bad_cursor_get_a_clear_answer(chat_with_handoffs):
    chat, _, _ = chat_with_handoffs
    response = await chat.get("/api/updates?after=abc", headers={SESSION_HEADER: sign("web-" + "d" * 32, SECRET)})
    assert response.status == 400


async def test_the_message_id_goes_to_rasa_with_the_message(chat, fake_rasa):
    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    await chat.post(
        "/api/messages", json={"message": "my tap drips", "message_id": "msg-0123456789"}, cookies={COOKIE_NAME: cookie}
    )
    assert received[-1]["message_id"] == "msg-0123456789"


async def test_a_message_the_page_sends_again_is_marked_as_resent_for_rasa(chat, fake_rasa):
    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    await chat.post(
        "/api/messages",
        json={"message": "my tap drips", "message_id": "msg-9876543210", "resent": True},
        cookies={COOKIE_NAME: cookie},
    )
    assert received[-1]["resent"] is True
    await chat.post(
        "/api/messages", json={"message": "hello", "message_id": "msg-1111111111"}, cookies={COOKIE_NAME: cookie}
    )
    assert received[-1]["resent"] is False


# --- quick exit and session lifetime ---------------------------------------------------------


async def test_after_the_quick_exit_neither_the_token_nor_the_cookie_opens_the_conversation(chat, fake_rasa):
    _, received = fake_rasa
    first = await chat.post("/api/messages", json={"message": "my partner hits me"})
    token, cookie = (await first.json())["session"], first.cookies[COOKIE_NAME].value
    ended = await chat.post("/api/exit", headers={SESSION_HEADER: token})
    assert ended.status == 200 and ended.cookies[COOKIE_NAME].value == ""
    for carried in ({"headers": {SESSION_HEADER: token}}, {"cookies": {COOKIE_NAME: cookie}}):
        await chat.post("/api/messages", json={"message": "hello"}, **carried)
        assert received[-1]["sender"] != received[0]["sender"]


async def test_a_token_older_than_its_lifetime_starts_a_new_conversation(chat, fake_rasa):
    import time

    from bot.web.chat.sessions import LIFETIME_SECONDS

    _, received = fake_rasa
    old = sign("web-" + "e" * 32, SECRET, issued=int(time.time()) - LIFETIME_SECONDS - 5)
    await chat.post("/api/messages", json={"message": "hello"}, headers={SESSION_HEADER: old})
    assert received[-1]["sender"] != "web-" + "e" * 32
    fresh = sign("web-" + "e" * 32, SECRET)
    await chat.post("/api/messages", json={"message": "hello"}, headers={SESSION_HEADER: fresh})
    assert received[-1]["sender"] == "web-" + "e" * 32


@pytest.mark.parametrize("after", ["99999999999999999999999", "-1", "2147483648"])
async def test_updates_with_a_cursor_out_of_range_get_a_clear_answer(chat_with_handoffs, after):
    chat, _, _ = chat_with_handoffs
    response = await chat.get(f"/api/updates?after={after}", headers={SESSION_HEADER: sign("web-" + "d" * 32, SECRET)})
    assert response.status == 400 and "error" in await response.json()
