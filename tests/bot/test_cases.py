from datetime import datetime, timedelta, timezone

import pytest

from bot.cases import CaseKind, CaseStore, NewCase

OPENED = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def _case(kind=CaseKind.REPAIR, conversation_id="tenant-1", description="tap dripping"):
    return NewCase(
        kind=kind,
        category="routine",
        description=description,
        conversation_id=conversation_id,
        opened_at=OPENED,
        first_due_at=OPENED + timedelta(days=17),
        first_due_whole_day=False,
    )


@pytest.mark.parametrize(
    "kind, prefix",
    [(CaseKind.REPAIR, "REP-2026-"), (CaseKind.ANTI_SOCIAL_BEHAVIOUR, "ASB-2026-"), (CaseKind.COMPLAINT, "CMP-2026-")],
)
def test_a_reference_names_the_kind_and_year_of_the_case(store, kind, prefix):
    from bot.cases import REFERENCE_ALPHABET

    reference = store.open(_case(kind)).reference
    assert reference.startswith(prefix)
    assert len(reference.split("-")[2]) == 8 and set(reference.split("-")[2]) <= set(REFERENCE_ALPHABET)


def test_references_are_random_so_one_tells_nothing_about_the_next(store):
    references = [store.open(_case(description=f"tap {n}")).reference.split("-")[2] for n in range(40)]
    assert len(set(references)) == 40
    # Sequential numbers share all but their last characters; random ones almost never share a first.
    assert len({r[:3] for r in references}) > 30


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


def test_what_no_database_can_keep_is_stored_as_the_replacement_character_on_both(store):
    """PostgreSQL refuses NUL in text, and a lone surrogate (which valid JSON can carry) cannot
    be encoded at all: the case is still opened, the same on both databases, with the rest of
    the words as written, and looking up a reference with a NUL in it finds nothing."""
    from bot.cases import ChannelIdentity

    text = "tap\x00drip\ud800 \x01\x1f\x7f <b>ok</b>"
    opened = store.open(
        NewCase(
            kind=CaseKind.REPAIR,
            category="routine",
            description=text,
            conversation_id="tenant\x00-1",
            opened_at=OPENED,
            first_due_at=OPENED + timedelta(days=17),
            first_due_whole_day=False,
            location="kitchen\x00",
            access="side gate\x00",
            identity=ChannelIdentity("twilio", "+44\x007700"),
            request_key="k\x00",
        )
    )
    found = store.find(opened.reference)
    assert found.description == "tap\ufffddrip\ufffd \x01\x1f\x7f <b>ok</b>"
    assert (found.location, found.access, found.conversation_id) == (
        "kitchen\ufffd",
        "side gate\ufffd",
        "tenant\ufffd-1",
    )
    assert store.find(opened.reference + "\x00") is None
    assert (
        store.attach(ChannelIdentity("twilio", "+44\x007700"), [("https://x.example/\x00.jpg", "image/\x00")], OPENED)
        == opened.reference
    )
    assert [a.url for a in store.attachments(opened.reference)] == ["https://x.example/\ufffd.jpg"]


def test_a_case_time_without_a_zone_is_refused(store):
    naive = _case()
    with pytest.raises(ValueError):
        store.open(NewCase(**{**naive.__dict__, "opened_at": datetime(2026, 11, 23, 10, 0)}))


def test_a_database_made_before_a_column_was_added_gains_it(tmp_path):
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with create_engine(url).begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE cases (id INTEGER PRIMARY KEY, reference VARCHAR(32), kind VARCHAR(8) NOT NULL, "
                "category VARCHAR(32) NOT NULL, description TEXT NOT NULL, conversation_id VARCHAR(255) NOT NULL, "
                "status VARCHAR(32) NOT NULL, opened_at DATETIME NOT NULL, first_due_at DATETIME NOT NULL)"
            )
        )
    store = CaseStore.from_url(url)
    case = store.open(NewCase(**{**_case().__dict__, "vulnerable_household": True}))
    assert store.find(case.reference).vulnerable_household is True


