"""The quick exit, as someone reporting domestic abuse needs it: it covers the chat at once,
ends the conversation on the server, and whoever opens the chat next, on the same screen,
starts afresh and sees nothing of it. GOV.UK's Exit this page: Shift three times leaves too."""

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import bot_says
from tests.e2e.test_widget import _in_widget, _open_by_keyboard, landlord_page  # noqa: F401 - a fixture

pytestmark = pytest.mark.e2e

DISCLOSURE = "my partner hit me last night and i'm scared of what he'll do when he gets home"
SAFE_CONTACT_QUESTION = r"safe|contact"


class _NeverLoads(BaseHTTPRequestHandler):
    """An exit site that never arrives (204: the browser stays where it is), like a slow phone
    line at its worst, so what the tenant's screen shows while it waits can be looked at."""

    def do_GET(self):  # noqa: N802 - the base class's name
        self.requests.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def slow_exit_site():
    handler = type("Handler", (_NeverLoads,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url, server.requests = f"http://127.0.0.1:{server.server_address[1]}/weather", handler.requests
    yield server
    server.shutdown()
    server.server_close()


def _post_message(stack, text, token=None, cookie=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Chat-Session"] = token
    if cookie:
        headers["Cookie"] = f"tenant_chat={cookie}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.ports.web}/api/messages", data=json.dumps({"message": text}).encode(), headers=headers
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def _replies(body):
    return " ".join(m["text"] for m in body["messages"])


def test_shift_three_times_covers_the_chat_ends_it_and_a_reopened_chat_starts_afresh(stack, browser, slow_exit_site):
    base = f"http://127.0.0.1:{stack.ports.web}"
    browser.get(f"{base}/")
    browser.find_element(By.ID, "message").send_keys(DISCLOSURE, Keys.ENTER)
    bot_says(browser, "0808 2000 247")
    token = browser.execute_script("return sessionStorage.getItem('tenant-chat-session')")
    cookie = next(c["value"] for c in browser.get_cookies() if c["name"] == "tenant_chat")
    assert token and cookie
    # A reload shows the conversation again: it is kept in this tab, until the quick exit.
    browser.refresh()
    bot_says(browser, "0808 2000 247", timeout=10)

    browser.execute_script("document.getElementById('quick-exit').href = arguments[0]", slow_exit_site.url)
    ActionChains(browser).send_keys(Keys.SHIFT).send_keys(Keys.SHIFT).send_keys(Keys.SHIFT).perform()
    WebDriverWait(browser, 10).until(lambda d: slow_exit_site.requests)
    # While the exit site loads, the chat is covered: the cover is all there is on screen.
    assert browser.execute_script(
        "var c = document.getElementById('exit-cover');"
        "return !c.hidden && document.elementFromPoint(innerWidth / 2, innerHeight / 2) === c"
        " && document.elementFromPoint(10, 10) === c"
    )

    # Whoever is at the screen next reopens the chat: nothing of the last conversation shows,
    # and "hello" is a greeting, not the answer to "how can we contact you safely".
    browser.get(f"{base}/")
    assert browser.find_element(By.ID, "log").text == ""
    assert browser.execute_script("return sessionStorage.length") == 0
    browser.find_element(By.ID, "message").send_keys("hello", Keys.ENTER)
    greeting = bot_says(browser, "tenant assistant")
    log = browser.find_element(By.ID, "log").text
    assert "0808 2000 247" not in log and "ENQ-" not in log and "member of our team" not in log, log
    assert greeting
    assert not browser.find_element(By.ID, "with-person").is_displayed()

    # The old token and the old cookie, had someone kept them, open nothing now.
    for old in ({"token": token}, {"cookie": cookie}):
        body = _post_message(stack, "hello", **old)
        assert body["session"] != token and body["with_person"] is None
        assert "tenant assistant" in _replies(body)


def test_the_widget_quick_exit_ends_the_conversation_for_the_next_person(stack, browser, landlord_page):  # noqa: F811
    _open_by_keyboard(browser, landlord_page)
    ActionChains(browser).send_keys(DISCLOSURE, Keys.ENTER).perform()
    bot_says(browser, "0808 2000 247")
    token = browser.execute_script("return sessionStorage.getItem('tenant-chat-session')")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    browser.switch_to.default_content()
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 10).until(lambda d: not d.current_url.startswith(landlord_page))

    body = _post_message(stack, "hello", token=token)
    assert body["session"] != token and "tenant assistant" in _replies(body)

    _open_by_keyboard(browser, landlord_page)
    assert browser.find_element(By.ID, "log").text == ""
    ActionChains(browser).send_keys("hello", Keys.ENTER).perform()
    bot_says(browser, "tenant assistant")
    assert "0808 2000 247" not in browser.find_element(By.ID, "log").text


def test_the_exit_links_to_advice_on_browsing_safely(stack, browser):
    base = f"http://127.0.0.1:{stack.ports.web}"
    browser.get(f"{base}/")
    link = browser.find_element(By.LINK_TEXT, "How to browse more safely")
    assert link.get_attribute("href") == f"{base}/browsing-safely"
    page = urllib.request.urlopen(f"{base}/browsing-safely", timeout=10).read().decode()
    assert "private" in page and "0808 2000 247" in page and "999" in page
    # On a phone, scrolled down a long conversation, the exit is still in view.
    browser.set_window_size(360, 640)
    browser.execute_script("document.body.style.minHeight = '5000px'; window.scrollTo(0, 4000)")
    top = browser.execute_script("return document.getElementById('quick-exit').getBoundingClientRect().top")
    assert 0 <= top < 100
