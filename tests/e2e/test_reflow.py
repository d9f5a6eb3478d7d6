"""400% zoom and phone width (WCAG 1.4.10, Reflow): at 320 CSS pixels wide, which is what a
1280-pixel screen gives at 400%, no page scrolls sideways (a table may, in its own box) and
nothing is cut off at the side; in the chat, the message box and Send stay on screen with the
newest messages above them, and nothing Tab reaches hides under the bars that stay on screen
(WCAG 2.4.11). The widget's panel at the same sizes is tested in test_widget.py."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import PHONE, ZOOM_400, bot_says, cut_off, scrolls_sideways, shown_height, wholly_shown
from tests.e2e.staff import console_pages, sign_in_browser

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
SCREENS = {"phone": PHONE, "400% zoom": ZOOM_400}
LINE = 20  # CSS pixels: a line of the chat's text, near enough


@pytest.fixture
def screen(browser, request):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", request.param)
    yield request.param
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _focused_and_shown(browser):
    focused = browser.switch_to.active_element
    label = focused.get_attribute("id") or focused.text.strip() or focused.tag_name
    return label, wholly_shown(browser, focused)


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys(), indirect=True)
def test_the_chat_reflows_and_keeps_the_box_with_the_newest_messages(stack, browser, screen):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    assert (browser.execute_script("return window.innerWidth"), scrolls_sideways(browser)) == (320, False)
    assert cut_off(browser) == []
    browser.find_element(By.ID, "message").send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    bot_says(browser, "at risk of harm")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".quick-replies button:enabled"))

    # As the page left it, unscrolled by the test: the box and Send whole and on top, and a line
    # or more of the newest message above them.
    box, send = browser.find_element(By.ID, "message"), browser.find_element(By.CSS_SELECTOR, ".composer button")
    assert wholly_shown(browser, box) and wholly_shown(browser, send)
    newest = browser.find_elements(By.CSS_SELECTOR, "#log li.bot")[-1]
    assert shown_height(browser, newest) >= LINE
    assert not scrolls_sideways(browser) and cut_off(browser) == []

    # Back up the page by keyboard: whatever has the focus is all there, never under the exit bar
    # at the top or the box at the bottom.
    hidden = []
    for _ in range(6):
        ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        label, shown = _focused_and_shown(browser)
        if not shown:
            hidden.append(label)
        if label == "quick-exit":
            break
    assert hidden == []

    # And the box and Send work there: typed, sent with the button, answered.
    box.send_keys("no its not dangerous")
    assert wholly_shown(browser, box) and wholly_shown(browser, send)
    send.click()
    bot_says(browser, "health condition")
    assert wholly_shown(browser, browser.find_element(By.ID, "message"))


SIZES = {"phone": PHONE, "400% zoom": ZOOM_400, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def staff_pages(stack):
    return console_pages(stack)


def test_every_console_page_reflows_at_320_pixels_and_at_desktop_width(stack, browser, staff_pages):
    base = f"http://127.0.0.1:{stack.ports.web}"
    found = {}

    def check(where):
        problems = cut_off(browser)
        if scrolls_sideways(browser):
            problems.append("the page scrolls sideways")
        # A table wider than its box scrolls in it, and the box takes the focus, so the keyboard
        # can scroll it too.
        problems += browser.execute_script(
            "return Array.from(document.querySelectorAll('table')).filter(function (t) {"
            "  var box = t.parentElement;"
            "  return t.offsetWidth > document.documentElement.clientWidth"
            "    && !(box.classList.contains('table-scroll') && box.tabIndex === 0); })"
            ".map(function (t) { return 'a table wider than the page, outside a box that scrolls: '"
            "  + (t.querySelector('th') || t).textContent; })"
        )
        if problems:
            found[where] = problems

    browser.get(f"{base}/staff/login")
    for name, size in SIZES.items():
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", size)
        check(f"/staff/login at {name}")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    sign_in_browser(browser, stack)
    try:
        for name, size in SIZES.items():
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", size)
            for path in staff_pages:
                browser.get(f"{base}{path}")
                check(f"{path} at {name}")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())
