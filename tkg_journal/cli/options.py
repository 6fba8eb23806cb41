"""What every command reads from its arguments, the environment and standard input:
levels, days, ids and limits, secrets, and the journal itself (opened or created).

Start-up speed matters (see the package's docstring): only the standard library is
imported at the top; each helper imports what it needs when it is called.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from typing import TypeAlias

    from tkg_journal.domain.levels import Level
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services.journal import Journal

    # What ``add_subparsers`` returns: each command module's ``register`` adds to it.
    Commands: TypeAlias = "argparse._SubParsersAction[Parser]"

PROG = "tkg-journal"
PASSPHRASE_ENV = "TKG_JOURNAL_PASSPHRASE"
NEW_PASSPHRASE_ENV = "TKG_JOURNAL_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "TKG_JOURNAL_RECOVERY_KEY"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Wrong usage or a missing secret: exit 2 with the message."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the mistake and where help is, without the usage
    block (a script's log, or a person, reads one sentence). Sub-commands inherit it."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def format_option(parser: Parser) -> Parser:
    """``--format text|json``, as the commands that print records take it."""
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def creating_format_option(parser: Parser) -> Parser:
    """``--format text|json`` and ``--print-id``, for a command that makes a record: a
    shell script takes the new id with ``ID=$(tkg-journal ... --print-id)``."""
    format_option(parser)
    parser.add_argument("--print-id", dest="format", action="store_const", const="id",
                        help="print only the new record's id")
    return parser


def record_command(
    actions: Commands,
    name: str,
    helptext: str,
    run: Callable[[argparse.Namespace], int],
    *,
    metavar: str = "ID",
) -> Parser:
    """A sub-command on one stored record: ``NAME [--format text|json] ID``."""
    parser = format_option(actions.add_parser(name, help=helptext))
    parser.add_argument("id", type=record_id, metavar=metavar)
    parser.set_defaults(run=run)
    return parser


# --- levels, days and numbers -------------------------------------------------------------


def now() -> datetime:
    return datetime.now().astimezone()


def level_arg(text: str | None) -> Level | None:
    from tkg_journal.domain.levels import parse_level

    return parse_level(text) if text is not None else None


def since_arg(text: str | None, field: str = "--since") -> datetime | None:
    """Start of that local day."""
    from tkg_journal.domain.dates import parse_date

    if text is None:
        return None
    moment = now()
    return datetime.combine(
        parse_date(text, today=moment.date(), field=field), time(), tzinfo=moment.tzinfo
    )


def until_arg(text: str | None) -> datetime | None:
    """``--until`` names the last day included, so the bound is the next midnight."""
    start = since_arg(text, "--until")
    return start + timedelta(days=1) if start else None


def day_arg(text: str | None, field: str) -> date | None:
    """A calendar day as typed (``2026-03-20``, ``today``, ``yesterday``, ``7d`` ago)."""
    from tkg_journal.domain.dates import parse_date

    return parse_date(text, today=now().date(), field=field) if text is not None else None


def due_arg(text: str | None, field: str = "--due") -> date | None:
    """A due date, forward or back (``+7d``, ``in 2 weeks``, ``friday``, ``2026-03-20``);
    a bare ``7d`` is refused as ambiguous, since a due date is usually ahead."""
    from tkg_journal.domain.dates import parse_due_date

    return parse_due_date(text, today=now().date(), field=field) if text is not None else None


def moment_arg(text: str, field: str = "--when") -> datetime:
    """When something happened: ``yesterday 18:30``, ``friday at 9:00``, an ISO date-time."""
    from tkg_journal.domain.dates import parse_moment

    return parse_moment(text, now=now(), field=field)


# SQLite's integers are 64-bit: a larger id or limit cannot even be asked about.
_LARGEST_INTEGER = 2**63 - 1


def _whole_number(text: str, what: str, low: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if not low <= value <= _LARGEST_INTEGER:
        raise argparse.ArgumentTypeError(
            f"{text} is not {what} (a whole number from {low} to {_LARGEST_INTEGER:,})"
        )
    return value


def record_id(text: str) -> int:
    return _whole_number(text, "an id", 1)


def limit(text: str) -> int:
    return _whole_number(text, "a limit", 1)


# --- secrets and text ----------------------------------------------------------------------


def read_secret_file(path: str, what: str) -> str:
    """A passphrase or recovery key from a file, a pipe (``<(pass show journal)``) or a
    FIFO with a writer; a device, a silent FIFO or a large file is refused (exit 2)."""
    from tkg_journal.safe_read import UnreadableFile, read_user_file

    try:
        # A passphrase or recovery key is a line, not a document: 64 KB is plenty.
        raw = read_user_file(path, limit=64 * 1024, what=f"the {what} file")
    except UnreadableFile as error:
        raise UsageError(str(error)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"the {what} file {path} is not UTF-8 text") from None
    return text.rstrip("\r\n")  # files written with echo end in a newline


def _secret(file_path: str | None, env: str, what: str, *, repeat: bool) -> str:
    """A secret from a file, then an environment variable, then a hidden prompt on a
    terminal (asked twice for a new one). Never waits on a pipe: a script without the
    secret gets exit 2 and a message saying how to give it."""
    if file_path:
        return read_secret_file(file_path, what)
    if env in os.environ:
        return environment_text(env)
    if not sys.stdin.isatty():
        raise UsageError(
            f"a {what} is needed: set {env}, use the --{what.replace(' ', '-')}"
            "-file option, or run in a terminal to be asked"
        )
    import getpass

    try:
        label = f"{what[0].upper()}{what[1:]}"
        if repeat:  # a new secret: say the rule before it is typed, check it before repeating
            from tkg_journal.services.journal_access import (
                MIN_PASSPHRASE_CHARS,
                check_new_passphrase,
            )

            label += f" (at least {MIN_PASSPHRASE_CHARS} characters)"
        first = getpass.getpass(f"{label}: ")
        if repeat:
            check_new_passphrase(first)
        if repeat and getpass.getpass("Repeat it: ") != first:
            raise UsageError(f"the two entries of the {what} differ; nothing was changed")
    except EOFError:
        raise UsageError(f"no {what} given") from None
    return first


def get_passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    return _secret(args.passphrase_file, PASSPHRASE_ENV, "passphrase", repeat=new)


def get_new_passphrase(args: argparse.Namespace) -> str:
    return _secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, "new passphrase", repeat=True)


def get_recovery_key(args: argparse.Namespace) -> str:
    return _secret(args.recovery_key_file, RECOVERY_KEY_ENV, "recovery key", repeat=False)


def environment_text(name: str) -> str:
    """An environment variable's text; bytes that are not UTF-8 (which Python keeps as
    lone surrogates) would fail deep inside the key derivation, so they are refused here."""
    value = os.environ[name]
    if not is_text(value):
        raise UsageError(f"{name} is not valid UTF-8 text; set it again in a UTF-8 terminal")
    return value


def is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_stdin_text() -> str:
    from tkg_journal.domain.text_rules import MAX_TEXT_CHARS

    largest = MAX_TEXT_CHARS * 4 + 3  # UTF-8: at most 4 bytes a character, and a BOM
    raw = sys.stdin.buffer.read(largest + 1)
    if len(raw) > largest:
        raise UsageError(
            f"the text on standard input is longer than one text can be ({MAX_TEXT_CHARS:,} "
            "characters); nothing was saved"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the text on standard input is not valid UTF-8 (bad byte at offset {error.start})"
        ) from None


def text_arg(text: str | None) -> str:
    """An option's text; ``-`` reads it from standard input (long notes, a pipe)."""
    if text == "-":
        return read_stdin_text()
    return text or ""


