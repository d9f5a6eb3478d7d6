"""Photos from the chat page: checked by their bytes, kept with the tenant's case as an SMS
photo is, in the conversation the session names, and thanked for as a photo alone is on SMS."""

import logging
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.cases import CaseKind, CaseStore, ChannelIdentity, NewCase
from bot.web.chat import photos
from bot.web.chat.server import COOKIE_NAME, SESSION_HEADER, create_app, sign
from bot.web.photos import EMPTY, MAX_PHOTO_BYTES, NOT_A_PHOTO, PHOTO_RECEIVED, TOO_BIG
from tests.support import photos as samples

SECRET = b"photo-test-secret"
MINE = "web-0123456789abcdef0123456789abcdef"


@pytest.fixture
async def fake_rasa():
    received = []

    async def webhook(request):
        body = await request.json()
        received.append(body)
        return web.json_response([{"recipient_id": body["sender"], "text": "noted"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    server = TestServer(app)
    await server.start_server()
    yield server, received
    await server.close()


@pytest.fixture
def store(tmp_path):
    # A file, not memory: photos are kept off the event loop, on another thread.
    return CaseStore.from_url(f"sqlite:///{tmp_path / 'cases.db'}")


@pytest.fixture
async def chat(fake_rasa, store):
    server, _ = fake_rasa
    client = TestClient(TestServer(create_app(str(server.make_url("")), secret=SECRET, cases=store)))
    await client.start_server()
    yield client
    await client.close()


def _open_case(store, conversation_id=MINE, opened_at=None):
    opened_at = opened_at or datetime.now(timezone.utc)
    return store.open(
        NewCase(
            kind=CaseKind.REPAIR,
            category="routine",
            description="the window handle has snapped",
            conversation_id=conversation_id,
            opened_at=opened_at,
            first_due_at=opened_at + timedelta(days=17),
            first_due_whole_day=True,
            identity=ChannelIdentity("rest", conversation_id),
        )
    )


def _post(chat, data, conversation_id=MINE, **headers):
    cookies = {COOKIE_NAME: sign(conversation_id, SECRET)} if conversation_id else None
    return chat.post(photos.PHOTOS_PATH, data=data, cookies=cookies, headers=headers)


async def test_a_photo_goes_with_the_tenants_newest_case_and_is_thanked_for_as_on_sms(chat, store):
    case = _open_case(store)
    response = await _post(chat, samples.JPEG, **{"Content-Type": "image/png"})  # the type the page says is ignored
    assert response.status == 200
    body = await response.json()
    assert body["messages"] == [{"text": chat.app[photos.WORDS_KEY][PHOTO_RECEIVED]}]
    assert body["session"] and body["with_person"] is None
    assert response.headers["Cache-Control"] == "no-store"
    [attachment] = store.attachments(case.reference)
    assert attachment.content_type == "image/jpeg"
    assert attachment.url == f"/staff/photos/{attachment.kept_key}"
    kept = store.kept_photo(attachment.kept_key)
    assert (kept.data, kept.reference) == (samples.JPEG, case.reference)
    assert [e.detail for e in store.events(case.reference) if e.kind == "attachment_added"] == [{"count": 1}]


def test_the_thanks_is_the_domains():
    from bot.replies import charter_facts
    from bot.charter import load_charter

    assert photos.photo_words(charter_facts(load_charter()))[PHOTO_RECEIVED].startswith(
        "Thank you, I've got your photo."
    )


async def test_a_photo_before_the_report_waits_for_the_case_the_conversation_opens(chat, store, fake_rasa):
    _, received = fake_rasa
    first = await _post(chat, samples.PNG, conversation_id=None)  # no session yet: one is begun
    assert first.status == 200
    assert COOKIE_NAME in first.cookies
    # The same conversation carries on in words, under the cookie the photo's answer set.
    await chat.post("/api/messages", json={"message": "my window handle snapped"})
    conversation_id = received[-1]["sender"]
    case = _open_case(store, conversation_id)
    assert [a.content_type for a in store.attachments(case.reference)] == ["image/png"]


async def test_the_widgets_header_token_names_the_conversation_as_for_messages(chat, store):
    case = _open_case(store)
    response = await chat.post(photos.PHOTOS_PATH, data=samples.WEBP, headers={SESSION_HEADER: sign(MINE, SECRET)})
    assert response.status == 200
    assert [a.content_type for a in store.attachments(case.reference)] == ["image/webp"]


async def test_a_forged_session_cannot_put_a_photo_on_another_tenants_case(chat, store):
    case = _open_case(store)
    forged = f"{MINE}.{'0' * 64}"
    response = await chat.post(photos.PHOTOS_PATH, data=samples.JPEG, cookies={COOKIE_NAME: forged})
    assert response.status == 200  # kept, for a new conversation of the sender's own
    assert store.attachments(case.reference) == []


@pytest.mark.parametrize(
    "data, headers, status, says",
    [
        (samples.HTML_AS_JPG, {"Content-Type": "image/jpeg"}, 415, "isn't a photo"),
        (b"", {}, 400, "empty"),
        (b"\x00\x01binary junk" * 100, {"Content-Type": "application/octet-stream"}, 415, "isn't a photo"),
        (samples.JPEG + b"\x00" * MAX_PHOTO_BYTES, {}, 413, "up to 10 MB"),
    ],
    ids=["html named .jpg", "empty", "junk", "over 10 MB"],
)
async def test_anything_but_a_photo_is_refused_saying_why_and_nothing_is_kept(chat, store, data, headers, status, says):
    case = _open_case(store)
    response = await _post(chat, data, **headers)
    assert response.status == status
    body = await response.json()
    assert says in body["error"] and "nothing has been sent" in body["error"]
    assert COOKIE_NAME not in response.cookies
    assert store.attachments(case.reference) == []


async def test_a_body_over_the_limit_is_refused_from_its_length_before_it_is_read(chat, store):
    case = _open_case(store)

    async def endless():
        for _ in range(10):
            yield b"\xff\xd8\xff" + b"\x00" * (64 * 1024)

    response = await _post(chat, endless(), **{"Content-Length": str(MAX_PHOTO_BYTES + 1)})
    assert response.status == 413
    assert store.attachments(case.reference) == []


async def test_a_streamed_body_is_refused_once_it_passes_the_limit(chat, store):
    case = _open_case(store)

    async def too_much():
        yield b"\xff\xd8\xff"
        for _ in range(MAX_PHOTO_BYTES // (1024 * 1024) + 1):
            yield b"\x00" * (1024 * 1024)

    response = await _post(chat, too_much())  # chunked: no length to go by
    assert response.status == 413
    assert store.attachments(case.reference) == []


async def test_a_photo_sent_again_under_its_id_is_kept_once(chat, store):
    case = _open_case(store)
    first = await _post(chat, samples.JPEG, **{photos.PHOTO_ID_HEADER: "photo-0001"})
    again = await _post(chat, samples.JPEG, **{photos.PHOTO_ID_HEADER: "photo-0001"})
    other = await _post(chat, samples.JPEG, **{photos.PHOTO_ID_HEADER: "photo-0002"})
    assert (first.status, again.status, other.status) == (200, 200, 200)
    assert (await first.json())["messages"] == (await again.json())["messages"]
    assert len(store.attachments(case.reference)) == 2


def test_a_photos_key_is_its_own_and_unguessable():
    keys = {
        photos.photo_key(SECRET, MINE, "photo-0001"),
        photos.photo_key(SECRET, MINE, "photo-0002"),
        photos.photo_key(SECRET, "web-" + "1" * 32, "photo-0001"),
        photos.photo_key(b"another secret", MINE, "photo-0001"),
        photos.photo_key(SECRET, MINE, None),
        photos.photo_key(SECRET, MINE, "../../etc"),  # not an id: a random key
    }
    assert len(keys) == 6 and all(len(k) == 22 for k in keys)
    assert photos.photo_key(SECRET, MINE, "photo-0001") == photos.photo_key(SECRET, MINE, "photo-0001")


async def test_a_conversation_may_send_so_many_photos_a_day(chat, store, monkeypatch):
    monkeypatch.setattr(photos, "PHOTOS_A_DAY", 2)
    case = _open_case(store)
    statuses = [(await _post(chat, samples.GIF)).status for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert len(store.attachments(case.reference)) == 2


async def test_a_photo_that_cannot_be_kept_is_a_failure_to_retry(chat, store, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "attach", broken)
    response = await _post(chat, samples.JPEG)
    assert response.status == 503
    assert "Retry" in (await response.json())["error"]


async def test_the_log_says_what_happened_and_nothing_of_the_photo_or_who_sent_it(chat, store, caplog):
    _open_case(store)
    with caplog.at_level(logging.INFO, logger="bot.web.chat"):
        await _post(chat, samples.JPEG)
        await _post(chat, samples.HTML_AS_JPG)
    said = [r.getMessage() for r in caplog.records if r.name.startswith("bot.web.chat")]
    assert said == [
        f"a web chat photo was kept (image/jpeg, {len(samples.JPEG)} bytes)",
        "a web chat photo was refused: not a photo",
    ]
    assert not any(MINE in line or "script" in line for line in said)


@pytest.mark.parametrize("query", ["", "?embedded=1"])
async def test_the_page_and_the_widgets_frame_offer_a_photo_with_its_limit_in_the_servers_words(chat, query):
    import html
    import re

    response = await chat.get("/" + query)
    page = await response.text()
    control = re.search(r'<input type="file" id="photo"[^>]*>', page).group(0)
    assert 'accept="image/*"' in control and 'aria-describedby="photo-hint"' in control
    assert f'data-max-bytes="{MAX_PHOTO_BYTES}"' in control
    said = chat.app[photos.WORDS_KEY]
    for name, refusal in (("empty", EMPTY), ("too-big", TOO_BIG), ("not-a-photo", NOT_A_PHOTO)):
        assert f'data-{name}="{html.escape(said[refusal])}"' in control
    assert '<label for="photo">Add a photo</label>' in page
    assert "Photos can be up to 10 MB each" in " ".join(page.split())
    # The tenant's own photo is shown from the browser's memory (blob:), and nothing else new.
    policy = dict(part.split(None, 1) for part in response.headers["Content-Security-Policy"].split("; "))
    assert policy["img-src"] == "'self' blob:"
