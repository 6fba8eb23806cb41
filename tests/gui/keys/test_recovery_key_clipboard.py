"""Copying the recovery sheet: it goes on the clipboard marked as a secret, the panel says
for how long, and it leaves the clipboard after that time or when the dialog showing it
closes; what the user copied since stays."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QVBoxLayout
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.ui.common import secret_clipboard
from tkg_journal.ui.keys import recovery_key_panel
from tkg_journal.ui.keys.new_recovery_key_dialog import NewRecoveryKeyDialog
from tkg_journal.ui.keys.recovery_key_panel import CLEARED, RecoveryKeyPanel

KEY = "7K3Q-M0ZD-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
BLOCK = ["AAAA BBBB CCCC DDDD EEEE FFFF GGGG HHHH"]
WINDOWS_FORMAT = (
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
)


def panel_in_dialog(qtbot: QtBot) -> tuple[QDialog, RecoveryKeyPanel]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    panel = RecoveryKeyPanel(KEY, "Keep it.", block_lines=BLOCK)
    QVBoxLayout(dialog).addWidget(panel)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, panel


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def test_copy_marks_the_sheet_as_a_secret_and_says_when_it_is_cleared(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recovery_key_panel, "FEEDBACK_MS", 50)  # how long other notes stay
    _dialog, panel = panel_in_dialog(qtbot)
    panel.copy_button.click()
    data = QGuiApplication.clipboard().mimeData()
    assert data is not None and data.text() == panel.sheet_text()
    assert bytes(data.data("x-kde-passwordManagerHint").data()) == b"secret"
    assert data.hasFormat(WINDOWS_FORMAT)
    assert panel.feedback_label.text() == "Copied; the clipboard is cleared in 45 s"
    qtbot.wait(300)  # longer than other notes stay: this one is a promise
    assert panel.feedback_label.text() == "Copied; the clipboard is cleared in 45 s"


def test_the_copy_is_cleared_after_its_time(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secret_clipboard, "CLEAR_AFTER_MS", 200)
    _dialog, panel = panel_in_dialog(qtbot)
    panel.copy_button.click()
    assert clipboard_text() == panel.sheet_text()
    assert panel.feedback_label.text() == "Copied; the clipboard is cleared in 1 s"
    qtbot.waitUntil(lambda: clipboard_text() == "", timeout=5_000)
    assert panel.feedback_label.text() == CLEARED


def test_the_copy_is_cleared_when_the_dialog_closes(qtbot: QtBot) -> None:
    dialog, panel = panel_in_dialog(qtbot)
    panel.copy_button.click()
    dialog.reject()
    assert clipboard_text() == ""


def test_what_the_user_copied_since_stays(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secret_clipboard, "CLEAR_AFTER_MS", 200)
    dialog, panel = panel_in_dialog(qtbot)
    panel.copy_button.click()
    QGuiApplication.clipboard().setText("a line from the user's own notes")
    qtbot.waitUntil(lambda: panel.feedback_label.text() == "", timeout=5_000)
    dialog.reject()
    assert clipboard_text() == "a line from the user's own notes"


def test_a_panel_deleted_unseen_takes_its_copy_along(qtbot: QtBot) -> None:
    panel = RecoveryKeyPanel(KEY, "Keep it.")
    panel.copy_button.click()
    assert clipboard_text() == KEY
    shiboken6.delete(panel)
    assert clipboard_text() == ""


def test_cancelling_the_new_recovery_key_dialog_clears_the_copied_sheet(
    qtbot: QtBot, journal_paths: JournalPaths
) -> None:
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    dialog = NewRecoveryKeyDialog(journal_paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        dialog.continue_button.click()
    assert dialog.panel is not None
    dialog.panel.copy_button.click()
    assert clipboard_text() == dialog.panel.sheet_text()
    dialog.cancel_button.click()
    assert clipboard_text() == ""
