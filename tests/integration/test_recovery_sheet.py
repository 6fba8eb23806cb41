"""The recovery sheet suffices, and the key file has a copy: real encrypted journals.

With journal.keys (and its copy) gone, journal.db and the sheet's text open the journal:
the key file is rebuilt from the sheet's block, after checking it against the database.
A key file lost or damaged alone is put back from journal.keys.copy, which every key-file
write keeps equal to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import entry, snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, recovery_sheet
from tkg_journal.security.errors import (
    KeyFileError,
    KeyMismatch,
    RecoverySheetError,
    WrongRecoveryKey,
)
from tkg_journal.services import journal_access, sheet_recovery
from tkg_journal.storage.errors import JournalNotFound

NEW_PASSPHRASE = "a passphrase chosen after the loss"


@pytest.fixture
def journal_with_sheet(journal_paths: JournalPaths) -> tuple[JournalPaths, str]:
    """A passphrase journal of 25 entries, and its recovery sheet's text."""
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        for number in range(25):
            journal.add_entry(entry(title=f"Entry {number}", body="kept " * 50))
    block = recovery_sheet.block_of(key_file.read(journal_paths.key_file))
    return journal_paths, recovery_sheet.sheet_text(created.recovery_key, block)


def recover(paths: JournalPaths, text: str, passphrase: str | None = NEW_PASSPHRASE) -> None:
    """What `tkg-journal recover --recovery-key-file` does once the key file is lost."""
    sheet = sheet_recovery.read_sheet(paths, text)
    key = sheet_recovery.key_from_sheet(paths, sheet)
    sheet_recovery.rebuild(paths, sheet, key, passphrase=passphrase)


def lose_key_files(paths: JournalPaths) -> None:
    paths.key_file.unlink()
    paths.key_file_copy.unlink()


# --- the sheet alone -------------------------------------------------------------------------


