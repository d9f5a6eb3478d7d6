"""The chat page's conversation, as a tenant sees and hears it, in headless Chromium (issue 17).

The page is served by the real chat server; the assistant behind it is a fake Rasa that says
what each test needs (a reference, phone numbers, quick replies), so the page is what is tested.
"""

import asyncio
import threading

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.web.chat.server import create_app
from tests.e2e.browser import bot_says

pytestmark = pytest.mark.e2e

REFERENCE = "REP-2026-KX7Q4MTD"
HOSTILE = '<img src=x onerror="window.pwned=1">'
NUMBERED = (
    f"Your reference is {REFERENCE}. In danger, call 999. Refuge's helpline is 0808 2000 247, "
    "Childline 0800 111 999, and our out-of-hours line is 03332 31 32 33. "
    f"You said: {HOSTILE}"
)


def _rasa_reply(message):
    if message == "numbers please":
        return [{"text": NUMBERED}]
    return [
        {
            "text": f"Did you mean that? ({len(message)})",
            "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        }
    ]


@pytest.fixture(scope="module")
def chat_page():
    """The chat server in front of a fake Rasa, both on one event loop in a thread of their own."""
    loop = asyncio.new_event_loop()
    servers = []
    ready = threading.Event()

    async def webhook(request):
        body = await request.json()
        return web.json_response([{"recipient_id": body["sender"], **reply} for reply in _rasa_reply(body["message"])])

    async def start():
        rasa = web.Application()
        rasa.router.add_post("/webhooks/rest/webhook", webhook)
        rasa_server = TestServer(rasa, host="127.0.0.1")
        await rasa_server.start_server()
        chat = TestServer(create_app(str(rasa_server.make_url("")), secret=b"ux-test-secret"), host="127.0.0.1")
        await chat.start_server()
        servers.extend([rasa_server, chat])
        ready.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
    thread.start()
    assert ready.wait(30)
    yield str(servers[1].make_url("/"))

    async def stop():
        for server in reversed(servers):
            await server.close()

    asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)


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