def test_opening_a_case_starts_its_event_log_with_why(store):
    case = store.open(
        NewCase(**{**_case().__dict__, "opened_because": {"classified": {"intent": "report_repair_routine"}}})
    )
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
        ("whats happening with REP-2026-KX7Q4MTD", ["REP-2026-KX7Q4MTD"]),
        ("rep 2026 kx7q 4mtd please", ["REP-2026-KX7Q4MTD"]),
        ("its CMP-2026-KX7Q4MTD from last month", ["CMP-2026-KX7Q4MTD"]),
        ("rep 2026 kx7q 4mtd from the 3rd", ["REP-2026-KX7Q4MTD"]),
        ("REP-2026-KX7Q4MTDX", []),
        ("asb-2026-kx7q4mtd", ["ASB-2026-KX7Q4MTD"]),
        ("my ref is 123456", []),
        ("", []),
    ],
)
def test_references_are_read_however_a_tenant_types_them(message, references):
    from bot.cases import references_in

    assert references_in(message) == references


def test_a_case_is_found_only_for_the_conversation_that_opened_it(store):
    case = store.open(_case(conversation_id="tenant-1"))
    assert store.find_for(case.reference, "tenant-1").case == case
    assert store.find_for(case.reference, "someone-else") is None
    assert store.find_for("REP-2026-999999", "tenant-1") is None


# --- tenants, deadlines, stages, idempotency ----------------------------------------------

from bot.cases import CaseStatus, ChannelIdentity, NewComplaintStage, CaseDeadline  # noqa: E402

WEB = ChannelIdentity("rest", "web-session-1")
PHONE = ChannelIdentity("twilio", "+447700900123")


def test_a_channel_identity_is_one_tenant_however_often_it_writes(store):
    first = store.tenant_for(WEB, OPENED)
    assert store.tenant_for(WEB, OPENED) == first
    assert store.tenant_for(PHONE, OPENED) != first


def test_the_same_delivery_opens_one_case(store):
    key = "twilio:SM0123456789"
    first = store.open(NewCase(**{**_case().__dict__, "request_key": key}))
    again = store.open(NewCase(**{**_case().__dict__, "request_key": key, "description": "retried"}))
    assert again.reference == first.reference
    assert store.find(first.reference).description == "tap dripping"
    assert len(store.for_conversation("tenant-1")) == 1


def test_every_promised_date_is_kept_with_its_charter_entry(store):
    deadlines = [
        CaseDeadline("repair", "repairs.damp_mould", "awaabs_law", OPENED + timedelta(days=14), True),
        CaseDeadline(
            "written_summary",
            "awaabs_law.significant_hazard.written_summary",
            "awaabs_law",
            OPENED + timedelta(days=19),
            True,
        ),
    ]
    case = store.open(NewCase(**{**_case().__dict__, "deadlines": deadlines}))
    stored = store.deadlines(case.reference)
    assert [(d.name, d.promise, d.due_at) for d in stored] == [
        ("repair", "repairs.damp_mould", OPENED + timedelta(days=14)),
        ("written_summary", "awaabs_law.significant_hazard.written_summary", OPENED + timedelta(days=19)),
    ]


@pytest.mark.parametrize(
    "asked_from, conversation, postcode, tie",
    [
        (WEB, "tenant-1", None, "owner"),  # the conversation that opened it
        (WEB, "a-new-session", None, "owner"),  # the same channel identity, later
        (PHONE, "sms-thread", "sy7 9bw", "postcode"),  # anyone with the postcode on the case
        (PHONE, "sms-thread", "SY7 9BX", None),  # the wrong postcode
        (PHONE, "sms-thread", None, None),  # nothing to show it is theirs
    ],
)
def test_a_case_is_found_for_its_tenant_or_someone_with_its_postcode_and_says_which(
    store, asked_from, conversation, postcode, tie
):
    case = store.open(NewCase(**{**_case().__dict__, "identity": WEB, "postcode": "SY79BW"}))
    found = store.find_for(case.reference, conversation, identity=asked_from, postcode=postcode)
    assert (None if found is None else "owner" if found.by_owner else "postcode") == tie
    assert store.find_for("REP-2026-999999", conversation, identity=asked_from, postcode=postcode) is None


