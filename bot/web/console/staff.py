"""Staff accounts for the console, from the command line of the host that runs it.

    .venv/bin/python -m bot.web.console.staff create NAME --role safeguarding   # asks twice
    .venv/bin/python -m bot.web.console.staff reset-password NAME               # ends their sessions
    .venv/bin/python -m bot.web.console.staff disable NAME                      # at once, everywhere
    .venv/bin/python -m bot.web.console.staff enable NAME
    .venv/bin/python -m bot.web.console.staff set-role NAME complaints
    .venv/bin/python -m bot.web.console.staff list

`--password-stdin` reads the password from the first line of standard input, for scripts. A
password is never an argument (it would sit in the shell history and in `ps` for everyone on
the machine to read) and is never printed or logged; only its argon2 hash is stored. The
database is the one the assistant uses: DATABASE_URL, or var/cases.db.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Optional, Sequence, TextIO

from bot.cases import CaseStore, default_database_url
from bot.web.console.accounts import MIN_PASSWORD_CHARS, AccountError, StaffAccounts, check_new_password, check_username
from bot.web.console.roles import StaffRole

ROLES = [role.value for role in StaffRole]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.web.console.staff", description="Manage staff console accounts."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="make an account")
    create.add_argument("username", help="lower-case letters, digits, '.', '_' or '-' (2 to 32)")
    create.add_argument(
        "--role",
        choices=ROLES,
        default=StaffRole.CONTACT_CENTRE.value,
        help="what the account may see (default: contact_centre)",
    )
    for name, help_text in (
        ("reset-password", "give an account a new password; its sessions end"),
        ("disable", "stop an account signing in; its sessions end at once"),
        ("enable", "let a disabled account sign in again"),
    ):
        commands.add_parser(name, help=help_text).add_argument("username")
    set_role = commands.add_parser("set-role", help="change what an account may see")
    set_role.add_argument("username")
    set_role.add_argument("role", choices=ROLES)
    commands.add_parser("list", help="every account, its role and whether it is disabled")
    for command in (create, commands.choices["reset-password"]):
        command.add_argument(
            "--password-stdin",
            action="store_true",
            help=f"read the password (at least {MIN_PASSWORD_CHARS} characters) from the first "
            "line of standard input instead of asking",
        )
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


def _run(args: argparse.Namespace, accounts: StaffAccounts, password: Optional[str]) -> str:
    if args.command == "create":
        account = accounts.create(args.username, password or "", role=StaffRole(args.role))
        return f"Created staff account {account.username} ({account.role.label})."
    if args.command == "reset-password":
        account = accounts.reset_password(args.username, password or "")
        return f"New password set for {account.username}; their sessions have ended."
    if args.command in ("disable", "enable"):
        account = accounts.set_disabled(args.username, args.command == "disable")
        return f"{account.username} is {'disabled; their sessions have ended' if account.disabled else 'enabled'}."
    if args.command == "set-role":
        account = accounts.set_role(args.username, StaffRole(args.role))
        return f"{account.username} is now {account.role.label}."
    return (
        "\n".join(f"{a.username}\t{a.role.value}\t{'disabled' if a.disabled else 'active'}" for a in accounts.all())
        or "No accounts yet."
    )


def main(argv: Optional[Sequence[str]] = None, stdin: TextIO = sys.stdin, database_url: Optional[str] = None) -> int:
    """0 when done; 2 with a message when a name or password cannot be used (checked before
    the database is opened, so a mistake costs nothing); 1 when the database says no."""
    args = _parser().parse_args(argv)
    password = None
    try:
        if getattr(args, "username", None) is not None:
            check_username(args.username)
        if args.command in ("create", "reset-password"):
            password = read_password(args.password_stdin, stdin)
            check_new_password(password)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    store = CaseStore.from_url(database_url or default_database_url())
    try:
        print(_run(args, StaffAccounts(store.engine), password))
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        store.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
