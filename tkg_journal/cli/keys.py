"""The journal's key: ``init`` (a new journal and its recovery sheet), ``passwd``,
``recover`` (with the key file, or with the recovery sheet alone) and ``rekey``. The
secrets come from options.py (file, environment, or a terminal prompt); the keyring is
reached only through services (and they through security/)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tkg_journal.cli.options import (
    EXIT_FAILED,
    EXIT_OK,
    NEW_PASSPHRASE_ENV,
    PROG,
    RECOVERY_KEY_ENV,
    create_journal,
    get_new_passphrase,
    get_passphrase,
    get_recovery_key,
    journal_paths,
)
from tkg_journal.cli.output import print_recovery_sheet

if TYPE_CHECKING:
    from collections.abc import Callable

    from tkg_journal.cli.options import Commands
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services.rekey import Stage


def cmd_init(args: argparse.Namespace) -> int:
    from tkg_journal.services import journal_access

    journal, recovery_key = create_journal(args, args.passphrase)
    with journal:
        how = "protected by your passphrase" if args.passphrase else "key kept in the OS keyring"
        print(f"Created an encrypted journal in {journal.paths.data_dir} ({how}).")
        block = journal_access.recovery_block_lines(journal.paths)
    print_recovery_sheet(recovery_key, block)
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    """Set or change the passphrase (from keyring mode too). Re-wraps the key only."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    paths = journal_paths(args)
    old = get_passphrase(args) if journal_access.key_mode(paths) is KeyMode.PASSPHRASE else None
    key = journal_access.unlock_key(paths, passphrase=old)
    note = journal_access.change_passphrase(paths, key=key,
                                            new_passphrase=get_new_passphrase(args))
    print(f"Passphrase set: {_OLD_PASSPHRASE}")
    _tell(note)
    return EXIT_OK


def _tell(note: str | None) -> None:
    """What a finished change left to tidy (the keyring kept the old key), on stderr."""
    if note:
        print(f"{PROG}: {note}", file=sys.stderr)


_OLD_PASSPHRASE = (
    "the old one no longer unlocks this journal's key file. The journal was not "
    "re-encrypted, so a copy of the key file made before now (in a backup) still opens "
    f"it with the old passphrase until you re-encrypt it (`{PROG} rekey`). The recovery "
    "key still works."
)


def cmd_recover(args: argparse.Namespace) -> int:
    """Unlock with the recovery key, then set a new passphrase or restore the keyring.
    With the key file lost (and its copy), the recovery sheet's block rebuilds it."""
    from tkg_journal.services import journal_access, sheet_recovery

    paths = journal_paths(args)
    journal_access.prepare(paths)  # may put the key file back from its copy
    text = get_recovery_key(args)
    if not sheet_recovery.key_file_readable(paths) and paths.database.exists():
        return _recover_from_sheet(args, paths, text)
    key = journal_access.unlock_key(paths, recovery_key=text)
    if args.keyring:
        journal_access.use_keyring(paths, key=key)
        print("The journal's key is back in the OS keyring.")
    else:
        note = journal_access.change_passphrase(paths, key=key,
                                                new_passphrase=get_new_passphrase(args))
        print(f"New passphrase set: {_OLD_PASSPHRASE}")
        _tell(note)
    return EXIT_OK


