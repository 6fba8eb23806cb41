"""Changing the passphrase from the app: it asks for the current one, rates and confirms
the new one, and only the key file changes (the journal opens with the new passphrase, not
the old, and the recovery key still works). Refusals are shown in the dialog and leave the
key file as it was; a keyring journal can switch to a passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import entry
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.keys.change_passphrase_dialog import (
    CHANGE_TITLE,
    FROM_KEYRING_TITLE,
    ChangePassphraseDialog,
    PassphraseChange,
)
from tkg_journal.ui.keys.new_passphrase_form import CONFIRM_HINT, MISMATCH

NEW = "a new passphrase for the journal"


@pytest.fixture
def recovery_key(journal_paths: JournalPaths) -> str:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        journal.add_entry(entry(title="Written before the change"))
    return created.recovery_key


def dialog_for(qtbot: QtBot, paths: JournalPaths) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_new(qtbot: QtBot, dialog: ChangePassphraseDialog, new: str, again: str) -> None:
    qtbot.keyClicks(dialog.fields.passphrase_edit, new)
    qtbot.keyClicks(dialog.fields.confirm_edit, again)


def press_change(qtbot: QtBot, dialog: ChangePassphraseDialog) -> None:
    """Press the button and wait for the change (Argon2id, off the GUI thread) to end."""
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        dialog.accept_button.click()


def key_file_bytes(paths: JournalPaths) -> bytes:
    return Path(paths.key_file).read_bytes()


def test_change_asks_the_current_passphrase_then_only_the_new_one_opens(
    qtbot: QtBot, journal_paths: JournalPaths, recovery_key: str
) -> None:
    dialog = dialog_for(qtbot, journal_paths)
    assert dialog.kind is PassphraseChange.CHANGE and dialog.windowTitle() == CHANGE_TITLE
    assert dialog.current_edit.isVisible() and dialog.focusWidget() is dialog.current_edit
    assert not dialog.accept_button.isEnabled()

    qtbot.keyClicks(dialog.current_edit, TEST_PASSPHRASE)
    qtbot.keyClicks(dialog.fields.passphrase_edit, NEW)
    assert dialog.fields.problem_label.text() == CONFIRM_HINT
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClicks(dialog.fields.confirm_edit, NEW)
    assert dialog.accept_button.isEnabled()
    press_change(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    # The secrets do not linger in the widgets.
    assert dialog.current_edit.text() == dialog.fields.passphrase() == ""
    with journal_access.unlock(journal_paths, passphrase=NEW) as journal:
        assert [s.title for s in journal.list_entries()] == ["Written before the change"]
    with pytest.raises(USER_ERRORS):
        journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)
    journal_access.unlock_key(journal_paths, recovery_key=recovery_key)


def test_a_wrong_current_passphrase_is_shown_and_changes_nothing(
    qtbot: QtBot, journal_paths: JournalPaths, recovery_key: str
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.current_edit, "not my passphrase at all")
    type_new(qtbot, dialog, NEW, NEW)
    press_change(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "passphrase" in dialog.error_label.text().lower()
    assert key_file_bytes(journal_paths) == before
    # Typing again clears the message; the right passphrase then works.
    dialog.current_edit.clear()
    assert dialog.error_label.text() == ""
    qtbot.keyClicks(dialog.current_edit, TEST_PASSPHRASE)
    press_change(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    journal_access.unlock_key(journal_paths, passphrase=NEW)


@pytest.mark.parametrize(("new", "again", "problem"), [
    ("short", "short", "at least"),
    (NEW, NEW + "!", MISMATCH),
])
def test_a_new_passphrase_that_cannot_be_used_keeps_the_button_off(
    qtbot: QtBot, journal_paths: JournalPaths, recovery_key: str,
    new: str, again: str, problem: str,
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.current_edit, TEST_PASSPHRASE)
    type_new(qtbot, dialog, new, again)
    assert problem in dialog.fields.problem_label.text()
    assert not dialog.accept_button.isEnabled()
    dialog.try_change()  # Enter, or a click that raced the check
    assert problem in dialog.error_label.text()
    assert dialog.isVisible() and key_file_bytes(journal_paths) == before


def test_cancel_changes_nothing(
    qtbot: QtBot, journal_paths: JournalPaths, recovery_key: str
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.current_edit, TEST_PASSPHRASE)
    type_new(qtbot, dialog, NEW, NEW)
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.fields.passphrase() == "" and dialog.current_edit.text() == ""
    assert key_file_bytes(journal_paths) == before


def test_a_keyring_journal_can_switch_to_a_passphrase(
    qtbot: QtBot, journal_paths: JournalPaths, memory_keyring: MemoryKeyring
) -> None:
    journal_access.create(journal_paths).journal.close()
    assert memory_keyring.entries
    dialog = dialog_for(qtbot, journal_paths)
    assert dialog.kind is PassphraseChange.FROM_KEYRING
    assert dialog.windowTitle() == FROM_KEYRING_TITLE
    assert not dialog.current_edit.isVisible()  # the keyring has the key
    type_new(qtbot, dialog, NEW, NEW)
    press_change(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert journal_access.key_mode(journal_paths) == "passphrase"
    assert memory_keyring.entries == {}  # the key left the keyring
    journal_access.unlock(journal_paths, passphrase=NEW).close()


def test_a_keyring_that_keeps_the_old_key_is_said_but_the_switch_stands(
    qtbot: QtBot, journal_paths: JournalPaths, memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal_access.create(journal_paths).journal.close()

    def locked(*_args: object) -> None:
        raise RuntimeError("Failed to unlock the collection!")

    monkeypatch.setattr(memory_keyring, "delete_password", locked)
    told: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda _parent, _title, text: told.append(text))
    dialog = dialog_for(qtbot, journal_paths)
    type_new(qtbot, dialog, NEW, NEW)
    press_change(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted  # the change stands
    [note] = told
    assert "could not remove the journal's old key" in note
    assert journal_access.key_mode(journal_paths) == "passphrase"
    journal_access.unlock(journal_paths, passphrase=NEW).close()


def test_errors_stay_readable_on_a_dark_theme(
    qtbot: QtBot, journal_paths: JournalPaths, recovery_key: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    app.setPalette(QPalette(QColor("#2b2b2b")))
    try:
        dark = dialog_for(qtbot, journal_paths)
        assert "#ff8a80" in dark.error_label.styleSheet()  # the light red
        qtbot.keyClicks(dark.fields.passphrase_edit, "short")
        assert "#ff8a80" in dark.fields.problem_label.styleSheet()
    finally:
        app.setPalette(previous)
    light = dialog_for(qtbot, journal_paths)
    assert "#b3261e" in light.error_label.styleSheet()


def test_closing_while_the_key_file_is_written_waits_for_it(
    qtbot: QtBot, journal_paths: JournalPaths, recovery_key: str
) -> None:
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.current_edit, TEST_PASSPHRASE)
    type_new(qtbot, dialog, NEW, NEW)
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        dialog.accept_button.click()
        assert dialog.busy.isVisible() and not dialog.cancel_button.isEnabled()
        assert not dialog.current_edit.isEnabled() and not dialog.fields.isEnabled()
        dialog.close()  # Escape or the window's close: not while the key file changes
        assert dialog.isVisible()
    # It went on, and says so: the new passphrase is the one that opens the journal.
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    journal_access.unlock_key(journal_paths, passphrase=NEW)