@pytest.mark.parametrize(
    "message, postcodes",
    [
        ("it's SY7 9BW", ["SY7 9BW"]),
        ("sy79bw", ["SY7 9BW"]),
        ("EC1A 1BB or m1 1ae", ["EC1A 1BB", "M1 1AE"]),
        ("flat 12", []),
        ("", []),
    ],
)
def test_postcodes_are_read_however_a_tenant_types_them(message, postcodes):
    from bot.cases import postcodes_in

    assert postcodes_in(message) == postcodes


def test_completing_a_case_records_when_and_who(store):
    case = store.open(_case())
    done = store.set_status(case.reference, CaseStatus.COMPLETED, OPENED + timedelta(days=3), "staff:amina")
    assert done.completed_at == OPENED + timedelta(days=3)
    last = store.events(case.reference)[-1]
    assert (last.kind, last.actor, last.detail["to"]) == ("status_changed", "staff:amina", "completed")


def test_a_complaint_keeps_each_stage_with_its_own_dates(store):
    stage_one = NewComplaintStage(
        stage=1,
        acknowledgement_due_at=OPENED + timedelta(days=7),
        response_due_at=OPENED + timedelta(days=21),
        first_due_whole_day=False,
        contact_due_at=OPENED + timedelta(days=3),
    )
    case = store.open(
        NewCase(**{**_case(kind=CaseKind.COMPLAINT).__dict__, "category": "stage_one", "complaint_stage": stage_one})
    )
    later = OPENED + timedelta(days=30)
    stage_two = NewComplaintStage(
        stage=2,
        acknowledgement_due_at=later + timedelta(days=7),
        response_due_at=later + timedelta(days=35),
        first_due_whole_day=False,
        contact_due_at=later + timedelta(days=3),
    )
    store.add_complaint_stage(case.reference, stage_two, later, "tenant")
    again = store.add_complaint_stage(case.reference, stage_two, later + timedelta(days=1), "tenant")
    assert again.opened_at == later
    store.update_complaint_stage(case.reference, 1, later, "staff:amina", responded_at=OPENED + timedelta(days=20))
    stages = store.complaint_stages(case.reference)
    assert [(s.stage, s.responded_at) for s in stages] == [(1, OPENED + timedelta(days=20)), (2, None)]
    assert store.find(case.reference).category == "stage_two"
    with pytest.raises(ValueError):
        store.update_complaint_stage(case.reference, 1, later, "staff:amina", description="changed")


@pytest.mark.parametrize(
    "first_due_at, whole_day",
    [
        (datetime(2026, 12, 10, 23, 59, 59, tzinfo=timezone.utc), True),  # a promise in days, to its end
        (datetime(2026, 11, 23, 23, 59, tzinfo=timezone.utc), False),  # an hours promise due at 23:59
        (OPENED + timedelta(hours=4), False),
    ],
)
def test_whether_the_next_date_is_a_whole_day_is_kept_as_given_not_read_off_its_time(store, first_due_at, whole_day):
    case = store.open(NewCase(**{**_case().__dict__, "first_due_at": first_due_at, "first_due_whole_day": whole_day}))
    assert case.first_due_whole_day is whole_day
    assert (store.find(case.reference).first_due_at, store.find(case.reference).first_due_whole_day) == (
        first_due_at,
        whole_day,
    )


LATER = OPENED + timedelta(days=30)


