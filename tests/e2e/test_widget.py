"""The embeddable widget on a landlord's page from another origin, in headless Chromium.

The landlord's page is a file with nothing in it but the one script tag, served from its own
port: 127.0.0.1 on another port is a different origin (same site), so the chat runs in a
frame from elsewhere, as it does on a landlord's website, and its session goes by the token
it keeps rather than by a cookie the landlord's page could never see.
"""

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import bot_says as _bot_says
from tests.e2e.browser import cut_off, scrolls_sideways, shown_height, wholly_shown

pytestmark = pytest.mark.e2e

SESSION_KEY = "tenant-chat-session"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


# A landlord's page whose "Contact us" link sits in the corner where the widget's button goes,
# and stays there however the page scrolls: the hardest place for WCAG 2.4.11.
FOOTER_PAGE = """<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Our homes</title></head>
<body>
<main><h1>Our homes</h1><p><a id="rent" href="#rent">Pay your rent</a></p></main>
<footer style="position: fixed; right: 1rem; bottom: 1rem; margin: 0.25rem">
<a id="contact" href="#contact">Contact us</a></footer>
<script src="{widget}" defer></script>
</body>
</html>
"""


def _serve(tmp_path, html):
    """Serve `html` as index.html on an origin of its own; yields its address."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(html)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


@pytest.fixture
def landlord_page(stack, tmp_path):
    """A landlord's page with just the widget's script tag, on its own origin."""
    yield from _serve(tmp_path, f'<script src="http://127.0.0.1:{stack.ports.web}/widget.js" defer></script>\n')


@pytest.fixture
def footer_page(stack, tmp_path):
    """A landlord's page with a "Contact us" link fixed where the widget's button goes."""
    yield from _serve(tmp_path, FOOTER_PAGE.format(widget=f"http://127.0.0.1:{stack.ports.web}/widget.js"))


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
        return e ? (e.tagName === 'IFRAME' ? 'frame' : e.classList[0]) : null;
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
    assert _in_widget(browser, "return root.querySelector('.panel').open") is False


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


# --- WCAG 2.4.11: the button never hides the landlord's focused element -----------------------


def _rect(browser, element):
    return browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]", element
    )


def _overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _tab_to(browser, element_id, presses=5):
    for _ in range(presses):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.switch_to.active_element.get_attribute("id") == element_id:
            return browser.switch_to.active_element
    raise AssertionError(f"Tab never reached #{element_id}")


def _shown_at_its_centre(browser, element):
    """Whether the element itself, not something on top of it, is what shows at its centre."""
    return browser.execute_script(
        "var e = arguments[0], r = e.getBoundingClientRect();"
        "var top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);"
        "return top === e || e.contains(top);",
        element,
    )


@pytest.mark.parametrize(
    "screen",
    [
        {"width": 400, "height": 800, "deviceScaleFactor": 1, "mobile": False},
        # 400% zoom of a 1280 by 1024 screen: 320 by 256 CSS pixels.
        {"width": 320, "height": 256, "deviceScaleFactor": 4, "mobile": False},
    ],
    ids=["desktop", "400% zoom"],
)
def test_the_button_moves_out_of_the_way_of_the_focused_contact_link(stack, browser, footer_page, screen):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", screen)
    try:
        browser.get(footer_page)
        launcher = _launcher(browser)
        contact = browser.find_element(By.ID, "contact")
        # The page is as the issue found it: at home, the button covers "Contact us" wholly.
        home = _rect(browser, launcher)
        assert _overlaps(home, _rect(browser, contact))
        assert not _shown_at_its_centre(browser, contact)

        _tab_to(browser, "contact")
        WebDriverWait(browser, 5).until(lambda d: not _overlaps(_rect(d, launcher), _rect(d, contact)))
        assert _shown_at_its_centre(browser, contact)

        # Tab on to the button itself: it stays where the tenant's eyes followed it, and opens.
        ActionChains(browser).send_keys(Keys.TAB).perform()
        assert _focused_in_widget(browser) == "launcher"
        moved = _rect(browser, launcher)
        assert moved != home
        # Focus back on the landlord's page, away from the corner: the button goes home.
        browser.find_element(By.ID, "rent").click()
        WebDriverWait(browser, 5).until(lambda d: _rect(d, launcher) == home)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# --- the open panel is a modal dialog ---------------------------------------------------------


def _where_focus_is(browser):
    """'close' or 'launcher' in the widget, 'frame:<what>' in the chat, or 'page:<tag>' behind."""
    browser.switch_to.default_content()
    in_widget = _focused_in_widget(browser)
    if in_widget is None:
        return "page:" + browser.execute_script("return document.activeElement.id || document.activeElement.tagName")
    if in_widget != "frame":
        return in_widget
    browser.switch_to.frame(_in_widget(browser, "return root.querySelector('iframe')"))
    active = browser.switch_to.active_element
    what = active.get_attribute("id") or active.text.strip() or active.tag_name
    browser.switch_to.default_content()
    return "frame:" + what


def _tab_round_to_close(browser, presses=30):
    """Tab on, round the chat, until the panel's Close button has the focus."""
    for _ in range(presses):
        if _where_focus_is(browser) == "close":
            return
        ActionChains(browser).send_keys(Keys.TAB).perform()
    raise AssertionError("Tab never came round to the panel's Close button")


