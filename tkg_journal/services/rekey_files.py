"""The files of a re-encryption in flight, and what every open does with them.

A re-encryption (:mod:`tkg_journal.services.rekey`) writes the new journal beside the old
one and then swaps it in. A kill at any moment must leave one whole journal, old or new,
so the files tell which (all in the data folder):

* ``journal.db.rekey``: the copy of the database under the new key;
* ``journal.keys.rekey``: the key file of the new key;
* ``journal.rekey``: the commit record, written (atomically) only once both are complete,
  flushed to disk and verified. It holds no secret: the journal id, the new generation,
  the new key's check value and the date;
* ``journal.rekey.lock``: locked (``flock``; ``msvcrt.locking`` on Windows) by the process
  that re-encrypts or settles, so two never touch these files at once. The lock goes
  with the process, even a killed one. The holder removes the file before letting go;
  so a process that locked a file already removed tries again with a new one.

Settling, before anything reads the key file: without ``journal.rekey`` the old journal
is the journal, and the new files are deleted (roll back). With it, the new journal is:
``journal.db.rekey`` replaces ``journal.db`` (the old database's ``-wal`` and ``-shm`` are
removed: nothing has opened the new database while the record exists, so they can only
be the old one's, whose pages are all in the copy), ``journal.keys.rekey`` replaces
``journal.keys``, ``journal.keys.copy`` is written, and the record is removed last (roll
forward). Each step looks at what exists, so settling again after a second crash picks up
where the first stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, keyring_store
from tkg_journal.security.errors import KeyAccessError
from tkg_journal.security.key_file import KeyFile, KeyMode
from tkg_journal.storage.errors import JournalBusy, WriteFailed

_FORMAT = "tkg-journal-rekey"
_VERSION = 1
_SUFFIX = ".rekey"
_IN_PROGRESS = (
    "the journal is being re-encrypted by another TKG Journal window or command; try "
    "again when it has finished"
)


def new_database(paths: JournalPaths) -> Path:
    return paths.database.with_name(paths.database.name + _SUFFIX)


def new_key_file(paths: JournalPaths) -> Path:
    return paths.key_file.with_name(paths.key_file.name + _SUFFIX)


def commit_record(paths: JournalPaths) -> Path:
    return paths.data_dir / "journal.rekey"


def lock_file(paths: JournalPaths) -> Path:
    return paths.data_dir / "journal.rekey.lock"


def in_flight(paths: JournalPaths) -> bool:
    """Whether a re-encryption left (or is writing) files: cheap, no lock taken."""
    return any(
        path.exists()
        for path in (commit_record(paths), new_database(paths), new_key_file(paths))
    )


def finish_interrupted(paths: JournalPaths) -> str | None:
    """Settle a re-encryption that a crash interrupted (see the module's docstring);
    returns a sentence for the user when there was one.

    Raises:
        JournalBusy: another process is re-encrypting this journal right now.
        WriteFailed: the data folder cannot be written (nothing was changed).
    """
    if not in_flight(paths):
        return None
    with locked(paths):
        return settle(paths)


@contextlib.contextmanager
def locked(paths: JournalPaths) -> Iterator[None]:
    """Hold the re-encryption lock of this journal, or raise :class:`JournalBusy`."""
    path = lock_file(paths)
    fd = _locked_file(paths, path)
    try:
        yield
    finally:
        if sys.platform != "win32":  # Windows cannot remove a file that is open
            path.unlink(missing_ok=True)
        _unlock(fd)
        os.close(fd)


def _locked_file(paths: JournalPaths, path: Path) -> int:
    """The lock file, open and locked; raises JournalBusy if another process holds it."""
    for _ in range(100):
        try:
            paths.data_dir.mkdir(parents=True, exist_ok=True, mode=safe_write.PRIVATE_FOLDER)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, safe_write.PRIVATE_FILE)
        except OSError as error:
            raise WriteFailed(
                f"cannot write in {paths.data_dir}: {error.strerror or error}; nothing was "
                "changed"
            ) from None
        if not _try_lock(fd):
            os.close(fd)
            raise JournalBusy(_IN_PROGRESS)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        _unlock(fd)  # the holder before us removed this file: lock the one there now
        os.close(fd)
    raise JournalBusy(_IN_PROGRESS)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def settle(paths: JournalPaths) -> str | None:
    """Roll an interrupted re-encryption back or forward; the caller holds :func:`locked`."""
    record = commit_record(paths)
    try:
        if record.exists():
            when = _record_date(record)
            roll_forward(paths)
            return (
                f"the re-encryption of the journal started {when} was interrupted after the "
                "new journal was complete; it has been finished: the journal now opens with "
                "the new key file and the recovery sheet printed then"
            )
        if in_flight(paths):
            roll_back(paths)
            return (
                "a re-encryption of the journal was interrupted before it finished; it was "
                "undone: the journal, its key file and its recovery sheet are as they were"
            )
    except OSError as error:
        raise WriteFailed(
            f"could not finish the interrupted re-encryption in {paths.data_dir}: "
            f"{error.strerror or error}"
        ) from None
    return None


def commit(paths: JournalPaths, keys: KeyFile) -> None:
    """Write the commit record: from here on the new journal is the journal."""
    record = {
        "format": _FORMAT,
        "version": _VERSION,
        "journal_id": keys.journal_id,
        "generation": keys.generation,
        "key_check": keys.key_check,
        "rekeyed_at": keys.rekeyed_at,
    }
    data = (json.dumps(record, indent=2) + "\n").encode("utf-8")
    safe_write.write_atomically(commit_record(paths), data)


def roll_forward(paths: JournalPaths, *, close_old: Callable[[], None] | None = None) -> None:
    """Put the new journal in place (see the module's docstring).

    ``close_old`` closes the re-encrypting process's own connection to the old database,
    which holds it locked against everyone else until the new file is in place: on POSIX
    after the rename (the connection keeps the old file; closing it then removes the old
    ``-wal`` and ``-shm`` by name, which the new database does not have yet); on Windows,
    which cannot rename over an open file, before it.
    """
    new_db, new_keys = new_database(paths), new_key_file(paths)
    if close_old is not None and sys.platform == "win32":
        close_old()
        close_old = None
    if new_db.exists():
        os.replace(new_db, paths.database)
    if close_old is not None:
        close_old()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    if new_keys.exists():
        os.replace(new_keys, paths.key_file)
    if paths.key_file.exists():
        safe_write.write_atomically(paths.key_file_copy, paths.key_file.read_bytes())
    safe_write.sync_folder(paths.data_dir)
    commit_record(paths).unlink(missing_ok=True)
    safe_write.sync_folder(paths.data_dir)


def roll_back(paths: JournalPaths) -> None:
    """Delete the new journal's files (the old journal was never changed); its key's
    keyring entry too, when it is not the one the current key file uses."""
    _forget_keyring_entry(paths)
    new_db = new_database(paths)
    for path in (
        new_db,
        *(Path(f"{new_db}{suffix}") for suffix in ("-wal", "-shm", "-journal")),
        new_key_file(paths),
    ):
        path.unlink(missing_ok=True)
    safe_write.sync_folder(paths.data_dir)


def _forget_keyring_entry(paths: JournalPaths) -> None:
    try:
        new = key_file.read(new_key_file(paths))
        if new.mode is not KeyMode.KEYRING:
            return
        current = key_file.read(paths.key_file)
    except KeyAccessError:
        return  # nothing readable to go by: an entry left over does no harm
    if new.keyring_user != current.keyring_user:
        with contextlib.suppress(KeyAccessError):
            keyring_store.delete_key(new.keyring_user)


def _record_date(record: Path) -> str:
    try:
        stamp = json.loads(record.read_text("utf-8")).get("rekeyed_at")
        return f"on {describe_date(str(stamp))}"
    except (OSError, ValueError, AttributeError):
        return "earlier"


def describe_date(stamp: str) -> str:
    """``2026-12-03T22:05:00+00:00`` as the user's day: ``3 December 2026``."""
    moment = datetime.fromisoformat(stamp).astimezone()
    return f"{moment.day} {moment:%B %Y}"
