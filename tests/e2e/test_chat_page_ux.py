"""The chat page's conversation, as a tenant sees and hears it, in headless Chromium (issue 17).

The page is served by the real chat server; the assistant behind it is a fake Rasa that says
what each test needs (a reference, phone numbers, quick replies), so the page is what is tested.
One test at the end runs a real conversation with the trained assistant, to a real reference.
"""

import asyncio
import re
import threading
import time

import pytest
from aiohttp import web
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.limits import MAX_MESSAGE_CHARS
from tests.e2e.browser import bot_says
from tests.e2e.fake_rasa import chat_page_before
from tests.e2e.test_quick_exit import slow_exit_site  # noqa: F401 - a fixture

pytestmark = pytest.mark.e2e

REFERENCE = "REP-2026-KX7Q4MTD"
HOSTILE = '<img src=x onerror="window.pwned=1">'
NUMBERED = (
    f"Your reference is {REFERENCE}. In danger, call 999. Refuge's helpline is 0808 2000 247, "
    "Childline 0800 111 999, and our out-of-hours line is 03332 31 32 33. "
    f"You said: {HOSTILE}"
)


# What the fake Rasa was sent, and whether it fails (as a Rasa that is down or broken does).
RECEIVED = []
RASA_FAILS = threading.Event()
SLOW_SECONDS = 3  # how long the fake takes over a message that starts "slowly"


def _rasa_reply(message):
    if message == "numbers please":
        return [{"text": NUMBERED}]
    return [
        {
            "text": f"Did you mean that? ({len(message)})",
            "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        }
    ]


@pytest.fixture(autouse=True)
def fake_rasa_state():
    RECEIVED.clear()
    RASA_FAILS.clear()
    yield
    RASA_FAILS.clear()


@pytest.fixture(scope="module")
def chat_page():
    """The chat server in front of a fake Rasa, both on one event loop in a thread of their own."""

    async def webhook(request):
        body = await request.json()
        RECEIVED.append(body)
        if RASA_FAILS.is_set():
            return web.Response(status=500, text="Internal Server Error")
        if body["message"].startswith("slowly"):
            await asyncio.sleep(SLOW_SECONDS)
        return web.json_response([{"recipient_id": body["sender"], **reply} for reply in _rasa_reply(body["message"])])

    yield from chat_page_before(webhook, b"ux-test-secret")


def _say(browser, text):
    browser.find_element(By.ID, "message").send_keys(text, Keys.ENTER)


def _quick_reply_sets(browser):
    return WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#log .quick-replies"))


def test_send_reads_as_one_word_on_one_line_at_every_width(chat_page, browser):
    browser.get(chat_page)
    for width in (320, 400, 800):
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 700, "deviceScaleFactor": 1, "mobile": True},
        )
        try:
            # One line box for the button's text, and no text cut off or spilling sideways.
            lines, spills = browser.execute_script(
                "var b = document.querySelector('.composer button'), r = document.createRange();"
                "r.selectNodeContents(b);"
                "var tops = new Set(Array.from(r.getClientRects()).map(function (x) { return Math.round(x.top); }));"
                "return [tops.size, b.scrollWidth > b.clientWidth];"
            )
            assert (lines, spills) == (1, False), width
        finally:
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_conversation_is_a_log_and_every_message_says_who_said_it(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "numbers please")
    bot_says(browser, "Your reference")
    log = browser.find_element(By.CSS_SELECTOR, '[role="log"]')
    assert log.get_attribute("aria-label") == "Conversation"
    assert log.find_element(By.ID, "log").tag_name == "ol"
    speakers = browser.execute_script(
        "return Array.from(document.querySelectorAll('#log > li:not(.quick-replies)')).map(function (li) {"
        "  var s = li.querySelector('.speaker');"
        "  return [li.className, s && s.textContent, s && s.classList.contains('visually-hidden')]; })"
    )
    assert speakers == [["tenant", "You said: ", True], ["bot", "Assistant: ", True]]
    # A list holds only list items: the quick replies' group is inside one, not one itself.
    _say(browser, "hello")
    _quick_reply_sets(browser)
    assert browser.execute_script(
        "return Array.from(document.getElementById('log').children).every(function (c) {"
        "  return c.tagName === 'LI' && !c.hasAttribute('role'); })"
    )
    assert (
        browser.find_element(By.CSS_SELECTOR, '#log li.quick-replies > [role="group"]').get_attribute("aria-label")
        == "Quick replies"
    )


