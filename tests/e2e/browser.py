"""Headless Chromium for the browser tests: Debian's browser and driver, never a downloaded one."""

import os
import re

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def browser(tmp_path):
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=400,800",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def bot_says(browser, pattern, timeout=60):
    """The first bot message in the chat log matching `pattern`, once it appears."""

    def found(driver):
        texts = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#log li.bot")]
        return next((t for t in texts if re.search(pattern, t)), False)

    return WebDriverWait(browser, timeout).until(found)


def press_quick_reply(browser, title, timeout=30):
    """The quick reply called `title` that can still be pressed: spent ones are disabled."""
    WebDriverWait(browser, timeout).until(
        lambda d: next(
            (b for b in d.find_elements(By.CSS_SELECTOR, ".quick-replies button:enabled") if b.text == title), False
        )
    ).click()
