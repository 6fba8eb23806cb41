"""File > Re-encrypt journal: what happens is said first, the passphrase confirms it, the
re-encryption runs off the GUI thread with a progress bar, and the new recovery sheet is
shown as set-up shows it until it is kept. A refusal or failure changes nothing, and the
journal opens again with whichever key opens it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file
from tkg_journal.security.recovery_sheet import parse_sheet
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal
from tkg_journal.ui.keys.reencrypt_dialog import ReencryptDialog

SCREEN = (1024, 600)


def releasing(journal: Journal) -> Callable[[], bool]:
    """What the main window gives: close the app's own connection (locking)."""
    def release() -> bool:
        journal.close()
        return True
    return release


def open_dialog(qtbot: QtBot, paths: JournalPaths, release: Callable[[], bool]
                ) -> ReencryptDialog:
    dialog = ReencryptDialog(paths, release=release)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fits_the_screen(widget: QWidget) -> None:
    hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
    assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], hint


def test_re_encrypts_with_progress_then_shows_the_new_sheet_until_kept(
        qtbot: QtBot, journal_paths: JournalPaths, filled_journal: Journal) -> None:
    old_key = journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)
    dialog = open_dialog(qtbot, journal_paths, releasing(filled_journal))
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Backups made before today keep their own keys" in texts
    assert "Your passphrase stays the same" in texts
    fits_the_screen(dialog)
    assert not dialog.start_button.isEnabled()  # the passphrase first
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
    seen: list[int] = []
    dialog.progress_bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):  # the passphrase checked
        dialog.start_button.click()
        assert dialog.busy.isVisible() and not dialog.start_button.isEnabled()
    assert dialog.passphrase_edit.text() == "" and not dialog.busy.isVisible()
    qtbot.waitUntil(lambda: dialog.panel is not None, timeout=60_000)
    assert dialog.panel is not None
    assert seen and seen == sorted(seen) and seen[-1] == 1000

    # The sheet, as set-up shows it: key and block, and it must be kept to go on.
    sheet = parse_sheet(dialog.panel.sheet_text())
    assert sheet.block is not None and sheet.block.generation == 2
    assert dialog.panel.block_field.isVisible()
    fits_the_screen(dialog)
    assert not dialog.done_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # not closed before the sheet is kept
    assert dialog.isVisible()
    dialog.panel.kept_checkbox.click()
    dialog.done_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    new_key = dialog.journal_key()
    assert new_key is not None and new_key != old_key
    with journal_access.open_with_key(journal_paths, new_key) as journal:
        assert journal.count_entries() == 453
    assert key_file.read(journal_paths.key_file).generation == 2
    journal_access.unlock(journal_paths, recovery_key=dialog.panel.sheet_text()).close()
    journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE).close()  # unchanged


def test_a_wrong_passphrase_changes_nothing_and_keeps_the_journal_open(
        qtbot: QtBot, journal_paths: JournalPaths, filled_journal: Journal) -> None:
    released: list[bool] = []
    dialog = open_dialog(qtbot, journal_paths, lambda: released.append(True) or True)
    before = snapshot(journal_paths.data_dir)
    qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        dialog.start_button.click()
    assert "wrong passphrase" in dialog.error_label.text().lower()
    assert released == [] and dialog.journal_key() is None
    assert snapshot(journal_paths.data_dir) == before
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_failure_is_shown_and_the_old_key_opens_the_journal_again(
        qtbot: QtBot, journal_paths: JournalPaths, filled_journal: Journal) -> None:
    # Another window still has the journal open: the re-encryption must refuse.
    dialog = open_dialog(qtbot, journal_paths, lambda: True)
    old_key = journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)
    kept = {name: (journal_paths.data_dir / name).read_bytes()
            for name in ("journal.db", "journal.keys")}
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert "open in another window" in dialog.error_label.text()
    assert dialog.panel is None and dialog.pages.currentIndex() == 0
    qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)  # to try again
    assert dialog.start_button.isEnabled()
    assert dialog.journal_key() == old_key  # what the window reopens the journal with
    assert {name: (journal_paths.data_dir / name).read_bytes() for name in kept} == kept
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_keyring_journal_needs_no_passphrase(
        qtbot: QtBot, journal_paths: JournalPaths, memory_keyring: MemoryKeyring) -> None:
    created = journal_access.create(journal_paths)
    dialog = open_dialog(qtbot, journal_paths, releasing(created.journal))
    assert not dialog.passphrase_edit.isVisible() and dialog.start_button.isEnabled()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.panel is not None, timeout=60_000)
    assert dialog.panel is not None
    dialog.panel.kept_checkbox.click()
    dialog.done_button.click()
    with journal_access.unlock(journal_paths) as journal:  # the keyring has the new key
        assert journal.is_empty()


def test_the_file_menu_re_encrypts_and_the_window_goes_on_with_the_new_key(
        qtbot: QtBot, journal_paths: JournalPaths, filled_journal: Journal) -> None:
    from tkg_journal.ui.common.app_settings import AppSettings
    from tkg_journal.ui.keys.reencrypt_dialog import DONE_MESSAGE
    from tkg_journal.ui.main_window import MainWindow

    filled_journal.close()  # the window opens its own
    journal = journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)
    window = MainWindow(journal_paths, AppSettings(journal_paths), unlocker=lambda _: None)
    qtbot.addWidget(window)
    window.set_journal(journal)

    def reencrypt(dialog: QWidget) -> int:
        assert isinstance(dialog, ReencryptDialog)
        qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
        with qtbot.waitSignal(dialog.work.done, timeout=10_000):  # the passphrase checked
            dialog.start_button.click()
        assert window.journal is None  # closed (locked) while it runs
        qtbot.waitUntil(lambda: dialog.panel is not None, timeout=60_000)
        assert dialog.panel is not None
        dialog.panel.kept_checkbox.click()
        dialog.done_button.click()
        return dialog.result()

    window.run_dialog = reencrypt  # type: ignore[method-assign]
    assert window.reencrypt_action.isEnabled()
    window.reencrypt_action.trigger()
    assert window.save_status.text() == DONE_MESSAGE
    assert window.journal is not None and window.journal.count_entries() == 453
    assert key_file.read(journal_paths.key_file).generation == 2
    window.lock()