def test_only_the_newest_quick_replies_can_be_pressed(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "hello")
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log .quick-replies")) == 1)
    # Answered by a button: that set is disabled, and kept to read.
    browser.find_element(By.XPATH, "//*[@id='log']//button[.='Yes']").click()
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log .quick-replies")) == 2)
    # Answered by typing: the second set is disabled too.
    _say(browser, "something else")
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log .quick-replies")) == 3)
    states = [
        [(b.is_enabled(), b.get_attribute("aria-disabled")) for b in group.find_elements(By.TAG_NAME, "button")]
        for group in _quick_reply_sets(browser)
    ]
    assert states == [[(False, "true")] * 2, [(False, "true")] * 2, [(True, None)] * 2]
    # A disabled button does nothing, even clicked by a script.
    tenant_messages = len(browser.find_elements(By.CSS_SELECTOR, "#log li.tenant"))
    browser.execute_script("document.querySelector('#log .quick-replies button').click()")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#log li.tenant")) == tenant_messages


def test_references_hold_together_and_phone_numbers_can_be_tapped(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "numbers please")
    bot_says(browser, "Your reference")
    reference = browser.find_element(By.CSS_SELECTOR, "#log li.bot strong.reference")
    assert reference.text == REFERENCE
    style = browser.execute_script(
        "var s = getComputedStyle(arguments[0]); return [s.whiteSpace, s.userSelect || s.webkitUserSelect]", reference
    )
    assert style == ["nowrap", "all"]
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#log li.bot a")}
    assert links == {
        "999": "tel:999",
        "0808 2000 247": "tel:08082000247",
        "0800 111 999": "tel:0800111999",
        "03332 31 32 33": "tel:03332313233",
    }
    # The reply quoted markup: it is shown as text, and nothing in it ran.
    assert HOSTILE in browser.find_element(By.CSS_SELECTOR, "#log li.bot .said").text
    assert browser.find_elements(By.CSS_SELECTOR, "#log img") == []
    assert browser.execute_script("return window.pwned === undefined")


def test_the_tenants_own_words_are_never_made_into_links(chat_page, browser):
    browser.get(chat_page)
    _say(browser, f"my number is 0808 2000 247 and {REFERENCE}")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#log li.bot"))
    tenant = browser.find_element(By.CSS_SELECTOR, "#log li.tenant")
    assert tenant.find_elements(By.CSS_SELECTOR, "a, strong") == []


