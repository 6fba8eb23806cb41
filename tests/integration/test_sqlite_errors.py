"""SQLite errors are told apart by result code: the user's environment becomes a message,
anything else (our bugs) is raised unchanged. Every error here is provoked for real."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlcipher3

from tkg_journal.storage import friction_repository
from tkg_journal.storage.cipher import key_pragma
from tkg_journal.storage.database import Database, create_database, open_database
from tkg_journal.storage.errors import JournalBusy, JournalDamaged, StorageError, WriteFailed
from tkg_journal.storage.sqlite_errors import known_error, result_code

JOURNAL_ID = "test-journal"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "journal.db"


@pytest.fixture
def database(db_path: Path, key: bytes) -> Iterator[Database]:
    database = create_database(db_path, key, journal_id=JOURNAL_ID)
    yield database
    database.close()


def raw(path: Path, key: bytes, *, uri: bool = False) -> sqlcipher3.Connection:
    """A second program's connection (no waiting for locks)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=0, uri=uri)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(key))
    return conn


def driver_error(action: Callable[[], object]) -> sqlcipher3.DatabaseError:
    with pytest.raises(sqlcipher3.DatabaseError) as caught:
        action()
    return caught.value


def test_the_driver_reports_sqlites_result_codes(database: Database, db_path: Path,
                                                 key: bytes) -> None:
    """What the classification rests on: sqlcipher3 attaches the (primary) result code."""
    database.close()
    wrong = raw(db_path, secrets.token_bytes(32))
    error = driver_error(lambda: wrong.execute("SELECT count(*) FROM sqlite_master"))
    assert (error.sqlite_errorcode, error.sqlite_errorname) == (26, "SQLITE_NOTADB")
    assert result_code(error) == 26


def test_a_wrong_key_or_changed_file_is_damage(database: Database, db_path: Path) -> None:
    database.close()
    with pytest.raises(JournalDamaged, match="damaged or was changed outside TKG Journal"):
        open_database(db_path, secrets.token_bytes(32), journal_id=JOURNAL_ID)


def test_another_programs_lock_is_busy(database: Database, db_path: Path, key: bytes) -> None:
    holder, waiter = raw(db_path, key), raw(db_path, key)
    holder.execute("BEGIN IMMEDIATE")
    try:
        error = driver_error(lambda: waiter.execute("BEGIN IMMEDIATE"))
    finally:
        holder.execute("ROLLBACK")
    assert isinstance(known_error(error, db_path), JournalBusy)
    assert str(known_error(error, db_path)) == (
        "the journal is busy in another program; try again in a moment"
    )


def test_a_read_only_journal_says_so(database: Database, db_path: Path, key: bytes) -> None:
    reader = raw(Path(f"file:{db_path}?mode=ro"), key, uri=True)
    error = driver_error(lambda: reader.execute("DELETE FROM friction_behaviours"))
    assert str(known_error(error, db_path)) == (
        f"the journal folder {db_path.parent} is read-only: nothing was saved"
    )


def test_a_missing_folder_cannot_be_opened(database: Database, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "copy.db"
    with pytest.raises(WriteFailed, match="its folder is missing, or you may not read"):
        database.copy_into(target)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_a_full_disk_says_to_free_space(database: Database) -> None:
    with pytest.raises(WriteFailed) as caught:
        database.copy_into(Path("/dev/full"))
    assert str(caught.value) == "the disk is full: nothing was saved; free some space and retry"


@pytest.mark.skipif(sys.platform != "linux", reason="a file-size limit as a failing disk")
def test_a_disk_error_while_saving_is_reported_and_rolled_back(db_path: Path, key: bytes
                                                               ) -> None:
    """The operating system refuses a write half-way (here a file-size limit, which SQLite
    reports as SQLITE_IOERR like a failing disk): a message, and nothing was stored."""
    create_database(db_path, key, journal_id=JOURNAL_ID).close()
    script = textwrap.dedent(f"""
        import resource, signal
        from pathlib import Path
        from tkg_journal.storage.database import open_database
        from tkg_journal.storage.errors import StorageError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        db = open_database(Path({str(db_path)!r}), bytes.fromhex({key.hex()!r}),
                           journal_id={JOURNAL_ID!r})
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))
        try:
            with db.transaction():
                db.execute("INSERT INTO meta (key, value) VALUES ('big', ?)", ("x" * 4_000_000,))
        except StorageError as error:
            print(type(error).__name__, error, sep=": ")
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"WriteFailed: the disk failed while TKG Journal was "
                                    f"using {db_path}"), result.stdout
    database = open_database(db_path, key, journal_id=JOURNAL_ID)
    assert database.scalar("SELECT count(*) FROM meta WHERE key = 'big'") == 0
    database.close()


def test_a_constraint_failure_is_our_bug_and_raised_unchanged(database: Database) -> None:
    """Storing what the rules should have refused is not the user's problem: the driver's
    own error (with its traceback) reaches the bug report, and nothing was stored."""
    insert = ("INSERT INTO friction_behaviours (name, level, description, archived, "
              "created_at) VALUES (?, 1, '', 0, '2026-01-01 00:00:00')")
    with pytest.raises(sqlcipher3.IntegrityError) as caught, database.transaction():
        database.execute(insert, ("Hedging",))
        database.execute(insert, ("HEDGING",))  # the name is UNIQUE, whatever its case
    assert not isinstance(caught.value, StorageError)
    assert "UNIQUE constraint failed" in str(caught.value)
    assert caught.value.sqlite_errorname == "SQLITE_CONSTRAINT"
    assert friction_repository.id_named(database, name="Hedging") is None  # rolled back


def test_sql_that_does_not_fit_the_schema_and_a_closed_journal_are_our_bugs(
    database: Database,
) -> None:
    with pytest.raises(sqlcipher3.OperationalError, match="no such table"):
        database.query("SELECT * FROM no_such_table")
    database.close()
    with pytest.raises(sqlcipher3.ProgrammingError, match="closed database"):
        database.query("SELECT 1")


class ExtendedCodeError(Exception):
    """An error as Python's own sqlite3 raises it: with the extended result code."""

    def __init__(self, code: int) -> None:
        super().__init__("message text is not read")
        self.sqlite_errorcode = code


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (517, JournalBusy),  # SQLITE_BUSY_SNAPSHOT
        (778, WriteFailed),  # SQLITE_IOERR_WRITE
        (1032, WriteFailed),  # SQLITE_READONLY_DBMOVED
        (267, JournalDamaged),  # SQLITE_CORRUPT_VTAB (a damaged full-text index)
        (2067, None),  # SQLITE_CONSTRAINT_UNIQUE
        (262, None),  # SQLITE_LOCKED_SHAREDCACHE
    ],
)
def test_extended_codes_are_read_by_their_primary_code(code: int,
                                                       expected: type | None) -> None:
    found = known_error(ExtendedCodeError(code), Path("journal.db"))
    assert type(found) is expected if expected else found is None
