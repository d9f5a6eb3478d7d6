"""A tenant sends a photo from the chat page, in headless Chromium (issue 17): chosen with the
page's real file input, shown in the conversation as sent, thanked for, refused in plain words
when it is no photo or too big, and sent again by Retry when the connection failed.

Most tests put the page in front of a fake Rasa and a case store of their own. The last reports
a repair in words to the trained assistant with a photo during the report and one after it,
and a member of staff, signed in to the console, sees both on that case's page.
"""

import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.cases import CaseKind, CaseStore, ChannelIdentity, NewCase
from bot.charter import load_charter
from bot.replies import charter_facts
from bot.web import photos as photo_words
from bot.web.chat import photos as chat_photos
from bot.web.console.accounts import StaffAccounts
from bot.web.photos import MAX_PHOTO_BYTES
from tests.e2e.browser import bot_says
from tests.e2e.fake_rasa import chat_page_before
from tests.e2e.test_accessibility import axe_source, violations  # noqa: F401 - a fixture
from tests.support import photos as samples

pytestmark = pytest.mark.e2e

THANKS = "Thank you, I've got your photo."
RECEIVED = []
# What the page says of photos: the domain's words, as the server fills them in.
WORDS = chat_photos.photo_words(charter_facts(load_charter()))


@pytest.fixture(autouse=True)
def nothing_received():
    RECEIVED.clear()


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return CaseStore.from_url(f"sqlite:///{tmp_path_factory.mktemp('photos') / 'cases.db'}")


@pytest.fixture(scope="module")
def chat_page(cases):
    """The chat server, keeping photos in `cases`, in front of a fake Rasa, on one event loop in
    a thread of their own."""

    async def webhook(request):
        body = await request.json()
        RECEIVED.append(body)
        return web.json_response([{"recipient_id": body["sender"], "text": f"noted ({len(body['message'])})"}])

    yield from chat_page_before(webhook, b"photo-e2e-secret", cases=cases)


def _file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _choose(browser, path):
    """What choosing a file in the picker does: the input holds it, and says it changed."""
    browser.find_element(By.ID, "photo").send_keys(path)


def _conversation_id(browser):
    return browser.execute_script("return sessionStorage.getItem('tenant-chat-session')").split(".")[0]


def _tenant_items(browser):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#log li.tenant')).map(function (li) {"
        "  return [li.querySelector('.speaker').textContent, li.querySelector('.said').textContent,"
        "    li.classList.contains('not-sent')]; })"
    )


def _open_case(cases, conversation_id):
    now = datetime.now(timezone.utc)
    return cases.open(
        NewCase(
            kind=CaseKind.REPAIR,
            category="routine",
            description="the kitchen tap drips",
            conversation_id=conversation_id,
            opened_at=now,
            first_due_at=now + timedelta(days=17),
            first_due_whole_day=True,
            identity=ChannelIdentity("rest", conversation_id),
        )
    )


def test_add_a_photo_is_a_labelled_file_input_reached_by_the_keyboard(chat_page, browser):
    browser.get(chat_page)
    control = browser.find_element(By.ID, "photo")
    assert (control.tag_name, control.get_attribute("type"), control.get_attribute("accept")) == (
        "input",
        "file",
        "image/*",
    )
    label = browser.find_element(By.CSS_SELECTOR, 'label[for="photo"]')
    assert label.is_displayed() and label.text == "Add a photo"
    hint = browser.find_element(By.ID, control.get_attribute("aria-describedby")).text
    assert "up to 10 MB" in hint
    # The name a screen reader gives it is the label's.
    assert browser.execute_script("return arguments[0].labels[0].textContent", control) == "Add a photo"
    # Tab from Send comes to it, and its label shows the focus.
    browser.find_element(By.CSS_SELECTOR, ".composer button").send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "photo"
    ring = browser.execute_script("return getComputedStyle(arguments[0]).boxShadow", label)
    assert ring and ring != "none"


def test_a_chosen_photo_shows_as_sent_and_the_assistant_thanks_for_it(chat_page, browser, tmp_path, cases):
    browser.get(chat_page)
    browser.find_element(By.ID, "message").send_keys("my kitchen tap drips", Keys.ENTER)
    bot_says(browser, r"noted \(20\)")
    case = _open_case(cases, _conversation_id(browser))

    _choose(browser, _file(tmp_path, "kitchen tap.jpg", samples.JPEG))
    bot_says(browser, THANKS)
    assert _tenant_items(browser)[-1] == ["You sent: ", "Photo: kitchen tap.jpg", False]
    # The tenant sees the photo they sent; its name is beside it, so the picture says nothing more.
    thumbnail = browser.find_element(By.CSS_SELECTOR, "#log li.tenant img.thumbnail")
    assert thumbnail.get_attribute("alt") == ""
    assert browser.execute_script("return arguments[0].naturalWidth", thumbnail) == 48
    # Kept with the tenant's case; the photo went to no assistant turn.
    [attachment] = cases.attachments(case.reference)
    assert cases.kept_photo(attachment.kept_key).data == samples.JPEG
    assert [r["message"] for r in RECEIVED] == ["my kitchen tap drips"]
    # The focus is back in the box, for whatever the tenant says next.
    assert browser.switch_to.active_element.get_attribute("id") == "message"

    # A reload shows it as sent, with who sent it.
    browser.refresh()
    WebDriverWait(browser, 10).until(lambda d: len(_tenant_items(d)) == 2)
    assert _tenant_items(browser)[-1] == ["You sent: ", "Photo: kitchen tap.jpg", False]


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("kitchen.jpg", samples.HTML_AS_JPG, photo_words.NOT_A_PHOTO),
        ("notes.jpg", b"\x00\x01\x02junk" * 64, photo_words.NOT_A_PHOTO),
    ],
    ids=["a web page named .jpg", "junk named .jpg"],
)
def test_a_file_that_is_not_a_photo_is_refused_in_plain_words(chat_page, browser, tmp_path, name, data, says):
    browser.get(chat_page)
    _choose(browser, _file(tmp_path, name, data))
    words = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "error").text)
    assert words == WORDS[says]
    assert _tenant_items(browser) == [["You sent: ", f"Photo: {name}", True]]
    assert not browser.find_element(By.ID, "retry").is_displayed()  # sending it again would not help
    assert browser.find_elements(By.CSS_SELECTOR, "#log li.bot") == []


