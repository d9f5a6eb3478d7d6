"""Headless Chromium for the browser tests: Debian's browser and driver, never a downloaded one."""

import os
import re
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def chromium(profile: Path, size=(400, 800)) -> webdriver.Chrome:
    """Headless Debian Chromium and its driver, with a profile of its own (Selenium Manager offline:
    it never downloads a browser or a driver)."""
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
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture
def browser(tmp_path):
    driver = chromium(tmp_path / "profile")
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


# Emulated screens: a phone, and a 1280 by 1024 desktop at 400% zoom (320 by 256 CSS pixels).
PHONE = {"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": True}
ZOOM_400 = {"width": 320, "height": 256, "deviceScaleFactor": 4, "mobile": False}


def scrolls_sideways(browser) -> bool:
    """Whether the page itself is wider than the window (a table scrolling in its own box is not)."""
    return browser.execute_script("return document.documentElement.scrollWidth > document.documentElement.clientWidth")


def cut_off(browser) -> list:
    """Elements that reach outside the window sideways, other than inside a box that scrolls or
    clips them: what the reader of a page that reflows never loses."""
    return browser.execute_script(
        """
        var width = document.documentElement.clientWidth, out = [];
        function clipped(e) {
          for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== "visible") { return true; }
          }
          return false;
        }
        document.querySelectorAll("body *").forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === "hidden") { return; }
          if (r.right <= 0) { return; }  // moved off to the left to hide it, as a skip link is
          if ((r.right > width + 1 || r.left < -1) && !clipped(e)) {
            out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""));
          }
        });
        return out;
        """
    )


def shown_height(browser, element) -> float:
    """How many CSS pixels of the element's height show in the window, not under anything fixed
    or sticky on top of it (sampled down its middle)."""
    return browser.execute_script(
        """
        var e = arguments[0], r = e.getBoundingClientRect(), x = (r.left + r.right) / 2, shown = 0;
        for (var y = Math.max(r.top, 0) + 0.5; y < Math.min(r.bottom, window.innerHeight); y += 1) {
          var top = document.elementFromPoint(x, y);
          if (top && (top === e || e.contains(top))) { shown += 1; }
        }
        return shown;
        """,
        element,
    )


def wholly_shown(browser, element) -> bool:
    """Whether all of the element is in the window and nothing is on top of any corner of it."""
    return browser.execute_script(
        """
        var e = arguments[0], r = e.getBoundingClientRect();
        if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) { return false; }
        return [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2],
                [r.right - 2, r.bottom - 2]].every(function (p) {
          var top = document.elementFromPoint(p[0], p[1]);
          return top && (top === e || e.contains(top));
        });
        """,
        element,
    )
