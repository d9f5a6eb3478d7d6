"""The whole handoff loop in headless Chromium: a tenant in the web widget on a landlord's page
asks for a person; a member of staff signs in to the console in another tab, finds the
conversation in the queue and replies; the tenant sees the reply; the tenant's next message
reaches the console (without a reload) and the bot says nothing; the member of staff hands
back and the bot answers again."""

import time
import uuid

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.cases import CaseStore
from bot.web.console.accounts import StaffAccounts
from tests.e2e.browser import bot_says
from tests.e2e.staff import handoffs
from tests.e2e.test_widget import SESSION_KEY, _in_widget, _open_by_keyboard, landlord_page  # noqa: F401

pytestmark = pytest.mark.e2e

STAFF_NAME, STAFF_PASSWORD = f"amina{uuid.uuid4().hex[:6]}", "amina's long console password"
HOSTILE = '<img src=x onerror="window.pwned=1">is anyone there?'


def _tenant_tab(browser, tab):
    """Back to the landlord's page, inside the chat's frame."""
    browser.switch_to.window(tab)
    browser.switch_to.default_content()
    browser.switch_to.frame(_in_widget(browser, "return root.querySelector('iframe')"))


def _items(browser, css):
    return [item.text for item in browser.find_elements(By.CSS_SELECTOR, css)]


def _tenant_types(browser, text):
    ActionChains(browser).send_keys(text, Keys.ENTER).perform()
    WebDriverWait(browser, 30).until(lambda d: text.strip() in _items(d, "#log li.tenant .said"))


def test_a_person_takes_over_a_web_chat_and_hands_back(stack, browser, landlord_page):  # noqa: F811
    StaffAccounts(CaseStore.from_url(stack.database_url).engine).create(STAFF_NAME, STAFF_PASSWORD)

    # The tenant, in the widget, asks for a person, and is told the bot will keep quiet.
    _open_by_keyboard(browser, landlord_page)
    tenant_tab = browser.current_window_handle
    ActionChains(browser).send_keys("can I speak to a real person please", Keys.ENTER).perform()
    bot_says(browser, "passed you to our team")
    status = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "with-person").text)
    assert "waiting for a member of our team" in status
    conversation = browser.execute_script(f"return sessionStorage.getItem('{SESSION_KEY}')").split(".")[0]
    handoff = handoffs(stack).active(conversation)
    assert handoff is not None

    # A member of staff signs in, in another tab, and finds the conversation in the queue.
    browser.switch_to.new_window("tab")
    staff_tab = browser.current_window_handle
    browser.get(f"http://127.0.0.1:{stack.ports.web}/staff/handoffs")
    browser.find_element(By.ID, "username").send_keys(STAFF_NAME)
    browser.find_element(By.ID, "password").send_keys(STAFF_PASSWORD, Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "Sign out" in d.page_source)
    browser.get(f"http://127.0.0.1:{stack.ports.web}/staff/handoffs")
    # The queue names the conversation by what the tenant wrote first, not by its id.
    link = browser.find_element(By.CSS_SELECTOR, f'a[href="/staff/handoffs/{handoff.id}"]')
    assert link.text == "can I speak to a real person please"
    assert (
        "Asked for a person"
        in browser.find_element(By.XPATH, "//tr[.//a[@href='/staff/handoffs/%d']]" % handoff.id).text
    )
    link.click()
    WebDriverWait(browser, 30).until(
        lambda d: "can I speak to a real person please" in _items(d, "#transcript li.tenant .said")
    )
    browser.find_element(By.ID, "reply").send_keys("Hello, I'm Amina from the housing team. How can I help?")
    browser.find_element(By.CSS_SELECTOR, 'form[action$="/reply"] button').click()
    WebDriverWait(browser, 30).until(
        lambda d: "Hello, I'm Amina from the housing team. How can I help?" in _items(d, "#transcript li.staff .said")
    )

    # The tenant sees the reply, from the housing team, and that a person has the conversation.
    _tenant_tab(browser, tenant_tab)
    WebDriverWait(browser, 30).until(
        lambda d: "Hello, I'm Amina from the housing team. How can I help?" in _items(d, "#log li.staff .said")
    )
    WebDriverWait(browser, 10).until(
        lambda d: "talking to a member of our team" in d.find_element(By.ID, "with-person").text
    )

    # The lines already shown stay where they are when new ones come: marked now, still there
    # after the tenant's next message is added (a screen reader hears only the new line).
    browser.switch_to.window(staff_tab)
    browser.execute_script("document.querySelectorAll('#transcript li').forEach(li => { li.dataset.seen = '1'; })")
    shown = len(_items(browser, "#transcript li"))

    # The tenant writes again (markup and all): the bot says nothing...
    _tenant_tab(browser, tenant_tab)
    bot_messages = len(_items(browser, "#log li.bot"))
    _tenant_types(browser, HOSTILE)
    time.sleep(4)
    assert len(_items(browser, "#log li.bot")) == bot_messages, "the bot answered while a person had the conversation"

    # ...and the message appears in the console by itself, as text.
    browser.switch_to.window(staff_tab)
    WebDriverWait(browser, 30).until(lambda d: HOSTILE in _items(d, "#transcript li.tenant .said"))
    assert browser.execute_script("return window.pwned") is None
    assert len(browser.find_elements(By.CSS_SELECTOR, "#transcript li[data-seen]")) == shown
    assert browser.find_element(By.ID, "transcript").get_attribute("aria-relevant") == "additions"
    browser.find_element(By.CSS_SELECTOR, 'form[action$="/hand-back"] button').click()
    WebDriverWait(browser, 30).until(lambda d: "Handed back to the assistant" in d.page_source)

    # Back with the bot: the tenant is told, and the bot answers the next message.
    _tenant_tab(browser, tenant_tab)
    bot_says(browser, "back with the assistant")
    WebDriverWait(browser, 10).until(lambda d: not d.find_element(By.ID, "with-person").is_displayed())
    _tenant_types(browser, "the bedroom window handle has snapped off")
    bot_says(browser, "at risk of harm")
