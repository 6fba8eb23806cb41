"""Backups and restore on real encrypted journals: what a user needs when something went
wrong (a lost laptop, a damaged file, a bad edit), and what must never happen (a backup
that does not open, a restore that loses the journal it replaces)."""

from __future__ import annotations

import os
import threading
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry, snapshot
from tkg_journal.domain.retention import RetentionPolicy
from tkg_journal.paths import JournalPaths
from tkg_journal.security.errors import WrongPassphrase
from tkg_journal.services import journal_access, restore
from tkg_journal.services.backups import Backups, BackupSettings, is_stale
from tkg_journal.services.journal import Journal
from tkg_journal.storage import backup
from tkg_journal.storage.backup import BackupUnusable


@pytest.fixture
def created(journal_paths: JournalPaths) -> journal_access.NewJournal:
    new = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    for number in range(20):
        new.journal.add_entry(entry(title=f"Entry {number}", body=f"body {number} ünïcode"))
    return new


@pytest.fixture
def journal(created: journal_access.NewJournal) -> Journal:
    return created.journal


def _titles(journal: Journal) -> list[str]:
    return sorted(s.title for s in journal.list_entries())


def test_a_backup_is_one_verified_file_that_opens_anywhere(
    journal: Journal, created: journal_access.NewJournal, tmp_path: Path
) -> None:
    result = Backups(journal).back_up()
    assert result.path.parent == journal.paths.backups_dir
    assert result.path.suffix == ".tkgbackup" and oct(result.path.stat().st_mode)[-3:] == "600"
    assert backup.verify(result.path).entries == 20
    with zipfile.ZipFile(result.path) as archive:
        assert sorted(archive.namelist()) == ["journal.db", "journal.keys", "manifest.json"]
        assert not archive.read("journal.db").startswith(b"SQLite format 3")
        for member in archive.namelist():  # no plaintext of what was written
            assert "ünïcode".encode() not in archive.read(member)
            assert b"Entry 1" not in archive.read(member)
    # On a new machine: an empty folder, the passphrase, and later the recovery key.
    secrets = ({"passphrase": TEST_PASSPHRASE}, {"recovery_key": created.recovery_key})
    for number, secret in enumerate(secrets):
        elsewhere = JournalPaths(tmp_path / f"new-machine-{number}")
        outcome = restore.restore(elsewhere, result.path, **secret)
        assert outcome.replaced_copy is None
        with journal_access.unlock(elsewhere, passphrase=TEST_PASSPHRASE) as restored:
            assert _titles(restored) == _titles(journal)


def test_a_backup_taken_while_the_journal_is_written_is_consistent(journal: Journal) -> None:
    writer_paths = journal.paths
    stop, writing = threading.Event(), threading.Event()
    written = [0]

    def keep_writing() -> None:
        with journal_access.unlock(writer_paths, passphrase=TEST_PASSPHRASE) as other:
            while not stop.is_set():
                other.add_entry(entry(title=f"During {written[0]}", body="x" * 2000))
                written[0] += 1
                writing.set()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    assert writing.wait(30)
    try:
        results = [Backups(journal).back_up(to=journal.paths.data_dir / "b") for _ in range(5)]
    finally:
        stop.set()
        thread.join()
    assert written[0] > 1
    for number, result in enumerate(results):
        target = JournalPaths(journal.paths.data_dir.parent / f"check-{number}")
        restore.restore(target, result.path, passphrase=TEST_PASSPHRASE)
        with journal_access.unlock(target, passphrase=TEST_PASSPHRASE) as copy:
            assert copy.integrity_problems() == []
            assert copy.count_entries() == result.manifest.entries >= 20


def test_restore_over_a_changed_journal_keeps_the_changed_one(journal: Journal) -> None:
    taken = Backups(journal).back_up()
    journal.add_entry(entry(title="Written after the backup"))
    paths = journal.paths
    journal.close()
    outcome = restore.restore(paths, taken.path, passphrase=TEST_PASSPHRASE)
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as restored:
        assert "Written after the backup" not in _titles(restored)
        assert restored.count_entries() == 20
    assert outcome.replaced_copy is not None and "before-restore" in outcome.replaced_copy.name
    # The replaced journal is a backup too: restoring it brings the change back.
    restore.restore(paths, outcome.replaced_copy, passphrase=TEST_PASSPHRASE)
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as back:
        assert "Written after the backup" in _titles(back)


def test_a_journal_that_cannot_be_unlocked_is_kept_as_its_files(
    journal: Journal, tmp_path: Path
) -> None:
    taken = Backups(journal).back_up()
    other = JournalPaths(tmp_path / "other")
    created = journal_access.create(other, passphrase="another passphrase here")
    created.journal.add_entry(entry(title="Only in the other journal"))
    created.journal.close()
    before = snapshot(other.data_dir)
    outcome = restore.restore(other, taken.path, passphrase=TEST_PASSPHRASE)
    assert outcome.replaced_copy is not None and outcome.replaced_copy.is_dir()
    kept = {name: digest for name, digest in snapshot(outcome.replaced_copy).items()}
    assert kept["journal.keys"] == before["journal.keys"]
    # The kept folder is a journal of its own.
    with journal_access.unlock(
        JournalPaths(outcome.replaced_copy), passphrase="another passphrase here"
    ) as old:
        assert _titles(old) == ["Only in the other journal"]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "foreign", "not a zip", "no keys"])
