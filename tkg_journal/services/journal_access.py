"""Creating a journal and unlocking it: key file + keyring or passphrase + database.

The order of steps matters for "nothing lost": a key is verified against the key file
before SQLCipher opens the database, and a failed creation removes what it made.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass

from tkg_journal.domain.friction import seed_catalogue
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, keyring_store
from tkg_journal.security.database_key import new_database_key
from tkg_journal.security.errors import KeyMismatch, KeyringUnavailable
from tkg_journal.security.key_file import KeyMode
from tkg_journal.security.recovery_key import new_recovery_key
from tkg_journal.services.errors import PassphraseRequired
from tkg_journal.services.journal import Journal
from tkg_journal.storage import backup, friction_repository
from tkg_journal.storage.cipher import key_fits
from tkg_journal.storage.database import Database, create_database, open_database
from tkg_journal.storage.errors import JournalExists, JournalNotFound

MIN_PASSPHRASE_CHARS = 8


@dataclass(frozen=True, slots=True)
class NewJournal:
    journal: Journal
    recovery_key: str  # shown once to the user; never stored in plain form


def exists(paths: JournalPaths) -> bool:
    return paths.database.exists() or paths.key_file.exists()


def key_mode(paths: JournalPaths) -> KeyMode:
    """How this journal is unlocked (so a caller knows whether to ask for a passphrase)."""
    if not exists(paths):
        raise JournalNotFound(f"no journal in {paths.data_dir}; create one with `tkg-journal init`")
    return key_file.read(paths.key_file).mode


def keyring_available() -> bool:
    return keyring_store.is_available()


def check_new_passphrase(passphrase: str) -> None:
    from tkg_journal.domain.errors import ValidationError

    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise ValidationError(
            "passphrase", f"a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
        )


def generate_recovery_key() -> str:
    """A fresh recovery key, for a set-up that shows it before the journal is created."""
    return new_recovery_key()


def create(
    paths: JournalPaths, *, passphrase: str | None = None, recovery_key: str | None = None
) -> NewJournal:
    """A new encrypted journal; keyring mode unless a passphrase is given.

    ``recovery_key`` (from :func:`generate_recovery_key`) lets a set-up show the key and have
    it confirmed before anything is written; a new one is made when it is not given.

    Raises:
        JournalExists: there is already a journal (nothing is touched).
        KeyringUnavailable: keyring mode was asked for but there is no keyring.
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
    journal_id, key = str(uuid.uuid4()), new_database_key()
    recovery = recovery_key or new_recovery_key()
    mode = KeyMode.PASSPHRASE if passphrase is not None else KeyMode.KEYRING
    keys = key_file.create(
        key=key, journal_id=journal_id, mode=mode, recovery=recovery, passphrase=passphrase
    )
    paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if mode is KeyMode.KEYRING:
        keyring_store.store_key(journal_id, key)
    try:
        key_file.write(paths.key_file, keys)
        database = create_database(paths.database, key, journal_id=journal_id)
        with database.transaction():
            friction_repository.insert_many(database, behaviours=seed_catalogue())
    except BaseException:
        with contextlib.suppress(OSError):
            paths.key_file.unlink()
        if mode is KeyMode.KEYRING:
            keyring_store.delete_key(journal_id)
        raise
    return NewJournal(Journal(database, paths), recovery)


def unlock(
    paths: JournalPaths, *, passphrase: str | None = None, recovery_key: str | None = None
) -> Journal:
    """Open the journal with whatever unlocks it; every failure is a clear user error."""
    keys, key = _unlock(paths, passphrase=passphrase, recovery_key=recovery_key)

    def back_up(database: Database, version: int) -> None:
        # An upgrade rewrites the journal: an encrypted, verified copy comes first, and
        # if it cannot be written the journal stays as it was (WriteFailed says why).
        backup.snapshot(
            database,
            key_file=paths.key_file,
            folder=paths.backups_dir,
            reason=f"before-upgrade-from-schema-{version}",
        )

    database = open_database(
        paths.database, key, journal_id=keys.journal_id, before_migrating=back_up
    )
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
    if not paths.database.exists():
        raise JournalNotFound(f"no journal in {paths.data_dir}; create one with `tkg-journal init`")
    keys = key_file.read(paths.key_file)
    if recovery_key is not None:
        key = key_file.unlock_with_recovery_key(keys, recovery_key)
    elif keys.mode is KeyMode.PASSPHRASE:
        if passphrase is None:
            raise PassphraseRequired(
                "this journal is protected by a passphrase; give it "
                "with TKG_JOURNAL_PASSPHRASE or --passphrase-file"
            )
        key = key_file.unlock_with_passphrase(keys, passphrase)
    else:
        key = key_file.verify(keys, keyring_store.load_key(keys.journal_id))
    # The key opens the key file; check it opens this database too, before SQLCipher
    # would report a key file copied from another journal as a damaged database.
    if key_fits(paths.database, key) is False:
        raise KeyMismatch(
            f"the key file {paths.key_file} belongs to another journal: its key opens no "
            f"page of {paths.database} (unless that file was replaced or overwritten). Put "
            "back the journal.keys that was made with this journal, from a backup or the "
            "folder it came from; nothing was changed"
        )
    return keys, key


def change_passphrase(paths: JournalPaths, *, key: bytes, new_passphrase: str) -> None:
    """Set (or change to) a passphrase: re-wraps the key; the journal is not re-encrypted.

    Switching from keyring mode removes the key from the keyring afterwards."""
    check_new_passphrase(new_passphrase)
    keys = key_file.read(paths.key_file)
    key_file.write(paths.key_file, key_file.with_passphrase(keys, key, new_passphrase))
    if keys.mode is KeyMode.KEYRING:
        keyring_store.delete_key(keys.journal_id)


def use_keyring(paths: JournalPaths, *, key: bytes) -> None:
    """Keep the key in the OS keyring (also how a lost keyring entry is restored)."""
    keys = key_file.read(paths.key_file)
    key_file.verify(keys, key)
    keyring_store.store_key(keys.journal_id, key)
    key_file.write(paths.key_file, key_file.with_keyring(keys, key))


def new_recovery_key_for(
    paths: JournalPaths, *, key: bytes, recovery_key: str | None = None
) -> str:
    """Replace the recovery key (the old printout stops working). ``recovery_key`` (from
    :func:`generate_recovery_key`) lets the app show the new key before it counts."""
    recovery = recovery_key or new_recovery_key()
    keys = key_file.read(paths.key_file)
    key_file.write(paths.key_file, key_file.with_recovery_key(keys, key, recovery))
    return recovery