@pytest.mark.parametrize(
    "opened_whole_day, contact_due_at, stage_whole_day, first_due_at",
    [
        (True, LATER + timedelta(days=3), False, LATER + timedelta(days=3)),  # the contact comes first
        (False, LATER + timedelta(days=3), True, LATER + timedelta(days=3)),
        (True, None, True, LATER + timedelta(days=7)),  # without a contact, the acknowledgement
        (False, None, False, LATER + timedelta(days=7)),
    ],
)
def test_a_new_complaint_stage_gives_the_case_its_first_date_and_whether_it_is_a_whole_day(
    store, opened_whole_day, contact_due_at, stage_whole_day, first_due_at
):
    opened = NewCase(
        **{**_case(kind=CaseKind.COMPLAINT).__dict__, "category": "stage_one", "first_due_whole_day": opened_whole_day}
    )
    reference = store.open(opened).reference
    stage_two = NewComplaintStage(
        stage=2,
        acknowledgement_due_at=LATER + timedelta(days=7),
        response_due_at=LATER + timedelta(days=35),
        first_due_whole_day=stage_whole_day,
        contact_due_at=contact_due_at,
    )
    store.add_complaint_stage(reference, stage_two, LATER, "tenant")
    found = store.find(reference)
    assert (found.first_due_at, found.first_due_whole_day) == (first_due_at, stage_whole_day)


def test_a_tenants_reports_are_counted_over_a_window(store):
    for days_ago in (200, 100, 10):
        store.open(
            NewCase(
                **{
                    **_case(kind=CaseKind.ANTI_SOCIAL_BEHAVIOUR).__dict__,
                    "identity": WEB,
                    "opened_at": OPENED - timedelta(days=days_ago),
                }
            )
        )
    tenant = store.tenant_for(WEB, OPENED)
    assert store.count_for_tenant(tenant, CaseKind.ANTI_SOCIAL_BEHAVIOUR, OPENED - timedelta(days=182)) == 2
    assert store.count_for_tenant(tenant, CaseKind.REPAIR, OPENED - timedelta(days=182)) == 0


def test_a_domestic_abuse_case_has_a_reference_that_does_not_say_so(store):
    case = store.open(_case(kind=CaseKind.DOMESTIC_ABUSE))
    assert case.reference.startswith("ENQ-2026-")
    assert case.kind is CaseKind.DOMESTIC_ABUSE


