"""Replacing the recovery key from the app: the passphrase first (a keyring journal reads
its key), then the whole new sheet (key and block) with ways to keep it; nothing changes
until it is kept and "Replace" confirmed. Then the new key opens the journal and the old
one does not; a refusal or Cancel leaves the key file as it was. The dialog says what the
old printout still opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tkg_journal.paths import JournalPaths
from tkg_journal.security.recovery_sheet import parse_sheet
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.keys.new_recovery_key_dialog import NewRecoveryKeyDialog


@pytest.fixture
def old_key(journal_paths: JournalPaths) -> str:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.close()
    return created.recovery_key


def dialog_for(qtbot: QtBot, paths: JournalPaths) -> NewRecoveryKeyDialog:
    dialog = NewRecoveryKeyDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press_continue(qtbot: QtBot, dialog: NewRecoveryKeyDialog) -> None:
    """Press Continue and wait for the passphrase check (off the GUI thread) to end."""
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        dialog.continue_button.click()


def key_file_bytes(paths: JournalPaths) -> bytes:
    return Path(paths.key_file).read_bytes()


def test_the_new_key_counts_only_once_kept_and_replaced(
    qtbot: QtBot, journal_paths: JournalPaths, old_key: str
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    assert dialog.panel is None and not dialog.continue_button.isEnabled()
    assert "until you re-encrypt it" in dialog.findChild(QLabel, "newRecoveryKeyIntro").text()
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
    press_continue(qtbot, dialog)
    assert dialog.panel is not None and dialog.passphrase_edit.text() == ""
    shown = dialog.panel.key_field.text()
    assert shown == dialog.recovery_key and shown != old_key
    assert dialog.panel.key_field.isReadOnly()
    # The new block is shown with the key, and the two are a whole sheet.
    sheet = parse_sheet(dialog.panel.sheet_text())
    assert sheet.block is not None and sheet.block.unwrap(shown) is not None
    assert dialog.panel.block_field.isVisible()
    assert not dialog.replace_button.isEnabled()  # not before the sheet is kept
    assert key_file_bytes(journal_paths) == before
    dialog.panel.kept_checkbox.click()
    assert dialog.replace_button.isEnabled()
    dialog.replace_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    journal_access.unlock_key(journal_paths, recovery_key=shown)
    with pytest.raises(USER_ERRORS):
        journal_access.unlock_key(journal_paths, recovery_key=old_key)
    journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)  # unchanged
    # The key file and its copy changed together; the block shown is the one written.
    assert journal_paths.key_file_copy.read_bytes() == key_file_bytes(journal_paths)
    assert journal_access.recovery_block_lines(journal_paths) == dialog.panel.sheet_text(
    ).splitlines()[3:]


def test_a_wrong_passphrase_is_shown_and_the_old_key_keeps_working(
    qtbot: QtBot, journal_paths: JournalPaths, old_key: str
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
    press_continue(qtbot, dialog)
    assert dialog.isVisible() and "passphrase" in dialog.error_label.text().lower()
    assert dialog.panel is None  # no new key is shown to a wrong passphrase
    assert key_file_bytes(journal_paths) == before
    journal_access.unlock_key(journal_paths, recovery_key=old_key)


def test_cancel_keeps_the_old_key(
    qtbot: QtBot, journal_paths: JournalPaths, old_key: str
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
    press_continue(qtbot, dialog)
    assert dialog.panel is not None
    dialog.panel.kept_checkbox.click()
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert key_file_bytes(journal_paths) == before


def test_a_keyring_journal_needs_no_passphrase(
    qtbot: QtBot, journal_paths: JournalPaths, memory_keyring: MemoryKeyring
) -> None:
    created = journal_access.create(journal_paths)
    created.journal.close()
    dialog = dialog_for(qtbot, journal_paths)
    assert not dialog.passphrase_edit.isVisible()
    assert dialog.continue_button.isEnabled()
    press_continue(qtbot, dialog)
    assert dialog.panel is not None
    dialog.panel.kept_checkbox.click()
    assert dialog.replace_button.isEnabled()
    dialog.replace_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    journal_access.unlock_key(journal_paths, recovery_key=dialog.recovery_key)
    with pytest.raises(USER_ERRORS):
        journal_access.unlock_key(journal_paths, recovery_key=created.recovery_key)
    assert journal_access.key_mode(journal_paths) == "keyring"


def test_cancel_while_the_passphrase_is_checked_changes_nothing(
    qtbot: QtBot, journal_paths: JournalPaths, old_key: str
) -> None:
    before = key_file_bytes(journal_paths)
    dialog = dialog_for(qtbot, journal_paths)
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
    dialog.continue_button.click()
    assert dialog.work.is_busy() and dialog.busy.isVisible()
    assert not dialog.passphrase_edit.isEnabled() and not dialog.continue_button.isEnabled()
    dialog.reject()  # Escape: waits for the check, then closes
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.work.is_busy()
    qtbot.wait(50)
    assert dialog.panel is None  # no sheet appears in the closed dialog
    assert key_file_bytes(journal_paths) == before
