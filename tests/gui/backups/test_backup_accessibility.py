"""Keyboard and screen-reader access of the backup dialogs and page: every interactive
widget is named, and no two visible mnemonics of one step collide."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from tests.gui.backups.test_restore_dialog import continue_to_confirm, open_dialog
from tkg_journal.services.backups import Backups
from tkg_journal.ui.backups.backup_preferences import BackupPreferences
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.preferences_dialog import PreferencesDialog


def unnamed(root: QWidget) -> list[str]:
    kinds = (QLineEdit, QAbstractButton, QAbstractItemView, QAbstractSpinBox)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if widget.objectName() == "qt_spinbox_lineedit":  # the spin box's own, named by it
            continue
        text = getattr(widget, "text", lambda: "")()
        if not widget.objectName().strip() or not (widget.accessibleName() or text):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def mnemonics(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root) and isinstance(widget, (QAbstractButton, QLabel, QCheckBox)):
            found += [m.lower() for m in re.findall(r"(?<!&)&([^&\s])", widget.text())]
    return found


def test_the_restore_dialog_is_named_and_keyboard_ready_at_each_step(qtbot, window: MainWindow):
    Backups(window.journal).back_up()
    dialog = open_dialog(qtbot, window)
    for _step in ("list", "confirm"):
        assert unnamed(dialog) == []
        letters = mnemonics(dialog)
        assert len(letters) == len(set(letters)), letters
        if dialog.pages.currentIndex() == 0:
            assert dialog.continue_button.isDefault()
            continue_to_confirm(qtbot, dialog)
    assert dialog.replace_button.isDefault()
    assert dialog.focusWidget() is dialog.confirm_page.passphrase
    dialog.confirm_page.use_recovery_key.setChecked(True)
    assert dialog.focusWidget() is dialog.confirm_page.recovery_key
    assert unnamed(dialog) == []


def test_preferences_backups_is_named_and_keyboard_ready(qtbot, window: MainWindow):
    page = BackupPreferences(window.journal)
    dialog = PreferencesDialog(window.settings, window.paths, window, [page])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(page)
    assert unnamed(page) == []
    letters = mnemonics(page)
    assert len(letters) == len(set(letters)), letters
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "&Backups"