def test_the_character_limit_shows_near_it_and_nothing_is_cut_or_sent_past_it(chat_page, browser):
    browser.get(chat_page)
    box = browser.find_element(By.ID, "message")
    limit = browser.find_element(By.ID, "message-limit")
    assert limit.text == f"You can send up to {MAX_MESSAGE_CHARS} characters at a time."
    assert box.get_attribute("maxlength") is None

    def type_length(n):
        # As a paste would: the whole text at once, then the input event the browser sends.
        browser.execute_script(
            "var box = arguments[0]; box.value = 'a'.repeat(arguments[1]);"
            "box.dispatchEvent(new Event('input', { bubbles: true }))",
            box,
            n,
        )

    type_length(MAX_MESSAGE_CHARS - 120)
    assert limit.text == "You have 120 characters left"
    type_length(MAX_MESSAGE_CHARS + 1)
    assert limit.text == "You have 1 character too many"
    assert box.get_attribute("aria-invalid") == "true"
    assert len(box.get_attribute("value")) == MAX_MESSAGE_CHARS + 1  # nothing cut
    # Screen readers hear the count once the typing pauses.
    WebDriverWait(browser, 5).until(
        lambda d: d.find_element(By.ID, "message-count").get_attribute("textContent") == "You have 1 character too many"
    )
    browser.find_element(By.CSS_SELECTOR, ".composer button").click()
    assert "1 character too long" in browser.find_element(By.ID, "error").text
    assert browser.find_elements(By.CSS_SELECTOR, "#log li") == []
    assert len(box.get_attribute("value")) == MAX_MESSAGE_CHARS + 1  # still there, to shorten
    # At the limit exactly it goes, and the count starts again.
    type_length(MAX_MESSAGE_CHARS)
    assert limit.text == "You have 0 characters left"
    box.send_keys(Keys.ENTER)
    bot_says(browser, rf"\({MAX_MESSAGE_CHARS}\)")
    assert limit.text == f"You can send up to {MAX_MESSAGE_CHARS} characters at a time."


def test_a_logged_repair_shows_its_reference_whole(stack, browser):
    """With the trained assistant, answered in words as tenants do: the reference it gives is one
    unbreakable, selectable piece, and the buttons offered on the way are spent once answered;
    the visit's times, offered after the reference, are the ones left to press."""
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    box = browser.find_element(By.ID, "message")
    for question, answer in (
        (None, "the bedroom window handle has snapped off"),
        ("at risk of harm", "no its not dangerous, just annoying"),
        ("health condition", "no just me"),
        ("to get in", "no"),
        ("phone number", "its 07700 900123"),
        ("postcode", "SY7 9BW"),
        ("Shall I log it", "yes please"),
    ):
        if question:
            bot_says(browser, question)
        box.send_keys(answer, Keys.ENTER)
    bot_says(browser, r"REP-\d{4}-[A-Z0-9]{8}")
    references = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#log li.bot strong.reference")]
    assert references and all(re.fullmatch(r"REP-\d{4}-[A-Z0-9]{8}", r) for r in references)
    # The tenant typed over every set of buttons, so none of them can be pressed any more; the
    # newest, the visit's times offered after the reference, is still to answer.
    bot_says(browser, "Which suits you")
    offered = browser.find_elements(By.CSS_SELECTOR, "#log .quick-replies")
    spent, newest = offered[:-1], offered[-1]
    assert spent and all(not b.is_enabled() for s in spent for b in s.find_elements(By.TAG_NAME, "button"))
    assert "None of these" in newest.text and all(b.is_enabled() for b in newest.find_elements(By.TAG_NAME, "button"))


# --- The greeting, the transcript kept over a reload, and a send that fails -------------------


def _starter_buttons(browser):
    return browser.find_elements(By.CSS_SELECTOR, '#conversation .greeting [role="group"] button')


