"""Re-encrypting the journal: a new random database key, new key slots, a new recovery
sheet. Afterwards no earlier key file, recovery sheet, key-file copy or backup opens the
journal (backups keep their own key, and open as they did).

Copy and swap, so that a kill at any moment leaves the old journal or the new one whole
(:mod:`tkg_journal.services.rekey_files` has the files and how an open settles them):

1. lock the re-encryption, settle anything an earlier one left; open the journal (the
   key file must unwrap this key; a passphrase journal's passphrase must unlock it);
2. back it up (``backup.snapshot``, reason ``before-rekey``);
3. hold the database exclusively: no other connection may be open (an app or command
   with it open would write to the old file after the swap), and none can open until
   this one closes;
4. copy it page by page under the new key with SQLite's online backup (progress), as
   ``journal.db.rekey``; flush it; open the copy with the new key and check it (it is
   this journal, every page authenticates, SQLite's checks pass, every table has as many
   rows as the original);
5. write the new key file as ``journal.keys.rekey`` (generation + 1, the same unlock
   method: the same passphrase, wrapped again with a new salt, or a new keyring entry
   named by the generation, stored now); write the commit record: from here the new
   journal is the journal;
6. roll forward: rename the copy over ``journal.db`` (the old connection still holding
   its lock), close the old connection, rename the key file in, write its copy, remove
   the record.

A failure before the record rolls back (the new files are deleted, the old journal was
never written to). After it, the new journal stands even if a rename fails: the next
open finishes the swap, and the caller still gets the new recovery sheet.

The passphrase is kept (wrapped again): a re-encryption answers a key file, sheet or
backup that got out, and a passphrase is changed on its own (``passwd``) if it did too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, keyring_store, recovery_sheet
from tkg_journal.security.database_key import new_database_key
from tkg_journal.security.key_file import KeyFile, KeyMode
from tkg_journal.security.recovery_key import new_recovery_key
from tkg_journal.services import journal_access, rekey_files
from tkg_journal.services.errors import PassphraseRequired
from tkg_journal.services.journal import Journal
from tkg_journal.storage import backup
from tkg_journal.storage.database import open_database
from tkg_journal.storage.errors import JournalBusy, WriteFailed


class Stage(StrEnum):
    BACKUP = "backing up the journal"
    COPY = "re-encrypting"
    CHECK = "checking the re-encrypted journal"
    SWITCH = "switching over"


#: ``progress(stage, fraction)``: the stage now, and how far the whole is (0 to 1).
Progress = Callable[[Stage, float], None]

# Where each stage starts, as a fraction of the whole (the copy and the backup read and
# write the whole file; the check reads it once).
_STARTS = {Stage.BACKUP: 0.0, Stage.COPY: 0.35, Stage.CHECK: 0.8, Stage.SWITCH: 0.95}


@dataclass(frozen=True, slots=True)
class Rekeyed:
    """What a re-encryption made: the new key (to open the journal again) and the new
    recovery sheet, shown once."""

    key: bytes = field(repr=False)
    recovery_key: str = field(repr=False)
    block_lines: list[str] = field(repr=False)
    backup: Path
    generation: int
    rekeyed_at: datetime
    #: Set when the swap could not be finished now (the next open finishes it).
    unfinished: str | None = None


def rekey(
    paths: JournalPaths,
    *,
    key: bytes,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> Rekeyed:
    """Give the journal a new key (see the module's docstring). The journal must not be
    open anywhere, this process included.

    Raises:
        JournalBusy: the journal is open in another window or command, or being
            re-encrypted already; nothing was changed.
        PassphraseRequired, WrongPassphrase: a passphrase journal without its passphrase.
        KeyMismatch, KeyFileError, StorageError: the key does not open the journal, or
            the backup, copy or check failed; nothing was changed.
    """
    report = progress or _ignore
    with rekey_files.locked(paths):
        rekey_files.settle(paths)  # what an earlier attempt left: we hold the lock
        keys = key_file.read(paths.key_file)
        key_file.verify(keys, key)
        if keys.mode is KeyMode.PASSPHRASE:
            if passphrase is None:
                raise PassphraseRequired("re-encrypting this journal needs its passphrase")
            key_file.unlock_with_passphrase(keys, passphrase)  # it is the one in use
        report(Stage.BACKUP, _STARTS[Stage.BACKUP])
        journal = journal_access.open_with_key(paths, key)
        try:
            return _rekey_open(paths, journal, keys, passphrase, report)
        finally:
            journal.close()


def _rekey_open(
    paths: JournalPaths,
    journal: Journal,
    keys: KeyFile,
    passphrase: str | None,
    report: Progress,
) -> Rekeyed:
    copy_taken = backup.snapshot(
        journal.db, key_file=paths.key_file, folder=paths.backups_dir, reason="before-rekey"
    )
    report(Stage.COPY, _STARTS[Stage.COPY])
    try:
        journal.db.hold_exclusively()
    except JournalBusy:
        raise JournalBusy(
            "the journal is open in another window or command (the app?): close it or lock "
            "it, then re-encrypt again; nothing was changed"
        ) from None
    now = datetime.now(UTC).replace(microsecond=0)
    new_key, recovery = new_database_key(), new_recovery_key()
    new_keys = key_file.create(
        key=new_key,
        journal_id=keys.journal_id,
        mode=keys.mode,
        recovery=recovery,
        passphrase=passphrase,
        generation=keys.generation + 1,
        rekeyed_at=now.isoformat(),
    )
    try:
        _copy(journal, paths, new_key, report)
        report(Stage.CHECK, _STARTS[Stage.CHECK])
        _check(journal, paths, new_key)
        key_file.write(rekey_files.new_key_file(paths), new_keys)
        if keys.mode is KeyMode.KEYRING:
            # Under the new generation's own entry: the entry the current key file names
            # keeps the key that opens the database on disk until the swap.
            keyring_store.store_key(new_keys.keyring_user, new_key)
        rekey_files.commit(paths, new_keys)
    except BaseException:
        rekey_files.roll_back(paths)
        raise
    report(Stage.SWITCH, _STARTS[Stage.SWITCH])
    unfinished = None
    try:
        rekey_files.roll_forward(paths, close_old=journal.close)
    except OSError as error:
        unfinished = (
            f"the new journal is complete but could not be put in place yet "
            f"({error.strerror or error}); it is the next time the journal opens"
        )
    report(Stage.SWITCH, 1.0)
    block = recovery_sheet.block_of(new_keys)
    return Rekeyed(
        new_key,
        recovery,
        recovery_sheet.block_lines(block),
        copy_taken,
        new_keys.generation,
        now,
        unfinished,
    )


def _copy(journal: Journal, paths: JournalPaths, new_key: bytes, report: Progress) -> None:
    target = rekey_files.new_database(paths)
    start, end = _STARTS[Stage.COPY], _STARTS[Stage.CHECK]

    def pages(done: int, total: int) -> None:
        report(Stage.COPY, start + (end - start) * done / max(total, 1))

    try:
        journal.db.copy_with_key(target, new_key, progress=pages)
        os.chmod(target, 0o600)
        with target.open("rb+") as handle:  # on disk before the record can name it
            os.fsync(handle.fileno())
    except OSError as error:
        raise WriteFailed(
            f"could not write the re-encrypted journal in {paths.data_dir}: "
            f"{error.strerror or error}; nothing was changed"
        ) from None


def _check(journal: Journal, paths: JournalPaths, new_key: bytes) -> None:
    """The copy opens with the new key, is this journal, passes every check and has the
    same rows; else WriteFailed (the caller rolls back)."""
    target = rekey_files.new_database(paths)
    copy = open_database(target, new_key, journal_id=journal.db.journal_id)
    try:
        # integrity_check reads every page, so SQLCipher authenticates each one too.
        problems = [str(row[0]) for row in copy.query("PRAGMA integrity_check")]
        problems = [problem for problem in problems if problem != "ok"]
        if not problems and copy.row_counts() != journal.db.row_counts():
            problems = ["its tables do not hold as many rows as the journal's"]
    finally:
        copy.close()
    if problems:
        raise WriteFailed(
            f"the re-encrypted copy of the journal did not verify ({problems[0]}); it was "
            "deleted and nothing was changed"
        )


def _ignore(_stage: Stage, _fraction: float) -> None:
    return None
