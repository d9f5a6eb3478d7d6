import pytest

from bot.triage import description_to_keep, says_what_happened


@pytest.mark.parametrize(
    "message, says_enough",
    [
        ("I need to report a repair", False),
        ("can i report a repair please", False),
        ("i want to make a complaint", False),
        ("I want to report anti social behaviour", False),
        ("hi i need something fixing", False),
        ("my boiler has stopped working", True),
        ("boiler", True),
        ("the repair man never turned up", True),
        ("neighbours playing music till 3am", True),
        ("", False),
        ("!!!", False),
    ],
)
def test_a_bare_request_does_not_say_what_happened(message, says_enough):
    assert says_what_happened(message) is says_enough


@pytest.mark.parametrize(
    "message, already_asked, kept",
    [
        ("I need to report a repair", False, None),
        ("I need to report a repair", True, "I need to report a repair"),
        ("  tap dripping in the kitchen  ", False, "tap dripping in the kitchen"),
        ("   ", True, None),
        (None, True, None),
        (42, False, None),
    ],
)
def test_the_form_asks_once_then_keeps_whatever_the_tenant_says(message, already_asked, kept):
    assert description_to_keep(message, already_asked) == kept
