"""STOP and START, as Twilio reads them on SMS and as we read them elsewhere."""

import pytest

from bot.updates.opt_out import OptOut, opt_out_word


@pytest.mark.parametrize(
    "text, sms, said",
    [
        ("STOP", True, OptOut.STOP),
        ("stop", False, OptOut.STOP),
        (" Stop. ", False, OptOut.STOP),
        ("STOP!", True, OptOut.STOP),
        # Twilio's other words act on SMS, so ours agree there...
        ("unsubscribe", True, OptOut.STOP),
        ("CANCEL", True, OptOut.STOP),
        ("quit", True, OptOut.STOP),
        # ...but elsewhere "cancel" is an answer to the assistant.
        ("cancel", False, None),
        ("START", True, OptOut.START),
        ("unstop", True, OptOut.START),
        ("start", False, OptOut.START),
        # YES answers questions; it is not taken as START.
        ("yes", True, None),
        # A message with the word in it is a message.
        ("stop texting me about the boiler", True, None),
        ("the tap wont stop", False, None),
        ("", True, None),
    ],
)
def test_only_a_whole_message_of_the_word_stops_or_starts_updates(text, sms, said):
    assert opt_out_word(text, sms) is said
