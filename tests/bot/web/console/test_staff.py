"""Staff accounts: only an argon2 hash is stored, and short passwords are refused."""

import io

import pytest
from sqlalchemy import create_engine, inspect, select

from bot.cases import CaseStore
from bot.web.console import staff
from bot.web.console.accounts import AccountError, StaffAccountRecord, StaffAccounts
from tools import create_staff

PASSWORD = "a long enough passphrase"


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cases.db'}"


def stored_rows(url):
    engine = create_engine(url, future=True)
    try:
        if "staff_accounts" not in inspect(engine).get_table_names():
            return []
        with engine.connect() as connection:
            return connection.execute(select(StaffAccountRecord.__table__)).all()
    finally:
        engine.dispose()


def test_the_command_stores_an_argon2_hash_and_never_the_password(database_url, capsys):
    status = create_staff.main(
        ["Alice", "--password-stdin"], stdin=io.StringIO(PASSWORD + "\n"), database_url=database_url
    )
    assert status == 0
    [row] = stored_rows(database_url)
    assert row.username == "alice"
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert row.disabled is False and row.created_at is not None
    output = capsys.readouterr()
    assert PASSWORD not in output.out + output.err


@pytest.mark.parametrize("password", ["", "short", "elevenchars"])
def test_the_command_refuses_a_password_under_12_characters(database_url, capsys, password):
    status = create_staff.main(
        ["alice", "--password-stdin"], stdin=io.StringIO(password + "\n"), database_url=database_url
    )
    assert status == 2
    assert "at least 12 characters" in capsys.readouterr().err
    assert stored_rows(database_url) == []


def test_the_command_asks_twice_without_echo_when_not_reading_stdin(database_url, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(staff.getpass, "getpass", lambda prompt: next(answers))
    assert create_staff.main(["bob"], database_url=database_url) == 0
    assert [row.username for row in stored_rows(database_url)] == ["bob"]


def test_two_different_typings_make_no_account(database_url, monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(staff.getpass, "getpass", lambda prompt: next(answers))
    assert create_staff.main(["bob"], database_url=database_url) == 2
    assert "not the same" in capsys.readouterr().err
    assert stored_rows(database_url) == []


def test_a_taken_username_or_a_bad_one_is_refused(database_url, capsys):
    assert create_staff.main(["carol", "--password-stdin"], stdin=io.StringIO(PASSWORD), database_url=database_url) == 0
    assert create_staff.main(["Carol", "--password-stdin"], stdin=io.StringIO(PASSWORD), database_url=database_url) == 1
    assert (
        create_staff.main(["<carol>", "--password-stdin"], stdin=io.StringIO(PASSWORD), database_url=database_url) == 2
    )
    assert len(stored_rows(database_url)) == 1


def test_a_password_is_checked_against_its_hash_and_an_unknown_user_fails():
    accounts = StaffAccounts(CaseStore.from_url("sqlite://").engine)
    accounts.create("dave", PASSWORD)
    assert accounts.verify_hash(accounts.stored_hash("dave"), PASSWORD)
    assert not accounts.verify_hash(accounts.stored_hash("dave"), PASSWORD + "!")
    assert accounts.stored_hash("nobody") is None
    assert not accounts.verify_hash(None, PASSWORD)
    with pytest.raises(AccountError):
        accounts.create("erin", "too short")


def _command(database_url, *argv, password=None):
    stdin = io.StringIO((password + "\n") if password else "")
    return staff.main(list(argv), stdin=stdin, database_url=database_url)


def test_an_account_is_made_with_a_role_and_contact_centre_is_the_default(database_url):
    assert _command(database_url, "create", "sam", "--password-stdin", password=PASSWORD) == 0
    assert _command(database_url, "create", "dee", "--role", "safeguarding", "--password-stdin", password=PASSWORD) == 0
    roles = {row.username: row.role for row in stored_rows(database_url)}
    assert roles == {"sam": "contact_centre", "dee": "safeguarding"}


@pytest.mark.parametrize(
    "command, expected",
    [
        (("disable", "sam"), {"disabled": True}),
        (("set-role", "sam", "complaints"), {"role": "complaints", "disabled": False}),
    ],
)
def test_an_account_can_be_disabled_and_its_role_changed(database_url, command, expected):
    _command(database_url, "create", "sam", "--password-stdin", password=PASSWORD)
    assert _command(database_url, *command) == 0
    [row] = stored_rows(database_url)
    assert {name: getattr(row, name) for name in expected} == expected


def test_a_reset_password_replaces_the_hash_and_ends_the_old_sessions(database_url):
    _command(database_url, "create", "sam", "--password-stdin", password=PASSWORD)
    [before] = stored_rows(database_url)
    assert _command(database_url, "reset-password", "sam", "--password-stdin", password="another long passphrase") == 0
    [after] = stored_rows(database_url)
    assert after.password_hash != before.password_hash and after.sessions_not_before is not None
    store = CaseStore.from_url(database_url)
    accounts = StaffAccounts(store.engine)
    assert accounts.verify_hash(accounts.stored_hash("sam"), "another long passphrase")
    assert not accounts.verify_hash(accounts.stored_hash("sam"), PASSWORD)


def test_a_command_for_an_account_that_does_not_exist_says_so(database_url, capsys):
    assert _command(database_url, "disable", "nobody") == 1
    assert "no account called nobody" in capsys.readouterr().err
