"""Back up now, the daily backup while the app runs, the status line and the reminder (a
line of the window's attention bar)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.backups.conftest import DAY_ONE, BackupClock, settle
from tests.helpers import entry
from tkg_journal.paths import JournalPaths
from tkg_journal.services.backups import Backups, BackupSettings
from tkg_journal.storage import backup as backup_storage
from tkg_journal.ui.attention import BACKUP
from tkg_journal.ui.backups import backup_coordinator
from tkg_journal.ui.main_window import MainWindow

SECRET = "Wombat-backup-secret-3317"  # written into the journal; never in a backup's bytes


def backup_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.tkgbackup")) if folder.is_dir() else []


def back_up_now(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.backups.job.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        # Until the worker reports, the status bar shows that a backup is being made.
        assert window.backups.status_widget.progress.isVisible()
        assert window.backups.status_widget.text() == "Backing up…"
    settle(qtbot, window)


def test_back_up_now_writes_a_verified_backup_and_says_where(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    window.journal.add_entry(entry(title=SECRET, body=SECRET))
    assert window.backups.status_widget.text() == "No backup yet"
    back_up_now(qtbot, window)
    [written] = backup_files(journal_paths.backups_dir)
    manifest = backup_storage.verify(written)  # every byte read back against its checksum
    assert manifest.entries == 1 and manifest.reason == "manual"
    assert SECRET.encode() not in written.read_bytes()
    assert window.save_status.text() == f"Backed up to {written}"
    assert window.backups.status_widget.text().startswith("Last backup: today ")
    assert not window.backups.status_widget.progress.isVisible()
    assert window.journal is not None  # the journal stayed open and usable throughout
    assert window.journal.count_entries() == 1


def test_a_failed_second_copy_is_said_in_the_status_line(
        qtbot, window: MainWindow, journal_paths: JournalPaths, tmp_path: Path):
    not_a_folder = tmp_path / "unplugged-disk"
    not_a_folder.write_text("a file where the second folder should be")
    Backups(window.journal).save_settings(BackupSettings(second_folder=not_a_folder))
    back_up_now(qtbot, window)
    [written] = backup_files(journal_paths.backups_dir)
    text = window.save_status.text()
    assert text.startswith(f"Backed up to {written} (the copy to the second folder failed: ")


def test_the_daily_backup_is_taken_once_a_day_while_the_app_runs(
        qtbot, window: MainWindow, journal_paths: JournalPaths, backup_clock: BackupClock):
    coordinator = window.backups
    coordinator.clock = lambda: backup_clock.now
    assert coordinator.timer.isActive()
    assert coordinator.timer.interval() == 60 * 60 * 1000
    assert coordinator.first_check.isActive()  # the first check comes soon after unlocking

    def hour_passes(**delta: float) -> list[Path]:
        backup_clock.advance(**delta)
        coordinator.timer.timeout.emit()
        settle(qtbot, window)
        return backup_files(journal_paths.backups_dir)

    coordinator.check_daily()  # what the first check does
    settle(qtbot, window)
    [first] = backup_files(journal_paths.backups_dir)
    assert first.name.startswith("journal-2030-05-08-100000-daily")
    assert window.save_status.text() == f"Daily backup written to {first}"
    assert hour_passes(hours=1) == [first]
    assert hour_passes(hours=12) == [first]  # 23:00, the same day
    [_, second] = hour_passes(hours=1)  # midnight has passed: a new day, a new backup
    assert second.name.startswith("journal-2030-05-09-000000-daily")
    assert len(hour_passes(hours=1)) == 2
    assert all(backup_storage.verify(path).reason == "daily" for path in (first, second))


def test_back_up_now_during_the_daily_backup_is_made_after_it_not_dropped(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    window.backups.check_daily()  # the daily backup starts on the worker
    window.backups.back_up_now()  # asked for meanwhile: it waits its turn
    assert window.backups.status_widget.text() == "Backing up…"
    settle(qtbot, window)
    daily, manual = sorted(backup_files(journal_paths.backups_dir),
                           key=lambda path: not path.name.endswith("-daily.tkgbackup"))
    assert daily.name.endswith("-daily.tkgbackup")
    assert manual.name.endswith("-manual.tkgbackup")
    assert window.save_status.text() == f"Backed up to {manual}"


def test_a_failing_daily_backup_is_one_line_and_the_banner_offers_a_backup(
        qtbot, window: MainWindow, journal_paths: JournalPaths, tmp_path: Path):
    gone = tmp_path / "gone"
    gone.write_text("a file where the backup folder should be")
    backups = Backups(window.journal)
    backups.save_settings(BackupSettings(folder=gone))
    banner = window.attention
    assert not banner.has_line(BACKUP)  # nothing is said before a backup was tried
    window.backups.check_daily()
    settle(qtbot, window)
    assert window.save_status.text().startswith("The daily backup failed: ")
    assert banner.isVisible()  # (and no dialog: the fixture fails the test on one)
    assert banner.line_text(BACKUP).startswith("This journal has no backup yet.")
    assert "The last try failed: " in banner.line_text(BACKUP)
    back_up = banner.button(BACKUP)
    assert back_up is not None and back_up.text() == "Back up"
    backups.save_settings(BackupSettings())  # back to the default folder
    with qtbot.waitSignal(window.backups.job.finished, timeout=20_000):
        qtbot.mouseClick(back_up, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert not banner.has_line(BACKUP)
    [written] = backup_files(journal_paths.backups_dir)
    assert window.save_status.text() == f"Backed up to {written}"


def test_the_banner_says_how_old_the_last_backup_is_and_can_be_dismissed(
        qtbot, window: MainWindow, journal_paths: JournalPaths, backup_clock: BackupClock,
        tmp_path: Path):
    coordinator = window.backups
    banner = window.attention
    coordinator.clock = lambda: backup_clock.now
    Backups(window.journal).back_up()  # on DAY_ONE
    gone = tmp_path / "gone"
    gone.write_text("not a folder")
    Backups(window.journal).save_settings(BackupSettings(folder=gone))
    coordinator.check_daily(now=backup_clock.advance(days=13))
    settle(qtbot, window)
    assert not banner.has_line(BACKUP)  # 13 days: not yet
    coordinator.check_daily(now=backup_clock.advance(days=2))
    settle(qtbot, window)
    assert banner.isVisible()
    assert banner.line_text(BACKUP).startswith(
        "The last backup of this journal is 15 days old (8 May 2030).")
    assert coordinator.status_widget.text() == "Last backup: 8 May 2030"
    qtbot.mouseClick(banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    coordinator.check_daily(now=backup_clock.advance(days=1))
    settle(qtbot, window)
    assert not banner.has_line(BACKUP)  # dismissed for this session


def test_the_status_line_says_today_yesterday_or_the_date():
    from tkg_journal.ui.backups.backup_texts import when_words

    assert when_words(DAY_ONE, DAY_ONE.replace(hour=18)) == "today 10:00"
    assert when_words(DAY_ONE, DAY_ONE.replace(day=9, hour=8)) == "yesterday 10:00"
    assert when_words(DAY_ONE, DAY_ONE.replace(day=20)) == "8 May 2030"


def test_locking_waits_for_a_running_backup_and_empties_the_line(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    window.backups.back_up_now()
    window.lock()
    assert not window.backups.job.is_running()
    assert window.backups.status_widget.text() == ""
    assert not window.backups.timer.isActive()
    assert not window.back_up_action.isEnabled()
    [written] = backup_files(journal_paths.backups_dir)  # the backup was finished, whole
    backup_storage.verify(written)


def test_the_first_check_comes_a_little_after_unlocking():
    assert 5_000 <= backup_coordinator.FIRST_CHECK_MS <= 60_000
