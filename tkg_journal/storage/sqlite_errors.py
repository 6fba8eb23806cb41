"""Which SQLite/SQLCipher errors come from the user's environment, and what to tell them.

Errors are told apart by SQLite's result code (https://sqlite.org/rescode.html), never by
their message text. The driver attaches the code to every error that SQLite reported, as
``sqlite_errorcode`` (with ``sqlite_errorname``), like Python's ``sqlite3`` since 3.11:
sqlcipher3 0.6 sets the primary code (``SQLITE_CONSTRAINT`` = 19 for a UNIQUE violation),
Python's ``sqlite3`` the extended one (``SQLITE_CONSTRAINT_UNIQUE`` = 2067). An extended
code keeps its primary code in its low byte, so masking with 0xFF reads both alike.

As in qutebrowser's ``misc/sql.py``, a code listed in :data:`_KNOWN` is the user's
environment (a full disk, another program's lock, a damaged file) and becomes a
:class:`StorageError` whose text says what to do. Any other code, and an error with no
code (the driver's own, such as a closed connection), is our bug: the caller re-raises it
unchanged, so it reaches the bug dialog or a traceback instead of reading as the user's
problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tkg_journal.storage.errors import JournalBusy, JournalDamaged, StorageError, WriteFailed


def _damaged(path: Path) -> StorageError:
    return JournalDamaged(
        f"the journal {path} cannot be read: the file is damaged or was changed "
        "outside TKG Journal (restore it from a backup)"
    )


def _busy(path: Path) -> StorageError:
    return JournalBusy("the journal is busy in another program; try again in a moment")


def _full(path: Path) -> StorageError:
    return WriteFailed("the disk is full: nothing was saved; free some space and retry")


def _read_only(path: Path) -> StorageError:
    return WriteFailed(f"the journal folder {path.parent} is read-only: nothing was saved")


def _cannot_open(path: Path) -> StorageError:
    # SQLite opens the -wal and -shm files beside the journal even to read it.
    return WriteFailed(
        f"cannot open {path}: its folder is missing, or you may not read and write in it"
    )


def _disk_failed(path: Path) -> StorageError:
    return WriteFailed(
        f"the disk failed while TKG Journal was using {path}: what was being saved was "
        "not saved; check that the disk is connected and healthy, then try again"
    )


#: Primary result code -> the user's error, for the codes that are the user's environment.
_KNOWN: dict[int, Callable[[Path], StorageError]] = {
    # SQLITE_PERM: the operating system denied access to the file.
    3: _read_only,
    # SQLITE_BUSY: another program (a second copy of the app, a sync or backup tool) held
    # the journal locked for longer than the busy timeout.
    5: _busy,
    # SQLITE_READONLY: the file or its folder may not be written (permissions, a
    # read-only mount), or the file was moved away while open.
    8: _read_only,
    # SQLITE_IOERR: the operating system reported an I/O error (a failing or unplugged
    # disk, a network share that went away, a file-size limit).
    10: _disk_failed,
    # SQLITE_CORRUPT: a page failed SQLCipher's HMAC or SQLite's structure checks: the
    # file was damaged or changed outside the app.
    11: _damaged,
    # SQLITE_FULL: the disk (or the user's quota) is full.
    13: _full,
    # SQLITE_CANTOPEN: the file, or the -wal/-shm file beside it, cannot be opened or
    # created: a missing folder or no permission.
    14: _cannot_open,
    # SQLITE_PROTOCOL: the WAL lock kept changing hands faster than SQLite could take it
    # (another program; some network file systems).
    15: _busy,
    # SQLITE_NOTADB: page 1 does not decrypt with the journal's key. The key file's check
    # has accepted the key before the database is opened, so the file itself changed.
    26: _damaged,
}
# Deliberately not listed, so raised unchanged as our bugs: SQLITE_ERROR (1: SQL that does
# not fit the schema), SQLITE_LOCKED (6: a conflict inside our own connection; we use no
# shared cache, so no other program can cause it), SQLITE_TOOBIG (18: a value past limits
# our rules should have enforced), SQLITE_CONSTRAINT (19: we tried to store what our rules
# should have refused), SQLITE_MISMATCH (20), SQLITE_MISUSE (21), SQLITE_RANGE (25: wrong
# bound parameters). SQLITE_NOMEM (7) arrives as MemoryError, not as a driver error.


def result_code(error: BaseException) -> int | None:
    """SQLite's primary result code for a driver error; None when SQLite did not report it."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def known_error(error: BaseException, path: Path) -> StorageError | None:
    """The message for a driver error the user's environment caused while using ``path``;
    None for any other error (our bug: re-raise it as it is)."""
    code = result_code(error)
    make = _KNOWN.get(code) if code is not None else None
    return make(path) if make is not None else None
