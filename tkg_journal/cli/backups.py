"""Backups from the command line: ``backup``, ``backups`` (list them, and their settings)
and ``restore``. The daily backup itself is taken by :func:`daily_backup` when a command
opens the journal (see ``options.open_journal``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.cli.options import (
    EXIT_OK,
    RECOVERY_KEY_ENV,
    UsageError,
    format_option,
    get_passphrase,
    get_recovery_key,
    journal_paths,
    open_journal,
)
from tkg_journal.cli.output import print_json

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands
    from tkg_journal.services.backups import BackupInfo, BackupResult
    from tkg_journal.services.journal import Journal


def daily_backup(journal: Journal) -> None:
    """The day's backup, at the first command of the day, silently (a script's stderr is
    for its own command). A failure is said on stderr and does not stop the command: the
    user's command matters more than the day's copy."""
    from tkg_journal.services.backups import Backups
    from tkg_journal.storage.errors import StorageError

    try:
        result = Backups(journal).daily_if_due()
    except StorageError as error:
        print(f"tkg-journal: note: the daily backup failed: {error}", file=sys.stderr)
        return
    if result is not None and result.second_problem:
        _say_second_copy(result)


def cmd_backup(args: argparse.Namespace) -> int:
    from tkg_journal.services.backups import Backups

    with open_journal(args, daily=False) as journal:
        to = Path(args.to).expanduser().absolute() if args.to else None
        result = Backups(journal).back_up(reason="manual", to=to)
    print(result.path)
    _say_second_copy(result)
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from tkg_journal.domain.retention import RetentionPolicy
    from tkg_journal.services.backups import Backups

    with open_journal(args, daily=False) as journal:
        backups = Backups(journal)
        settings = backups.settings()
        changed = settings
        if args.folder is not None:
            changed = replace(changed, folder=_folder_arg(args.folder))
        if args.second_folder is not None:
            changed = replace(changed, second_folder=_folder_arg(args.second_folder))
        if args.no_second_folder:
            changed = replace(changed, second_folder=None)
        keep = {
            name: getattr(args, f"keep_{name}")
            for name in ("last", "daily", "weekly", "monthly")
            if getattr(args, f"keep_{name}") is not None
        }
        if keep:
            policy = settings.policy
            changed = replace(changed, policy=RetentionPolicy(**{
                name: keep.get(name, getattr(policy, name))
                for name in ("last", "daily", "weekly", "monthly")
            }))
        if changed != settings:
            backups.save_settings(changed)
            print("Backup settings saved.", file=sys.stderr)
        settings = backups.settings()
        folder = backups.folder()
        found = backups.find(verify=not args.quick)
        if args.format == "json":
            print_json({
                "folder": str(folder),
                "second_folder": str(settings.second_folder) if settings.second_folder else None,
                "keep": {name: getattr(settings.policy, name)
                         for name in ("last", "daily", "weekly", "monthly")},
                "backups": [_backup_json(info) for info in found],
            })
            return EXIT_OK
    print(f"Backup folder: {folder}")
    second = settings.second_folder
    print(f"Second folder: {second if second else '(none; set one with --second-folder)'}")
    print(f"Kept: {settings.policy.describe()}.")
    if not found:
        print("No backups yet. Take one with `tkg-journal backup`.")
        return EXIT_OK
    print()
    for info in found:
        print(_backup_line(info))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from tkg_journal.services import journal_access, restore
    from tkg_journal.storage import backup

    paths = journal_paths(args)
    source = Path(args.file).expanduser().absolute()
    manifest = backup.verify(source)  # a damaged file is refused before any question
    taken = manifest.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if journal_access.exists(paths) and not args.yes:
        _confirm(
            f"Replace the journal in {paths.data_dir} with the backup of {taken} "
            f"({manifest.entries} entries)? The journal there now is backed up first."
        )
    recovery = None
    passphrase = None
    if args.recovery_key_file or RECOVERY_KEY_ENV in os.environ:
        recovery = get_recovery_key(args)
    elif restore.backup_needs_passphrase(source):
        passphrase = get_passphrase(args)
    result = restore.restore(paths, source, passphrase=passphrase, recovery_key=recovery)
    print(f"Restored the backup of {taken} ({manifest.entries} entries) into {paths.data_dir}.")
    if result.replaced_copy is not None:
        print(f"The journal it replaced was kept in {result.replaced_copy}.")
    if result.needs_recover:
        print(
            "The backup's key lives in an OS keyring this machine does not have: run "
            "`tkg-journal recover` with its recovery key to set a passphrase."
        )
    return EXIT_OK


def register(sub: Commands) -> None:
    p = sub.add_parser("backup", help="back the journal up now (prints the file written)")
    p.add_argument("--to", metavar="DIR", help="write the backup into DIR this once")
    p.set_defaults(run=cmd_backup)

    p = format_option(sub.add_parser(
        "backups", help="list the journal's backups; set where they go and how many are kept"
    ))
    p.add_argument("--quick", action="store_true",
                   help="do not read each backup back against its checksums")
    p.add_argument("--folder", metavar="DIR", help="keep backups in DIR (default: backups/ "
                   "in the data folder; an empty value goes back to it)")
    p.add_argument("--second-folder", metavar="DIR",
                   help="also copy every backup to DIR (another disk, a synced folder)")
    p.add_argument("--no-second-folder", action="store_true", help="stop copying backups")
    for name, default in (("last", 3), ("daily", 7), ("weekly", 4), ("monthly", 12)):
        p.add_argument(f"--keep-{name}", type=_count, metavar="N",
                       help=f"backups kept {_KEEP_HELP[name]} (default {default})")
    p.set_defaults(run=cmd_backups)

    p = sub.add_parser("restore", help="replace the journal with a backup (or set one up "
                       "in an empty folder); the journal replaced is backed up first")
    p.add_argument("file", metavar="FILE", help="the backup (.tkgbackup)")
    p.add_argument("--yes", action="store_true", help="do not ask before replacing a journal")
    p.add_argument("--recovery-key-file", metavar="FILE",
                   help=f"unlock the backup with the recovery key in FILE (or set "
                   f"{RECOVERY_KEY_ENV}) instead of its passphrase")
    p.set_defaults(run=cmd_restore)


_KEEP_HELP = {
    "last": "whatever their age: the newest N",
    "daily": "one a day for the last N days",
    "weekly": "one a week for the last N weeks",
    "monthly": "one a month for the last N months",
}


def _count(text: str) -> int:
    from tkg_journal.domain.retention import MAX_KEEP

    if not text.isdigit() or int(text) > MAX_KEEP:
        raise argparse.ArgumentTypeError(f"give a whole number from 0 to {MAX_KEEP}")
    return int(text)


def _folder_arg(text: str) -> Path | None:
    if not text.strip():
        return None
    folder = Path(text).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder; nothing was changed")
    return folder


def _confirm(question: str) -> None:
    if not sys.stdin.isatty():
        raise UsageError(f"{question} Give --yes to confirm; nothing was changed")
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise UsageError("not restored; nothing was changed")


def _say_second_copy(result: BackupResult) -> None:
    if result.second_copy is not None:
        print(f"tkg-journal: note: copied to {result.second_copy}", file=sys.stderr)
    elif result.second_problem:
        print(
            f"tkg-journal: note: the copy to the second folder failed ({result.second_problem})",
            file=sys.stderr,
        )


def _backup_line(info: BackupInfo) -> str:
    taken = info.manifest.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    size = f"{info.size / 2**20:.1f} MB"
    state = {True: "verified", False: f"DAMAGED: {info.problem}", None: "not checked"}[
        info.verified
    ]
    return (
        f"{taken}  {info.manifest.reason:<32} {size:>9}  {info.manifest.entries:>6} entries  "
        f"{state}\n    {info.path}"
    )


def _backup_json(info: BackupInfo) -> dict[str, object]:
    return {
        "path": str(info.path),
        "created_at": info.manifest.created_at.isoformat(),
        "reason": info.manifest.reason,
        "bytes": info.size,
        "entries": info.manifest.entries,
        "schema_version": info.manifest.schema_version,
        "verified": info.verified,
        "problem": info.problem or None,
    }