def test_a_database_at_the_first_migration_is_upgraded_keeping_its_cases(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from bot.cases import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'first.db'}"
    engine = create_engine(url, future=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO cases (reference, kind, category, description, conversation_id, status, opened_at, first_due_at) "
                "VALUES ('REP-2026-000001', 'REP', 'routine', 'old tap', 'tenant-0', 'open', '2026-11-01 10:00:00', '2026-11-18 10:00:00')"
            )
        )
    store = CaseStore(engine)
    assert store.find("REP-2026-000001").description == "old tap"
    assert store.open(_case()).reference.startswith("REP-2026-")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_at_0008(request, tmp_path):
    """An existing database of each kind whose schema is at migration 0008: its cases do not
    record whether their next date is a whole day."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from bot.cases import MIGRATIONS
    from tests.postgres import drop, fresh_schema, in_use, url_for

    admin, schema = fresh_schema() if request.param == "postgresql" else (None, None)
    engine = create_engine(url_for(schema) if schema else f"sqlite:///{tmp_path / 'at_0008.db'}", future=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with in_use():
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0008")
        try:
            yield engine
        finally:
            engine.dispose()
    if schema:
        drop(admin, schema)


# Next dates already stored (naive UTC) and whether each is a whole day in the charter's zone,
# Europe/London: 23:59 there, and nothing else, was how the status reply told one before.
STORED_BEFORE_0009 = [
    ("2026-11-18 23:59:59", True),  # 23:59:59 GMT
    ("2026-07-10 22:59:59", True),  # 23:59:59 BST
    ("2026-07-10 23:59:59", False),  # 00:59:59 BST the next day
    ("2026-11-18 10:00:00", False),
    ("2026-11-18 23:58:59", False),
]


def test_a_database_from_before_whole_days_were_recorded_gains_them_from_the_time_once(database_at_0008):
    from sqlalchemy import text

    with database_at_0008.begin() as connection:
        for n, (first_due_at, _) in enumerate(STORED_BEFORE_0009):
            connection.execute(
                text(
                    "INSERT INTO cases (reference, kind, category, description, conversation_id, status, "
                    "opened_at, first_due_at) VALUES (:reference, 'REP', 'routine', 'old tap', 'tenant-0', 'open', "
                    "'2026-07-01 10:00:00', :first_due_at)"
                ),
                {"reference": f"REP-2026-00000{n}", "first_due_at": first_due_at},
            )
    store = CaseStore(database_at_0008)
    assert [store.find(f"REP-2026-00000{n}").first_due_whole_day for n in range(len(STORED_BEFORE_0009))] == [
        whole_day for _, whole_day in STORED_BEFORE_0009
    ]
    # From now on each case says so itself, whatever the time.
    midnight = datetime(2026, 11, 18, 23, 59, 59, tzinfo=timezone.utc)
    opened = store.open(NewCase(**{**_case().__dict__, "first_due_at": midnight, "first_due_whole_day": False}))
    assert store.find(opened.reference).first_due_whole_day is False


def test_servers_starting_together_on_a_new_postgresql_database_migrate_it_once():
    """Several action servers start at once against an empty database: one migrates it, the
    others wait for that and find it done (without the advisory lock, all but one fail)."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import create_engine

    from tests.postgres import drop, fresh_schema, in_use, url_for

    admin, schema = fresh_schema()
    engines = [create_engine(url_for(schema), future=True) for _ in range(4)]
    try:
        with in_use():
            pool = ThreadPoolExecutor(max_workers=4)
            starting = [pool.submit(CaseStore, engine) for engine in engines]
            stores = [server.result(timeout=60) for server in starting]  # without the lock they deadlock
            pool.shutdown()
            references = {store.open(_case()).reference for store in stores}
            assert len(references) == 4
    finally:
        for engine in engines:
            engine.dispose()
        drop(admin, schema)


@pytest.mark.parametrize("photo_first", [True, False])
def test_a_photo_goes_with_the_case_it_was_sent_for(store, photo_first):
    photo = [("https://api.twilio.com/Media/ME1", "image/jpeg")]
    if photo_first:  # sent while the report was still being taken
        assert store.attach(PHONE, photo, OPENED) is None
    case = store.open(NewCase(**{**_case().__dict__, "identity": PHONE}))
    if not photo_first:
        assert store.attach(PHONE, photo, OPENED + timedelta(hours=2)) == case.reference
    assert [a.url for a in store.attachments(case.reference)] == ["https://api.twilio.com/Media/ME1"]
    # Another tenant's photo, or one sent days later, is not put with this case.
    store.attach(WEB, [("https://x/ME2", "image/png")], OPENED)
    store.attach(PHONE, [("https://x/ME3", "image/png")], OPENED + timedelta(days=3))
    assert len(store.attachments(case.reference)) == 1


def _kept(key, data=b"\xff\xd8\xff photo bytes"):
    from bot.cases import KeptPhoto

    return KeptPhoto(key=key, url=f"/staff/photos/{key}", content_type="image/jpeg", data=data)


