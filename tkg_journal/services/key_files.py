"""The key file beside the journal, its copy, and what is settled before either is read.

Every write of ``journal.keys`` writes ``journal.keys.copy`` too, with the same bytes
(both atomically, through ``safe_write``). Before anything reads the key file,
:func:`prepare` finishes a re-encryption that a crash interrupted and, when the key file
is missing or unreadable while its copy reads, puts the key file back from the copy (the
unreadable one is kept, renamed, never deleted) and says so. A successful open rewrites
the copy when it is missing or differs (after a restore, or a key file written by an
earlier version), so the copy is the key file that last opened the journal.

The recovery sheet's block needs the database key to exist before it can be printed, so
set-up makes the new journal's keys first (:func:`plan_keys`) and creates the journal
from them once the sheet was kept.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, recovery_sheet
from tkg_journal.security.database_key import new_database_key
from tkg_journal.security.errors import (
    KeyAccessError,
    KeyFileError,
    KeyMismatch,
    NewerKeyFile,
    OutdatedKey,
)
from tkg_journal.security.key_file import KeyFile, KeySlot
from tkg_journal.security.recovery_key import new_recovery_key
from tkg_journal.services import rekey_files
from tkg_journal.storage.errors import JournalBusy, StorageError, WriteFailed

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KeyPlan:
    """A new journal's keys, made before anything is written, so that set-up can show
    the whole recovery sheet (key and block) and create the journal only once it is kept.
    The database key lives in memory only, like an open journal's."""

    journal_id: str
    key: bytes = field(repr=False)
    recovery_key: str = field(repr=False)
    recovery_slot: KeySlot = field(repr=False)

    def block_lines(self) -> list[str]:
        return recovery_sheet.block_lines(
            recovery_sheet.RecoveryBlock(self.journal_id, 1, self.recovery_slot)
        )


def plan_keys(recovery_key: str | None = None) -> KeyPlan:
    journal_id, key = str(uuid.uuid4()), new_database_key()
    recovery = recovery_key or new_recovery_key()
    return KeyPlan(journal_id, key, recovery, key_file.recovery_slot(key, journal_id, recovery))


def write(paths: JournalPaths, keys: KeyFile) -> None:
    """The key file and its copy (the same bytes)."""
    key_file.write(paths.key_file, keys, copy=paths.key_file_copy)


def recovery_block_lines(paths: JournalPaths) -> list[str]:
    """The recovery block of the current key file, as printed on the sheet."""
    return recovery_sheet.block_lines(recovery_sheet.block_of(key_file.read(paths.key_file)))


def prepare(paths: JournalPaths) -> list[str]:
    """Settle what a crash left and put back a lost key file (see the module's docstring),
    before the key file is read; returns a sentence for the user for each thing done (also
    logged as a warning, which a command prints on standard error).

    Raises:
        JournalBusy: another process is re-encrypting the journal right now.
        WriteFailed: something needed doing and the folder cannot be written.
    """
    notes = []
    finished = rekey_files.finish_interrupted(paths)
    if finished:
        notes.append(finished)
    put_back = _put_back_from_copy(paths)
    if put_back:
        notes.append(put_back)
    for note in notes:
        _log.warning("tkg-journal: %s", note)
    return notes


def _put_back_from_copy(paths: JournalPaths) -> str | None:
    main, copy = paths.key_file, paths.key_file_copy
    if not paths.database.exists() or not copy.exists():
        return None
    try:
        key_file.read(main)
        return None
    except NewerKeyFile:
        return None  # not damaged: an older copy must not replace it
    except KeyFileError:
        pass
    try:
        key_file.read(copy)
        data = copy.read_bytes()
    except (KeyFileError, OSError):
        return None  # the copy is no better: reading the key file says what is wrong
    missing = not main.exists()
    try:
        kept = None if missing else _keep_aside(main, "damaged")
        safe_write.write_atomically(main, data)
    except OSError as error:
        raise WriteFailed(
            f"{main} is {'missing' if missing else 'damaged'} and could not be put back from "
            f"its copy {copy.name}: {error.strerror or error}"
        ) from None
    what = "missing" if missing else f"damaged (kept as {kept.name})" if kept else "damaged"
    return f"the key file {main.name} was {what}; it was put back from its copy {copy.name}"