def _takes_focus(browser, element_id):
    """Whether the landlord's element takes the focus when asked: an inert one does not."""
    return browser.execute_script(
        "var e = document.getElementById(arguments[0]); e.focus(); return document.activeElement === e", element_id
    )


def test_the_open_panel_is_a_modal_dialog_that_keeps_the_focus(stack, browser, footer_page):
    browser.get(footer_page)
    _tab_to(browser, "contact")
    ActionChains(browser).send_keys(Keys.TAB, Keys.ENTER).perform()
    WebDriverWait(browser, 20).until(lambda d: _where_focus_is(d) == "frame:message")

    dialog = _in_widget(
        browser,
        """var p = root.querySelector('.panel');
           return [p.tagName, p.open, p.getAttribute('aria-modal'),
                   root.getElementById(p.getAttribute('aria-labelledby')).textContent];""",
    )
    assert dialog == ["DIALOG", True, "true", "Chat with us"]
    # The landlord's page behind is inert: nothing there takes the focus, or a click.
    assert _takes_focus(browser, "contact") is False
    assert not _shown_at_its_centre(browser, browser.find_element(By.ID, "contact"))

    # Tab goes round the chat and the panel's Close button, and never out to the page.
    seen = []
    for _ in range(30):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        seen.append(_where_focus_is(browser))
    assert all(place == "close" or place.startswith("frame:") for place in seen), seen
    assert seen.count("close") >= 2, seen  # round more than once
    after_close = seen[seen.index("close") + 1]
    assert after_close == "frame:quick-exit", seen
    last_in_chat = seen[seen.index("close") - 1]

    # Shift+Tab from Close goes round the other way, to the chat's last control.
    _tab_round_to_close(browser)
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    WebDriverWait(browser, 5).until(lambda d: _where_focus_is(d) == last_in_chat)

    # Esc in the chat closes it; the focus goes back to the button, and the page is no longer inert.
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 10).until(lambda d: _where_focus_is(d) == "launcher")
    assert _takes_focus(browser, "contact") is True

    # Esc on the panel's own Close button does the same, once: the browser's own close request
    # for a dialog must not count as a second Esc, which would leave the landlord's page.
    time.sleep(2)  # past the window in which a second Esc leaves
    _tab_to(browser, "contact")
    ActionChains(browser).send_keys(Keys.TAB, Keys.ENTER).perform()
    WebDriverWait(browser, 20).until(lambda d: _where_focus_is(d) == "frame:message")
    _tab_round_to_close(browser)
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 10).until(lambda d: _where_focus_is(d) == "launcher")
    time.sleep(2)
    assert browser.current_url == footer_page
    assert _in_widget(browser, "return root.querySelector('.panel').open") is False


# --- a phone, and 400% zoom -------------------------------------------------------------------


