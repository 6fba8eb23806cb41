"""Getting back in with the recovery sheet alone: the key file rebuilt from its block.

When ``journal.keys`` and its copy are both lost or damaged, the recovery key has no slot
to unlock. The sheet's recovery block is that slot (with the journal's id and the key's
generation), so with the recovery key printed above it, it gives the database key back.
Before anything is written, the key is checked against ``journal.db`` (its pages
authenticate with it, and the journal id stored inside is the block's); then a key file
is written again from the block's slot (so the same sheet keeps working) plus a new
passphrase, or the key goes to the keyring. The unreadable key file and copy are kept,
renamed, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, keyring_store
from tkg_journal.security.errors import (
    KeyFileError,
    KeyMismatch,
    NewerKeyFile,
    OutdatedKey,
    RecoverySheetError,
    WrongRecoveryKey,
)
from tkg_journal.security.key_file import KeyFile, KeyMode
from tkg_journal.security.recovery_sheet import Sheet, parse_sheet
from tkg_journal.services import key_files
from tkg_journal.storage.cipher import key_fits
from tkg_journal.storage.database import stored_journal_id
from tkg_journal.storage.errors import JournalMismatch, JournalNotFound, WriteFailed


@dataclass(frozen=True, slots=True)
class Rebuilt:
    mode: KeyMode
    #: Where the unreadable key file and copy were kept (those that existed).
    kept: list[Path]


def key_file_readable(paths: JournalPaths) -> bool:
    """Whether the key file reads (after :func:`journal_access.prepare` put it back from
    its copy if it could): then the recovery key unlocks its slot, no block needed."""
    try:
        key_file.read(paths.key_file)
    except NewerKeyFile:
        return True  # readable by a newer app: unlocking says so; it must not be rebuilt
    except KeyFileError:
        return False
    return True


def read_sheet(paths: JournalPaths, text: str) -> Sheet:
    """The sheet's recovery key and block, for a journal whose key file is lost.

    Raises:
        RecoverySheetError: the text holds no recovery key, a mistyped or damaged block,
            a block of a later format, or no block at all (the message says where a
            copy of the key file may be).
    """
    sheet = parse_sheet(text)
    if sheet.block is None:
        raise RecoverySheetError(
            f"{paths.key_file.name} is missing or damaged (and so is its copy "
            f"{paths.key_file_copy.name}), and the text holds only the recovery key, which "
            "unlocks the journal only through the key file. Give the whole recovery sheet "
            "(with the recovery block printed under the key, on sheets from this version "
            "on), in a file: recover --recovery-key-file FILE; "
            f"or put back a copy of journal.keys: every backup in {paths.backups_dir} holds "
            "one; nothing was changed"
        )
    return sheet


def key_from_sheet(paths: JournalPaths, sheet: Sheet) -> bytes:
    """The database key the sheet's block wraps, checked against ``journal.db``.

    Raises:
        JournalNotFound: there is no journal.db.
        WrongRecoveryKey: the recovery key does not unlock the block.
        KeyMismatch (OutdatedKey): the key opens no page of journal.db (a sheet from
            before a re-encryption, or of another journal).
        JournalMismatch: the database is another journal than the block's.
    """
    block = sheet.block
    if block is None:
        raise ValueError("read the sheet with read_sheet first")
    if not paths.database.exists():
        raise JournalNotFound(
            f"no journal.db in {paths.data_dir}: the recovery sheet opens the journal only "
            "together with its database; restore journal.db from a backup first"
        )
    key = block.unwrap(sheet.recovery_key)
    if key is None:
        raise WrongRecoveryKey()
    as_key_file = KeyFile(block.journal_id, KeyMode.KEYRING, "", {"recovery": block.slot},
                          block.generation)
    if key_fits(paths.database, key) is False:
        error = key_files.mismatch(paths, as_key_file, what="the recovery sheet")
        if isinstance(error, OutdatedKey):
            raise error
        raise KeyMismatch(
            f"the recovery sheet's key opens no page of {paths.database}: the sheet is from "
            "before the journal was re-encrypted (use the sheet printed then), or of another "
            "journal; nothing was changed"
        )
    if stored_journal_id(paths.database, key) != block.journal_id:
        raise JournalMismatch(
            f"{paths.database} is another journal than the recovery sheet's (journal "
            f"{block.journal_id}); nothing was changed"
        )
    return key


def rebuild(
    paths: JournalPaths, sheet: Sheet, key: bytes, *, passphrase: str | None
) -> Rebuilt:
    """Write the key file (and its copy) again from the sheet's block, with a new
    ``passphrase``, or for keyring mode when it is None (the key is stored first).

    Raises:
        ValidationError: the passphrase is too short (nothing written).
        KeyringUnavailable: keyring mode without a keyring (nothing written).
        WriteFailed: the folder cannot be written.
    """
    from tkg_journal.services.journal_access import check_new_passphrase

    block = sheet.block
    if block is None:
        raise ValueError("read the sheet with read_sheet first")
    if passphrase is not None:
        check_new_passphrase(passphrase)
    keys = key_file.rebuilt(
        key=key,
        journal_id=block.journal_id,
        generation=block.generation,
        recovery=block.slot,
        passphrase=passphrase,
    )
    if keys.mode is KeyMode.KEYRING:
        keyring_store.store_key(keys.keyring_user, key)
    kept = [
        path
        for path in (
            key_files.keep_aside(paths.key_file, "damaged"),
            key_files.keep_aside(paths.key_file_copy, "damaged"),
        )
        if path is not None
    ]
    try:
        key_files.write(paths, keys)
    except OSError as error:
        raise WriteFailed(
            f"could not write {paths.key_file}: {error.strerror or error} (the unreadable "
            f"key files are kept as {', '.join(path.name for path in kept) or 'they were'})"
        ) from None
    return Rebuilt(keys.mode, kept)
