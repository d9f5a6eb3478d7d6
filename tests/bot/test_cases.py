from datetime import datetime, timedelta, timezone

import pytest

from bot.cases import CaseKind, CaseStore, NewCase

OPENED = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def _case(kind=CaseKind.REPAIR, conversation_id="tenant-1", description="tap dripping"):
    return NewCase(
        kind=kind, category="routine", description=description, conversation_id=conversation_id,
        opened_at=OPENED, first_due_at=OPENED + timedelta(days=17),
    )


@pytest.mark.parametrize(
    "kind, prefix",
    [(CaseKind.REPAIR, "REP-2026-"), (CaseKind.ANTI_SOCIAL_BEHAVIOUR, "ASB-2026-"),
     (CaseKind.COMPLAINT, "CMP-2026-")],
)
def test_a_reference_names_the_kind_and_year_of_the_case(store, kind, prefix):
    reference = store.open(_case(kind)).reference
    assert reference.startswith(prefix)
    assert len(reference.split("-")[2]) == 6


def test_every_case_gets_its_own_reference_and_can_be_found_again(store):
    first = store.open(_case())
    second = store.open(_case(description="door will not lock"))
    assert first.reference != second.reference
    found = store.find(second.reference)
    assert found is not None
    assert found.description == "door will not lock"
    assert found.status == "open"
    assert found.opened_at == OPENED
    assert found.first_due_at == OPENED + timedelta(days=17)


def test_an_unknown_reference_finds_nothing(store):
    assert store.find("REP-2026-999999") is None


def test_cases_are_listed_for_the_conversation_that_opened_them(store):
    store.open(_case(conversation_id="tenant-1"))
    store.open(_case(conversation_id="tenant-2"))
    assert [c.conversation_id for c in store.for_conversation("tenant-1")] == ["tenant-1"]


def test_a_description_is_kept_whole_whatever_it_contains(store):
    text = "pipe\u202eleak 💧 <script>alert(1)</script> ' OR 1=1 --" + "x" * 20000
    assert store.find(store.open(_case(description=text)).reference).description == text


def test_a_case_time_without_a_zone_is_refused(store):
    naive = _case()
    with pytest.raises(ValueError):
        store.open(NewCase(**{**naive.__dict__, "opened_at": datetime(2026, 11, 23, 10, 0)}))


def test_a_database_made_before_a_column_was_added_gains_it(tmp_path):
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with create_engine(url).begin() as connection:
        connection.execute(text(
            "CREATE TABLE cases (id INTEGER PRIMARY KEY, reference VARCHAR(32), kind VARCHAR(8) NOT NULL, "
            "category VARCHAR(32) NOT NULL, description TEXT NOT NULL, conversation_id VARCHAR(255) NOT NULL, "
            "status VARCHAR(32) NOT NULL, opened_at DATETIME NOT NULL, first_due_at DATETIME NOT NULL)"
        ))
    store = CaseStore.from_url(url)
    case = store.open(NewCase(**{**_case().__dict__, "vulnerable_household": True}))
    assert store.find(case.reference).vulnerable_household is True


def test_opening_a_case_starts_its_event_log_with_why(store):
    case = store.open(NewCase(**{**_case().__dict__, "opened_because": {"classified": {"intent": "report_repair_routine"}}}))
    [opened] = store.events(case.reference)
    assert (opened.kind, opened.actor) == ("opened", "assistant")
    assert opened.detail["classified"]["intent"] == "report_repair_routine"
    assert store.events("REP-2026-999999") == []


@pytest.mark.parametrize(
    "message, references",
    [
        ("any news on REP-2026-000123?", ["REP-2026-000123"]),
        ("status of asb 2026 000042 please", ["ASB-2026-000042"]),
        ("cmp-2026-000007 and REP-2025-000001", ["CMP-2026-000007", "REP-2025-000001"]),
        ("my ref is 123456", []),
        ("", []),
    ],
)
def test_references_are_read_however_a_tenant_types_them(message, references):
    from bot.cases import references_in

    assert references_in(message) == references


def test_a_case_is_found_only_for_the_conversation_that_opened_it(store):
    case = store.open(_case(conversation_id="tenant-1"))
    assert store.find_for(case.reference, "tenant-1") == case
    assert store.find_for(case.reference, "someone-else") is None
    assert store.find_for("REP-2026-999999", "tenant-1") is None