@pytest.mark.parametrize(
    "screen",
    [
        {"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": True},
        {"width": 320, "height": 256, "deviceScaleFactor": 4, "mobile": False},  # 400% of 1280 by 1024
    ],
    ids=["phone", "400% zoom"],
)
def test_on_a_small_screen_the_panel_takes_the_whole_window_and_the_chat_works(stack, browser, footer_page, screen):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", screen)
    try:
        browser.get(footer_page)
        _tab_to(browser, "contact")
        ActionChains(browser).send_keys(Keys.TAB, Keys.ENTER).perform()
        WebDriverWait(browser, 20).until(lambda d: _where_focus_is(d) == "frame:message")
        browser.switch_to.default_content()
        width, height = browser.execute_script("return [window.innerWidth, window.innerHeight]")
        assert (width, height) == (screen["width"], screen["height"])
        panel = _in_widget(browser, "return root.querySelector('.panel')")
        assert _rect(browser, panel) == [0, 0, width, height]
        frame = _in_widget(browser, "return root.querySelector('iframe')")
        left, top, right, bottom = _rect(browser, frame)
        assert (left, right, bottom) == (0, width, height)
        assert bottom - top >= 0.75 * height  # the chat, not the panel's own bar, has the room

        browser.switch_to.frame(frame)
        assert not scrolls_sideways(browser) and cut_off(browser) == []
        ActionChains(browser).send_keys("hello", Keys.ENTER).perform()
        _bot_says(browser, "tenant assistant")
        ActionChains(browser).send_keys("the bedroom window handle has snapped off", Keys.ENTER).perform()
        _bot_says(browser, "at risk of harm")
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".quick-replies button:enabled"))
        # As the chat left it, unscrolled by the test: the box and Send whole, below the quick
        # exit that stays on top, and a line or more of the newest message above them.
        box, send = browser.find_element(By.ID, "message"), browser.find_element(By.CSS_SELECTOR, ".composer button")
        assert wholly_shown(browser, box) and wholly_shown(browser, send)
        exit_bottom = browser.execute_script(
            "return document.getElementById('exit-this-page').getBoundingClientRect().bottom"
        )
        assert exit_bottom <= box.rect["y"]
        assert shown_height(browser, browser.find_elements(By.CSS_SELECTOR, "#log li.bot")[-1]) >= 20
        assert not scrolls_sideways(browser) and cut_off(browser) == []
    finally:
        browser.switch_to.default_content()
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# --- a report by keyboard alone ---------------------------------------------------------------

# Whether an element shows that it has the focus: an outline at least 2px wide, or a box shadow.
RING = """
function ring(e) {
  var s = getComputedStyle(e);
  return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
}
"""


def _focus_shows(browser) -> bool:
    """Whether what has the focus shows it: in the chat's frame, or the widget's own buttons."""
    where = _where_focus_is(browser)  # leaves the driver on the landlord's page
    if where.startswith("frame:"):
        browser.switch_to.frame(_in_widget(browser, "return root.querySelector('iframe')"))
        shows = browser.execute_script(RING + "return ring(document.activeElement);")
        browser.switch_to.default_content()
        return shows
    return _in_widget(browser, RING + "return ring(root.activeElement);")


def _in_frame(browser):
    browser.switch_to.default_content()
    browser.switch_to.frame(_in_widget(browser, "return root.querySelector('iframe')"))


