"""The tenant chat page in a real headless Chromium, against the running assistant."""

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import bot_says, press_quick_reply

pytestmark = pytest.mark.e2e

_bot_says = bot_says


def test_a_tenant_reports_a_repair_by_typing_and_clicking(stack, browser):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    box = browser.find_element(By.ID, "message")
    box.send_keys("hello", Keys.ENTER)
    _bot_says(browser, "tenant assistant")

    box.send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    _bot_says(browser, "at risk of harm")
    press_quick_reply(browser, "No")
    _bot_says(browser, "health condition")
    press_quick_reply(browser, "No")
    _bot_says(browser, "to get in")
    box.send_keys("no", Keys.ENTER)
    _bot_says(browser, "phone number")
    box.send_keys("07700 900123", Keys.ENTER)
    _bot_says(browser, "postcode")
    box.send_keys("SY7 9BW", Keys.ENTER)
    _bot_says(browser, "Shall I log it")
    press_quick_reply(browser, "Yes, log it")
    assert re.search(r"REP-\d{4}-[A-Z0-9]{8}", _bot_says(browser, r"REP-\d{4}-[A-Z0-9]{8}"))


def test_the_page_can_be_used_with_the_keyboard_alone(stack, browser):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "quick-exit"
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "How to browse more safely"
    # Then the greeting's starters, each a button, in the order they are read.
    starters = [b.text for b in browser.find_elements(By.CSS_SELECTOR, ".starters button")]
    for starter in starters:
        browser.switch_to.active_element.send_keys(Keys.TAB)
        assert browser.switch_to.active_element.text == starter
        assert browser.switch_to.active_element.tag_name == "button"
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "message"
    browser.switch_to.active_element.send_keys("thanks", Keys.TAB)
    assert browser.switch_to.active_element.text == "Send"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    _bot_says(browser, "welcome")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=message]")
    assert label.text == "Your message"


def _scrolls_sideways(browser):
    return browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth")


def test_the_page_fits_a_phone_screen_without_scrolling_sideways(stack, browser):
    browser.set_window_size(360, 740)
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    box = browser.find_element(By.ID, "message")
    box.send_keys("hello", Keys.ENTER)
    _bot_says(browser, "tenant assistant")
    box.send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    _bot_says(browser, "at risk of harm")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#log .quick-replies button"))
    assert browser.execute_script("return window.innerWidth") <= 360
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")

    # WCAG's reflow width, 320 CSS pixels, and then text at twice the browser's default size:
    # sizes are in rem, so everything grows, and still nothing needs a sideways scroll.
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True}
    )
    try:
        assert browser.execute_script("return window.innerWidth") == 320
        assert not _scrolls_sideways(browser)
        before = browser.execute_script(
            "return parseFloat(getComputedStyle(document.querySelector('.log li')).fontSize)"
        )
        browser.execute_script("document.documentElement.style.fontSize = '200%'")
        after = browser.execute_script(
            "return parseFloat(getComputedStyle(document.querySelector('.log li')).fontSize)"
        )
        assert after == pytest.approx(2 * before)
        assert not _scrolls_sideways(browser)
        # "Send" is one word on one line, not "Sen / d".
        lines = browser.execute_script(
            "var b = document.querySelector('.composer button'), s = getComputedStyle(b);"
            "return (b.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom))"
            " / parseFloat(s.lineHeight)"
        )
        assert lines == pytest.approx(1, abs=0.2)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_every_focusable_control_shows_where_the_focus_is(stack, browser):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    box = browser.find_element(By.ID, "message")
    box.send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    # The assistant's quick replies, not the greeting's starters (spent once the tenant writes).
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#log .quick-replies button"))
    # Round the whole page with Tab, from the message box back to it.
    seen = {}
    for _ in range(20):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.switch_to.active_element
        if element.get_attribute("id") == "message":
            break
        if element.tag_name == "body":
            continue
        outline = browser.execute_script(
            "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", element
        )
        name = browser.execute_script(
            "var e = arguments[0]; return ((e.labels && e.labels[0]) || e).textContent.trim()", element
        )
        seen[name] = outline
    else:
        raise AssertionError(f"Tab never came back to the message box; saw {seen}")
    assert {"Emergency Exit this page", "Send", "Yes", "No"} <= set(seen), seen
    assert all(style != "none" and width >= 2 for style, width in seen.values()), seen


def test_esc_twice_leaves_at_once_and_back_does_not_return(stack, browser):
    base = f"http://127.0.0.1:{stack.ports.web}"
    browser.get(f"{base}/health")  # the page before the chat
    browser.get(f"{base}/")
    browser.find_element(By.ID, "message").send_keys("hello", Keys.ENTER)
    _bot_says(browser, "tenant assistant")
    assert browser.execute_script("return sessionStorage.getItem('tenant-chat-session')")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ESCAPE)
    body.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 10).until(lambda d: not d.current_url.startswith(base))
    browser.back()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.startswith(base))
    assert browser.current_url == f"{base}/health"
    assert browser.execute_script("return sessionStorage.length") == 0


# The greeting's starters, pressed on an empty page: what the trained assistant asks first.
STARTERS = [
    ("Report a repair", "What needs repairing, and where in your home is it?"),
    ("A problem with a neighbour", "Can you tell me what has been happening, and where?"),
    ("Make a complaint", "what went wrong?"),
    ("Check a case", "Please send me its reference"),
]


@pytest.mark.parametrize("starter, question", STARTERS)
def test_each_starter_begins_its_conversation_with_the_assistant(stack, browser, starter, question):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    press_quick_reply(browser, starter)
    _bot_says(browser, re.escape(question))
    assert [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#log li.tenant .said")] == [starter]
    # Acknowledged, then asked what happened: the starter's words were not taken for the report
    # itself (the next question would then be another, or several at once).
    said = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#log li.bot .said")]
    assert question in said[-1] and len(said) <= 2, said


def test_ask_a_question_asks_what_and_the_assistant_answers_the_question(stack, browser):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    press_quick_reply(browser, "Ask a question")
    assert "What would you like to know?" in browser.find_element(By.CSS_SELECTOR, "#log li.bot").text
    assert browser.switch_to.active_element.get_attribute("id") == "message"
    browser.switch_to.active_element.send_keys("how do i pay my rent", Keys.ENTER)
    _bot_says(browser, "pay your rent")
