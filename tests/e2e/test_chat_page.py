"""The tenant chat page in a real headless Chromium, against the running assistant."""

import os
import re

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def browser(tmp_path):
    # Selenium must use Debian's browser and driver, never fetch its own.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=400,800"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _bot_says(browser, pattern, timeout=60):
    def found(driver):
        texts = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#log li.bot")]
        return next((t for t in texts if re.search(pattern, t)), False)
    return WebDriverWait(browser, timeout).until(found)


def _click_quick_reply(browser, title):
    WebDriverWait(browser, 30).until(
        lambda d: next((b for b in d.find_elements(By.CSS_SELECTOR, ".quick-replies button") if b.text == title), False)
    ).click()


def test_a_tenant_reports_a_repair_by_typing_and_clicking(stack, browser):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    box = browser.find_element(By.ID, "message")
    box.send_keys("hello", Keys.ENTER)
    _bot_says(browser, "tenant assistant")

    box.send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    _bot_says(browser, "at risk of harm")
    _click_quick_reply(browser, "No")
    _bot_says(browser, "health condition")
    _click_quick_reply(browser, "No")
    _bot_says(browser, "to get in")
    box.send_keys("no", Keys.ENTER)
    _bot_says(browser, "phone number")
    box.send_keys("07700 900123", Keys.ENTER)
    _bot_says(browser, "postcode")
    box.send_keys("SY7 9BW", Keys.ENTER)
    _bot_says(browser, "Shall I log it")
    _click_quick_reply(browser, "Yes, log it")
    assert re.search(r"REP-\d{4}-\d{6}", _bot_says(browser, r"REP-\d{4}-\d{6}"))


def test_the_page_can_be_used_with_the_keyboard_alone(stack, browser):
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "quick-exit"
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "message"
    browser.switch_to.active_element.send_keys("thanks", Keys.TAB)
    assert browser.switch_to.active_element.text == "Send"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    _bot_says(browser, "welcome")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=message]")
    assert label.text == "Your message"
