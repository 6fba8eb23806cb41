"""Restoring a backup into a data folder: the one that holds a journal, or an empty one on
a new machine.

Order, so that nothing is lost at any moment:

1. The backup is read whole against its checksums, its two files written beside the
   journal as ``journal.db.restoring`` and ``journal.keys.restoring``, the key unwrapped
   with the backup's passphrase, recovery key or keyring entry, and the database checked
   (it opens with that key, holds that journal, passes SQLite's integrity check). A
   damaged, truncated or foreign backup stops here; the staged files are removed and the
   data folder is as it was.
2. The journal being replaced is backed up: a normal backup when the same secret (or the
   keyring) opens it, else its files copied as they are (database, write-ahead log, key
   file) into ``backups/replaced-<time>/``, a data folder of its own.
3. The swap: the key file is renamed in, the old journal's write-ahead log removed (it
   belongs to the old database), then the database renamed in. A crash between two of
   these steps is finished by :func:`finish_interrupted` the next time the journal is
   opened: both staged files still there -> nothing happened yet, they are removed (the
   old journal is whole); only the database staged -> the key file is already the new
   one, so the database is renamed in too.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, keyring_store
from tkg_journal.security.errors import KeyFileError
from tkg_journal.security.key_file import KeyMode
from tkg_journal.services.errors import PassphraseRequired
from tkg_journal.storage import backup
from tkg_journal.storage.backup import BackupManifest, BackupUnusable
from tkg_journal.storage.errors import WriteFailed

_STAGED = ".restoring"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    manifest: BackupManifest
    #: Where the replaced journal went (a backup file, or a folder of its files as they
    #: were); None when the data folder held no journal.
    replaced_copy: Path | None
    #: A keyring journal restored where the keyring does not hold its key: it opens with
    #: the recovery key until ``tkg-journal recover`` sets a passphrase (or keyring).
    needs_recover: bool = False


def staged_database(paths: JournalPaths) -> Path:
    return paths.database.with_name(paths.database.name + _STAGED)


def staged_key_file(paths: JournalPaths) -> Path:
    return paths.key_file.with_name(paths.key_file.name + _STAGED)


def restore(
    paths: JournalPaths,
    backup_file: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> RestoreResult:
    """Replace the journal in ``paths`` (if any) with the backup's.

    Raises:
        BackupUnusable: not a backup, damaged, truncated, or not restorable with what was
            given (nothing changed).
        WrongPassphrase, WrongRecoveryKey, PassphraseRequired, KeyringUnavailable:
            the backup could not be unlocked (nothing changed).
        WriteFailed: the data folder cannot be written (nothing changed).
    """
    finish_interrupted(paths)
    manifest = backup.verify(backup_file)
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True, mode=safe_write.PRIVATE_FOLDER)
        scratch = Path(tempfile.mkdtemp(prefix=".restore-", dir=paths.data_dir))
    except OSError as error:
        raise WriteFailed(
            f"cannot write in {paths.data_dir}: {error.strerror or error}; nothing was changed"
        ) from None
    try:
        # The backup's key first: a wrong passphrase stops here, before anything is written.
        keys_path = scratch / "journal.keys"
        # Through safe_write, not write_bytes: this file becomes the journal's key file,
        # which must be 0600 whatever the umask (write_bytes left it 0666 under umask 0).
        safe_write.write_atomically(keys_path, backup.read_key_file(backup_file))
        keys = key_file.read(keys_path)
        key = _unlock(keys, passphrase=passphrase, recovery_key=recovery_key)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    # The journal being replaced is backed up on a second thread while this one unpacks
    # and checks the backup's database (both mostly wait on SQLite, Argon2id and the
    # disk, which let go of the GIL): over 10,000 entries, 1.3 s instead of 2.2 s.
    with ThreadPoolExecutor(max_workers=1) as pool:
        keeping = pool.submit(
            _keep_current, paths, passphrase=passphrase, recovery_key=recovery_key
        )
        try:
            return _unpack_and_swap(paths, backup_file, manifest, scratch, keys, key, keeping)
        finally:
            with contextlib.suppress(Exception):
                keeping.result()  # never leave it running; its error was raised already


def _unpack_and_swap(
    paths: JournalPaths,
    backup_file: Path,
    manifest: BackupManifest,
    scratch: Path,
    keys: key_file.KeyFile,
    key: bytes,
    keeping: Future[Path | None],
) -> RestoreResult:
    keys_path, database = scratch / "journal.keys", scratch / "journal.db"
    try:
        backup.extract_database(backup_file, database)
        problems = backup.check_database(database, key, journal_id=manifest.journal_id)
        if keys.journal_id != manifest.journal_id:
            problems.append("its key file is of another journal")
        if problems:
            raise BackupUnusable(
                f"{backup_file} is damaged: its journal does not open ({problems[0]}); "
                "nothing was changed"
            )
        replaced = keeping.result()
        needs_recover = keys.mode is KeyMode.KEYRING and not _store_in_keyring(
            keys.keyring_user, key
        )
        # Staged key file first: a crash before the database is staged leaves only it,
        # which finish_interrupted removes.
        os.replace(keys_path, staged_key_file(paths))
        os.replace(database, staged_database(paths))
        _swap_in(paths)
    except OSError as error:
        finish_interrupted(paths)
        raise WriteFailed(
            f"could not restore into {paths.data_dir}: {error.strerror or error}"
        ) from None
    except BaseException:
        finish_interrupted(paths)  # undoes the staging, or completes a swap half done
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return RestoreResult(manifest, replaced, needs_recover)


def backup_needs_passphrase(backup_file: Path) -> bool:
    """Whether the backup opens with a passphrase (else its keyring entry or its recovery
    key). Raises BackupUnusable for a file that is not a whole backup."""
    try:
        data = json.loads(backup.read_key_file(backup_file).decode("utf-8"))
        return bool(data.get("mode") == KeyMode.PASSPHRASE.value)
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        raise BackupUnusable(f"{backup_file} is damaged: its key file cannot be read") from None


def check_secret(
    backup_file: Path, *, passphrase: str | None = None, recovery_key: str | None = None
) -> None:
    """Whether what the user gave unlocks the backup, changing nothing: the app asks before
    it closes the open journal, so a mistyped passphrase does not lock the user out of it.

    Raises:
        BackupUnusable: not a whole backup.
        WrongPassphrase, WrongRecoveryKey, PassphraseRequired, KeyringUnavailable,
            KeyringEntryMissing: as :func:`restore` would.
    """
    # The key file holds no secret (the key is wrapped); its folder is private all the same.
    with tempfile.TemporaryDirectory(prefix="tkg-restore-check-") as scratch:
        keys_path = Path(scratch) / "journal.keys"
        keys_path.write_bytes(backup.read_key_file(backup_file))
        try:
            keys = key_file.read(keys_path)
        except KeyFileError:  # its message would name the scratch file, not the backup
            raise BackupUnusable(
                f"{backup_file} is damaged: its key file cannot be read"
            ) from None
    _unlock(keys, passphrase=passphrase, recovery_key=recovery_key)


def finish_interrupted(paths: JournalPaths) -> None:
    """Complete or undo a restore that a crash interrupted (see the module's docstring)."""
    _remove_old_scratch(paths)
    staged_db, staged_keys = staged_database(paths), staged_key_file(paths)
    if not staged_db.exists():
        staged_keys.unlink(missing_ok=True)  # staged, never swapped: the old pair is whole
        return
    if staged_keys.exists():
        staged_db.unlink()
        staged_keys.unlink()
        return
    _remove_write_ahead_log(paths)
    os.replace(staged_db, paths.database)
    safe_write.sync_folder(paths.data_dir)


#: A restore's scratch folder older than this belongs to a restore that was killed.
_SCRATCH_AGE_S = 600


def _remove_old_scratch(paths: JournalPaths) -> None:
    safe_write.remove_stale(paths.data_dir, [".restore-*"], older_than_s=_SCRATCH_AGE_S)


def _unlock(keys: key_file.KeyFile, *, passphrase: str | None, recovery_key: str | None) -> bytes:
    if recovery_key is not None:
        return key_file.unlock_with_recovery_key(keys, recovery_key)
    if keys.mode is KeyMode.PASSPHRASE:
        if passphrase is None:
            raise PassphraseRequired(
                "this backup is protected by the passphrase it was taken with; give it with "
                "TKG_JOURNAL_PASSPHRASE or --passphrase-file, or use its recovery key"
            )
        return key_file.unlock_with_passphrase(keys, passphrase)
    return key_file.verify(keys, keyring_store.load_key(keys.keyring_user))


def _keep_current(
    paths: JournalPaths, *, passphrase: str | None, recovery_key: str | None
) -> Path | None:
    """Back up the journal about to be replaced; returns where it went."""
    if not paths.database.exists() and not paths.key_file.exists():
        return None
    from tkg_journal.services import journal_access

    try:
        journal = journal_access.unlock(paths, passphrase=passphrase, recovery_key=recovery_key)
    except Exception:  # another secret, a lost key file, damage: keep its files as they are
        return _copy_files_as_they_are(paths)
    try:
        return backup.snapshot(
            journal.db, key_file=paths.key_file, folder=paths.backups_dir, reason="before-restore"
        )
    finally:
        journal.close()


def _copy_files_as_they_are(paths: JournalPaths) -> Path:
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d-%H%M%S")
    folder = paths.backups_dir / f"replaced-{stamp}"
    try:
        folder.mkdir(parents=True, mode=safe_write.PRIVATE_FOLDER)
        for source in (
            paths.database,
            Path(f"{paths.database}-wal"),
            paths.key_file,
        ):
            if source.exists():
                shutil.copy2(source, folder / source.name)
                os.chmod(folder / source.name, safe_write.PRIVATE_FILE)
    except OSError as error:
        raise WriteFailed(
            f"could not keep a copy of the journal being replaced in {folder}: "
            f"{error.strerror or error}; nothing was changed"
        ) from None
    return folder


def _store_in_keyring(keyring_user: str, key: bytes) -> bool:
    try:
        keyring_store.store_key(keyring_user, key)
    except Exception:  # no keyring on this machine: the recovery key opens it
        return False
    return True


def _swap_in(paths: JournalPaths) -> None:
    try:
        os.replace(staged_key_file(paths), paths.key_file)
        _remove_write_ahead_log(paths)
        os.replace(staged_database(paths), paths.database)
        safe_write.sync_folder(paths.data_dir)
    except OSError as error:
        raise WriteFailed(
            f"could not put the restored journal in place in {paths.data_dir}: "
            f"{error.strerror or error}; it is finished the next time the journal opens"
        ) from None


def _remove_write_ahead_log(paths: JournalPaths) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
