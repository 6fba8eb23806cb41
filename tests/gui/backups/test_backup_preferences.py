"""Preferences ▸ Backups: the folders and the retention, stored in the journal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests.gui.backups.conftest import settle
from tkg_journal.domain.retention import RetentionPolicy
from tkg_journal.paths import JournalPaths
from tkg_journal.services.backups import Backups, BackupSettings
from tkg_journal.ui.backups.backup_preferences import BackupPreferences
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.preferences_dialog import PreferencesDialog


def press_ok(qtbot, dialog: QDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def set_keep(qtbot, page: BackupPreferences, values: dict[str, int]) -> None:
    for name, value in values.items():
        box = page.keep_boxes[name]
        box.selectAll()
        qtbot.keyClicks(box, str(value))


def test_backup_settings_are_saved_in_the_journal_and_shown_again(
        qtbot, window: MainWindow, tmp_path: Path):
    first, second = tmp_path / "backups-here", tmp_path / "synced-folder"
    first.mkdir()
    second.mkdir()
    answers = [str(first), str(second)]

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, PreferencesDialog)
        page = dialog.findChild(BackupPreferences)
        assert page is not None
        dialog.show()
        dialog.tabs.setCurrentWidget(page)
        page.ask_folder = lambda _parent, _title, _start: answers.pop(0)
        qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.second_choose_button, Qt.MouseButton.LeftButton)
        set_keep(qtbot, page, {"last": 5, "daily": 10, "weekly": 6, "monthly": 24})
        press_ok(qtbot, dialog)
        return dialog.result()

    window.run_dialog = drive
    window.preferences_action.trigger()
    assert Backups(window.journal).settings() == BackupSettings(
        folder=first, second_folder=second, policy=RetentionPolicy(5, 10, 6, 24))
    settle(qtbot, window)

    page = BackupPreferences(window.journal)  # opened again: what was saved
    qtbot.addWidget(page)
    assert page.folder_field.text() == str(first)
    assert page.second_field.text() == str(second)
    assert [box.value() for box in page.keep_boxes.values()] == [5, 10, 6, 24]
    qtbot.mouseClick(page.default_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.second_clear_button, Qt.MouseButton.LeftButton)
    assert page.folder_field.text() == "" and page.second_field.text() == ""
    assert not page.default_button.isEnabled() and not page.second_clear_button.isEnabled()
    assert page.save()
    assert Backups(window.journal).settings() == BackupSettings(
        policy=RetentionPolicy(5, 10, 6, 24))


def test_settings_that_cannot_work_are_refused_on_the_page(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    before = Backups(window.journal).settings()
    page = BackupPreferences(window.journal)
    dialog = PreferencesDialog(window.settings, window.paths, window, [page])
    qtbot.addWidget(dialog)
    dialog.show()
    set_keep(qtbot, page, {"last": 0, "daily": 0, "weekly": 0, "monthly": 0})
    press_ok(qtbot, dialog)
    assert dialog.isVisible()  # still open, on the Backups tab, saying why
    assert dialog.tabs.currentWidget() is page
    assert page.error.isVisible()
    assert "keep at least one backup" in page.error.text()
    set_keep(qtbot, page, {"last": 3})
    page.ask_folder = lambda *_args: str(journal_paths.backups_dir)
    qtbot.mouseClick(page.second_choose_button, Qt.MouseButton.LeftButton)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert page.error.text().startswith("The second folder is the backup folder itself")
    assert Backups(window.journal).settings() == before


def test_preferences_while_locked_have_no_backups_tab(qtbot, window: MainWindow):
    window.lock()
    assert window.backups.preferences_page() is None
    dialog = PreferencesDialog(window.settings, window.paths, window)
    qtbot.addWidget(dialog)
    tabs = [dialog.tabs.tabText(index) for index in range(dialog.tabs.count())]
    assert tabs == ["A&ppearance", "&Reminders", "&Journal"]  # no Backups: they live inside
