"""Opening a journal: every way it can fail gives its own clear error and writes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import entry, snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security import keyring_store
from tkg_journal.security.errors import (
    DamagedKeySlot,
    KeyFileError,
    KeyMismatch,
    KeyringEntryMissing,
    KeyringUnavailable,
    MissingKeySlot,
    WrongPassphrase,
    WrongRecoveryKey,
)
from tkg_journal.services import journal_access
from tkg_journal.services.errors import PassphraseRequired
from tkg_journal.storage.errors import (
    JournalDamaged,
    JournalExists,
    JournalNotFound,
    NewerJournal,
    NotAJournal,
)


@pytest.fixture
def passphrase_journal(journal_paths: JournalPaths) -> tuple[JournalPaths, str]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        for number in range(40):  # enough rows for several pages
            journal.add_entry(entry(title=f"Entry {number}", body="x" * 400))
    return journal_paths, created.recovery_key


def test_right_passphrase_opens(passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.count_entries() == 40
        assert journal.integrity_problems() == []


def test_wrong_passphrase_leaves_every_file_unchanged(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    before = snapshot(paths.data_dir)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        journal_access.unlock(paths, passphrase="not the passphrase")
    assert snapshot(paths.data_dir) == before


def test_missing_passphrase_is_its_own_error(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    with pytest.raises(PassphraseRequired, match="passphrase"):
        journal_access.unlock(paths)


def test_recovery_key_unlocks_and_a_wrong_one_does_not(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal
    with journal_access.unlock(paths, recovery_key=recovery.lower()) as journal:
        assert journal.count_entries() == 40
    wrong = "-".join(["ABCD"] * 8)
    with pytest.raises(WrongRecoveryKey):
        journal_access.unlock(paths, recovery_key=wrong)


def test_changing_the_passphrase_does_not_rewrite_the_journal(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal
    database_before = paths.database.read_bytes()
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    journal_access.change_passphrase(paths, key=key, new_passphrase="a brand new phrase")
    assert paths.database.read_bytes() == database_before
    with pytest.raises(WrongPassphrase):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    with journal_access.unlock(paths, passphrase="a brand new phrase") as journal:
        assert journal.count_entries() == 40
    journal_access.unlock(paths, recovery_key=recovery).close()


def test_keyring_journal_opens_without_a_passphrase(journal_paths: JournalPaths,
                                                    memory_keyring: MemoryKeyring) -> None:
    journal_access.create(journal_paths).journal.close()
    assert len(memory_keyring.entries) == 1
    with journal_access.unlock(journal_paths) as journal:
        assert journal.count_entries() == 0


def test_missing_keyring_entry_points_to_the_recovery_key(
        journal_paths: JournalPaths, memory_keyring: MemoryKeyring) -> None:
    created = journal_access.create(journal_paths)
    created.journal.close()
    memory_keyring.entries.clear()
    before = snapshot(journal_paths.data_dir)
    with pytest.raises(KeyringEntryMissing, match="recovery key"):
        journal_access.unlock(journal_paths)
    assert snapshot(journal_paths.data_dir) == before
    key = journal_access.unlock_key(journal_paths, recovery_key=created.recovery_key)
    journal_access.use_keyring(journal_paths, key=key)
    journal_access.unlock(journal_paths).close()


def test_keyring_gone_from_the_machine(journal_paths: JournalPaths,
                                       memory_keyring: MemoryKeyring) -> None:
    journal_access.create(journal_paths).journal.close()
    import keyring
    import keyring.backends.fail
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="recover"):
        journal_access.unlock(journal_paths)


def test_keyring_key_of_another_journal_is_refused(journal_paths: JournalPaths,
                                                   memory_keyring: MemoryKeyring) -> None:
    journal_access.create(journal_paths).journal.close()
    journal_id = next(iter(memory_keyring.entries))[1]
    keyring_store.store_key(journal_id, b"\x01" * 32)
    before = snapshot(journal_paths.data_dir)
    with pytest.raises(KeyMismatch):
        journal_access.unlock(journal_paths)
    assert snapshot(journal_paths.data_dir) == before


def test_no_keyring_means_init_asks_for_a_passphrase(journal_paths: JournalPaths) -> None:
    with pytest.raises(KeyringUnavailable, match="passphrase"):
        journal_access.create(journal_paths)
    assert not journal_paths.data_dir.exists() or not any(journal_paths.data_dir.iterdir())


def test_creating_over_an_existing_journal_is_refused(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    before = snapshot(paths.data_dir)
    with pytest.raises(JournalExists):
        journal_access.create(paths, passphrase=TEST_PASSPHRASE)
    assert snapshot(paths.data_dir) == before


def test_no_journal_at_all(journal_paths: JournalPaths) -> None:
    with pytest.raises(JournalNotFound, match="init"):
        journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)


def _flip_bytes(path: Path, offset: int, count: int = 16) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("offset", [100, 4096 + 200, -3000],
                         ids=["first page", "second page", "last page"])
def test_tampered_page_is_reported_as_damage_and_not_written(
        passphrase_journal: tuple[JournalPaths, str], offset: int) -> None:
    paths, _ = passphrase_journal
    size = paths.database.stat().st_size
    _flip_bytes(paths.database, offset % size)
    before = snapshot(paths.data_dir)
    with pytest.raises(JournalDamaged, match="damaged"):
        journal = journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
        try:  # damage deep in the file shows when its page is read
            journal.list_entries()
            assert journal.integrity_problems() == []
        finally:
            journal.close()
    assert snapshot(paths.data_dir) == before


def test_truncated_file(passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    paths.database.write_bytes(paths.database.read_bytes()[:100])
    with pytest.raises(NotAJournal, match="truncated"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)


def test_plain_sqlite_file_is_not_a_journal(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    paths.database.unlink()
    with sqlite3.connect(paths.database) as plain:
        plain.execute("CREATE TABLE t (x)")
    before = snapshot(paths.data_dir)
    with pytest.raises(NotAJournal, match="unencrypted"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    assert snapshot(paths.data_dir) == before


def test_random_bytes_are_reported_without_a_traceback(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    paths.database.write_bytes(bytes(range(256)) * 64)
    before = snapshot(paths.data_dir)
    # Overwritten whole, not one page is left that the key authenticates: exactly what
    # another journal's database looks like, so the message names both possibilities.
    with pytest.raises(KeyMismatch, match="replaced or overwritten"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    assert snapshot(paths.data_dir) == before


def test_random_bytes_after_the_first_page_are_damage(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    data = paths.database.read_bytes()
    paths.database.write_bytes(data[:4096] + bytes(range(256)) * ((len(data) - 4096) // 256))
    before = snapshot(paths.data_dir)
    with pytest.raises(JournalDamaged, match="damaged"):
        journal = journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
        try:
            journal.list_entries()
        finally:
            journal.close()
    assert snapshot(paths.data_dir) == before


def test_key_file_of_another_journal(journal_paths: JournalPaths, tmp_path: Path) -> None:
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    other = JournalPaths(tmp_path / "other")
    other_recovery = journal_access.create(other, passphrase=TEST_PASSPHRASE).recovery_key
    journal_paths.key_file.write_bytes(other.key_file.read_bytes())
    before = snapshot(journal_paths.data_dir)
    for unlock in (
        lambda: journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE),
        lambda: journal_access.unlock(journal_paths, recovery_key=other_recovery),
        lambda: journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE),  # passwd
    ):
        with pytest.raises(KeyMismatch, match="belongs to another journal") as caught:
            unlock()
        assert str(journal_paths.key_file) in str(caught.value)
        assert "nothing was changed" in str(caught.value)
    assert snapshot(journal_paths.data_dir) == before


def test_keyring_key_file_of_another_journal(journal_paths: JournalPaths, tmp_path: Path,
                                             memory_keyring: MemoryKeyring) -> None:
    journal_access.create(journal_paths).journal.close()
    other = JournalPaths(tmp_path / "other")
    journal_access.create(other).journal.close()  # its key is in this keyring too
    journal_paths.key_file.write_bytes(other.key_file.read_bytes())
    before = snapshot(journal_paths.data_dir)
    with pytest.raises(KeyMismatch, match="belongs to another journal"):
        journal_access.unlock(journal_paths)
    assert snapshot(journal_paths.data_dir) == before


def test_the_key_check_recognises_a_journals_own_key(
        passphrase_journal: tuple[JournalPaths, str], tmp_path: Path) -> None:
    """Guards the page check against SQLCipher changing its page format one day."""
    from tkg_journal.storage.cipher import key_fits

    paths, _ = passphrase_journal
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    assert key_fits(paths.database, key) is True
    assert key_fits(paths.database, bytes(32)) is False
    short = tmp_path / "short.db"
    short.write_bytes(paths.database.read_bytes()[:2000])
    assert key_fits(short, key) is None
    assert key_fits(tmp_path / "missing.db", key) is None


def _edit_key_file(paths: JournalPaths, change: Any) -> None:
    data = json.loads(paths.key_file.read_text())
    change(data)
    paths.key_file.write_text(json.dumps(data))


def _flip_slot(slot: str, field: str) -> Any:
    def change(data: dict[str, Any]) -> None:
        value = bytearray.fromhex(data["slots"][slot][field])
        value[0] ^= 0x01
        data["slots"][slot][field] = value.hex()
    return change


def test_damaged_passphrase_slot_is_not_a_wrong_passphrase(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal
    _edit_key_file(paths, _flip_slot("passphrase", "wrapped_key"))
    before = snapshot(paths.data_dir)
    with pytest.raises(DamagedKeySlot, match="passphrase slot has changed") as caught:
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    assert "recovery key" in str(caught.value)
    assert snapshot(paths.data_dir) == before
    # What the message says to do works, and sets a new passphrase.
    key = journal_access.unlock_key(paths, recovery_key=recovery)
    journal_access.change_passphrase(paths, key=key, new_passphrase="a fresh long phrase")
    with journal_access.unlock(paths, passphrase="a fresh long phrase") as journal:
        assert journal.count_entries() == 40


def test_damaged_recovery_slot_is_not_a_wrong_recovery_key(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal
    _edit_key_file(paths, _flip_slot("recovery", "nonce"))
    before = snapshot(paths.data_dir)
    with pytest.raises(DamagedKeySlot, match="recovery-key slot has changed"):
        journal_access.unlock(paths, recovery_key=recovery)
    assert snapshot(paths.data_dir) == before
    journal_access.unlock(paths, passphrase=TEST_PASSPHRASE).close()


def test_key_file_written_before_slot_checks_keeps_opening(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal

    def without_checks(data: dict[str, Any]) -> None:
        for slot in data["slots"].values():
            del slot["check"]

    _edit_key_file(paths, without_checks)
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.count_entries() == 40
    journal_access.unlock(paths, recovery_key=recovery).close()
    # Without a check, a wrong passphrase and a damaged slot look alike: it says so.
    before = snapshot(paths.data_dir)
    with pytest.raises(WrongPassphrase, match="key file may be damaged"):
        journal_access.unlock(paths, passphrase="not the passphrase")
    assert snapshot(paths.data_dir) == before


def test_missing_recovery_slot(passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal
    _edit_key_file(paths, lambda data: data["slots"].pop("recovery"))
    before = snapshot(paths.data_dir)
    with pytest.raises(MissingKeySlot, match="no recovery-key slot"):
        journal_access.unlock(paths, recovery_key=recovery)
    assert snapshot(paths.data_dir) == before


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],  # truncated
    lambda raw: raw.replace(b'"slots"', b'"slotz"'),  # wrong structure
    lambda raw: b"\x00" * len(raw),  # zeroed by the file system
], ids=["truncated", "wrong-structure", "zeroed"])
def test_damaged_key_file_says_to_restore_it(
        passphrase_journal: tuple[JournalPaths, str], damage: Any) -> None:
    paths, recovery = passphrase_journal
    # Both: a key file damaged alone is put back from its copy (test_recovery_sheet.py).
    paths.key_file.write_bytes(damage(paths.key_file.read_bytes()))
    paths.key_file_copy.write_bytes(damage(paths.key_file_copy.read_bytes()))
    before = snapshot(paths.data_dir)
    for unlock in (lambda: journal_access.unlock(paths, passphrase=TEST_PASSPHRASE),
                   lambda: journal_access.unlock(paths, recovery_key=recovery)):
        with pytest.raises(KeyFileError, match="damaged") as caught:
            unlock()
        assert not isinstance(caught.value, (DamagedKeySlot, WrongPassphrase))
        assert "backup" in str(caught.value)
    assert snapshot(paths.data_dir) == before


def test_missing_or_damaged_key_file(passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    original = paths.key_file.read_bytes()
    paths.key_file_copy.unlink()  # with it, either is put back (test_recovery_sheet.py)
    paths.key_file.write_text("{ not json")
    with pytest.raises(KeyFileError, match="damaged"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    paths.key_file.unlink()
    with pytest.raises(KeyFileError, match="missing"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    paths.key_file.write_bytes(original)
    journal_access.unlock(paths, passphrase=TEST_PASSPHRASE).close()


def test_journal_from_a_newer_version_is_refused_untouched(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, _ = passphrase_journal
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as journal:
        conn = journal.db._conn
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = snapshot(paths.data_dir)
    with pytest.raises(NewerJournal, match="newer"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    assert snapshot(paths.data_dir) == before


def test_key_file_is_readable_json_without_secrets(
        passphrase_journal: tuple[JournalPaths, str]) -> None:
    paths, recovery = passphrase_journal
    text = paths.key_file.read_text()
    data = json.loads(text)
    assert data["mode"] == "passphrase"
    assert set(data["slots"]) == {"passphrase", "recovery"}
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    assert key.hex() not in text
    assert TEST_PASSPHRASE not in text
    assert recovery.replace("-", "") not in text.replace("-", "")
    assert paths.key_file.stat().st_mode & 0o077 == 0