def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(
    journal: Journal, tmp_path: Path, damage: str
) -> None:
    good = Backups(journal).back_up(to=tmp_path / "good").path
    bad = tmp_path / f"bad{backup.SUFFIX}"
    data = good.read_bytes()
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # one byte inside the database member
        middle = len(data) // 2
        bad.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif damage == "foreign":
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr("manifest.json", '{"format": "something-else"}')
    elif damage == "not a zip":
        bad.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    else:
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as archive:
            for name in ("manifest.json", "journal.db"):
                archive.writestr(name, source.read(name))
    paths = journal.paths
    journal.close()
    before = snapshot(paths.data_dir)
    with pytest.raises(BackupUnusable) as raised:
        restore.restore(paths, bad, passphrase=TEST_PASSPHRASE)
    assert "\n" not in str(raised.value) and str(bad) in str(raised.value)
    assert snapshot(paths.data_dir) == before


def test_a_wrong_passphrase_for_the_backup_changes_nothing(journal: Journal) -> None:
    taken = Backups(journal).back_up()
    paths = journal.paths
    journal.close()
    before = snapshot(paths.data_dir)
    with pytest.raises(WrongPassphrase):
        restore.restore(paths, taken.path, passphrase="not the passphrase")
    assert snapshot(paths.data_dir) == before


def test_a_restore_cut_short_is_finished_or_undone_at_the_next_open(journal: Journal) -> None:
    taken = Backups(journal).back_up()
    journal.add_entry(entry(title="After"))
    paths = journal.paths
    journal.close()
    # Staged, not swapped: the next open removes the staged files; the journal is as it was.
    backup.extract(
        taken.path, database=restore.staged_database(paths), keys=restore.staged_key_file(paths)
    )
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as same:
        assert "After" in _titles(same)
    assert not restore.staged_database(paths).exists()
    # The key file swapped, the database not yet: the next open finishes the swap.
    backup.extract(
        taken.path, database=restore.staged_database(paths), keys=restore.staged_key_file(paths)
    )
    os.replace(restore.staged_key_file(paths), paths.key_file)
    with journal_access.unlock(paths, passphrase=TEST_PASSPHRASE) as restored:
        assert "After" not in _titles(restored) and restored.count_entries() == 20


def test_the_daily_backup_is_taken_once_a_day(journal: Journal) -> None:
    backups = Backups(journal)
    assert backups.daily_if_due() is not None
    assert backups.daily_if_due() is None
    assert len(backups.find()) == 1
    tomorrow = datetime.now().astimezone() + timedelta(days=1)
    assert backups.daily_if_due(now=tomorrow) is not None


def test_settings_are_kept_in_the_journal_and_a_second_folder_gets_a_copy(
    journal: Journal, tmp_path: Path
) -> None:
    backups = Backups(journal)
    second = tmp_path / "usb-drive" / "tkg"
    backups.save_settings(BackupSettings(second_folder=second, policy=RetentionPolicy(daily=3)))
    assert Backups(journal).settings().second_folder == second
    assert Backups(journal).settings().policy.daily == 3
    result = backups.back_up()
    assert result.second_copy == second / result.path.name
    assert backup.verify(result.second_copy).journal_id == journal.db.journal_id
    # The drive unplugged (here: a file where the folder was): the backup still happens.
    second.parent.rename(tmp_path / "unplugged")
    (tmp_path / "usb-drive").write_text("not a folder")
    later = backups.back_up()
    assert later.path.exists() and later.second_copy is None and later.second_problem


def test_retention_prunes_only_this_journals_backups(journal: Journal, tmp_path: Path) -> None:
    folder = journal.paths.backups_dir
    backups = Backups(journal)
    backups.save_settings(BackupSettings(policy=RetentionPolicy(last=2, daily=0, weekly=0,
                                                                monthly=0)))
    other = JournalPaths(tmp_path / "someone-else")
    with journal_access.create(other, passphrase=TEST_PASSPHRASE).journal as stranger:
        foreign = Backups(stranger).back_up(to=folder).path
    for _ in range(4):
        backups.back_up()
    mine = backups.find()
    assert len(mine) == 2
    assert foreign.exists()


def test_no_backup_for_two_weeks_is_stale() -> None:
    now = datetime(2026, 12, 3, 12, tzinfo=UTC)
    assert is_stale(None, now=now)
    assert is_stale(now - timedelta(days=15), now=now)
    assert not is_stale(now - timedelta(days=13), now=now)
