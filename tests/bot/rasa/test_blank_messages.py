"""A message with nothing in it is not understood, without the NLU graph that fails on it."""

import pytest
from rasa.core.channels.channel import UserMessage

from bot.rasa import blank_messages


@pytest.mark.parametrize(
    "text, blank",
    [
        ("", True),
        (" ", True),
        ("\u2028\u3000\x1e\t\r\n", True),
        ("\x85\xa0", True),
        ("a", False),
        ("?", False),
        ("🔥", False),
        ("/restart", False),
    ],
)
def test_what_counts_as_nothing(text, blank):
    assert blank_messages.is_blank(text) is blank


class _NoGraph:
    """A processor whose NLU graph must not be run."""

    def __getattr__(self, name):
        raise AssertionError(f"the graph was used for a blank message ({name})")


def test_a_blank_message_is_read_as_not_understood_without_the_graph():
    parsed = blank_messages.parse_message_with_graph(_NoGraph(), UserMessage("\u2028 ", message_id="m1"), None)
    assert parsed["intent"] == {"name": "nlu_fallback", "confidence": 1.0} and parsed["message_id"] == "m1"


def test_the_patch_is_applied_once_and_only_to_the_rasa_it_was_written_for():
    from rasa.core.processor import MessageProcessor

    blank_messages.apply()
    blank_messages.apply()
    assert MessageProcessor._parse_message_with_graph is blank_messages.parse_message_with_graph
    MessageProcessor._parse_message_with_graph = blank_messages.ORIGINAL
