"""The answer to a message already handled is found in the tracker, and only for that message."""

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from bot.channels.chat_page import replies_to

EVENTS = [
    UserUttered("my tap drips", message_id="msg-first-000"),
    ActionExecuted("repair_form"),
    BotUttered("Is anyone at risk of harm?", data={"buttons": [{"title": "No", "payload": "/deny"}]}),
    ActionExecuted("action_listen"),
    UserUttered("no", message_id="msg-second-00"),
    BotUttered("Where in your home is it?"),
    BotUttered("For example the kitchen."),
    UserUttered("kitchen", message_id="msg-third-000"),
]


def test_the_answer_to_a_handled_message_is_what_followed_it_up_to_the_next_message():
    assert replies_to(EVENTS, "tenant-1", "msg-first-000") == [
        {"recipient_id": "tenant-1", "text": "Is anyone at risk of harm?",
         "buttons": [{"title": "No", "payload": "/deny"}]}]
    assert [r["text"] for r in replies_to(EVENTS, "tenant-1", "msg-second-00")] == [
        "Where in your home is it?", "For example the kitchen."]


def test_a_message_handled_without_an_answer_yet_and_one_never_handled_differ():
    assert replies_to(EVENTS, "tenant-1", "msg-third-000") == []
    assert replies_to(EVENTS, "tenant-1", "msg-never-sent") is None