def _recover_from_sheet(args: argparse.Namespace, paths: JournalPaths, text: str) -> int:
    """The key file rebuilt from the sheet's block: checked before anything is asked or
    written, then a new passphrase (or the keyring)."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import sheet_recovery

    sheet = sheet_recovery.read_sheet(paths, text)
    key = sheet_recovery.key_from_sheet(paths, sheet)
    passphrase = None if args.keyring else get_new_passphrase(args)
    rebuilt = sheet_recovery.rebuild(paths, sheet, key, passphrase=passphrase)
    print(f"Rebuilt {paths.key_file} (and its copy) from the recovery sheet.")
    if rebuilt.kept:
        print(f"The unreadable key files were kept as {', '.join(p.name for p in rebuilt.kept)}.")
    if rebuilt.mode is KeyMode.KEYRING:
        print("The journal's key is in the OS keyring; the same recovery sheet still works.")
    else:
        print("New passphrase set; the same recovery sheet still works.")
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    """A new database key, key file and recovery sheet; a backup is taken first."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access, rekey

    paths = journal_paths(args)
    journal_access.prepare(paths)
    mode = journal_access.key_mode(paths)
    if not args.yes and not _confirmed():
        return EXIT_FAILED
    passphrase = get_passphrase(args) if mode is KeyMode.PASSPHRASE else None
    key = journal_access.unlock_key(paths, passphrase=passphrase)
    done = rekey.rekey(paths, key=key, passphrase=passphrase, progress=_progress_line())
    if sys.stderr.isatty():
        print(file=sys.stderr)  # end the progress line
    day = f"{done.rekeyed_at.astimezone():%Y-%m-%d}"
    print(f"Re-encrypted the journal in {paths.data_dir} with a new key (generation "
          f"{done.generation}, {day}).")
    print(f"Backed up first to {done.backup}: it keeps the old key, and opens with the "
          "passphrase and recovery sheet you had before.")
    print("No earlier key file, key-file copy or recovery sheet opens the journal now; "
          "backups made before today keep their own keys and open as they did.")
    if mode is KeyMode.PASSPHRASE:
        print(f"Your passphrase is unchanged (change it with `{PROG} passwd`).")
    else:
        print("The new key is in the OS keyring.")
    if done.unfinished:
        print(f"{PROG}: {done.unfinished}", file=sys.stderr)
    print_recovery_sheet(done.recovery_key, done.block_lines)
    print("Keep this new sheet: the one printed before no longer opens the journal.")
    return EXIT_OK


_REKEY_QUESTION = (
    "Re-encrypting gives the journal a new key: its key file and recovery sheet are\n"
    "replaced, and no earlier key file, key-file copy or recovery sheet opens it\n"
    "afterwards. Backups keep their own keys and open as they did. A backup is taken\n"
    "first; close the app (or lock it) before you go on.\n"
    "Re-encrypt the journal now? [y/N] "
)


def _confirmed() -> bool:
    """Asked on a terminal; without one, a one-line error (``--yes`` skips the question)."""
    if not sys.stdin.isatty():
        print(f"{PROG}: re-encrypting asks for a confirmation: run it in a terminal, or "
              "add --yes; nothing was changed", file=sys.stderr)
        return False
    try:
        answer = input(_REKEY_QUESTION)
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    print(f"{PROG}: not re-encrypted; nothing was changed", file=sys.stderr)
    return False


def _progress_line() -> Callable[[Stage, float], None] | None:
    """On a terminal, one line that says how far the re-encryption has got."""
    if not sys.stderr.isatty():
        return None

    def show(stage: Stage, fraction: float) -> None:
        sys.stderr.write(f"\r{stage.value.capitalize()}\u2026 {fraction:4.0%}   ")
        sys.stderr.flush()

    return show


def register_init(sub: Commands) -> None:
    """``init`` alone: ``--help`` lists it first, before the entry commands."""
    p = sub.add_parser("init", help="create a new encrypted journal")
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="protect the key with a passphrase instead of the OS keyring",
    )
    p.set_defaults(run=cmd_init)


def register(sub: Commands) -> None:
    """``passwd`` and ``recover``."""
    p = sub.add_parser("passwd", help="set or change the passphrase")
    _new_passphrase_file_option(p)
    p.set_defaults(run=cmd_passwd)

    p = sub.add_parser(
        "recover",
        help="regain access with the recovery key (or the whole recovery sheet, which "
        "rebuilds a lost journal.keys)",
    )
    p.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        help="read the recovery key, or the recovery sheet's whole text, from FILE (or set "
        f"{RECOVERY_KEY_ENV})",
    )
    p.add_argument(
        "--keyring",
        action="store_true",
        help="put the key back in the OS keyring instead of setting a passphrase",
    )
    _new_passphrase_file_option(p)
    p.set_defaults(run=cmd_recover)

    p = sub.add_parser(
        "rekey",
        help="re-encrypt the journal with a new key (new key file and recovery sheet; a "
        "backup is taken first)",
    )
    p.add_argument("--yes", action="store_true", help="do not ask for a confirmation")
    p.set_defaults(run=cmd_rekey)


def _new_passphrase_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
