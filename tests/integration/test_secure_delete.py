"""What is deleted from the journal is gone from its file: every connection to a journal
file runs with ``PRAGMA secure_delete``, so an entry deleted (with its search-index row)
does not linger in free pages or in the free space of pages, where anyone who later has
the key (a passphrase learnt, a backup's key file) could still read it.

SQLCipher 4.x itself turns secure_delete on when a database is keyed; the app sets it
anyway, after the key, so the journal does not depend on a library default that a later
release may drop. The tests run as under such a library (:func:`unforced`), so they fail
if the app's own setting goes. The file is read page by page, decrypted as SQLCipher 4
stores it, to see what is really on disk; SQL cannot show deleted content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access, rekey
from tkg_journal.storage import backup, database
from tkg_journal.storage.cipher import PAGE_BYTES

# SQLCipher 4 (cipher.py): each page ends in a 16-byte IV and a 64-byte HMAC; the rest is
# AES-256-CBC under the raw key. Page 1 starts with the file's salt, not encrypted.
_IV_BYTES, _HMAC_BYTES, _SALT_BYTES = 16, 64, 16
SENTENCE = "Quietly told Morgan the reorganisation plan before anyone else knew"


@pytest.fixture(autouse=True)
def unforced(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a SQLCipher that leaves secure_delete at SQLite's default (off) when keying."""
    keying = database.keying_statements

    def keying_without_secure_delete(key: bytes) -> tuple[str, ...]:
        return (*keying(key), "PRAGMA secure_delete = OFF")

    monkeypatch.setattr(database, "keying_statements", keying_without_secure_delete)


def test_sqlcipher_4_forces_it_today_but_the_app_does_not_count_on_it() -> None:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute(f"PRAGMA key = \"x'{'11' * 32}'\"")
        assert conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    finally:
        conn.close()


def decrypted_pages(path: Path, key: bytes) -> bytes:
    """Every page of the database file at ``path``, decrypted, one after the other."""
    data = path.read_bytes()
    assert len(data) % PAGE_BYTES == 0
    plain = []
    for offset in range(0, len(data), PAGE_BYTES):
        page = data[offset : offset + PAGE_BYTES]
        start = _SALT_BYTES if offset == 0 else 0
        end = PAGE_BYTES - _IV_BYTES - _HMAC_BYTES
        iv = page[end : end + _IV_BYTES]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain.append(decryptor.update(page[start:end]) + decryptor.finalize())
    return b"".join(plain)


def written_then_deleted(paths: JournalPaths) -> tuple[bytes, bytes]:
    """A journal with the sentence in one entry among others; the file's decrypted pages
    with the entry, then after it was deleted (each read with the journal closed, so the
    write-ahead log is folded into the file)."""
    created = journal_access.create(paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        for number in range(20):
            journal.add_entry(entry(title=f"Ordinary day {number}", body="Nothing much. " * 20))
        secret = journal.add_entry(entry(title="Private", body=SENTENCE))
        for number in range(20, 40):
            journal.add_entry(entry(title=f"Ordinary day {number}", body="Nothing much. " * 20))
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    before = decrypted_pages(paths.database, key)
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as journal:
        assert secret.id is not None
        journal.delete_entry(secret.id)
    return before, decrypted_pages(paths.database, key)


def test_a_deleted_entry_is_gone_from_the_file(journal_paths: JournalPaths) -> None:
    before, after = written_then_deleted(journal_paths)
    # Read as it is on disk: the entry's row and its search-index copy are both there...
    assert before.count(SENTENCE.encode()) >= 2
    assert b"SQLite format 3" not in before  # (page 1's header is in the salt's place)
    assert b"Ordinary day 39" in after  # the decryption reads the file as it is
    # ...and after the delete, nowhere: not in a free page, nor in a page's free space.
    assert SENTENCE.encode() not in after


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every connection storage opens to a journal file: its file and secure_delete."""
    made: list[tuple[str, int]] = []
    connect = database._connect

    def recording(path: Path, key: bytes) -> Any:
        conn = connect(path, key)
        made.append((Path(path).name, conn.execute("PRAGMA secure_delete").fetchone()[0]))
        return conn

    monkeypatch.setattr(database, "_connect", recording)
    return made


def test_every_connection_to_a_journal_file_deletes_securely(
    journal_paths: JournalPaths, tmp_path: Path, connections: list[tuple[str, int]]
) -> None:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        journal.add_entry(entry(title="One"))
        assert journal.db.scalar("PRAGMA secure_delete") == 1
        # A backup: copied on connections of its own, then checked and counted.
        backup.snapshot(
            journal.db, key_file=journal_paths.key_file, folder=tmp_path / "backups",
            reason="test",
        )
    key = journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)
    # A re-encryption: the copy under the new key, checked, then the journal opened.
    done = rekey.rekey(journal_paths, key=key, passphrase=TEST_PASSPHRASE)
    with journal_access.open_with_key(journal_paths, done.key) as journal:
        assert journal.db.scalar("PRAGMA secure_delete") == 1

    names = {name for name, _ in connections}
    assert len(connections) >= 8 and len(names) >= 3, connections  # journal, backup, copy
    assert all(value == 1 for _, value in connections), connections


def test_a_deleted_entrys_words_are_gone_from_the_search_index(
    journal_paths: JournalPaths,
) -> None:
    _before, after = written_then_deleted(journal_paths)
    assert b"reorganisation" not in after
