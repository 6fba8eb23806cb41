"""The journal's file format is SQLCipher 4's, named on every connection, not the library's
default of the day: journals written today, and by release 0.1.0, open with it; a file in
another format is refused, unchanged; and a library whose defaults differ changes nothing.

A second connection made here with the raw key and ``cipher_compatibility = 4`` only (not
through the app's code) is how a reader years from now, or another tool, opens a journal.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry, snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security.errors import KeyMismatch
from tkg_journal.services import journal_access
from tkg_journal.storage import backup
from tkg_journal.storage.cipher import PINNED_SETTINGS
from tkg_journal.storage.database import open_database
from tkg_journal.storage.errors import JournalDamaged, NotAJournal

FIXTURES = Path(__file__).parent.parent / "fixtures" / "journals"
RELEASE_PASSPHRASE = "fixture passphrase 0.1.0"


def independent(path: Path, key: bytes, *, compatibility: int = 4) -> Any:
    """A connection that knows nothing of the app: the raw key and a format, nothing else."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_compatibility = {compatibility}")
    return conn


def reads(path: Path, key: bytes, *, compatibility: int = 4) -> bool:
    conn = independent(path, key, compatibility=compatibility)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def default_settings() -> list[str]:
    conn = sqlcipher3.connect(":memory:")
    try:
        return [row[0] for row in conn.execute("PRAGMA cipher_default_settings")]
    finally:
        conn.close()


@pytest.fixture
def other_defaults() -> Iterator[Callable[[], None]]:
    """Sets this process's SQLCipher defaults to another format's, as a later SQLCipher's
    may be: SQLCipher 3's, which cannot read a SQLCipher 4 file. Put back afterwards."""
    conn = sqlcipher3.connect(":memory:")

    def set_them() -> None:
        conn.execute("PRAGMA cipher_default_compatibility = 3")
        assert "PRAGMA cipher_default_page_size = 1024;" in default_settings()  # it took

    try:
        yield set_them
    finally:
        conn.execute("PRAGMA cipher_default_compatibility = 4")
        conn.close()


def _journal_with_entries(paths: JournalPaths) -> bytes:
    created = journal_access.create(paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        for number in range(30):  # several pages
            journal.add_entry(entry(title=f"Entry {number}", body="words " * 80))
    return journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)


def test_the_bundled_sqlcipher_is_the_one_the_format_was_pinned_against() -> None:
    """SQLCipher 4.x: a new major (through a new sqlcipher3) needs this file re-checked
    before the cap in pyproject.toml is lifted."""
    conn = sqlcipher3.connect(":memory:")
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    assert version.startswith("4."), version


def test_a_journal_created_today_is_sqlcipher_4_format(journal_paths: JournalPaths) -> None:
    key = _journal_with_entries(journal_paths)
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        settings = [row[0] for row in journal.db.query("PRAGMA cipher_settings")]
        assert settings == list(PINNED_SETTINGS)
        journal_id = journal.db.journal_id
    # Read back by a connection told nothing but the key and "SQLCipher 4".
    conn = independent(journal_paths.database, key)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key = 'journal_id'").fetchone() == (
            journal_id,
        )
        titles = {row[0] for row in conn.execute("SELECT title FROM entries")}
        assert titles == {f"Entry {number}" for number in range(30)}
    finally:
        conn.close()
    # The format is what decides: told SQLCipher 3, the same key reads nothing.
    assert not reads(journal_paths.database, key, compatibility=3)


def test_the_release_0_1_0_journal_opens_with_the_pinned_format(tmp_path: Path) -> None:
    folder = tmp_path / "schema-6"
    shutil.copytree(FIXTURES / "schema-6", folder)  # opening migrates: never the original
    paths = JournalPaths(folder)
    key = journal_access.unlock_key(paths, passphrase=RELEASE_PASSPHRASE)
    assert reads(paths.database, key)  # as 0.1.0 wrote it, before this version touches it
    with journal_access.unlock(paths, passphrase=RELEASE_PASSPHRASE) as journal:
        assert [row[0] for row in journal.db.query("PRAGMA cipher_settings")] == list(
            PINNED_SETTINGS
        )
        assert journal.count_entries() == 43  # the fixture's README
        assert journal.integrity_problems() == []
    assert reads(paths.database, key)  # and as this version left it after the upgrade


