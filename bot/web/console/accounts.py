"""Staff accounts: who may sign in to the console, and checking their passwords.

Only an argon2id hash of a password is ever stored (argon2-cffi's PasswordHasher), so a
copied database does not hand out the staff's passwords. Checking a name that has no
account costs the same as checking a real one (a dummy hash is verified), so the sign-in
page cannot be used to find out who works here.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Boolean, Column, DateTime, Integer, String, UniqueConstraint, false, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cases import Base, from_stored, stored_utc
from bot.web.console.roles import StaffRole

MIN_PASSWORD_CHARS = 12
# Long passwords are welcome, but not a megabyte of them on every sign-in attempt.
MAX_PASSWORD_CHARS = 1024
# Lower-case letters, digits and . _ -; short enough that "staff:<name>" fits an event's actor.
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


class StaffAccountRecord(Base):
    """One member of staff who may sign in. A disabled account is kept for the event log's sake."""

    __tablename__ = "staff_accounts"
    __table_args__ = (UniqueConstraint("username", name="uq_staff_accounts_username"),)

    id = Column(Integer, primary_key=True)
    username = Column(String(32), nullable=False)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False)
    disabled = Column(Boolean, nullable=False, default=False, server_default=false())
    role = Column(
        String(32),
        nullable=False,
        default=StaffRole.CONTACT_CENTRE.value,
        server_default=StaffRole.CONTACT_CENTRE.value,
    )
    # Sessions signed in before this moment no longer count (a password reset, an account disabled).
    sessions_not_before = Column(DateTime, nullable=True)


class AccountError(ValueError):
    """A username or password that cannot be used; the message says why, for the person typing."""


@dataclass(frozen=True)
class StaffAccount:
    """An account as the console sees it: never with its hash."""

    username: str
    created_at: datetime
    disabled: bool
    role: StaffRole = StaffRole.CONTACT_CENTRE
    sessions_not_before: Optional[datetime] = None

    def accepts_session_from(self, signed_in_at: datetime) -> bool:
        """Whether a session signed in at that moment still counts for this account."""
        return not self.disabled and (self.sessions_not_before is None or signed_in_at >= self.sessions_not_before)


def normalise_username(username: str) -> str:
    """Usernames are compared in lower case, so "JSmith" and "jsmith" are one person."""
    return (username or "").strip().lower()


def check_new_password(password: str) -> None:
    """Refuse a password too short to resist guessing (or too long to hash quickly)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"A password can have at most {MAX_PASSWORD_CHARS} characters.")


def check_username(username: str) -> str:
    """The username as stored, or an AccountError saying what is allowed."""
    name = normalise_username(username)
    if not USERNAME.match(name):
        raise AccountError(
            "A username has 2 to 32 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return name


class StaffAccounts:
    """Creates accounts and checks passwords against the `staff_accounts` table.

    The engine is the case store's (`CaseStore.engine`), already migrated. Database calls are
    made on the caller's thread; only `verify_hash` is meant to run in a worker thread,
    because it is the slow part and touches no database.
    """

    def __init__(self, engine: Engine, hasher: Optional[PasswordHasher] = None) -> None:
        self._engine = engine
        self._hasher = hasher or PasswordHasher()
        # Verified when the username has no account, so a miss takes as long as a hit.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(32))

    def create(
        self, username: str, password: str, at: Optional[datetime] = None, role: StaffRole = StaffRole.CONTACT_CENTRE
    ) -> StaffAccount:
        """A new enabled account; AccountError if the name is taken or either value is unusable."""
        name = check_username(username)
        check_new_password(password)
        created = stored_utc(at or datetime.now(timezone.utc))
        record = StaffAccountRecord(
            username=name,
            password_hash=self._hasher.hash(password),
            created_at=created,
            disabled=False,
            role=role.value,
        )
        try:
            with Session(self._engine, future=True) as session, session.begin():
                session.add(record)
        except IntegrityError:
            raise AccountError(f"There is already an account called {name}.") from None
        return StaffAccount(name, from_stored(created), False, role)

    def find(self, username: str) -> Optional[StaffAccount]:
        """The account, or None; never its hash."""
        record = self._record(username)
        return _account(record) if record is not None else None

    def all(self) -> List[StaffAccount]:
        with Session(self._engine, future=True) as session:
            records = session.execute(select(StaffAccountRecord).order_by(StaffAccountRecord.username)).scalars()
            return [_account(record) for record in records]

    def is_active(self, username: str) -> bool:
        """Whether the account exists and is not disabled: checked on every request, so that
        disabling an account ends its sessions at once."""
        account = self.find(username)
        return account is not None and not account.disabled

    def set_role(self, username: str, role: StaffRole) -> StaffAccount:
        return self._change(username, role=role.value)

    def set_disabled(self, username: str, disabled: bool, at: Optional[datetime] = None) -> StaffAccount:
        """Disable (every session ends at once) or enable again an account; AccountError if there is none."""
        changes: Dict[str, Any] = {"disabled": disabled}
        if disabled:
            changes["sessions_not_before"] = stored_utc(at or datetime.now(timezone.utc))
        return self._change(username, **changes)

    def reset_password(self, username: str, password: str, at: Optional[datetime] = None) -> StaffAccount:
        """A new password; every session signed in with the old one ends."""
        check_new_password(password)
        return self._change(
            username,
            password_hash=self._hasher.hash(password),
            sessions_not_before=stored_utc(at or datetime.now(timezone.utc)),
        )

    def _change(self, username: str, **values: Any) -> StaffAccount:
        with Session(self._engine, future=True, expire_on_commit=False) as session, session.begin():
            record = self._select(session, username)
            if record is None:
                raise AccountError(f"There is no account called {normalise_username(username)}.")
            for name, value in values.items():
                setattr(record, name, value)
        return _account(record)

    def stored_hash(self, username: str) -> Optional[str]:
        """The hash to check a password against: the account's if it is active, else the
        dummy (so the caller does the same work and learns nothing from the time it takes)."""
        record = self._record(username)
        if record is None or record.disabled:
            return None
        return record.password_hash

    def verify_hash(self, stored: Optional[str], password: str) -> bool:
        """Check a password against a hash from `stored_hash`; None checks the dummy and fails."""
        if len(password) > MAX_PASSWORD_CHARS:
            password = password[:MAX_PASSWORD_CHARS]
        try:
            matched = self._hasher.verify(stored or self._dummy_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return matched and stored is not None

    def rehash_if_needed(self, username: str, stored: str, password: str) -> None:
        """After a successful sign-in, upgrade a hash made with weaker parameters than today's."""
        if not self._hasher.check_needs_rehash(stored):
            return
        with Session(self._engine, future=True) as session, session.begin():
            record = self._select(session, username)
            if record is not None and record.password_hash == stored:
                record.password_hash = self._hasher.hash(password)

    def _record(self, username: str) -> Optional[StaffAccountRecord]:
        with Session(self._engine, future=True, expire_on_commit=False) as session:
            return self._select(session, username)

    @staticmethod
    def _select(session: Session, username: str) -> Optional[StaffAccountRecord]:
        return session.execute(
            select(StaffAccountRecord).where(StaffAccountRecord.username == normalise_username(username))
        ).scalar_one_or_none()


def _account(record: StaffAccountRecord) -> StaffAccount:
    return StaffAccount(
        record.username,
        from_stored(record.created_at),
        record.disabled,
        StaffRole(record.role),
        from_stored(record.sessions_not_before),
    )