# --- opening the journal ----------------------------------------------------------------


def journal_paths(args: argparse.Namespace) -> JournalPaths:
    from tkg_journal.paths import resolve_paths

    found = resolve_paths(args.data_dir)
    if found.data_dir.exists() and not found.data_dir.is_dir():
        from tkg_journal.storage.errors import JournalNotFound

        raise JournalNotFound(
            f"{found.data_dir} is a file, not a folder: give the journal's folder "
            "with --data-dir or TKG_JOURNAL_HOME"
        )
    return found


def open_journal(args: argparse.Namespace, *, daily: bool = True) -> Journal:
    """The unlocked journal; with ``daily``, the day's backup if none was taken today,
    once the command's ``with`` block has succeeded (the first command of the day pays
    for it: ~1 s on 10,000 entries; a refused command writes nothing)."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    where = journal_paths(args)
    if journal_access.key_mode(where) is KeyMode.PASSPHRASE:
        journal = journal_access.unlock(where, passphrase=get_passphrase(args))
    else:
        journal = journal_access.unlock(where)
    if daily:
        from tkg_journal.cli.backups import daily_backup

        journal.when_done.append(daily_backup)
    return journal


def create_journal(args: argparse.Namespace, use_passphrase: bool) -> tuple[Journal, str]:
    from tkg_journal.services import journal_access

    where = journal_paths(args)
    if journal_access.exists(where):  # before asking for a passphrase we would not use
        from tkg_journal.storage.errors import JournalExists

        raise JournalExists(f"a journal already exists in {where.data_dir}; nothing was changed")
    secret = get_passphrase(args, new=True) if use_passphrase else None
    created = journal_access.create(where, passphrase=secret)
    return created.journal, created.recovery_key