def test_other_library_defaults_change_nothing(
    journal_paths: JournalPaths, tmp_path: Path, other_defaults: Callable[[], None]
) -> None:
    """What a SQLCipher with other defaults would do: journals old and new still open, and
    new journals, and the copies SQLCipher keys itself (VACUUM INTO), are SQLCipher 4."""
    folder = tmp_path / "schema-6"
    shutil.copytree(FIXTURES / "schema-6", folder)
    other_defaults()
    with journal_access.unlock(JournalPaths(folder), passphrase=RELEASE_PASSPHRASE) as old:
        assert old.count_entries() == 43

    other_defaults()
    key = _journal_with_entries(journal_paths)
    assert reads(journal_paths.database, key)
    other_defaults()
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.count_entries() == 30
        # SQLCipher keys VACUUM INTO's copy itself, with the process's defaults.
        journal.db.copy_into(tmp_path / "vacuumed.db")
        made = backup.snapshot(
            journal.db,
            key_file=journal_paths.key_file,
            folder=tmp_path / "backups",
            reason="format-test",
        )
    backup.extract(made, database=tmp_path / "backed-up.db", keys=tmp_path / "backed-up.keys")
    for copy in (tmp_path / "vacuumed.db", tmp_path / "backed-up.db"):
        conn = independent(copy, key)
        try:
            assert conn.execute("SELECT count(*) FROM entries").fetchone() == (30,), copy.name
        finally:
            conn.close()


def _rewrite_as_sqlcipher_3(path: Path, key: bytes) -> None:
    """The same journal, the same key, in SQLCipher 3's format (``sqlcipher_export``)."""
    copy = path.with_name("v3.db")
    conn = independent(path, key)
    try:
        conn.execute("ATTACH DATABASE ? AS v3 KEY ?", (str(copy), f"x'{key.hex()}'"))
        conn.execute("PRAGMA v3.cipher_compatibility = 3")  # a new, empty file: not read yet
        conn.execute("SELECT sqlcipher_export('v3')")
        conn.execute("DETACH DATABASE v3")
    finally:
        conn.close()
    copy.replace(path)


def test_a_journal_in_another_format_is_refused_unchanged(journal_paths: JournalPaths) -> None:
    key = _journal_with_entries(journal_paths)
    journal_id = _journal_id(journal_paths, key)
    _rewrite_as_sqlcipher_3(journal_paths.database, key)
    # Not a damaged file: all of it is there, readable as SQLCipher 3 with this key.
    assert reads(journal_paths.database, key, compatibility=3)
    assert not reads(journal_paths.database, key)
    before = snapshot(journal_paths.data_dir)

    # Through the app: no SQLCipher 4 page authenticates with the journal's key, which is
    # what a replaced or overwritten file looks like, and the message says so.
    with pytest.raises(KeyMismatch, match="replaced") as caught:
        journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)
    assert "\n" not in str(caught.value) and "nothing was changed" in str(caught.value)
    # Opened by storage directly, past that check: damaged, never read in another format.
    with pytest.raises((JournalDamaged, NotAJournal), match=r"damaged|not a TKG journal"):
        open_database(journal_paths.database, key, journal_id=journal_id).close()
    assert snapshot(journal_paths.data_dir) == before


def _journal_id(paths: JournalPaths, key: bytes) -> str:
    conn = independent(paths.database, key)
    try:
        return str(conn.execute("SELECT value FROM meta WHERE key = 'journal_id'").fetchone()[0])
    finally:
        conn.close()


def test_without_the_pinned_defaults_vacuum_into_would_follow_the_library(
    journal_paths: JournalPaths, tmp_path: Path, other_defaults: Callable[[], None]
) -> None:
    """Why the defaults are pinned too: a connection keyed as SQLCipher 4, under other
    defaults, has VACUUM INTO write a copy that SQLCipher 4 cannot read."""
    key = _journal_with_entries(journal_paths)
    other_defaults()
    conn = independent(journal_paths.database, key)  # compatibility 4, defaults left alone
    try:
        conn.execute("VACUUM INTO ?", (str(tmp_path / "unpinned.db"),))
    finally:
        conn.close()
    assert not reads(tmp_path / "unpinned.db", key)
