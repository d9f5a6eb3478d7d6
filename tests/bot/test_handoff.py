"""The handoff queue: one open handoff per conversation, most urgent first, and the record that
keeps the bot quiet until a person hands back."""

from datetime import datetime, timedelta, timezone

from bot.handoff import HandoffReason, Handoffs, HandoffStatus

AT = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def test_the_queue_is_most_urgent_first_then_longest_waiting(store):
    handoffs = Handoffs(store.engine)
    handoffs.request("asked-early", "rest", HandoffReason.ASKED, AT)
    handoffs.request("asked-late", "twilio", HandoffReason.ASKED, AT + timedelta(minutes=5))
    handoffs.request("in-danger", "rest", HandoffReason.SAFETY, AT + timedelta(minutes=9))
    handoffs.request("confused", "facebook", HandoffReason.NOT_UNDERSTOOD, AT + timedelta(minutes=1))
    assert [h.conversation_id for h in handoffs.queue()] == ["in-danger", "confused", "asked-early", "asked-late"]


def test_asking_again_keeps_one_handoff_and_a_more_urgent_reason_moves_it_up(store):
    handoffs = Handoffs(store.engine)
    handoffs.request("tenant-1", "rest", HandoffReason.ASKED, AT)
    again = handoffs.request("tenant-1", "rest", HandoffReason.DOMESTIC_ABUSE, AT + timedelta(minutes=3))
    assert [h.reason for h in handoffs.queue()] == [HandoffReason.DOMESTIC_ABUSE]
    assert again.requested_at == AT  # still waiting since the first request


def test_the_bot_is_quiet_until_a_person_hands_back(store):
    handoffs = Handoffs(store.engine)
    assert handoffs.active("tenant-1") is None
    handoffs.request("tenant-1", "rest", HandoffReason.ASKED, AT)
    assert handoffs.take("tenant-1", "staff:amina").status is HandoffStatus.WITH_STAFF
    assert handoffs.active("tenant-1").staff == "staff:amina"
    assert handoffs.hand_back("tenant-1", AT + timedelta(minutes=20)).status is HandoffStatus.HANDED_BACK
    assert handoffs.active("tenant-1") is None and handoffs.queue() == []
    # A later request opens a new handoff.
    handoffs.request("tenant-1", "rest", HandoffReason.ASKED, AT + timedelta(hours=1))
    assert handoffs.active("tenant-1").status is HandoffStatus.WAITING
    assert handoffs.close("nobody", AT) is None


def test_messages_sent_during_a_handoff_are_read_back_in_order_after_a_cursor(store):
    handoffs = Handoffs(store.engine)
    handoff = handoffs.request("tenant-1", "rest", HandoffReason.ASKED, AT)
    first = handoffs.record_message(handoff, "amina", "Hello, this is Amina.", AT + timedelta(minutes=1))
    second = handoffs.record_message(handoff, None, "You're back with the assistant now.", AT + timedelta(minutes=9))
    handoffs.record_message(handoffs.request("tenant-2", "rest", HandoffReason.ASKED, AT), "amina", "other", AT)
    assert [m.text for m in handoffs.messages_after("tenant-1")] == [
        "Hello, this is Amina.",
        "You're back with the assistant now.",
    ]
    assert handoffs.messages_after("tenant-1", first.id) == [second]
    assert second.author is None and second.sent_at == AT + timedelta(minutes=9)


def test_a_handoff_ended_half_way_can_be_put_back_as_it_was(store):
    handoffs = Handoffs(store.engine)
    handoffs.request("tenant-1", "rest", HandoffReason.ASKED, AT)
    taken = handoffs.take("tenant-1", "amina")
    handoffs.hand_back("tenant-1", AT + timedelta(minutes=5))
    handoffs.restore(taken)
    assert handoffs.active("tenant-1") == taken and handoffs.get(taken.id).active
