"""Updates are decided once, claimed by one worker, and end with their delivery recorded."""

from datetime import timedelta

import pytest

from bot.updates import Outcome, UpdateKind, Updates, UpdateStatus
from bot.updates.store import LEASE, MAX_ATTEMPTS, retry_delay
from tests.bot.updates.conftest import MONDAY_MORNING, a_repair

NOW = MONDAY_MORNING


def _decided(desk, key="k1", at=NOW):
    case = a_repair(desk)
    updates = Updates(desk.cases.engine)
    assert updates.add(case.reference, UpdateKind.COMPLETED, key, "Done.", at)
    return case, updates


def test_an_update_decided_twice_is_one_update(desk):
    case, updates = _decided(desk)
    assert not updates.add(case.reference, UpdateKind.COMPLETED, "k1", "Done again.", NOW)
    assert [u.text for u in updates.for_case(case.reference)] == ["Done."]
    assert updates.decided("k1") and not updates.decided("k2")


def test_an_update_goes_on_the_channel_the_tenant_used(desk):
    case, updates = _decided(desk)
    [update] = updates.for_case(case.reference)
    assert (update.channel, update.address) == ("twilio", "+447700900123")


def test_two_workers_claiming_at_once_get_each_update_once(desk):
    case, updates = _decided(desk)
    first = updates.claim(NOW, "worker-1")
    second = updates.claim(NOW, "worker-2")
    assert [u.reference for u in first] == [case.reference]
    assert second == []


def test_an_update_held_by_a_worker_that_died_goes_to_another_when_its_lease_runs_out(desk):
    _, updates = _decided(desk)
    assert updates.claim(NOW, "worker-1")
    assert updates.claim(NOW + LEASE - timedelta(seconds=1), "worker-2") == []
    assert updates.claim(NOW + LEASE + timedelta(seconds=1), "worker-2")


def test_an_update_waits_until_it_may_be_sent(desk):
    case = a_repair(desk)
    updates = Updates(desk.cases.engine)
    updates.add(case.reference, UpdateKind.OVERDUE, "k", "Sorry.", NOW, send_after=NOW + timedelta(hours=1))
    assert updates.claim(NOW, "w") == []
    assert updates.claim(NOW + timedelta(hours=1), "w")


def test_a_delivery_is_written_on_the_update_and_in_the_cases_history(desk):
    case, updates = _decided(desk)
    [update] = updates.claim(NOW, "w")
    updates.record(update.id, Outcome(UpdateStatus.SENT, "accepted by Twilio as a message", "SM1"), NOW)
    [after] = updates.for_case(case.reference)
    assert (after.status, after.sent_at, after.attempts) == (UpdateStatus.SENT, NOW, 1)
    event = desk.cases.events(case.reference)[-1]
    assert event.kind == "update_sent"
    assert event.detail["update"] == "completed" and "accepted" in event.detail["result"]
    assert updates.claim(NOW + timedelta(days=1), "w") == []


def test_a_failed_attempt_is_tried_again_later_and_later(desk):
    case, updates = _decided(desk)
    moment = NOW
    for attempt in range(1, MAX_ATTEMPTS):
        [update] = updates.claim(moment, "w")
        updates.record(update.id, Outcome(UpdateStatus.PENDING, "Twilio answered HTTP 503"), moment)
        assert updates.claim(moment + retry_delay(attempt) - timedelta(seconds=1), "w") == []
        moment += retry_delay(attempt)
    assert [e.kind for e in desk.cases.events(case.reference)].count("update_not_delivered") == 0
    [update] = updates.claim(moment, "w")
    updates.record(update.id, Outcome(UpdateStatus.PENDING, "Twilio answered HTTP 503"), moment)
    [after] = updates.for_case(case.reference)
    assert after.status is UpdateStatus.FAILED and after.attempts == MAX_ATTEMPTS
    # Never lost silently: staff see it on the case.
    assert desk.cases.events(case.reference)[-1].kind == "update_not_delivered"


@pytest.mark.parametrize(
    "attempts, delay",
    [(1, timedelta(minutes=1)), (2, timedelta(minutes=2)), (4, timedelta(minutes=8)), (9, timedelta(hours=1))],
)
def test_backing_off_doubles_to_at_most_an_hour(attempts, delay):
    assert retry_delay(attempts) == delay


def test_a_provider_saying_the_tenant_opted_out_stops_every_later_update(desk):
    case, updates = _decided(desk)
    [update] = updates.claim(NOW, "w")
    updates.record(update.id, Outcome(UpdateStatus.NOT_SENT, "Twilio says STOP", opted_out=True), NOW)
    assert updates.contact("twilio", "+447700900123").stopped_at == NOW


def test_stop_and_start_are_kept_per_address(desk):
    updates = Updates(desk.cases.engine)
    updates.stop("twilio", "+447700900123", NOW)
    assert updates.contact("twilio", "+447700900123").stopped_at == NOW
    assert updates.contact("twilio", "+447700900999").stopped_at is None
    updates.start("twilio", "+447700900123")
    assert updates.contact("twilio", "+447700900123").stopped_at is None


def test_when_a_tenant_last_wrote_is_kept_no_later_than_they_did(desk):
    updates = Updates(desk.cases.engine)
    updates.heard_from("facebook", "600", NOW)
    updates.heard_from("facebook", "600", NOW + timedelta(minutes=1))  # not written: too soon
    assert updates.contact("facebook", "600").last_heard_at == NOW
    updates.heard_from("facebook", "600", NOW + timedelta(minutes=6))
    assert updates.contact("facebook", "600").last_heard_at == NOW + timedelta(minutes=6)


def test_the_web_chat_shows_its_updates_once(desk):
    case = a_repair(desk, on="web")
    updates = Updates(desk.cases.engine)
    updates.add(case.reference, UpdateKind.COMPLETED, "k", "Done.", NOW)
    [update] = updates.claim(NOW, "w")
    updates.record(update.id, Outcome(UpdateStatus.IN_CHAT, "kept for the web chat page"), NOW)
    assert [u.text for u in updates.kept_in_chat(case.conversation_id, NOW)] == ["Done."]
    assert updates.kept_in_chat(case.conversation_id, NOW) == []
    assert updates.for_case(case.reference)[0].status is UpdateStatus.SHOWN
