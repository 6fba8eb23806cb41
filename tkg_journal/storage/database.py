"""Opening, creating and writing the SQLCipher database.

Opening is: check the file looks like an encrypted database, key it, read the schema
(SQLCipher verifies each page's HMAC on read, so a wrong key or damaged page fails here),
compare the journal id, migrate if older. Nothing is written until all of that passed,
so a wrong key, a damaged file or a foreign file is left byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tkg_journal.storage import clock, migrations
from tkg_journal.storage.cipher import key_pragma
from tkg_journal.storage.errors import (
    JournalExists,
    JournalMismatch,
    JournalNotFound,
    NewerJournal,
    NotAJournal,
    WriteFailed,
)
from tkg_journal.storage.sqlite_errors import known_error

_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIN_DATABASE_BYTES = 1024  # one SQLCipher page is at least this long
BUSY_TIMEOUT_MS = 5000

Row = tuple[Any, ...]

# The schema version lives in the meta table, not in PRAGMA user_version: a PRAGMA takes
# no bound parameters, and the only SQL we ever format is the key pragma (cipher.py).
_READ_SCHEMA_VERSION = "SELECT value FROM meta WHERE key = 'schema_version'"
_WRITE_SCHEMA_VERSION = "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"
_HAS_META_TABLE = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
_READ_META = "SELECT key, value FROM meta WHERE key IN ('journal_id', 'schema_version')"


def _driver() -> Any:
    import sqlcipher3

    return sqlcipher3


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn a driver error from the user's environment (a full disk, a lock, damage) into
    its :class:`StorageError` (see :mod:`.sqlite_errors`); re-raise any other unchanged,
    with its traceback: it is our bug."""
    try:
        yield
    except _driver().DatabaseError as error:
        known = known_error(error, path)
        if known is None:
            raise
        raise known from error


