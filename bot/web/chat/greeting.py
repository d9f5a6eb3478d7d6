"""What the chat page says before the tenant has written anything: a greeting, and starters
that begin each kind of conversation with one press.

The wording is the domain's (`utter_chat_page_greeting` in domain/common.yml), like every other
sentence the assistant says, and its {variables} are the charter's facts, as in every reply: a
landlord who swaps charter.yml or rewords the domain changes the page without touching HTML.
Each starter's payload is sent as the tenant's first message, exactly as a quick reply's is.

A starter whose payload names a response (`utter_...`) is answered by the page itself, with
that response's words and no turn. It is for "Ask a question": there is nothing yet for the
assistant to read, and no words that it reads as "I have a question" (it offers a choice of
areas instead), so the page asks what the assistant asks when "a question" is chosen from
that choice, and the tenant's next message, the question, is the conversation's first.

Read with plain YAML, not Rasa's domain loader: nothing in bot/ imports Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple

from bot.domain_words import DOMAIN_FOLDER, DomainWordsError, filled, first_variant, responses

GREETING_RESPONSE = "utter_chat_page_greeting"
RESPONSE_PREFIX = "utter_"


class GreetingError(DomainWordsError):
    """The domain's greeting cannot be shown: missing, without starters, or quoting a fact the
    charter does not have. The chat server must not start with a page that says "{landlord}"."""


@dataclass(frozen=True)
class Starter:
    """One button under the greeting: what it says, and either the words it sends for the
    tenant or, with no turn, the words the page answers with."""

    title: str
    payload: Optional[str] = None
    reply: Optional[str] = None


@dataclass(frozen=True)
class Greeting:
    text: str
    starters: Tuple[Starter, ...]


def load_greeting(facts: Mapping[str, str], domain_folder: Path = DOMAIN_FOLDER) -> Greeting:
    """The page's greeting from the domain, with `facts` (bot.replies.charter_facts) filled in."""
    every = responses(domain_folder)
    response = first_variant(every, GREETING_RESPONSE)
    starters = tuple(_starter(button, every, facts) for button in response.get("buttons") or [])
    if not starters:
        raise GreetingError(f"{GREETING_RESPONSE} in {domain_folder} offers no buttons to start with")
    return Greeting(text=filled(str(response.get("text", "")), facts), starters=starters)


def _starter(button: Any, every: Mapping[str, Any], facts: Mapping[str, str]) -> Starter:
    title = str((button or {}).get("title", "")).strip()
    payload = str((button or {}).get("payload", "")).strip()
    if not title or not payload:
        raise GreetingError(f"a starter in {GREETING_RESPONSE} needs a title and a payload, not {button!r}")
    if payload.startswith(RESPONSE_PREFIX):
        reply = filled(str(first_variant(every, payload).get("text", "")), facts)
        return Starter(title=title, reply=reply)
    return Starter(title=title, payload=payload)