def test_lost_key_file_is_rebuilt_from_the_sheet_and_opens(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    database = paths.database.read_bytes()
    lose_key_files(paths)
    assert not sheet_recovery.key_file_readable(paths)
    recover(paths, text)
    assert paths.database.read_bytes() == database  # only the key file was written
    assert paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()
    with journal_access.unlock(paths, passphrase=NEW_PASSPHRASE) as journal:
        assert journal.count_entries() == 25
        assert journal.get_entry(1).title == "Entry 0"
    # The same sheet keeps working: its slot was written back as it was.
    sheet = recovery_sheet.parse_sheet(text)
    journal_access.unlock(paths, recovery_key=sheet.recovery_key).close()
    assert journal_access.recovery_block_lines(paths) == recovery_sheet.block_lines(
        sheet.block)  # type: ignore[arg-type]


def test_damaged_key_files_are_kept_renamed_not_deleted(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    paths.key_file.write_bytes(b"\x00" * 300)
    paths.key_file_copy.write_text("{ not json")
    recover(paths, text)
    kept = sorted(p.name for p in paths.data_dir.glob("journal.keys*.damaged-*"))
    assert len(kept) == 2
    contents = {(paths.data_dir / name).read_bytes() for name in kept}
    assert contents == {b"\x00" * 300, b"{ not json"}
    journal_access.unlock(paths, passphrase=NEW_PASSPHRASE).close()


def test_rebuilt_for_the_keyring(journal_with_sheet: tuple[JournalPaths, str],
                                 memory_keyring: MemoryKeyring) -> None:
    paths, text = journal_with_sheet
    lose_key_files(paths)
    recover(paths, text, passphrase=None)
    assert journal_access.key_mode(paths) == "keyring"
    with journal_access.unlock(paths) as journal:
        assert journal.count_entries() == 25


def test_a_damaged_block_is_named_and_changes_nothing(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    lose_key_files(paths)
    lines = text.splitlines()
    last = lines[-1]
    lines[-1] = last[:-1] + ("0" if last[-1] != "0" else "1")  # the last character mistyped
    before = snapshot(paths.data_dir)
    with pytest.raises(RecoverySheetError, match=r"mistyped.*group 40 of 40 \(line 5, group 8\)"):
        sheet_recovery.read_sheet(paths, "\n".join(lines))
    assert snapshot(paths.data_dir) == before


def test_the_key_alone_says_where_a_key_file_may_be(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    lose_key_files(paths)
    key_only = recovery_sheet.parse_sheet(text).recovery_key
    before = snapshot(paths.data_dir)
    with pytest.raises(RecoverySheetError) as caught:
        sheet_recovery.read_sheet(paths, key_only)
    message = str(caught.value)
    assert "the recovery block printed under the key" in message
    assert str(paths.backups_dir) in message and "journal.keys.copy" in message
    assert "\n" not in message
    assert snapshot(paths.data_dir) == before


def test_a_wrong_recovery_key_with_the_block_changes_nothing(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    lose_key_files(paths)
    block = recovery_sheet.parse_sheet(text).block
    assert block is not None
    other_key = journal_access.generate_recovery_key()
    forged = recovery_sheet.sheet_text(other_key, block)
    before = snapshot(paths.data_dir)
    sheet = sheet_recovery.read_sheet(paths, forged)
    with pytest.raises(WrongRecoveryKey):
        sheet_recovery.key_from_sheet(paths, sheet)
    assert snapshot(paths.data_dir) == before


def test_the_sheet_of_another_journal_is_refused(
        journal_with_sheet: tuple[JournalPaths, str], tmp_path: Path) -> None:
    paths, _ = journal_with_sheet
    other = JournalPaths(tmp_path / "other")
    created = journal_access.create(other, passphrase=TEST_PASSPHRASE)
    created.journal.close()
    other_text = recovery_sheet.sheet_text(
        created.recovery_key, recovery_sheet.block_of(key_file.read(other.key_file)))
    lose_key_files(paths)
    before = snapshot(paths.data_dir)
    sheet = sheet_recovery.read_sheet(paths, other_text)
    with pytest.raises(KeyMismatch, match="opens no page of"):
        sheet_recovery.key_from_sheet(paths, sheet)
    assert snapshot(paths.data_dir) == before


def test_without_a_database_the_sheet_says_so(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    lose_key_files(paths)
    paths.database.unlink()
    with pytest.raises(JournalNotFound, match=r"restore journal\.db"):
        sheet_recovery.key_from_sheet(paths, sheet_recovery.read_sheet(paths, text))


def test_the_whole_sheet_pasted_as_the_recovery_key_unlocks(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, text = journal_with_sheet
    with journal_access.unlock(paths, recovery_key=text) as journal:
        assert journal.count_entries() == 25


# --- the copy of the key file ---------------------------------------------------------------


def test_every_key_file_write_writes_the_copy(
        journal_with_sheet: tuple[JournalPaths, str], memory_keyring: MemoryKeyring) -> None:
    paths, _ = journal_with_sheet

    def same() -> bool:
        return paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()

    assert same()  # written by create
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    for change in (
        lambda: journal_access.change_passphrase(paths, key=key, new_passphrase=NEW_PASSPHRASE),
        lambda: journal_access.new_recovery_key_for(paths, key=key),
        lambda: journal_access.use_keyring(paths, key=key),
    ):
        before = paths.key_file.read_bytes()
        change()
        assert paths.key_file.read_bytes() != before and same()


@pytest.mark.parametrize("loss", ["missing", "damaged"])
def test_a_lost_key_file_is_put_back_from_its_copy(
        journal_with_sheet: tuple[JournalPaths, str], loss: str) -> None:
    paths, _ = journal_with_sheet
    original = paths.key_file.read_bytes()
    if loss == "missing":
        paths.key_file.unlink()
    else:
        paths.key_file.write_bytes(original[: len(original) // 2])
    notes = journal_access.prepare(paths)
    assert len(notes) == 1 and f"was {loss}" in notes[0] and "journal.keys.copy" in notes[0]
    assert paths.key_file.read_bytes() == original
    kept = list(paths.data_dir.glob("journal.keys.damaged-*"))
    if loss == "damaged":  # kept, renamed, never deleted
        assert [p.read_bytes() for p in kept] == [original[: len(original) // 2]]
    else:
        assert kept == []
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.count_entries() == 25
    assert journal_access.prepare(paths) == []  # nothing left to do


def test_the_copy_is_put_back_by_any_open(journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, _ = journal_with_sheet
    paths.key_file.unlink()
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as journal:  # no prepare()
        assert journal.count_entries() == 25
    assert paths.key_file.exists()


def test_a_key_file_of_a_newer_version_is_not_replaced_by_the_copy(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, _ = journal_with_sheet
    data = json.loads(paths.key_file.read_text())
    data["version"] = 99
    paths.key_file.write_text(json.dumps(data))
    before = snapshot(paths.data_dir)
    assert journal_access.prepare(paths) == []
    with pytest.raises(KeyFileError, match="update the app"):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    assert snapshot(paths.data_dir) == before


def test_an_open_refreshes_a_missing_or_stale_copy(
        journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, _ = journal_with_sheet
    paths.key_file_copy.unlink()  # a journal made before the copy existed
    journal_access.unlock(paths, passphrase=TEST_PASSPHRASE).close()
    assert paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()
    paths.key_file_copy.write_text("{}")
    journal_access.unlock(paths, passphrase=TEST_PASSPHRASE).close()
    assert paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()


def test_a_failed_open_writes_no_copy(journal_with_sheet: tuple[JournalPaths, str]) -> None:
    paths, _ = journal_with_sheet
    paths.key_file_copy.unlink()
    before = snapshot(paths.data_dir)
    with pytest.raises(Exception, match="wrong passphrase"):
        journal_access.unlock(paths, passphrase="not the passphrase")
    assert snapshot(paths.data_dir) == before
