"""The embeddable widget on a landlord's page from another origin, in headless Chromium.

The landlord's page is a file with nothing in it but the one script tag, served from its own
port: 127.0.0.1 on another port is a different origin (same site), so the chat runs in a
frame from elsewhere, as it does on a landlord's website, and its session goes by the token
it keeps rather than by a cookie the landlord's page could never see.
"""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import bot_says as _bot_says

pytestmark = pytest.mark.e2e

SESSION_KEY = "tenant-chat-session"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def landlord_page(stack, tmp_path):
    """A landlord's page with just the widget's script tag, on its own origin."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<script src="http://127.0.0.1:{stack.ports.web}/widget.js" defer></script>\n')
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def _in_widget(browser, script):
    """Run `script` with `root` bound to the widget's shadow root."""
    return browser.execute_script("var root = document.getElementById('tenant-chat-widget').shadowRoot;" + script)


def _launcher(browser):
    return WebDriverWait(browser, 10).until(lambda d: _in_widget(d, "return root.querySelector('.launcher')"))


def _focused_in_widget(browser):
    """What has the focus: the widget's launcher, close button or frame, or None for elsewhere."""
    return _in_widget(
        browser,
        """
        if (document.activeElement !== root.host) { return null; }
        var e = root.activeElement;
        return e ? (e.tagName === 'IFRAME' ? 'frame' : e.className) : null;
    """,
    )


def _open_by_keyboard(browser, landlord_page):
    browser.get(landlord_page)
    launcher = _launcher(browser)
    assert launcher.text == "Chat with us"
    assert launcher.tag_name == "button"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert _focused_in_widget(browser) == "launcher"
    outline = browser.execute_script(
        "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", launcher
    )
    assert outline[0] != "none" and outline[1] >= 2
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    frame = WebDriverWait(browser, 10).until(lambda d: _in_widget(d, "return root.querySelector('iframe')"))
    assert frame.get_attribute("title") == "Chat with us"
    assert launcher.get_attribute("aria-expanded") == "true"
    WebDriverWait(browser, 20).until(lambda d: _focused_in_widget(d) == "frame")
    browser.switch_to.frame(frame)
    # The focus went into the frame, to the message box, so the tenant can type at once.
    WebDriverWait(browser, 20).until(lambda d: d.switch_to.active_element.get_attribute("id") == "message")
    return launcher


def test_the_launcher_opens_the_chat_by_keyboard_and_esc_closes_it(stack, browser, landlord_page):
    launcher = _open_by_keyboard(browser, landlord_page)
    ActionChains(browser).send_keys("hello", Keys.ENTER).perform()
    _bot_says(browser, "tenant assistant")
    token = browser.execute_script(f"return sessionStorage.getItem('{SESSION_KEY}')")
    assert token.count(".") == 2  # conversation id, when it was issued, signature

    # As on a landlord's site where the browser blocks the frame's cookies: with none at all,
    # the conversation carries on by the token alone, and needs no new cookie.
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    ActionChains(browser).send_keys("thanks", Keys.ENTER).perform()
    _bot_says(browser, "welcome")
    assert browser.execute_script(f"return sessionStorage.getItem('{SESSION_KEY}')") == token
    assert browser.execute_cdp_cmd("Network.getAllCookies", {})["cookies"] == []

    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    browser.switch_to.default_content()
    WebDriverWait(browser, 10).until(lambda d: _focused_in_widget(d) == "launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert _in_widget(browser, "return root.querySelector('.panel').hidden") is True


def test_the_close_button_closes_and_reopening_keeps_the_conversation(stack, browser, landlord_page):
    launcher = _open_by_keyboard(browser, landlord_page)
    ActionChains(browser).send_keys("hello", Keys.ENTER).perform()
    _bot_says(browser, "tenant assistant")
    browser.switch_to.default_content()
    _in_widget(browser, "root.querySelector('.close').click()")
    assert _focused_in_widget(browser) == "launcher"
    launcher.click()
    frame = _in_widget(browser, "return root.querySelector('iframe')")
    WebDriverWait(browser, 10).until(lambda d: _focused_in_widget(d) == "frame")
    browser.switch_to.frame(frame)
    assert "tenant assistant" in browser.find_element(By.ID, "log").text


def test_esc_twice_leaves_the_landlords_page_and_wipes_the_session(stack, browser, landlord_page):
    chat = f"http://127.0.0.1:{stack.ports.web}"
    browser.get(f"{chat}/health")  # where the tab was before the landlord's page
    browser.execute_script("sessionStorage.setItem('probe', 'here')")
    _open_by_keyboard(browser, landlord_page)
    ActionChains(browser).send_keys("hello", Keys.ENTER).perform()
    _bot_says(browser, "tenant assistant")
    # The frame's storage is the one this tab has for the chat's origin, as checked below.
    assert browser.execute_script("return sessionStorage.getItem('probe')") == "here"
    assert browser.execute_script(f"return sessionStorage.getItem('{SESSION_KEY}')")

    # The first Esc closes the chat and puts the focus on the launcher; the second leaves.
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    browser.switch_to.default_content()
    WebDriverWait(browser, 10).until(lambda d: _focused_in_widget(d) == "launcher")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 10).until(lambda d: not d.current_url.startswith(landlord_page))
    assert not browser.current_url.startswith("http://127.0.0.1")

    browser.back()  # skips the landlord's page, which the exit replaced
    WebDriverWait(browser, 10).until(lambda d: d.current_url.startswith("http://127.0.0.1"))
    assert browser.current_url == f"{chat}/health"
    assert browser.execute_script("return sessionStorage.length") == 0


def test_the_quick_exit_link_in_the_frame_takes_the_whole_page_away(stack, browser, landlord_page):
    _open_by_keyboard(browser, landlord_page)
    browser.find_element(By.ID, "quick-exit").click()
    browser.switch_to.default_content()
    WebDriverWait(browser, 10).until(lambda d: not d.current_url.startswith(landlord_page))
    assert not browser.current_url.startswith("http://127.0.0.1")