def test_a_tenant_reports_a_repair_in_the_widget_by_keyboard_alone(stack, browser, landlord_page):
    """Tab to the button, Enter, type the report, choose quick replies with Shift+Tab, Tab, Space
    and Enter; Tab keeps going round the open panel; Esc closes it, back on the button."""
    launcher = _open_by_keyboard(browser, landlord_page)  # Tab, Enter: the focus in the message box
    ActionChains(browser).send_keys("the bedroom window handle has snapped off", Keys.ENTER).perform()
    _bot_says(browser, "at risk of harm")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".quick-replies button:enabled"))
    assert _where_focus_is(browser) == "frame:message"  # typed: the focus stays in the box

    # Back from the box to the newest quick replies: "No", nobody is at risk.
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert _where_focus_is(browser) == "frame:No"
    assert _focus_shows(browser)
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    _in_frame(browser)
    _bot_says(browser, "health condition")
    # The answer's quick replies take the focus, ready to choose: Tab to "No", Enter.
    WebDriverWait(browser, 10).until(lambda d: _where_focus_is(d) == "frame:Yes")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert _where_focus_is(browser) == "frame:No" and _focus_shows(browser)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    _in_frame(browser)
    _bot_says(browser, "to get in")
    said = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#log li.tenant .said")]
    assert said == ["the bedroom window handle has snapped off", "No", "No"]
    # No buttons with this question: the focus is back in the box, to type the answer.
    WebDriverWait(browser, 10).until(lambda d: _where_focus_is(d) == "frame:message")

    # Tab goes round the panel, the spent quick replies skipped, never out to the page behind.
    seen = []
    for _ in range(12):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        seen.append(_where_focus_is(browser))
        assert _focus_shows(browser), seen[-1]
    assert all(place == "close" or place.startswith("frame:") for place in seen), seen
    assert seen.count("close") >= 2, seen
    assert not any(place in ("frame:Yes", "frame:No") for place in seen), seen

    # Esc closes the panel; the focus is back on the button that opened it.
    _tab_round_to_close(browser)
    ActionChains(browser).send_keys(Keys.TAB).perform()  # into the chat again
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 10).until(lambda d: _focused_in_widget(d) == "launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert _in_widget(browser, "return root.querySelector('.panel').open") is False
    assert _focus_shows(browser)


# A landlord's page with something focusable everywhere the button could go: links in the top
# corners, a long page, and a footer fixed across the bottom with links at both ends.
BUSY_PAGE = """<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Our homes</title>
<style>body {{ margin: 0; font: 16px/1.5 sans-serif; }}
header {{ display: flex; justify-content: space-between; padding: 0.5rem; }}
main {{ padding: 0 1rem 6rem; }}
footer {{ position: fixed; left: 0; right: 0; bottom: 0; display: flex; justify-content: space-between;
  padding: 1rem; background: #eeeeee; }}</style></head>
<body>
<header><a href="#home">Home</a><a href="#search">Search</a></header>
<main><h1>Our homes</h1>
{paragraphs}
</main>
<footer><a href="#privacy">Privacy</a><a href="#cookies">Cookies</a><a href="#contact">Contact us</a></footer>
<script src="{widget}" defer></script>
</body>
</html>
"""


@pytest.fixture
def busy_page(stack, tmp_path):
    paragraphs = "\n".join(
        f'<p>News item {n}. <a href="#item-{n}">Read item {n}</a></p>'
        + ('<p style="text-align: right"><a href="#right-{0}">More on the right {0}</a></p>'.format(n) if n % 3 else "")
        for n in range(1, 25)
    )
    yield from _serve(
        tmp_path, BUSY_PAGE.format(paragraphs=paragraphs, widget=f"http://127.0.0.1:{stack.ports.web}/widget.js")
    )


@pytest.mark.parametrize(
    "screen",
    [
        {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        {"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": True},
        {"width": 320, "height": 256, "deviceScaleFactor": 4, "mobile": False},  # 400% of 1280 by 1024
    ],
    ids=["desktop", "phone", "400% zoom"],
)
def test_the_button_never_covers_anything_tab_reaches_on_the_landlords_page(stack, browser, busy_page, screen):
    """WCAG 2.4.11 for every element of a page: Tab through it all, and the button is never on
    top of any part of what has the focus."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", screen)
    try:
        browser.get(busy_page)
        launcher = _launcher(browser)
        covered, visited = [], 0
        for _ in range(80):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            if _focused_in_widget(browser) == "launcher":
                break
            focused = browser.switch_to.active_element
            visited += 1
            try:
                WebDriverWait(browser, 2).until(lambda d, e=focused: not _overlaps(_rect(d, launcher), _rect(d, e)))
            except TimeoutException:
                covered.append(focused.text)
        assert visited >= 40, visited  # every link of the page, and round to the button at the end
        assert covered == []
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
