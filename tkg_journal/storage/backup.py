"""An encrypted copy of the journal taken before anything risky (a repair of stored rows).

A snapshot is two files side by side in the backups folder: ``<stem>.db``, a consistent
copy of the database made by ``VACUUM INTO`` (SQLCipher writes it encrypted with the
journal's own key, so no plaintext and no key ever leave SQLite), and ``<stem>.keys``,
a copy of the key file, so the pair opens with the passphrase or the recovery key as the
journal did. Each is written under a temporary name (:func:`safe_write.staged_file`),
the database copy verified (attached with the journal's key, it must pass SQLite's quick
check), then renamed into place.
"""

from __future__ import annotations

import contextlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.storage.database import Database
from tkg_journal.storage.errors import WriteFailed

_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"


def snapshot(db: Database, *, key_file: Path, folder: Path, reason: str) -> Path:
    """Copy the open journal and its key file into ``folder``; returns the copy's path.

    Raises:
        WriteFailed: the folder cannot be written or the copy did not verify; nothing
            is left behind.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"journal-{stamp}-{reason}.db"
    keys = target.with_suffix(".keys")
    keys_written = done = False
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Both files are 0600 (safe_write's rule): the copy is as private as the journal.
        with safe_write.staged_file(target) as partial_db:
            db.copy_into(partial_db)
            with partial_db.open("rb") as handle:
                if handle.read(len(_PLAIN_SQLITE_MAGIC)) == _PLAIN_SQLITE_MAGIC:
                    raise WriteFailed("the backup came out unencrypted; it was deleted")
            problems = db.check_copy(partial_db)
            if problems:
                raise WriteFailed(f"the backup did not verify ({problems[0]}); it was deleted")
            # The key file goes in first: a pair is complete once its database appears.
            with safe_write.staged_file(keys) as partial_keys:
                shutil.copyfile(key_file, partial_keys)
            keys_written = True
        done = True
    except OSError as error:
        raise WriteFailed(
            f"could not back up the journal to {folder}: {error.strerror or error}; "
            "nothing was changed"
        ) from None
    finally:
        if keys_written and not done:  # its database could not be renamed in
            with contextlib.suppress(OSError):
                keys.unlink()
    return target
