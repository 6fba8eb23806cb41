"""The ``tkg-journal`` command line: quick capture, search, import and export from scripts.

Start-up speed matters here (a hotkey or a calendar reminder runs these commands), so this
module imports only the standard library at the top; each command imports what it needs,
and nothing on these paths imports Qt or matplotlib.

Exit codes: 0 success; 1 the command failed (bad input, wrong key, damaged file...) and
nothing was changed; 2 wrong usage or a needed secret was not given; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tkg_journal.domain.levels import Level
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services.journal import Journal

PROG = "tkg-journal"
PASSPHRASE_ENV = "TKG_JOURNAL_PASSPHRASE"
NEW_PASSPHRASE_ENV = "TKG_JOURNAL_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "TKG_JOURNAL_RECOVERY_KEY"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Wrong usage or a missing secret: exit 2 with the message."""


# --- reading input ---------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now().astimezone()


def _level(text: str | None) -> Level | None:
    from tkg_journal.domain.levels import parse_level

    return parse_level(text) if text is not None else None


def _since(text: str | None, field: str = "--since") -> datetime | None:
    """Start of that local day."""
    from tkg_journal.domain.dates import parse_date

    if text is None:
        return None
    now = _now()
    return datetime.combine(
        parse_date(text, today=now.date(), field=field), time(), tzinfo=now.tzinfo
    )


def _until(text: str | None) -> datetime | None:
    """``--until`` names the last day included, so the bound is the next midnight."""
    start = _since(text, "--until")
    return start + timedelta(days=1) if start else None


def _read_secret_file(path: str, what: str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the {what} file {path}: {error.strerror}") from None
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
        return _read_secret_file(file_path, what)
    if env in os.environ:
        return os.environ[env]
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


def _passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    return _secret(args.passphrase_file, PASSPHRASE_ENV, "passphrase", repeat=new)


def _new_passphrase(args: argparse.Namespace) -> str:
    return _secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, "new passphrase", repeat=True)


def _recovery_key(args: argparse.Namespace) -> str:
    return _secret(args.recovery_key_file, RECOVERY_KEY_ENV, "recovery key", repeat=False)


def _read_stdin_text() -> str:
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the text on standard input is not valid UTF-8 (bad byte at offset {error.start})"
        ) from None


# --- opening the journal ----------------------------------------------------------------


def _paths(args: argparse.Namespace) -> JournalPaths:
    from tkg_journal.paths import resolve_paths

    return resolve_paths(args.data_dir)


def _open(args: argparse.Namespace) -> Journal:
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    paths = _paths(args)
    if journal_access.key_mode(paths) is KeyMode.PASSPHRASE:
        return journal_access.unlock(paths, passphrase=_passphrase(args))
    return journal_access.unlock(paths)


def _create(args: argparse.Namespace, use_passphrase: bool) -> tuple[Journal, str]:
    from tkg_journal.services import journal_access

    paths = _paths(args)
    if journal_access.exists(paths):  # before asking for a passphrase we would not use
        from tkg_journal.storage.errors import JournalExists

        raise JournalExists(f"a journal already exists in {paths.data_dir}; nothing was changed")
    passphrase = _passphrase(args, new=True) if use_passphrase else None
    created = journal_access.create(paths, passphrase=passphrase)
    return created.journal, created.recovery_key


def _print_recovery_key(recovery_key: str) -> None:
    print("\nRecovery key (print it or write it down, and keep it somewhere safe):\n")
    print(f"    {recovery_key}\n")
    print("It unlocks this journal if the passphrase is forgotten or the keyring is lost.")
    print("It is shown only this once.")


# --- commands -----------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    journal, recovery_key = _create(args, args.passphrase)
    with journal:
        how = "protected by your passphrase" if args.passphrase else "key kept in the OS keyring"
        print(f"Created an encrypted journal in {journal.paths.data_dir} ({how}).")
    _print_recovery_key(recovery_key)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.dates import parse_datetime
    from tkg_journal.domain.entries import Entry, EntryKind, parse_kind

    body = _read_stdin_text() if args.text == ["-"] else " ".join(args.text)
    if not body.strip() and not (args.title or "").strip():
        raise UsageError(
            "nothing to add: give the entry's text (or - to read it from "
            "standard input) or a --title"
        )
    kind = parse_kind(args.kind) if args.kind else EntryKind.FREE
    level = _level(args.level)
    occurred_at = parse_datetime(args.when, now=_now(), field="--when") if args.when else _now()
    entry = Entry(
        kind=kind,
        occurred_at=occurred_at,
        title=args.title or "",
        body=body,
        level=level,
        tags=tuple(args.tag),
        share_with_coach=args.share,
    )
    with _open(args) as journal:
        stored = journal.add_entry(entry)
    if args.format == "json":
        _print_json({"id": stored.id})
    else:
        print(f"Added entry {stored.id}.")
    return EXIT_OK


