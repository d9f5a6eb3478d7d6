"""Deciding whether a tenant's message already says what happened.

A tenant who writes "my boiler's broken" has told us the problem; one who writes "I need to
report a repair" has not. Asking the first what is wrong is the kind of question tenants hate,
so the forms only ask when the opening message carries nothing but the request itself.
"""

from __future__ import annotations

import re
from typing import Optional

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

# Words that make up a bare request ("can I report a repair please") and say nothing about
# what happened. Anything outside this list counts as detail.
_REQUEST_WORDS = frozenset(
    """
    a about an and any anti antisocial asb behavior behaviour can could complain complaint
    complaints do does fix fixing fixed for get got have hello help hey hi hiya how i i'd i'm
    id im is it job jobs like log make me my need needs of on please problem problems raise
    repair repairs report reporting social some someone something sort thanks the there this
    to up want wanna was we with would you your
    """.split()
)


def says_what_happened(message: str) -> bool:
    """True when the message holds at least one word beyond a bare request."""
    words = _WORD.findall(message.lower())
    return any(word not in _REQUEST_WORDS for word in words)


def description_to_keep(message: object, already_asked: bool) -> Optional[str]:
    """The tenant's words to keep as the description, or None to ask for them.

    Once the form has asked, any non-empty answer is kept: asking the same question twice
    traps people in a loop.
    """
    text = message.strip() if isinstance(message, str) else ""
    if not text:
        return None
    return text if already_asked or says_what_happened(text) else None