def test_a_photo_too_big_or_empty_is_refused_before_it_is_sent(chat_page, browser, tmp_path):
    browser.get(chat_page)
    _choose(browser, _file(tmp_path, "huge.jpg", samples.JPEG + b"\x00" * MAX_PHOTO_BYTES))
    assert browser.find_element(By.ID, "error").text == WORDS[photo_words.TOO_BIG]
    _choose(browser, _file(tmp_path, "empty.png", b""))
    assert browser.find_element(By.ID, "error").text == WORDS[photo_words.EMPTY]
    assert _tenant_items(browser) == []


def test_a_photo_that_could_not_be_sent_is_sent_again_by_retry_and_kept_once(chat_page, browser, tmp_path, cases):
    browser.get(chat_page)
    browser.find_element(By.ID, "message").send_keys("hello", Keys.ENTER)
    bot_says(browser, r"noted \(5\)")
    case = _open_case(cases, _conversation_id(browser))
    browser.execute_cdp_cmd("Network.enable", {})
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    try:
        _choose(browser, _file(tmp_path, "damp.png", samples.PNG))
        words = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "error").text)
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {**offline, "offline": False})
    assert words == (
        "Your photo has not been sent. We could not connect to the chat. Please check you are online, "
        "then select Retry."
    )
    assert _tenant_items(browser)[-1] == ["You sent: ", "Photo: damp.png", True]
    assert "damp.png" not in browser.execute_script("return sessionStorage.getItem('tenant-chat-transcript')")

    browser.find_element(By.ID, "retry").click()
    bot_says(browser, THANKS)
    assert _tenant_items(browser)[-1] == ["You sent: ", "Photo: damp.png", False]
    assert browser.find_element(By.ID, "error").text == ""
    assert [a.content_type for a in cases.attachments(case.reference)] == ["image/png"]


def test_the_page_with_a_photo_sent_passes_axe(chat_page, browser, tmp_path, axe_source):  # noqa: F811
    browser.get(chat_page)
    _choose(browser, _file(tmp_path, "kitchen.jpg", samples.JPEG))
    bot_says(browser, THANKS)
    assert violations(browser, axe_source) == []


# --- The whole way, with the trained assistant and the console ---------------------------------


def test_a_tenant_reports_a_repair_with_photos_and_staff_see_them_on_its_case(stack, browser, tmp_path):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    box = browser.find_element(By.ID, "message")
    box.send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    bot_says(browser, "at risk of harm")
    # A photo while the report is being taken waits for the case it is about to open.
    _choose(browser, _file(tmp_path, "handle.jpg", samples.JPEG))
    bot_says(browser, THANKS)
    for question, answer in (
        ("at risk of harm", "no its not dangerous, just annoying"),
        ("health condition", "no just me"),
        ("to get in", "no"),
        ("phone number", "its 07700 900123"),
        ("postcode", "SY7 9BW"),
        ("Shall I log it", "yes please"),
    ):
        bot_says(browser, question)
        box.send_keys(answer, Keys.ENTER)
    bot_says(browser, r"REP-\d{4}-[A-Z0-9]{8}")
    reference = browser.find_element(By.CSS_SELECTOR, "#log li.bot strong.reference").text
    # One sent after the reference goes with the case just opened.
    _choose(browser, _file(tmp_path, "window.png", samples.PNG))
    WebDriverWait(browser, 30).until(
        lambda d: sum(THANKS in li.text for li in d.find_elements(By.CSS_SELECTOR, "#log li.bot")) == 2
    )

    # A member of staff signs in and opens the case.
    name, password = f"photos{uuid.uuid4().hex[:8]}", "a long enough staff password"
    StaffAccounts(CaseStore.from_url(stack.database_url).engine).create(name, password)
    base = f"http://127.0.0.1:{stack.ports.web}/staff"
    browser.get(f"{base}/cases/{reference}")
    assert browser.current_url.endswith("/staff/login")  # nothing of the case without signing in
    browser.find_element(By.ID, "username").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(password, Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "Sign out" in d.page_source)
    browser.get(f"{base}/cases/{reference}")
    thumbnails = WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "a.photo img"))
    assert len(thumbnails) == 2
    for thumbnail in thumbnails:
        assert re.fullmatch(r"Photo the tenant sent, .+: open it full size", thumbnail.get_attribute("alt"))
        # Served to the signed-in member of staff as a picture the browser could draw.
        WebDriverWait(browser, 10).until(
            lambda d, image=thumbnail: d.execute_script("return arguments[0].complete", image)
        )
        assert browser.execute_script("return arguments[0].naturalWidth", thumbnail) == 48
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.photo")]
    types = [
        browser.execute_async_script(
            "var done = arguments[1]; fetch(arguments[0]).then(function (r) {"
            "  done([r.status, r.headers.get('content-type'), r.headers.get('x-content-type-options')]); })",
            link,
        )
        for link in links
    ]
    assert types == [[200, "image/jpeg", "nosniff"], [200, "image/png", "nosniff"]]
    history = browser.find_element(By.ID, "history").find_element(By.XPATH, "following-sibling::ol").text
    assert "1 photo or file added" in history  # the one after the case was opened