def _local_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _level_text(level: Level | None) -> str:
    return level.label() if level else "-"


def cmd_list(args: argparse.Namespace) -> int:
    from tkg_journal.domain.search import EntryFilter

    level = _level(args.level)
    filters = EntryFilter(
        since=_since(args.since),
        until=_until(args.until),
        levels=(level,) if level else (),
        tag=args.tag.lower().lstrip("#@") if args.tag else None,
    )
    _check_limit(args.limit)
    with _open(args) as journal:
        rows = journal.list_entries(filters, limit=args.limit)
    if args.format == "json":
        _print_json(
            [
                {
                    "id": r.id,
                    "occurred_at": r.occurred_at.astimezone().isoformat(),
                    "kind": r.kind.value,
                    "level": r.level.title if r.level else None,
                    "level_rank": int(r.level) if r.level else None,
                    "title": r.title,
                    "first_line": r.first_line,
                    "shared": r.share_with_coach,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No entries match.", file=sys.stderr)
    for r in rows:
        headline = " - ".join(t for t in (r.title, r.first_line) if t)
        print(
            f"{r.id:>6}  {_local_stamp(r.occurred_at)}  {r.kind.value:<12}  "
            f"{_level_text(r.level):<13}  {_clip(headline, 90)}"
        )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from tkg_journal.domain.search import highlight

    if not args.query.strip():
        raise UsageError("search needs some words to look for")
    _check_limit(args.limit)
    with _open(args) as journal:
        hits = journal.search(
            args.query,
            since=_since(args.since),
            until=_until(args.until),
            level=_level(args.level),
            limit=args.limit,
        )
    if args.format == "json":
        _print_json(
            [
                {
                    "type": h.type.value,
                    "id": h.id,
                    "experiment_id": h.parent_id,
                    "occurred_at": h.occurred_at.astimezone().isoformat(),
                    "level": h.level.title if h.level else None,
                    "title": h.title,
                    "snippet": highlight(h.snippet, "[", "]"),
                    "rank": round(h.rank, 4),
                }
                for h in hits
            ]
        )
        return EXIT_OK
    if not hits:
        print("Nothing found.", file=sys.stderr)
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    before, after = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    for h in hits:
        label = f"{h.type.value} {h.id}" + (f" (experiment {h.parent_id})" if h.parent_id else "")
        print(
            f"{label:<24}  {_local_stamp(h.occurred_at)}  {_level_text(h.level):<13}  "
            f"{_clip(h.title, 60)}"
        )
        print(f"    {highlight(h.snippet, before, after)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from tkg_journal.services.jrnl_import import parse, read_file, store

    path = Path(args.file)
    # Parsed once, before unlocking: a bad file is refused without asking for a passphrase.
    parsed = parse(read_file(path), zone=_now().tzinfo or UTC)
    with _open(args) as journal:
        result = store(journal, parsed)
    skipped = (
        f"; {result.already_present} were already in the journal" if result.already_present else ""
    )
    print(f"Imported {result.imported} entries from {path.name}{skipped}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from tkg_journal.services import demo, journal_access

    if args.entries < 0:
        raise UsageError("--entries cannot be negative")
    recovery_key = None
    if journal_access.exists(_paths(args)):
        journal = _open(args)
    else:
        journal, recovery_key = _create(args, args.passphrase)
    with journal:
        summary = demo.fill(journal, entries=args.entries, seed=args.seed)
        print(
            f"Sample journal in {journal.paths.data_dir}: {summary.entries} entries, "
            f"{summary.experiments} experiments with {summary.attempts} attempts, "
            f"{summary.checkins} rating check-ins, {summary.sessions} coach sessions."
        )
    if recovery_key:
        _print_recovery_key(recovery_key)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as journal:
        problems = journal.integrity_problems()
        count = journal.count_entries()
    if problems:
        print(f"{PROG}: the journal is damaged:", file=sys.stderr)
        for line in problems[:20]:
            print(f"  {line}", file=sys.stderr)
        return EXIT_FAILED
    print(f"The journal is intact ({count} entries, every page authenticated).")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    """Set or change the passphrase (from keyring mode too). Re-wraps the key only."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    paths = _paths(args)
    old = _passphrase(args) if journal_access.key_mode(paths) is KeyMode.PASSPHRASE else None
    key = journal_access.unlock_key(paths, passphrase=old)
    journal_access.change_passphrase(paths, key=key, new_passphrase=_new_passphrase(args))
    print("Passphrase set. The journal was not re-encrypted; the recovery key still works.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    """Unlock with the recovery key, then set a new passphrase or restore the keyring."""
    from tkg_journal.services import journal_access

    paths = _paths(args)
    key = journal_access.unlock_key(paths, recovery_key=_recovery_key(args))
    if args.keyring:
        journal_access.use_keyring(paths, key=key)
        print("The journal's key is back in the OS keyring.")
    else:
        journal_access.change_passphrase(paths, key=key, new_passphrase=_new_passphrase(args))
        print("New passphrase set.")
    return EXIT_OK


# --- output helpers ------------------------------------------------------------------------


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageError("--limit must be a positive number")


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- parser ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="TKG Journal: an encrypted journal for leadership coaching. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="journal folder (default: TKG_JOURNAL_HOME or the platform's user data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the passphrase from FILE (or set {PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--startup-time",
        action="store_true",
        help="open the desktop app, print the milliseconds from process start to the first "
        "paint of the filled main window, and quit (a benchmark)",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new encrypted journal")
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="protect the key with a passphrase instead of the OS keyring",
    )
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("add", help="add an entry")
    p.add_argument("text", nargs="*", help="the entry's text, or - to read standard input")
    p.add_argument("--level", "-l", help="level by name or number (growth, 2)")
    p.add_argument(
        "--kind", "-k", help="conversation, feedback, reflection, coach-notes, free (default)"
    )
    p.add_argument("--title", "-t")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--share", action="store_true", help="share with the coach in exports")
    p.add_argument(
        "--when", help="when it happened (default now): 2026-03-01 14:30, yesterday, ..."
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_add)

    for name, helptext in (
        ("list", "list entries, newest first"),
        ("search", "full-text search of everything written"),
    ):
        p = sub.add_parser(name, help=helptext)
        if name == "search":
            p.add_argument("query")
        p.add_argument("--since", help="from this day: 2026-01-31, today, yesterday, 7d")
        p.add_argument("--until", help="up to and including this day")
        p.add_argument("--level", "-l")
        if name == "list":
            p.add_argument("--tag")
        p.add_argument("--limit", "-n", type=int, default=None if name == "list" else 20)
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.set_defaults(run=cmd_list if name == "list" else cmd_search)

    p = sub.add_parser("import", help="import entries from another journal app")
    p.add_argument("source", choices=("jrnl",), help="the format (jrnl's JSON export)")
    p.add_argument("file", help="the exported file")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("demo", help="fill a new journal with realistic sample data")
    p.add_argument("--entries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="if the journal is new: use a passphrase instead of the keyring",
    )
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser("check", help="verify every page of the journal (integrity check)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("passwd", help="set or change the passphrase")
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
    p.set_defaults(run=cmd_passwd)

    p = sub.add_parser("recover", help="regain access with the recovery key")
    p.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        help=f"read the recovery key from FILE (or set {RECOVERY_KEY_ENV})",
    )
    p.add_argument(
        "--keyring",
        action="store_true",
        help="put the key back in the OS keyring instead of setting a passphrase",
    )
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
    p.set_defaults(run=cmd_recover)
    return parser


def _version() -> str:
    from tkg_journal import __version__

    return f"{PROG} {__version__}"


def _run_gui(args: argparse.Namespace) -> int:
    """No command: the desktop app. A passphrase given for automation is used; otherwise
    the app asks for it in a dialog (never on the terminal)."""
    from tkg_journal.app import GuiOptions, run_gui

    try:
        passphrase = (
            _read_secret_file(args.passphrase_file, "passphrase")
            if args.passphrase_file
            else os.environ.get(PASSPHRASE_ENV)
        )
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = GuiOptions(args.data_dir, passphrase, args.startup_time)
    return run_gui(options)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _run_gui(args)
    if args.startup_time:
        parser.error("--startup-time measures the desktop app; give it without a command")
    from tkg_journal.services.errors import USER_ERRORS, PassphraseRequired

    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except PassphraseRequired as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except USER_ERRORS as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; nothing was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `tkg-journal list | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
