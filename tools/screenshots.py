"""The README's screenshots: `python -m tools.screenshots` (or `make screenshots`).

Starts the assistant as the end-to-end tests do (tools.launcher's Stack, on a fresh SQLite state
folder and free ports), gives it something to show with the tests' own helpers (conversations
through the REST channel, a hard morning's caseload opened as the assistant opens cases), and
writes, with headless Chromium:

- chat-phone.png: the chat on a phone, in the middle of a repair report (the read-back with its
  "Change ..." buttons);
- console-queue.png: the console's "Waiting for a person" queue, at desktop size;
- console-cases.png: "Cases by deadline", most urgent first, at desktop size;
- console-case.png: the most urgent case's page, at desktop size.

Each PNG is reduced to a palette of 256 colours and kept under MAX_BYTES, so the repository
stays small. Needs a trained model (`make`), like the tests.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Dict

from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bot.settings import REPO_ROOT
from tests.e2e.browser import bot_says, chromium, press_quick_reply
from tests.e2e.conftest import say
from tests.e2e.staff import a_hard_morning, sign_in_browser
from tools.launcher import Stack, free_ports

OUT = REPO_ROOT / "docs" / "screenshots"
MAX_BYTES = 200_000
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}

# A repair told in words, answered as a tenant answers: up to the read-back, before logging it.
REPORT = (
    ("at risk of harm", "No"),  # a quick reply, pressed
    ("health condition", "No"),
    ("to get in", "any weekday morning, knock loudly"),
    ("phone number", "07700 900123"),
    ("postcode", "SY7 9BW"),
)
# Conversations waiting for a person, as the queue shows them.
WAITING = (
    "i can smell gas in the kitchen and the baby is asleep upstairs",
    "theres smoke coming under the door from the flat next door",
    "can I speak to a real person please, I've been waiting weeks about my damp",
)


def save(png: bytes, name: str, out: Path) -> Path:
    """The screenshot as a 256-colour PNG: a fraction of the size, and text stays crisp."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    path = out / name
    image.save(path, optimize=True)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SystemExit(f"{path} is {size} bytes, over {MAX_BYTES}: make the shot smaller")
    print(f"{path.relative_to(REPO_ROOT)}: {image.width}x{image.height}, {size // 1000} kB")
    return path


def chat_on_a_phone(stack: Stack, browser, out: Path) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    browser.get(f"http://127.0.0.1:{stack.ports.web}/")
    browser.find_element(By.ID, "message").send_keys("the bedroom window handle has snapped off", Keys.ENTER)
    for question, answer in REPORT:
        bot_says(browser, question)
        if answer in ("Yes", "No"):
            press_quick_reply(browser, answer)
        else:
            browser.find_element(By.ID, "message").send_keys(answer, Keys.ENTER)
    bot_says(browser, "Shall I log it")
    WebDriverWait(browser, 30).until(
        lambda d: any("Change" in b.text for b in d.find_elements(By.CSS_SELECTOR, ".quick-replies button:enabled"))
    )
    browser.execute_script("document.activeElement.blur()")  # no focus ring in the picture
    ActionChains(browser).move_to_element(browser.find_element(By.CSS_SELECTOR, "#composer label")).perform()
    save(browser.get_screenshot_as_png(), "chat-phone.png", out)


def console_at_a_desk(stack: Stack, browser, caseload: Dict[str, str], out: Path) -> None:
    base = f"http://127.0.0.1:{stack.ports.web}/staff"
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
    sign_in_browser(browser, stack)
    browser.get(f"{base}/handoffs")
    save(browser.get_screenshot_as_png(), "console-queue.png", out)
    browser.get(f"{base}/")
    save(browser.get_screenshot_as_png(), "console-cases.png", out)
    case = f"{base}/cases/{caseload['most urgent']}"
    browser.get(case)
    browser.find_element(By.ID, "progress-note").send_keys("Rang the tenant: locksmith booked, there by 14:00.")
    browser.find_element(By.CSS_SELECTOR, 'form[action$="/progress"] button').click()
    WebDriverWait(browser, 30).until(lambda d: d.current_url.endswith("#history"))
    browser.get(case)  # from the top: what matters first
    save(browser.get_screenshot_as_png(), "console-case.png", out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the PNGs go (default {OUT})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder:
        state = Path(folder)
        database_url = f"sqlite:///{state / 'cases.db'}"
        stack = Stack(free_ports(), state, log_dir=state / "logs", extra_env={"DATABASE_URL": database_url})
        stack.database_url = database_url
        stack.start()
        browser = None
        try:
            stack.wait_until_ready(timeout=400)
            for words in WAITING:
                say(stack, f"tenant-{uuid.uuid4().hex[:12]}", words)
            caseload = a_hard_morning(stack)
            browser = chromium(state / "profile")
            chat_on_a_phone(stack, browser, args.out)
            browser.quit()
            browser = chromium(state / "profile-staff")
            console_at_a_desk(stack, browser, caseload, args.out)
        finally:
            if browser is not None:
                browser.quit()
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