@pytest.mark.parametrize("photo_first", [True, False])
def test_a_web_chat_photo_is_kept_with_its_bytes_and_goes_with_the_case_as_an_sms_photo_does(store, photo_first):
    data = bytes(range(256)) * 4096  # a megabyte, every byte value, NULs included
    if photo_first:  # sent while the report was still being taken: it waits, and no one can open it yet
        assert store.attach(WEB, [], OPENED, kept=[_kept("k" * 22, data)]) is None
        assert store.kept_photo("k" * 22) is None
    case = store.open(NewCase(**{**_case().__dict__, "identity": WEB}))
    if not photo_first:
        assert store.attach(WEB, [], OPENED + timedelta(hours=2), kept=[_kept("k" * 22, data)]) == case.reference
    [attachment] = store.attachments(case.reference)
    assert (attachment.url, attachment.content_type, attachment.kept_key) == (
        "/staff/photos/" + "k" * 22,
        "image/jpeg",
        "k" * 22,
    )
    found = store.kept_photo("k" * 22)
    assert (found.data, found.content_type, found.reference, found.kind) == (
        data,
        "image/jpeg",
        case.reference,
        CaseKind.REPAIR,
    )
    assert store.kept_photo("x" * 22) is None
    # The same history as any photo: one added, by the tenant, when it came after the case
    # was opened; one adopted as the case opened is in no event (as for SMS photos).
    added = [(e.actor, e.detail) for e in store.events(case.reference) if e.kind == "attachment_added"]
    assert added == ([] if photo_first else [("tenant", {"count": 1})])


def test_photos_hosted_and_kept_are_listed_together_in_the_order_they_came(store):
    case = store.open(NewCase(**{**_case().__dict__, "identity": WEB}))
    store.attach(WEB, [("https://api.twilio.com/Media/ME1", "image/png")], OPENED, kept=[_kept("a" * 22)])
    store.attach(WEB, [], OPENED + timedelta(minutes=1), kept=[_kept("b" * 22)])
    assert [(a.url, a.kept_key) for a in store.attachments(case.reference)] == [
        ("https://api.twilio.com/Media/ME1", None),
        ("/staff/photos/" + "a" * 22, "a" * 22),
        ("/staff/photos/" + "b" * 22, "b" * 22),
    ]
    assert [e.detail for e in store.events(case.reference) if e.kind == "attachment_added"] == [
        {"count": 2},
        {"count": 1},
    ]


def test_photos_kept_for_a_channel_identity_are_counted_over_a_window(store):
    assert store.kept_photos_since(WEB, OPENED - timedelta(days=1)) == 0
    store.attach(WEB, [("https://x/hosted", "image/png")], OPENED)  # hosted elsewhere: not counted
    store.attach(WEB, [], OPENED, kept=[_kept("a" * 22), _kept("b" * 22)])
    store.attach(WEB, [], OPENED + timedelta(days=2), kept=[_kept("c" * 22)])
    store.attach(PHONE, [], OPENED, kept=[_kept("d" * 22)])
    assert store.kept_photos_since(WEB, OPENED - timedelta(hours=1)) == 3
    assert store.kept_photos_since(WEB, OPENED + timedelta(days=1)) == 1


def test_a_photos_key_is_never_used_twice(store):
    from sqlalchemy.exc import IntegrityError

    store.attach(WEB, [], OPENED, kept=[_kept("a" * 22)])
    with pytest.raises(IntegrityError):
        store.attach(PHONE, [], OPENED, kept=[_kept("a" * 22)])
    # Nothing of the refused one was kept: no attachment waits without its bytes.
    case = store.open(NewCase(**{**_case().__dict__, "identity": PHONE}))
    assert store.attachments(case.reference) == []


def test_what_a_tenant_adds_after_logging_is_kept_in_the_case_history_in_order(store):
    case = store.open(_case())
    store.add_tenant_words(case.reference, OPENED + timedelta(minutes=1), "will they ring before they come")
    store.add_tenant_words(case.reference, OPENED + timedelta(minutes=2), "x" * 5000)
    added = [e for e in store.events(case.reference) if e.kind == "tenant_added"]
    assert [(e.actor, e.detail["words"][:31]) for e in added] == [
        ("tenant", "will they ring before they come"),
        ("tenant", "x" * 31),
    ]
    assert len(added[1].detail["words"]) == 2000
    with pytest.raises(LookupError):
        store.add_tenant_words("REP-2026-ACDEFGHJ", OPENED, "hello")
