"""Creating a journal and unlocking it: key file + keyring or passphrase + database.

The order of steps matters for "nothing lost": a key is verified against the key file
before SQLCipher opens the database, and a failed creation removes what it made. A
creation cut short by a crash or a power cut leaves no journal, only files that the next
set-up moves aside (see :func:`create`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.domain.friction import seed_catalogue
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, keyring_store
from tkg_journal.security.errors import KeyringUnavailable
from tkg_journal.security.key_file import KeyMode
from tkg_journal.security.recovery_key import new_recovery_key
from tkg_journal.security.recovery_sheet import find_recovery_key
from tkg_journal.services import key_files
from tkg_journal.services.errors import PassphraseRequired
from tkg_journal.services.journal import Journal
from tkg_journal.services.key_files import KeyPlan
from tkg_journal.storage import backup, friction_repository
from tkg_journal.storage.cipher import key_fits
from tkg_journal.storage.database import (
    Database,
    create_database,
    holds_no_journal,
    open_database,
)
from tkg_journal.storage.errors import JournalExists, JournalNotFound, WriteFailed

MIN_PASSPHRASE_CHARS = 8
NOT_TEXT = "the passphrase holds a character that is not text; type it again"
#: The database being made, beside where it goes (``journal.db.creating``).
STAGED_SUFFIX = ".creating"
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NewJournal:
    journal: Journal
    #: Shown once to the user; never stored in plain form, nor in a repr (tracebacks, logs).
    recovery_key: str = field(repr=False)
    #: Where an interrupted set-up's files were moved before this one (None: there were none).
    set_aside: Path | None = None


def exists(paths: JournalPaths) -> bool:
    """Whether the folder holds a journal: its database is there (:func:`create` puts it
    in place last, whole) and is not the empty start of a database that an interrupted
    set-up of release 0.1.0 left (:func:`holds_no_journal`), or a restore was cut short
    while renaming one in (unlocking finishes it). A key file alone is no journal: it is
    what an interrupted set-up leaves."""
    from tkg_journal.services.restore import staged_database

    if staged_database(paths).exists():
        return True
    return paths.database.exists() and not holds_no_journal(paths.database)


def _no_journal(paths: JournalPaths) -> JournalNotFound:
    if paths.key_file.exists():
        return JournalNotFound(
            f"no journal in {paths.data_dir}: journal.db is missing beside its key file, as "
            "an interrupted set-up leaves them; restore journal.db from a backup, or create "
            "a new journal with `tkg-journal init` (it moves the key file aside, deleting "
            "nothing)"
        )
    return JournalNotFound(f"no journal in {paths.data_dir}; create one with `tkg-journal init`")


def key_mode(paths: JournalPaths) -> KeyMode:
    """How this journal is unlocked (so a caller knows whether to ask for a passphrase)."""
    prepare(paths)
    if not paths.database.exists():
        raise _no_journal(paths)
    return key_file.read(paths.key_file).mode


def prepare(paths: JournalPaths) -> list[str]:
    """What every open does first, before the key file is read (it is also done by
    :func:`key_mode` and the unlocks): finish a re-encryption a crash interrupted, put
    back a lost key file from its copy. Returns a sentence for the user per thing done,
    for a caller that shows them (the app's unlock dialog; commands see them on stderr)."""
    return key_files.prepare(paths)


def plan_keys(recovery_key: str | None = None) -> KeyPlan:
    """A new journal's keys, for a set-up that shows the whole recovery sheet (key and
    block) before anything is written; give it to :func:`create`."""
    return key_files.plan_keys(recovery_key)


def recovery_block_lines(paths: JournalPaths) -> list[str]:
    """The current recovery block, as the recovery sheet prints it."""
    return key_files.recovery_block_lines(paths)


def keyring_available() -> bool:
    return keyring_store.is_available()


def check_new_passphrase(passphrase: str) -> None:
    from tkg_journal.domain.errors import ValidationError

    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise ValidationError(
            "passphrase", f"a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
        )
    if not _is_text(passphrase):  # the key derivation could never be given it again
        raise ValidationError("passphrase", NOT_TEXT)


def _is_text(value: str) -> bool:
    """False for a lone surrogate (bytes that were not UTF-8, kept by Python as such)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # its message quotes a character of the secret: not raised
        return False
    return True


def generate_recovery_key() -> str:
    """A fresh recovery key, for a set-up that shows it before the journal is created."""
    return new_recovery_key()


def create(
    paths: JournalPaths,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    plan: KeyPlan | None = None,
) -> NewJournal:
    """A new encrypted journal; keyring mode unless a passphrase is given.

    ``recovery_key`` (from :func:`generate_recovery_key`) lets a set-up show the key and have
    it confirmed before anything is written; a new one is made when it is not given.
    ``plan`` (from :func:`plan_keys`) does the same for the whole recovery sheet.

    Safe against a crash at any point, because the journal exists only once journal.db
    does (:func:`exists`), and journal.db appears last, whole, in one step:

    1. the database is made complete (tables, journal id, seeded catalogue) as
       journal.db.creating, closed (SQLite folds its write-ahead log into the file) and
       flushed to disk;
    2. the key file is written (atomically, :func:`key_file.write`);
    3. journal.db.creating is linked as journal.db, which fails rather than replace a
       journal.db that is there, and the folder is flushed.

    Cut short before 3, there is no journal, so nothing of the user's can be in these
    files: the next set-up moves them, and anything else an interrupted set-up leaves (a
    key file without journal.db, a journal.db that provably holds no table), into a new
    ``interrupted-setup-*`` folder beside them, deleting nothing, and says so. After 3 the
    journal opens with the passphrase or keyring, like any other.

    Raises:
        JournalExists: there is already a journal (nothing is touched).
        KeyringUnavailable: keyring mode was asked for but there is no keyring.
        WriteFailed: the folder cannot be written; what this call made is removed.
    """
    if exists(paths):
        raise JournalExists(f"a journal already exists in {paths.data_dir}; nothing was changed")
    if passphrase is not None:
        check_new_passphrase(passphrase)
    elif not keyring_store.is_available():
        raise KeyringUnavailable(
            "no OS keyring is available on this machine; protect the "
            "journal with a passphrase instead (init --passphrase)"
        )
    plan = plan or key_files.plan_keys(recovery_key)
    journal_id, key, recovery = plan.journal_id, plan.key, plan.recovery_key
    mode = KeyMode.PASSPHRASE if passphrase is not None else KeyMode.KEYRING
    keys = key_file.create(
        key=key,
        journal_id=journal_id,
        mode=mode,
        recovery=recovery,
        passphrase=passphrase,
        recovery_slot_made=plan.recovery_slot,
    )
    paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    set_aside = _set_aside_unfinished(paths)
    staged = Path(f"{paths.database}{STAGED_SUFFIX}")
    if mode is KeyMode.KEYRING:
        keyring_store.store_key(journal_id, key)
    try:
        _make_database(staged, key, journal_id)
        key_files.write(paths, keys)  # and its copy
        _publish(staged, paths.database)
    except BaseException:
        _remove_database_files(staged)  # only a name once it is linked as journal.db
        if not os.path.lexists(paths.database):  # no journal came to be: undo the rest
            _remove(paths.key_file)
            _remove(paths.key_file_copy)
            if mode is KeyMode.KEYRING:
                keyring_store.delete_key(journal_id)
        raise
    # The journal exists from here on: whatever happens now, it opens like any other.
    database = open_database(paths.database, key, journal_id=journal_id)
    return NewJournal(Journal(database, paths), recovery, set_aside)


def _make_database(staged: Path, key: bytes, journal_id: str) -> None:
    """Step 1 of :func:`create`: the whole database at ``staged``, closed and on disk."""
    database = create_database(staged, key, journal_id=journal_id)
    try:
        with database.transaction():
            friction_repository.insert_many(database, behaviours=seed_catalogue())
    finally:
        database.close()
    # Closing the last connection folds the write-ahead log into the file and deletes it;
    # the file is then renamed alone, so a log left behind would leave pages behind.
    if Path(f"{staged}-wal").exists():
        raise WriteFailed(
            f"could not create the journal in {staged.parent}: SQLite did not finish writing it"
        )
    try:
        # The new name must not reach the disk before the pages it names.
        with staged.open("rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as error:
        raise WriteFailed(
            f"could not create the journal in {staged.parent}: {error.strerror or error}"
        ) from None


def _publish(staged: Path, database: Path) -> None:
    """Step 3 of :func:`create`: ``staged`` becomes ``database``, never replacing one.
    Raises only while there is no ``database`` of ours: once it is there, it stays."""
    try:
        os.link(staged, database)  # refuses (FileExistsError) to replace a journal.db
    except FileExistsError:
        raise _appeared(database) from None
    except OSError:
        # A file system without hard links (FAT, some network shares): look, then rename.
        if os.path.lexists(database):
            raise _appeared(database) from None
        try:
            os.rename(staged, database)
        except OSError as error:
            raise WriteFailed(
                f"could not create the journal in {database.parent}: {error.strerror or error}"
            ) from None
    # The journal is in place: what follows is tidying, and must not undo it.
    _remove(staged)  # gone already after a rename
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        safe_write.sync_folder(database.parent)  # so that the new name survives a power cut


def _remove_second_name(paths: JournalPaths) -> None:
    """A set-up killed between linking journal.db and unlinking journal.db.creating left
    the journal a second name (the same file); it goes once the journal has opened."""
    staged = Path(f"{paths.database}{STAGED_SUFFIX}")
    with contextlib.suppress(OSError):  # mostly: there is no such name
        if os.path.samefile(staged, paths.database):
            staged.unlink()


def _appeared(database: Path) -> JournalExists:
    return JournalExists(
        f"a journal appeared in {database.parent} while this one was being created; "
        "it was left as it is"
    )


def _unfinished_files(paths: JournalPaths) -> list[Path]:
    """What an interrupted set-up can leave, when the folder holds no journal."""
    staged = Path(f"{paths.database}{STAGED_SUFFIX}")
    candidates = [
        paths.key_file,
        paths.key_file_copy,
        *_database_files(paths.database),
        *_database_files(staged),
    ]
    # Temporary key files (and copies) of a write cut short (safe_write names them so).
    candidates += sorted(paths.data_dir.glob(f".{paths.key_file.name}.*.tmp"))
    return [file for file in candidates if os.path.lexists(file)]


def _set_aside_unfinished(paths: JournalPaths) -> Path | None:
    """Move what an interrupted set-up left into a new folder; None if it left nothing.

    Called only when there is no journal (:func:`exists`), so none of these files holds
    the user's writing; they are moved, not deleted, all the same: a key file without its
    journal.db may be the key of a journal.db that the user is about to restore."""
    leftovers = _unfinished_files(paths)
    if not leftovers:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"interrupted-setup-{stamp}-", dir=paths.data_dir))
        for file in leftovers:
            os.replace(file, folder / file.name)
    except OSError as error:
        raise WriteFailed(
            f"cannot move aside the files an interrupted set-up left in {paths.data_dir}: "
            f"{error.strerror or error}; move {', '.join(f.name for f in leftovers)} away "
            "yourself, then try again"
        ) from None
    _log.warning(
        "tkg-journal: %s held an unfinished set-up (%s, no journal); moved to %s",
        paths.data_dir,
        ", ".join(file.name for file in leftovers),
        folder,
    )
    return folder


def _database_files(database: Path) -> list[Path]:
    return [Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _remove_database_files(database: Path) -> None:
    for file in _database_files(database):
        _remove(file)


def _remove(file: Path) -> None:
    with contextlib.suppress(OSError):
        file.unlink()


def unlock(
    paths: JournalPaths, *, passphrase: str | None = None, recovery_key: str | None = None
) -> Journal:
    """Open the journal with whatever unlocks it; every failure is a clear user error."""
    keys, key = _unlock(paths, passphrase=passphrase, recovery_key=recovery_key)
    return _open(paths, keys, key)


def open_with_key(paths: JournalPaths, key: bytes) -> Journal:
    """Open the journal with its key, already had (after a re-encryption: the new one)."""
    keys = key_file.read(paths.key_file)
    key_file.verify(keys, key)
    if key_fits(paths.database, key) is False:
        raise key_files.mismatch(paths, keys)
    return _open(paths, keys, key)


def _open(paths: JournalPaths, keys: key_file.KeyFile, key: bytes) -> Journal:
    def back_up(database: Database, version: int) -> None:
        # An upgrade rewrites the journal: an encrypted, verified copy comes first, and
        # if it cannot be written the journal stays as it was (WriteFailed says why).
        backup.snapshot(
            database,
            key_file=paths.key_file,
            folder=paths.backups_dir,
            reason=f"before-upgrade-from-schema-{version}",
        )

    identity = key_files.file_identity(paths.database)
    database = open_database(
        paths.database, key, journal_id=keys.journal_id, before_migrating=back_up
    )
    try:
        key_files.check_still_in_place(paths, identity)
    except BaseException:
        database.close()
        raise
    _remove_second_name(paths)
    key_files.refresh_copy(paths)
    return Journal(database, paths)


def unlock_key(
    paths: JournalPaths, *, passphrase: str | None = None, recovery_key: str | None = None
) -> bytes:
    """The database key, verified against the key file and the database's page checks;
    the database is not opened."""
    return _unlock(paths, passphrase=passphrase, recovery_key=recovery_key)[1]


def _unlock(
    paths: JournalPaths, *, passphrase: str | None, recovery_key: str | None
) -> tuple[key_file.KeyFile, bytes]:
    from tkg_journal.services.restore import finish_interrupted

    finish_interrupted(paths)  # a restore cut short by a crash: finish or undo it first
    prepare(paths)  # a re-encryption cut short, a key file lost beside its copy
    # Not exists(): a journal.db that holds no journal is reported as what it is (empty,
    # truncated) by opening it, while init may set it aside.
    if not paths.database.exists():
        raise _no_journal(paths)
    keys = key_file.read(paths.key_file)
    if recovery_key is not None:
        # The whole recovery sheet may have been pasted: its key is what unlocks here.
        key = key_file.unlock_with_recovery_key(keys, find_recovery_key(recovery_key))
    elif keys.mode is KeyMode.PASSPHRASE:
        if passphrase is None:
            raise PassphraseRequired(
                "this journal is protected by a passphrase; give it "
                "with TKG_JOURNAL_PASSPHRASE or --passphrase-file"
            )
        key = key_file.unlock_with_passphrase(keys, passphrase)
    else:
        key = key_file.verify(keys, keyring_store.load_key(keys.keyring_user))
    # The key opens the key file; check it opens this database too, before SQLCipher
    # would report a key file copied from another journal (or kept from before a
    # re-encryption) as a damaged database.
    if key_fits(paths.database, key) is False:
        raise key_files.mismatch(paths, keys)
    return keys, key


#: Said when a switch from keyring mode is done but the keyring kept the old key.
KEY_LEFT_IN_KEYRING = (
    "The passphrase is set and unlocks the journal. The OS keyring could not remove the "
    "journal's old key ({reason}): remove the '" + keyring_store.SERVICE + "' entry there "
    "once the keyring is unlocked."
)


def change_passphrase(paths: JournalPaths, *, key: bytes, new_passphrase: str) -> str | None:
    """Set (or change to) a passphrase: re-wraps the key in the key file and its copy; the
    journal is not re-encrypted, so a copy of the key file made before (in a backup)
    still opens it with the old passphrase.

    Switching from keyring mode removes the key from the keyring afterwards. If the
    keyring refuses (it is locked: the reason a user recovers), the change stands and is
    not reported as a failure; the returned note says what is left to tidy."""
    check_new_passphrase(new_passphrase)
    keys = key_file.read(paths.key_file)
    key_files.write(paths, key_file.with_passphrase(keys, key, new_passphrase))
    if keys.mode is KeyMode.KEYRING:
        try:
            keyring_store.delete_key(keys.keyring_user)
        except KeyringUnavailable as error:
            return KEY_LEFT_IN_KEYRING.format(reason=str(error))
    return None


def use_keyring(paths: JournalPaths, *, key: bytes) -> None:
    """Keep the key in the OS keyring (also how a lost keyring entry is restored)."""
    keys = key_file.read(paths.key_file)
    key_file.verify(keys, key)
    keyring_store.store_key(keys.keyring_user, key)
    key_files.write(paths, key_file.with_keyring(keys, key))


@dataclass(frozen=True, slots=True)
class NewRecoveryKey:
    """A recovery key made for a journal but not written yet (so the app can show the
    whole new sheet, key and block, before it counts)."""

    recovery_key: str = field(repr=False)
    slot: key_file.KeySlot = field(repr=False)
    block_lines: list[str] = field(repr=False)


def plan_recovery_key(paths: JournalPaths, *, key: bytes) -> NewRecoveryKey:
    """A new recovery key and its block for the journal's ``key``; nothing is written."""
    from tkg_journal.security import recovery_sheet

    keys = key_file.read(paths.key_file)
    key_file.verify(keys, key)
    recovery = new_recovery_key()
    slot = key_file.recovery_slot(key, keys.journal_id, recovery)
    block = recovery_sheet.RecoveryBlock(keys.journal_id, keys.generation, slot)
    return NewRecoveryKey(recovery, slot, recovery_sheet.block_lines(block))


def new_recovery_key_for(
    paths: JournalPaths,
    *,
    key: bytes,
    recovery_key: str | None = None,
    planned: NewRecoveryKey | None = None,
) -> str:
    """Replace the recovery key in the key file and its copy: the old printout no longer
    unlocks them. The journal is not re-encrypted, so a copy of the key file made before
    (in a backup), and the old sheet's recovery block, still wrap the same key until it
    is. ``recovery_key`` (from :func:`generate_recovery_key`) or ``planned`` (from
    :func:`plan_recovery_key`) lets the app show the new key (and block) before it counts."""
    keys = key_file.read(paths.key_file)
    if planned is not None:
        key_files.write(paths, key_file.with_recovery_slot(keys, key, planned.slot))
        return planned.recovery_key
    recovery = recovery_key or new_recovery_key()
    key_files.write(paths, key_file.with_recovery_key(keys, key, recovery))
    return recovery
