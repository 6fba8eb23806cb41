"""Opening, creating and writing the SQLCipher database.

Opening is: check the file looks like an encrypted database, key it, read the schema
(SQLCipher verifies each page's HMAC on read, so a wrong key or damaged page fails here),
compare the journal id, migrate if older. Nothing is written until all of that passed,
so a wrong key, a damaged file or a foreign file is left byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tkg_journal.storage import clock, migrations
from tkg_journal.storage.cipher import PAGE_BYTES, keying_statements
from tkg_journal.storage.errors import (
    JournalExists,
    JournalMismatch,
    JournalNotFound,
    NewerJournal,
    NotAJournal,
    StorageError,
    WriteFailed,
)
from tkg_journal.storage.sqlite_errors import known_error

_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
_PLAIN_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
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

    def __init__(self, connection: Any, path: Path, journal_id: str, key: bytes) -> None:
        self._conn = connection
        self.path = path
        self.journal_id = journal_id
        # Kept for copies made on connections of their own (backups on a worker thread);
        # it is in this process's memory for as long as the connection is open anyway.
        self._key = key
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

        SQLCipher's ``VACUUM INTO`` writes the copy with this connection's key, in the
        process's default format, which :func:`_connect` pinned to the journal's."""
        if self._in_transaction:
            raise RuntimeError("copy the database outside a transaction")
        with _translated(target):
            self._conn.execute("VACUUM INTO ?", (str(target),))

    def copy_online(
        self, target: Path, *, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """A consistent, encrypted copy of the database at ``target`` (a new, empty file),
        made with SQLite's online backup on connections of its own, so it may run on a
        worker thread while this connection reads and writes: the copy is the journal as
        of one moment (SQLite starts over if another connection writes meanwhile).

        ``progress(pages_left, pages_total)`` is called after each step of 1,024 pages."""
        with _translated(target):
            source = _connect(self.path, self._key)
            try:
                copy = _connect(target, self._key)
                try:
                    steps = None if progress is None else (
                        lambda _status, left, total: progress(left, total)
                    )
                    source.backup(copy, pages=1024, progress=steps)
                finally:
                    copy.close()
            finally:
                source.close()

    def copy_facts(self, copy: Path) -> tuple[int, int]:
        """The schema version and the number of entries of a copy made by
        :meth:`copy_online` (read on a connection of its own: the copy is what a backup
        describes, and the open journal may have changed since)."""
        with _translated(copy):
            conn = _connect(copy, self._key)
            try:
                version = conn.execute(_READ_SCHEMA_VERSION).fetchone()[0]
                entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
            finally:
                conn.close()
        return int(version), int(entries)

    def check_copy(self, copy: Path) -> list[str]:
        """Problems SQLite finds in ``copy`` opened with this journal's key (``[]``: it
        opens, it is this journal, every page reads). On a connection of its own, like
        :meth:`copy_online`."""
        return check_journal_file(copy, self._key, journal_id=self.journal_id)

    # re-encryption ---------------------------------------------------------------
    def hold_exclusively(self) -> None:
        """Keep every other connection out of the file until this one closes: what a
        re-encryption needs before it copies the journal and renames the copy over it
        (a connection left open elsewhere would go on writing to the old file).

        Raises:
            JournalBusy: another connection (the app, a command) has the journal open.
        """
        with _translated(self.path):
            # A short wait: an app that has the journal open does not let go by itself.
            self._conn.execute("PRAGMA busy_timeout = 1000")
            try:
                # In WAL mode the exclusive lock is taken by the next write transaction
                # (here an empty one) and kept until the connection closes.
                self._conn.execute("PRAGMA locking_mode = EXCLUSIVE")
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute("COMMIT")
            finally:
                self._conn.execute("PRAGMA busy_timeout = 5000")  # = BUSY_TIMEOUT_MS

    def copy_with_key(
        self, target: Path, key: bytes, *, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """A copy of the database at ``target`` (a new file) encrypted with another key,
        made page by page by SQLite's online backup from this connection (so it works
        while :meth:`hold_exclusively` keeps others out), in WAL mode like every journal.

        ``progress(pages_copied, pages_total)`` is called after each step of 1,024 pages.
        """
        with _translated(target):
            copy = _connect(target, key)
            try:
                steps = None if progress is None else (
                    lambda _status, left, total: progress(total - left, total)
                )
                self._conn.backup(copy, pages=1024, progress=steps)
                copy.execute("PRAGMA journal_mode = WAL")
            finally:
                copy.close()

    def row_counts(self) -> dict[str, int]:
        """The number of rows of every table (the search index's through its shadow
        tables): what a copy must match."""
        names = [
            str(row[0])
            for row in self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        counts = {}
        for name in names:
            # SQL takes no parameter for a table name: it comes from the file's own
            # schema and is used only once it is seen to be a plain identifier.
            if not _PLAIN_IDENTIFIER.fullmatch(name):
                raise NotAJournal(f"{self.path} has a table named {name!r}: not a TKG journal")
            counts[name] = int(self.scalar(f'SELECT count(*) FROM "{name}"'))
        return counts

    def reopen(self) -> Database:
        """Another connection to this journal, for work on another thread (a connection
        belongs to the thread that uses it); close it when the work is done."""
        return open_database(self.path, self._key, journal_id=self.journal_id)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()


def check_journal_file(path: Path, key: bytes, *, journal_id: str) -> list[str]:
    """Problems SQLite finds in the journal file ``path`` opened with ``key`` (``[]``:
    it opens, it holds journal ``journal_id``, every page passes the checks below).
    For copies: backups being written or restored, never the open journal."""
    try:
        conn = _connect(path, key)
    except StorageError as error:
        return [str(error)]
    try:
        found = conn.execute("SELECT value FROM meta WHERE key = 'journal_id'").fetchone()
        # The checks `tkg-journal check` makes (Database.integrity_problems): every
        # page's HMAC, then SQLite's quick check of every page's structure.
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        problems += [
            str(row[0]) for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"
        ]
        if not found or found[0] != journal_id:
            problems.append("it is not this journal")
        return problems
    except _driver().DatabaseError as error:
        return [str(error)]
    finally:
        conn.close()


def stored_journal_id(path: Path, key: bytes) -> str | None:
    """The journal id stored in the database file at ``path`` (None: it stores none), read
    on a connection of its own that writes nothing, not even a migration: for checking a
    key found elsewhere (a recovery sheet) before anything is written with it.

    Raises:
        JournalNotFound, NotAJournal, JournalDamaged (a wrong key): as opening does.
    """
    _check_header(path)
    conn = _connect(path, key)
    try:
        with _translated(path):
            if not conn.execute(_HAS_META_TABLE).fetchone()[0]:
                return None
            row = conn.execute("SELECT value FROM meta WHERE key = 'journal_id'").fetchone()
        return None if row is None else str(row[0])
    finally:
        conn.close()


def _connect(path: Path, key: bytes) -> Any:
    with _translated(path):
        # isolation_level=None: the driver never opens transactions behind our back;
        # Database.transaction() does it explicitly.
        conn = _driver().connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    # SQLCipher logs failed HMAC checks to stderr; we report them as messages instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    # The key, then the file format pinned (cipher.py says why): every connection to a
    # journal file (the journal, its backups and copies being checked) is keyed here.
    for statement in keying_statements(key):
        conn.execute(statement)
    # What is deleted (an entry, its search-index rows, a draft) is overwritten with
    # zeros, not left in free pages and free space inside pages, where anyone with the key
    # (a passphrase learnt later, a backup's key file) could still read it. After the key:
    # SQLCipher sets up the keyed database first. It reads nothing, so a wrong key still
    # fails at the first read, as before.
    conn.execute("PRAGMA secure_delete = ON")
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


# A write-ahead log: a 32-byte header (magic, format, page size, checkpoint, two salts,
# checksum), then frames of a 24-byte header (page number, the database's size in pages
# if the frame ends a transaction, else 0, the log's salts, checksum) and one page. The
# headers are not encrypted: SQLCipher encrypts the pages only.
_WAL_HEADER = struct.Struct(">IIIIII")
_WAL_FRAME_HEADER = struct.Struct(">IIII")
_WAL_HEADER_BYTES = 32
_WAL_FRAME_HEADER_BYTES = 24
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_PAGE_SIZES = frozenset(1 << shift for shift in range(9, 17))  # 512 .. 65536


def holds_no_journal(path: Path) -> bool:
    """Whether the database file at ``path`` provably holds no table, so no journal and
    nothing of the user's: what an interrupted set-up of TKG Journal 0.1.0 could leave
    (it created journal.db in place, then its tables in one transaction).

    Any table needs a page of its own besides page 1 (the schema), and SQLite reads pages
    only from the file, from a committed transaction in its write-ahead log (``-wal``) or
    from a rollback journal (``-journal``) it would play back. So the answer is True only
    when the file is empty or one page, the log holds no commit and the rollback journal
    no page. SQLite writes whole pages: a file of another size was cut short by damage,
    not by a set-up, and opening it says so. Reads only; any doubt (a file that cannot be
    read, a log that is not one) answers False, so no journal is taken for a leftover.
    """
    try:
        if not path.is_file() or path.stat().st_size not in (0, PAGE_BYTES):
            return False
        rollback = Path(f"{path}-journal")
        # A rollback journal is a header of one disk sector, then records of 4 + page + 4
        # bytes: one no longer than a page holds no record.
        if rollback.exists() and rollback.stat().st_size > PAGE_BYTES:
            return False
        return not _log_commits(Path(f"{path}-wal"))
    except OSError:
        return False


def _log_commits(wal: Path) -> bool:
    """Whether the write-ahead log may hold a committed transaction (True when unsure)."""
    if not wal.exists() or wal.stat().st_size < _WAL_HEADER_BYTES:
        return False  # SQLite ignores a log without a whole header
    with wal.open("rb") as handle:
        magic, _, page_bytes, _, salt1, salt2 = _WAL_HEADER.unpack(handle.read(_WAL_HEADER.size))
        if magic not in _WAL_MAGIC or page_bytes not in _PAGE_SIZES:
            return True  # not a log we can read: assume it matters
        frame_bytes = _WAL_FRAME_HEADER_BYTES + page_bytes
        offset = _WAL_HEADER_BYTES
        while True:
            handle.seek(offset)
            header = handle.read(_WAL_FRAME_HEADER.size)
            if len(header) < _WAL_FRAME_HEADER.size:
                return False
            _, size_after_commit, frame_salt1, frame_salt2 = _WAL_FRAME_HEADER.unpack(header)
            # A commit frame of this log (its salts); its checksums are not checked, so a
            # torn commit SQLite would ignore still counts: the doubt goes to the journal.
            if size_after_commit and (frame_salt1, frame_salt2) == (salt1, salt2):
                return True
            offset += frame_bytes


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
        database = Database(conn, path, journal_id, key)
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
        database = Database(conn, path, journal_id, key)
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
