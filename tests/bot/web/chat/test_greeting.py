"""The chat page's greeting: the domain's words with the charter's facts, and starters that
are real buttons sending the domain's payloads (issue 17; the issue 14 rule: the landlord's
name comes from charter.yml only)."""

import html
import re

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from bot.charter import DEFAULT_CHARTER_FILE
from bot.settings import REPO_ROOT
from bot.domain_words import DOMAIN_FOLDER, DomainWordsError, filled
from bot.web.chat.greeting import GREETING_RESPONSE, load_greeting
from bot.web.chat.server import create_app

TEMPLATE = REPO_ROOT / "bot" / "web" / "chat" / "templates" / "page.html"


def _domain_response(name, file="common.yml"):
    return yaml.safe_load((DOMAIN_FOLDER / file).read_text())["responses"][name][0]


def _domain_greeting():
    return _domain_response(GREETING_RESPONSE)


async def _page(charter_file=None, monkeypatch=None):
    if charter_file is not None:
        monkeypatch.setenv("CHARTER_FILE", str(charter_file))
    client = TestClient(TestServer(create_app("http://127.0.0.1:1", secret=b"greeting-test")))
    await client.start_server()
    try:
        return await (await client.get("/")).text()
    finally:
        await client.close()


def _starters(page):
    """(title, what it does, with what) of each button in the greeting's group of starters."""
    group = re.search(r'<div class="quick-replies starters" role="group" aria-label="([^"]+)">(.*?)</div>', page, re.S)
    assert group and group.group(1), "the starters are a labelled group"
    buttons = re.findall(r'<button type="button" data-(payload|reply)="([^"]*)">([^<]+)</button>', group.group(2))
    assert len(buttons) == group.group(2).count("<button")
    return [(html.unescape(title), kind, html.unescape(value)) for kind, value, title in buttons]


async def test_the_empty_page_greets_in_the_domains_words_with_the_charters_name():
    page = await _page()
    response = _domain_greeting()
    greeting = response["text"].replace("{landlord_name}", "Connexus")
    assert "{" not in greeting
    assert f'<span class="said">{html.escape(greeting)}</span>' in page
    assert _starters(page) == [
        ("Report a repair", "payload", "I need to report a repair"),
        ("A problem with a neighbour", "payload", "I want to report antisocial behaviour"),
        ("Make a complaint", "payload", "I want to make a complaint"),
        # Nothing for the assistant to read yet: the page asks what it asks when "a question" is chosen.
        ("Ask a question", "reply", _domain_response("utter_ask_question_area", "handoff.yml")["text"]),
        ("Check a case", "payload", "any update on my case"),
    ]
    # The greeting opens the conversation's log, before the messages.
    assert re.search(r'role="log"[^>]*>\s*<div class="greeting">', page)


def test_the_starters_are_what_the_issue_asks_for():
    titles = [b["title"] for b in _domain_greeting()["buttons"]]
    assert titles == [
        "Report a repair",
        "A problem with a neighbour",
        "Make a complaint",
        "Ask a question",
        "Check a case",
    ]


def test_the_template_holds_no_greeting_words_or_landlord_name():
    template = TEMPLATE.read_text()
    for button in _domain_greeting()["buttons"]:
        assert button["title"] not in template and button["payload"] not in template
    assert "Connexus" not in template and "Hello" not in template


async def test_another_landlords_charter_changes_the_greeting(tmp_path, monkeypatch):
    charter = yaml.safe_load(DEFAULT_CHARTER_FILE.read_text())
    charter["contact"]["name"] = "Riverside Homes"
    swapped = tmp_path / "charter.yml"
    swapped.write_text(yaml.safe_dump(charter))
    page = await _page(swapped, monkeypatch)
    greeting = re.search(r'<div class="greeting">.*?<span class="said">([^<]*)</span>', page, re.S).group(1)
    assert "Riverside Homes" in greeting and "Connexus" not in greeting


def test_a_fact_the_charter_does_not_give_stops_the_page_rather_than_show_braces():
    assert filled("Hello from {landlord_name}", {"landlord_name": "Connexus"}) == "Hello from Connexus"
    with pytest.raises(DomainWordsError, match="landlord_motto"):
        filled("Hello from {landlord_name}, {landlord_motto}", {"landlord_name": "Connexus"})


@pytest.mark.parametrize(
    "response, says",
    [
        ({"text": "Hello"}, "no buttons"),
        ({"text": "Hello", "buttons": [{"title": "Report a repair"}]}, "title and a payload"),
        ({"text": "Hello", "buttons": [{"title": " ", "payload": "repair"}]}, "title and a payload"),
    ],
)
def test_a_greeting_without_usable_starters_is_refused(tmp_path, response, says):
    (tmp_path / "common.yml").write_text(yaml.safe_dump({"responses": {GREETING_RESPONSE: [response]}}))
    with pytest.raises(DomainWordsError, match=says):
        load_greeting({}, tmp_path)


def test_a_domain_without_the_greeting_is_refused(tmp_path):
    (tmp_path / "common.yml").write_text(yaml.safe_dump({"responses": {"utter_greet": [{"text": "Hello"}]}}))
    with pytest.raises(DomainWordsError, match=GREETING_RESPONSE):
        load_greeting({}, tmp_path)


def test_a_starter_naming_a_response_is_answered_with_it_from_any_domain_file(tmp_path):
    buttons = [{"title": "Ask a question", "payload": "utter_ask_what"}, {"title": "Repair", "payload": "a repair"}]
    (tmp_path / "common.yml").write_text(
        yaml.safe_dump({"responses": {GREETING_RESPONSE: [{"text": "Hello from {landlord_name}", "buttons": buttons}]}})
    )
    (tmp_path / "other.yml").write_text(
        yaml.safe_dump({"responses": {"utter_ask_what": [{"text": "Ask {landlord_name}"}]}})
    )
    greeting = load_greeting({"landlord_name": "Riverside"}, tmp_path)
    assert greeting.text == "Hello from Riverside"
    assert [(s.title, s.payload, s.reply) for s in greeting.starters] == [
        ("Ask a question", None, "Ask Riverside"),
        ("Repair", "a repair", None),
    ]
    buttons[0]["payload"] = "utter_not_there"
    (tmp_path / "common.yml").write_text(
        yaml.safe_dump({"responses": {GREETING_RESPONSE: [{"text": "Hello", "buttons": buttons}]}})
    )
    with pytest.raises(DomainWordsError, match="utter_not_there"):
        load_greeting({}, tmp_path)
