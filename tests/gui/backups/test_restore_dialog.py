"""Restore from backup: the list, the checks before anything changes, the restore itself
and unlocking the restored journal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from tests.conftest import TEST_PASSPHRASE
from tests.gui.backups.conftest import BackupClock
from tests.helpers import entry, snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.backups import Backups, BackupSettings
from tkg_journal.storage import backup as backup_storage
from tkg_journal.ui.backups import backup_list_model as columns
from tkg_journal.ui.backups.backup_list_model import InfoRole
from tkg_journal.ui.backups.backup_texts import size_words
from tkg_journal.ui.backups.restore_dialog import RestoreDialog
from tkg_journal.ui.main_window import MainWindow

AFTER = "Kingfisher-after-the-backup-4409"  # written after the backup that is restored


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def select(dialog: RestoreDialog, path: Path) -> None:
    for row in range(dialog.model.rowCount()):
        if dialog.model.index(row, 0).data(InfoRole).path == path:
            dialog.table.selectRow(row)
            return
    raise AssertionError(f"{path} is not listed")


def continue_to_confirm(qtbot, dialog: RestoreDialog) -> None:
    click(qtbot, dialog.continue_button)
    qtbot.waitUntil(lambda: not dialog.job.is_running(), timeout=20_000)


def open_dialog(qtbot, window: MainWindow, **kwargs) -> RestoreDialog:
    dialog = RestoreDialog(window.journal, window._close_for_restore, window, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_lists_this_journals_backups_newest_first(
        qtbot, qtmodeltester, window: MainWindow, journal_paths: JournalPaths,
        backup_clock: BackupClock, tmp_path: Path):
    journal = window.journal
    second = tmp_path / "synced"
    backups = Backups(journal)
    daily = backups.back_up(reason="daily")
    journal.add_entry(entry(title="one"))
    backups.save_settings(BackupSettings(second_folder=second))
    backup_clock.advance(days=1, hours=2, minutes=5)
    manual = backups.back_up()
    # Another journal's backup in the same folder is not this journal's: not listed.
    other = journal_access.create(JournalPaths(tmp_path / "other"), passphrase=TEST_PASSPHRASE)
    with other.journal:
        Backups(other.journal).back_up(to=journal_paths.backups_dir)
    dialog = open_dialog(qtbot, window)
    model = dialog.model
    qtmodeltester.check(model)
    shown = [[model.index(row, column).data() for column in range(model.columnCount())]
             for row in range(model.rowCount())]
    assert [row[:3] + row[4:] for row in shown] == [
        ["Thu 9 May 2030, 12:05", "Backed up by you", "1", "Backup folder"],
        ["Thu 9 May 2030, 12:05", "Backed up by you", "1", "Second folder"],
        ["Wed 8 May 2030, 10:00", "Daily", "0", "Backup folder"],
    ]
    assert [row[3] for row in shown] == [
        size_words(model.index(row, 0).data(InfoRole).size) for row in range(3)]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == str(manual.path)
    assert model.index(2, 0).data(InfoRole).path == daily.path
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Taken"
    assert dialog.table.accessibleName() and dialog.table.currentIndex().row() in (0, -1)
    assert dialog.selected().path == manual.path  # the newest is offered first
    assert not dialog.empty_label.isVisible()


def test_restoring_replaces_a_changed_journal_which_is_kept_as_a_backup(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    journal = window.journal
    journal.add_entry(entry(title="Before the backup"))
    taken = Backups(journal).back_up()
    journal.add_entry(entry(title=AFTER, body=AFTER))  # the journal changes after the backup
    confirm_texts = []

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, RestoreDialog)
        dialog.show()
        select(dialog, taken.path)
        continue_to_confirm(qtbot, dialog)
        assert dialog.pages.currentIndex() == 1
        confirm_texts.append(dialog.confirm_page.confirm_text.text())
        assert not dialog.confirm_page.other_journal.isVisible()
        assert dialog.confirm_page.passphrase.isVisible()
        qtbot.keyClicks(dialog.confirm_page.passphrase, TEST_PASSPHRASE)
        click(qtbot, dialog.replace_button)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
        return dialog.result()

    window.run_dialog = drive
    window.restore_action.trigger()
    date = taken.manifest.created_at.astimezone()
    assert confirm_texts == [
        "The journal now open is backed up first, then replaced by the backup of "
        f"{date:%a} {date.day} {date:%b %Y}, {date:%H:%M} (1 entry). You will unlock the "
        "restored journal with the passphrase or recovery key it had then."
    ]
    # Closed, and the unlock screen says what happened.
    assert window.journal is None
    assert window.stack.currentWidget() is window.lock_view
    assert window.lock_view.note.text().startswith("Restored the backup of ")
    assert AFTER not in window.lock_view.note.text()
    # The journal it replaced (2 entries) is a backup of its own, whole.
    [kept] = journal_paths.backups_dir.glob("*-before-restore.tkgbackup")
    assert backup_storage.verify(kept).entries == 2
    assert str(kept) in window.lock_view.note.text()
    # Unlocked again: the backup's entries.
    window._unlocker = lambda parent: journal_access.unlock(
        journal_paths, passphrase=TEST_PASSPHRASE)
    with qtbot.waitSignal(window.unlocked):
        click(qtbot, window.lock_view.unlock_button)
    assert [s.title for s in window.journal.list_entries()] == ["Before the backup"]
    assert window.journal_view.model.total() == 1
    assert not window.lock_view.note.isVisible()


def test_a_damaged_backup_is_refused_and_the_journal_is_untouched(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    journal = window.journal
    journal.add_entry(entry(title="kept"))
    taken = Backups(journal).back_up()
    data = bytearray(taken.path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the database copy
    taken.path.write_bytes(bytes(data))
    before = snapshot(journal_paths.data_dir)
    dialog = open_dialog(qtbot, window)
    select(dialog, taken.path)  # its manifest still reads: it is listed
    continue_to_confirm(qtbot, dialog)
    assert dialog.pages.currentIndex() == 0  # no confirmation offered
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("This backup cannot be restored: ")
    assert "damaged" in dialog.error.text()
    assert dialog.error.text().endswith("Nothing was changed.")
    click(qtbot, dialog.cancel_button)
    assert window.journal is not None and window.journal.count_entries() == 1
    assert snapshot(journal_paths.data_dir) == before  # bytes identical


def test_a_wrong_passphrase_is_said_in_the_dialog_before_the_journal_closes(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    taken = Backups(window.journal).back_up()
    before = snapshot(journal_paths.data_dir)
    dialog = open_dialog(qtbot, window)
    select(dialog, taken.path)
    continue_to_confirm(qtbot, dialog)
    click(qtbot, dialog.replace_button)  # nothing typed yet
    assert dialog.error.text() == "Type the passphrase the journal had when this backup was taken."
    qtbot.keyClicks(dialog.confirm_page.passphrase, "not the passphrase")
    click(qtbot, dialog.replace_button)
    qtbot.waitUntil(lambda: not dialog.job.is_running(), timeout=20_000)
    assert dialog.error.text().startswith("Wrong passphrase")
    assert dialog.error.text().endswith("Nothing was changed.")
    assert dialog.confirm_page.passphrase.text() == ""  # typed again, not kept
    assert window.journal is not None  # still open: checked before closing it
    assert snapshot(journal_paths.data_dir) == before


def test_another_file_can_be_chosen_and_a_non_backup_is_refused(
        qtbot, window: MainWindow, journal_paths: JournalPaths, tmp_path: Path):
    elsewhere = tmp_path / "usb-stick"
    taken = Backups(window.journal).back_up(to=elsewhere)
    not_a_backup = tmp_path / "notes.tkgbackup"
    not_a_backup.write_bytes(b"not a zip at all")
    answers = [str(not_a_backup), str(taken.path)]
    asked = []

    def ask_file(_parent, title, _start, filters):
        asked.append((title, filters))
        return answers.pop(0)

    dialog = open_dialog(qtbot, window, ask_file=ask_file)
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisible()
    click(qtbot, dialog.choose_button)
    assert "not a TKG Journal backup" in dialog.error.text()
    assert dialog.model.rowCount() == 0
    click(qtbot, dialog.choose_button)
    assert asked[0][1].startswith("TKG Journal backups (*.tkgbackup)")
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, columns.WHERE).data() == "Chosen file"
    assert dialog.selected().path == taken.path
    continue_to_confirm(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1
    click(qtbot, dialog.back_button)
    assert dialog.pages.currentIndex() == 0


def test_a_backup_of_another_journal_says_so_before_replacing(
        qtbot, window: MainWindow, tmp_path: Path):
    other = journal_access.create(JournalPaths(tmp_path / "other"), passphrase=TEST_PASSPHRASE)
    with other.journal:
        taken = Backups(other.journal).back_up()
    dialog = open_dialog(qtbot, window, ask_file=lambda *_args: str(taken.path))
    click(qtbot, dialog.choose_button)
    continue_to_confirm(qtbot, dialog)
    assert dialog.confirm_page.other_journal.isVisible()
    assert "another journal" in dialog.confirm_page.other_journal.text()


def test_the_menu_offers_back_up_and_restore_with_the_journal_open_only(window: MainWindow):
    assert window.back_up_action.shortcut().toString() == "Ctrl+B"
    assert window.restore_action.text() == "Res&tore from backup…"
    window.lock()
    assert not window.back_up_action.isEnabled()
    assert not window.restore_action.isEnabled()