class Database:
    """One open, keyed connection. Reads anywhere; writes only inside :meth:`transaction`."""

    def __init__(self, connection: Any, path: Path, journal_id: str) -> None:
        self._conn = connection
        self.path = path
        self.journal_id = journal_id
        self._in_transaction = False

    # reads -----------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        with _translated(self.path):
            return list(self._conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return row[0] if row else None

    # writes ----------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one write inside the current transaction; returns ``lastrowid``."""
        if not self._in_transaction:
            raise RuntimeError("writes must happen inside Database.transaction()")
        cursor = self._conn.execute(sql, params)
        return int(cursor.lastrowid or 0)

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not self._in_transaction:
            raise RuntimeError("writes must happen inside Database.transaction()")
        self._conn.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All-or-nothing: commit when the block ends, roll back on any exception."""
        if self._in_transaction:
            raise RuntimeError("transactions do not nest")
        with _translated(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            with _translated(self.path):
                try:
                    yield self
                    self._conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(_driver().DatabaseError):
                        self._conn.execute("ROLLBACK")
                    raise
        finally:
            self._in_transaction = False

    # maintenance -----------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.scalar(_READ_SCHEMA_VERSION))

    def integrity_problems(self) -> list[str]:
        """Full check: every page's HMAC (SQLCipher) and the b-tree structure (SQLite)."""
        problems = [str(row[0]) for row in self.query("PRAGMA cipher_integrity_check")]
        problems += [str(row[0]) for row in self.query("PRAGMA quick_check") if row[0] != "ok"]
        return problems

    def copy_into(self, target: Path) -> None:
        """A consistent, encrypted copy of the database at ``target`` (a new file).

        SQLCipher's ``VACUUM INTO`` writes the copy with this connection's key."""
        if self._in_transaction:
            raise RuntimeError("copy the database outside a transaction")
        with _translated(target):
            self._conn.execute("VACUUM INTO ?", (str(target),))

    def check_copy(self, copy: Path) -> list[str]:
        """Problems SQLite finds in ``copy`` opened with this journal's key (``[]``: it
        opens, it is this journal, every page reads)."""
        try:
            # ATTACH without KEY uses the main database's key (SQLCipher).
            self._conn.execute("ATTACH DATABASE ? AS copy", (str(copy),))
        except _driver().DatabaseError as error:
            return [str(error)]
        try:
            found = self._conn.execute(
                "SELECT value FROM copy.meta WHERE key = 'journal_id'"
            ).fetchone()
            problems = [
                str(row[0])
                for row in self._conn.execute("PRAGMA copy.quick_check").fetchall()
                if row[0] != "ok"
            ]
            if not found or found[0] != self.journal_id:
                problems.append("the copy is not this journal")
            return problems
        except _driver().DatabaseError as error:
            return [str(error)]
        finally:
            self._conn.execute("DETACH DATABASE copy")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()


def _connect(path: Path, key: bytes) -> Any:
    with _translated(path):
        # isolation_level=None: the driver never opens transactions behind our back;
        # Database.transaction() does it explicitly.
        conn = _driver().connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    # SQLCipher logs failed HMAC checks to stderr; we report them as messages instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(key))
    return conn


def _configure(conn: Any) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")  # no temp files: they could hold plaintext
    conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no commit
    conn.execute("PRAGMA busy_timeout = 5000")  # = BUSY_TIMEOUT_MS


def _check_header(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(_PLAIN_SQLITE_MAGIC))
    except FileNotFoundError:
        raise JournalNotFound(f"no journal at {path}; create one with `tkg-journal init`") from None
    except OSError as error:
        raise WriteFailed(f"cannot read {path}: {error.strerror}") from None
    if head == _PLAIN_SQLITE_MAGIC:
        raise NotAJournal(f"{path} is a plain, unencrypted SQLite database, not a TKG journal")
    if size < _MIN_DATABASE_BYTES:
        raise NotAJournal(f"{path} is not a TKG journal (the file is empty or truncated)")


#: Called with the open database and its schema version before a migration changes it
#: (the caller's backup: storage cannot know where backups go or what key file to copy).
BeforeMigrating = Callable[[Database, int], None]


def open_database(
    path: Path, key: bytes, *, journal_id: str, before_migrating: BeforeMigrating | None = None
) -> Database:
    """Open an existing journal database with its verified key, migrating if older.

    ``before_migrating`` runs first when there is a migration to do; if it raises, the
    journal is not migrated and not opened.

    Raises:
        JournalNotFound, NotAJournal, JournalDamaged, JournalMismatch, NewerJournal,
        JournalBusy, WriteFailed.
    """
    _check_header(path)
    conn = _connect(path, key)
    try:
        with _translated(path):
            # Reading the schema decrypts page 1: a wrong key or a damaged file fails here.
            has_meta = conn.execute(_HAS_META_TABLE).fetchone()[0]
            meta = dict(conn.execute(_READ_META).fetchall()) if has_meta else {}
        version = int(meta.get("schema_version", 0))
        stored_id = meta.get("journal_id")
        if version == 0 or stored_id is None:
            raise NotAJournal(f"{path} is an encrypted database but not a TKG journal")
        if stored_id != journal_id:
            raise JournalMismatch(
                f"{path} belongs to another journal than its key file; "
                "was one of the two files copied from elsewhere?"
            )
        if version > migrations.SCHEMA_VERSION:
            raise NewerJournal(
                f"this journal was written by a newer TKG Journal (schema {version}; this "
                f"version knows up to {migrations.SCHEMA_VERSION}); please update the app"
            )
        _configure(conn)
        database = Database(conn, path, journal_id)
        if version < migrations.SCHEMA_VERSION:
            if before_migrating is not None:
                before_migrating(database, version)
            migrate(database, version)
        return database
    except BaseException:
        conn.close()
        raise


def migrate(database: Database, from_version: int) -> None:
    """Apply the missing steps in one transaction: all of them, or none."""
    with database.transaction():
        for step in migrations.MIGRATIONS[from_version:]:
            step(database._conn)
        database._conn.execute(_WRITE_SCHEMA_VERSION, (migrations.SCHEMA_VERSION,))


def create_database(
    path: Path, key: bytes, *, journal_id: str, schema_version: int = migrations.SCHEMA_VERSION
) -> Database:
    """A new, empty, encrypted journal database (``schema_version`` exists for tests of
    migrations, which need databases as older versions made them)."""
    if path.exists():
        raise JournalExists(f"a journal already exists at {path}; nothing was changed")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:  # a file where the folder should be, no permission...
        raise WriteFailed(
            f"cannot create the journal folder {path.parent}: {error.strerror or error}"
        ) from None
    conn = _connect(path, key)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        _configure(conn)
        database = Database(conn, path, journal_id)
        with database.transaction():
            for step in migrations.MIGRATIONS[:schema_version]:
                step(conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('journal_id', ?), ('created_at', ?)",
                (journal_id, clock.now_stored()),
            )
            conn.execute(_WRITE_SCHEMA_VERSION, (schema_version,))
        os.chmod(path, 0o600)
        return database
    except BaseException:
        conn.close()
        with contextlib.suppress(OSError):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink()
        raise