def _keep_aside(path: Path, why: str) -> Path:
    """Rename ``path`` to ``<name>.<why>-<time>`` (a new name); returns it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for number in range(100):
        suffix = f"-{number}" if number else ""
        aside = path.with_name(f"{path.name}.{why}-{stamp}{suffix}")
        if not os.path.lexists(aside):
            os.replace(path, aside)
            return aside
    raise OSError(f"no free name to keep {path.name} aside")


def keep_aside(path: Path, why: str) -> Path | None:
    """:func:`_keep_aside` for a file that may not exist (None then)."""
    if not os.path.lexists(path):
        return None
    try:
        return _keep_aside(path, why)
    except OSError as error:
        raise WriteFailed(
            f"could not keep {path} aside: {error.strerror or error}; nothing was changed"
        ) from None


def refresh_copy(paths: JournalPaths) -> None:
    """After the key file opened the journal: make the copy the same (best effort: the
    journal is open, and a copy that cannot be written now is written next time)."""
    try:
        data = paths.key_file.read_bytes()
        copy = paths.key_file_copy
        if not copy.exists() or copy.read_bytes() != data:
            safe_write.write_atomically(copy, data)
    except OSError as error:
        _log.warning("tkg-journal: could not update %s: %s", paths.key_file_copy, error)


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names right now (device and inode; None if none)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def check_still_in_place(paths: JournalPaths, identity: tuple[int, int] | None) -> None:
    """Raise if a re-encryption swapped the database while it was being opened: the
    connection would then hold the old file, and what it wrote would be lost."""
    if rekey_files.commit_record(paths).exists() or file_identity(paths.database) != identity:
        raise JournalBusy(
            "the journal was re-encrypted while it was opening; open it again"
        )


def mismatch(paths: JournalPaths, keys: KeyFile, *, what: str | None = None) -> KeyMismatch:
    """The error for a key (from ``keys``) that opens no page of the database: a key file
    from before a re-encryption when a later one of this journal is at hand, else one of
    another journal. ``what`` names where the key came from (default: the key file)."""
    source = what or f"the key file {paths.key_file}"
    newer = _later_key_file(paths, keys)
    if newer is not None:
        when = (
            rekey_files.describe_date(newer.rekeyed_at) if newer.rekeyed_at else "a later day"
        )
        return OutdatedKey(
            f"{source} is from before the journal was re-encrypted on {when}: it opens only "
            f"the copies of the journal made before then. Use the current journal.keys (a "
            f"copy of it is {paths.key_file_copy.name}) or the recovery sheet printed on "
            f"{when}; nothing was changed"
        )
    return KeyMismatch(
        f"{source} belongs to another journal: its key opens no page of {paths.database} "
        "(unless that file was replaced or overwritten). Put back the journal.keys that was "
        "made with this journal, from a backup or the folder it came from; nothing was "
        "changed"
    )


def _later_key_file(paths: JournalPaths, keys: KeyFile) -> KeyFile | None:
    """The latest key file of this journal of a later generation than ``keys`` found
    beside it or in its backups (None: none)."""
    found: list[KeyFile] = []
    for path in (paths.key_file, paths.key_file_copy):
        try:
            found.append(key_file.read(path))
        except KeyAccessError:
            continue
    found += _backup_key_files(paths)
    later = [
        other
        for other in found
        if other.journal_id == keys.journal_id and other.generation > keys.generation
    ]
    return max(later, key=lambda other: other.generation, default=None)


def _backup_key_files(paths: JournalPaths) -> list[KeyFile]:
    from tkg_journal.storage import backup

    found = []
    try:
        backups = sorted(paths.backups_dir.glob(f"*{backup.SUFFIX}"))
    except OSError:
        return []
    for path in backups[-50:]:  # the latest ones are enough to know of a re-encryption
        try:
            found.append(key_file.parse(backup.read_key_file(path), path))
        except (StorageError, KeyAccessError, OSError, ValueError):
            continue
    return found
