"""Create a staff account for the console.

    .venv/bin/python -m bot.console.create_staff USERNAME                     # asks twice
    printf '%s\\n' "$PASSWORD" | .venv/bin/python -m bot.console.create_staff USERNAME --password-stdin

The password is never an argument (it would sit in the shell history and in `ps` for everyone
on the machine to read) and is never printed or logged; only its argon2 hash is stored. The
database is the one the assistant uses: DATABASE_URL, or var/cases.db.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Optional, Sequence, TextIO

from bot.cases import CaseStore, default_database_url
from bot.console.accounts import MIN_PASSWORD_CHARS, AccountError, StaffAccounts, check_new_password, check_username


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.console.create_staff",
                                     description="Create a staff account for the staff console.")
    parser.add_argument("username", help="lower-case letters, digits, '.', '_' or '-' (2 to 32)")
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"read the password (at least {MIN_PASSWORD_CHARS} characters) from the first "
                             "line of standard input instead of asking")
    return parser


def read_password(from_stdin: bool, stdin: TextIO = sys.stdin) -> str:
    """The new password: the first line of stdin (without its line ending), or typed twice at a
    prompt that does not echo it. AccountError when the two typings differ."""
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise AccountError("The two passwords are not the same.")
    return first


def main(argv: Optional[Sequence[str]] = None, stdin: TextIO = sys.stdin, database_url: Optional[str] = None) -> int:
    """0 when the account was made; 2 with a message when the name or password cannot be used,
    checked before the database is opened so a mistake costs nothing."""
    args = _parser().parse_args(argv)
    try:
        username = check_username(args.username)
        password = read_password(args.password_stdin, stdin)
        check_new_password(password)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    store = CaseStore.from_url(database_url or default_database_url())
    try:
        StaffAccounts(store.engine).create(username, password)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        store.engine.dispose()
    print(f"Created staff account {username}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