def _log_items(browser):
    """Each message and set of quick replies in the log, as (class, text, buttons' states)."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#log > li')).map(function (li) {"
        "  return [li.className, li.textContent, Array.from(li.querySelectorAll('button')).map(function (b) {"
        "    return [b.textContent, b.disabled]; })]; })"
    )


def test_the_empty_page_greets_and_a_starter_begins_the_conversation(chat_page, browser):
    browser.get(chat_page)
    greeting = browser.find_element(By.CSS_SELECTOR, '#conversation[role="log"] .greeting .bot')
    assert greeting.find_element(By.CSS_SELECTOR, ".speaker.visually-hidden").get_attribute("textContent") == (
        "Assistant: "
    )
    assert greeting.find_element(By.CSS_SELECTOR, ".said").text.startswith("Hello, I'm the Connexus tenant assistant.")
    assert browser.find_elements(By.CSS_SELECTOR, "#log li") == []
    starters = _starter_buttons(browser)
    assert [(b.tag_name, b.get_attribute("type"), b.is_enabled()) for b in starters] == [("button", "button", True)] * 5
    titles = [b.text for b in starters]
    assert titles[0] == "Report a repair" and all(titles)
    # The page does not take the focus from where the tenant is (the widget puts it in the box).
    assert browser.switch_to.active_element.tag_name == "body"

    payload = starters[0].get_attribute("data-payload")
    starters[0].click()
    bot_says(browser, rf"\({len(payload)}\)")
    # The assistant got the starter's words as the tenant's first message; the log shows its title.
    assert [r["message"] for r in RECEIVED] == [payload]
    assert browser.find_element(By.CSS_SELECTOR, "#log li.tenant .said").text == "Report a repair"
    assert not any(b.is_enabled() for b in _starter_buttons(browser))
    # The focus went to the reply's quick replies, which are live.
    focused = browser.switch_to.active_element
    assert focused.text == "Yes" and focused.is_enabled()


def test_a_reload_shows_the_conversation_that_carries_on(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "numbers please")
    bot_says(browser, "Your reference")
    _say(browser, "hello")
    _quick_reply_sets(browser)
    browser.find_element(By.XPATH, "//*[@id='log']//button[.='Yes']").click()
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log .quick-replies")) == 2)
    before = _log_items(browser)

    browser.refresh()
    WebDriverWait(browser, 10).until(lambda d: len(_log_items(d)) == len(before))
    assert _log_items(browser) == before
    # As it was: references and phone numbers marked, only the newest quick replies live, the
    # starters spent.
    assert browser.find_element(By.CSS_SELECTOR, "#log li.bot strong.reference").text == REFERENCE
    assert browser.find_elements(By.CSS_SELECTOR, "#log li.bot a[href='tel:999']")
    assert [b.is_enabled() for b in browser.find_elements(By.CSS_SELECTOR, "#log .quick-replies button")] == [
        False,
        False,
        True,
        True,
    ]
    assert not any(b.is_enabled() for b in _starter_buttons(browser))
    # And it is the same conversation on the server.
    _say(browser, "after the reload")
    bot_says(browser, r"\(16\)")
    assert len({r["sender"] for r in RECEIVED}) == 1


def test_a_new_tab_does_not_show_another_tabs_conversation(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "numbers please")
    bot_says(browser, "Your reference")
    browser.switch_to.new_window("tab")
    browser.get(chat_page)
    assert browser.find_element(By.ID, "log").text == ""
    assert browser.execute_script("return sessionStorage.length") == 0


def _failed(browser):
    return WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "error").text)


def test_a_send_the_server_cannot_answer_keeps_the_words_and_retry_sends_them(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "hello")
    bot_says(browser, r"\(5\)")
    RASA_FAILS.set()
    _say(browser, "my tap is dripping")

    words = _failed(browser)
    assert words.startswith("Your message has not been sent.") and "Failed to fetch" not in words
    box = browser.find_element(By.ID, "message")
    assert box.get_attribute("value") == "my tap is dripping"
    # In the log, the message says it was not sent; nothing answered it.
    unsent = browser.find_elements(By.CSS_SELECTOR, "#log li.tenant")[-1]
    assert "not-sent" in unsent.get_attribute("class") and unsent.text.endswith("Not sent")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#log li.bot")) == 1
    retry = browser.find_element(By.ID, "retry")
    assert retry.is_displayed() and retry.tag_name == "button" and retry.text == "Retry"
    # A reload shows only what was delivered.
    assert "dripping" not in browser.execute_script("return sessionStorage.getItem('tenant-chat-transcript')")

    RASA_FAILS.clear()
    retry.click()
    bot_says(browser, r"\(18\)")
    assert browser.find_element(By.ID, "error").text == ""
    assert not retry.is_displayed()
    assert box.get_attribute("value") == ""
    assert browser.switch_to.active_element.get_attribute("id") == "message"
    tenant = browser.find_elements(By.CSS_SELECTOR, "#log li.tenant")
    assert [t.find_element(By.CSS_SELECTOR, ".said").text for t in tenant] == ["hello", "my tap is dripping"]
    assert "not-sent" not in tenant[-1].get_attribute("class")
    # Retry sent the same message again, under its id, so the assistant takes it once.
    tries = [r for r in RECEIVED if r["message"] == "my tap is dripping"]
    assert len(tries) == 2 and tries[0]["message_id"] == tries[1]["message_id"] and tries[1]["resent"] is True


def test_with_no_connection_the_tenant_is_told_in_plain_words_and_can_retry(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "hello")
    bot_says(browser, r"\(5\)")
    browser.execute_cdp_cmd("Network.enable", {})
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    try:
        _say(browser, "are you there")
        words = _failed(browser)
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {**offline, "offline": False})
    assert words == (
        "Your message has not been sent. We could not connect to the chat. Please check you are online, "
        "then select Retry."
    )
    assert browser.find_element(By.ID, "message").get_attribute("value") == "are you there"
    assert "Not sent" in browser.find_elements(By.CSS_SELECTOR, "#log li.tenant")[-1].text
    browser.find_element(By.ID, "retry").click()
    bot_says(browser, r"\(13\)")
    assert browser.find_elements(By.CSS_SELECTOR, "#log li.not-sent") == []


def test_words_typed_after_a_failure_are_not_overwritten_and_sending_them_drops_the_retry(chat_page, browser):
    browser.get(chat_page)
    _say(browser, "hello")
    bot_says(browser, r"\(5\)")
    RASA_FAILS.set()
    _say(browser, "first try")
    _failed(browser)
    box = browser.find_element(By.ID, "message")
    box.clear()
    RASA_FAILS.clear()
    _say(browser, "said another way")
    bot_says(browser, r"\(16\)")
    assert not browser.find_element(By.ID, "retry").is_displayed()
    # The first stays in the log marked as not sent: it never reached anyone.
    states = [
        (
            "not-sent" in li.get_attribute("class"),
            li.find_element(By.CSS_SELECTOR, ".said").text,
            li.text.endswith("Not sent"),
        )
        for li in browser.find_elements(By.CSS_SELECTOR, "#log li.tenant")
    ]
    assert states == [(False, "hello", False), (True, "first try", True), (False, "said another way", False)]


def test_the_quick_exit_wipes_the_kept_conversation_even_with_a_reply_on_its_way(
    chat_page,
    browser,
    slow_exit_site,  # noqa: F811
):
    browser.get(chat_page)
    _say(browser, "numbers please")
    bot_says(browser, "Your reference")
    assert "0808 2000 247" in browser.execute_script("return sessionStorage.getItem('tenant-chat-transcript')")
    _say(browser, "slowly, one more thing")
    WebDriverWait(browser, 10).until(lambda d: any(r["message"].startswith("slowly") for r in RECEIVED))

    # The exit site never arrives, so the page is still there when the reply comes.
    browser.execute_script("document.getElementById('quick-exit').href = arguments[0]", slow_exit_site.url)
    browser.find_element(By.ID, "quick-exit").click()
    WebDriverWait(browser, 10).until(lambda d: slow_exit_site.requests)
    time.sleep(SLOW_SECONDS + 1)
    assert browser.execute_script("return sessionStorage.length") == 0
    assert browser.find_element(By.ID, "log").get_attribute("textContent") == ""

    # Whoever opens the chat next on this screen sees the greeting, and nothing of the conversation.
    browser.get(chat_page)
    assert browser.find_element(By.ID, "log").get_attribute("textContent") == ""
    assert all(b.is_enabled() for b in _starter_buttons(browser))
    assert browser.execute_script("return sessionStorage.length") == 0
