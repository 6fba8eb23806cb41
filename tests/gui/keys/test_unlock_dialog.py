"""Unlock dialog: passphrase, recovery key, and restoring a lost keyring entry."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import keyring.backends.fail
import pytest
import shiboken6
import sqlcipher3
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import FailingKeyring, MemoryKeyring
from tests.helpers import entry, snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security import kdf
from tkg_journal.security.kdf import Argon2Params
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.keys.change_passphrase_dialog import AFTER_RECOVERY_TITLE
from tkg_journal.ui.keys.unlock_dialog import UnlockDialog


@pytest.fixture
def passphrase_journal(journal_paths: JournalPaths) -> str:
    """A passphrase journal on disk (closed); its recovery key."""
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.close()
    return created.recovery_key


@pytest.fixture
def dialogs(qtbot: QtBot) -> Iterator[list[UnlockDialog]]:
    """Dialogs made by a test; any journal they opened is closed afterwards."""
    made: list[UnlockDialog] = []
    yield made
    for dialog in made:
        if dialog.journal is not None:
            dialog.journal.close()


def show(
    qtbot: QtBot, dialogs: list[UnlockDialog], paths: JournalPaths, reason: str | None = None
) -> UnlockDialog:
    dialog = UnlockDialog(paths, reason=reason)
    qtbot.addWidget(dialog)
    dialogs.append(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer_modal(answer: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog (it blocks the caller in exec()) as soon as it shows."""

    def when_shown() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, UnlockDialog):
            QTimer.singleShot(10, when_shown)
            return
        try:
            answer(modal)
        except BaseException:
            modal.reject()  # fail the test (pytest-qt reports it), do not hang in exec()
            raise

    QTimer.singleShot(0, when_shown)


def field(dialog: UnlockDialog, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None
    return widget


def error_text(dialog: UnlockDialog) -> str:
    label = dialog.findChild(QLabel, "unlockError")
    assert label is not None
    return label.text()


def press_unlock(dialog: UnlockDialog) -> None:
    button = dialog.findChild(QPushButton, "unlockButton")
    assert button is not None
    button.click()


def unlock(qtbot: QtBot, dialog: UnlockDialog) -> None:
    """Press Unlock and wait for the attempt (it runs off the GUI thread) to end."""
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        press_unlock(dialog)


def test_opens_with_the_passphrase_field_focused(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    assert dialog.windowTitle() == "Unlock TKG Journal"
    passphrase = field(dialog, "unlockPassphrase")
    assert passphrase.isVisible()
    assert passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.focusWidget() is passphrase
    assert not field(dialog, "unlockRecoveryKey").isVisible()
    assert error_text(dialog) == ""


def test_wrong_passphrase_is_shown_and_nothing_changes(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    before = snapshot(journal_paths.data_dir)
    dialog = show(qtbot, dialogs, journal_paths)
    passphrase = field(dialog, "unlockPassphrase")
    qtbot.keyClicks(passphrase, "not the passphrase")
    with qtbot.waitSignal(dialog.work.done, timeout=10_000):
        qtbot.keyClick(passphrase, Qt.Key.Key_Return)  # Enter presses Unlock

    assert "Wrong passphrase" in error_text(dialog)
    label = dialog.findChild(QLabel, "unlockError")
    assert label is not None and label.isVisible()
    assert label.accessibleDescription() == error_text(dialog)
    assert passphrase.accessibleDescription() == error_text(dialog)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.journal is None
    assert dialog.focusWidget() is passphrase and passphrase.selectedText() == passphrase.text()
    assert snapshot(journal_paths.data_dir) == before


def test_right_passphrase_after_a_wrong_one_opens_a_working_journal(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    passphrase = field(dialog, "unlockPassphrase")
    qtbot.keyClicks(passphrase, "wrong")
    unlock(qtbot, dialog)
    assert error_text(dialog)
    qtbot.keyClicks(passphrase, TEST_PASSPHRASE)  # replaces the selected wrong text
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press_unlock(dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert passphrase.text() == ""  # not kept in the widget once used
    journal = dialog.journal
    assert journal is not None
    saved = journal.save_entry(entry(body="Opened through the dialog"))
    assert journal.get_entry(saved.id).body == "Opened through the dialog"


def test_an_empty_passphrase_asks_for_one_without_trying(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    press_unlock(dialog)
    assert error_text(dialog) == "Type your passphrase first."
    assert dialog.isVisible() and dialog.journal is None


def test_show_toggle_reveals_the_passphrase(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    dialog.show_passphrase.click()
    assert field(dialog, "unlockPassphrase").echoMode() == QLineEdit.EchoMode.Normal


def test_recovery_key_instead_of_the_passphrase(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    switch = dialog.findChild(QPushButton, "unlockUseRecoveryKey")
    assert switch is not None and switch.isVisible()
    switch.click()
    recovery = field(dialog, "unlockRecoveryKey")
    assert recovery.isVisible() and not field(dialog, "unlockPassphrase").isVisible()
    assert dialog.focusWidget() is recovery

    qtbot.keyClicks(recovery, "0000-0000-0000-0000-0000-0000-0000-0000")
    unlock(qtbot, dialog)
    assert "Wrong recovery key" in error_text(dialog)
    assert dialog.isVisible() and dialog.journal is None

    recovery.clear()
    typed = passphrase_journal.lower().replace("-", " ")  # as read off the printed sheet
    qtbot.keyClicks(recovery, typed)
    offered: list[str] = []

    def later(offer: QWidget) -> None:  # the offer of a new passphrase: not now
        offered.append(offer.windowTitle())
        offer.findChild(QPushButton, "changePassphraseCancel").click()

    answer_modal(later)
    unlock(qtbot, dialog)
    assert offered == [AFTER_RECOVERY_TITLE]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.journal is not None and dialog.journal.is_empty()
    # A passphrase journal stays a passphrase journal: the keyring is not involved, and
    # "Later" kept the old passphrase.
    assert journal_access.key_mode(journal_paths) == "passphrase"
    journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)


def test_after_the_recovery_key_a_new_passphrase_can_be_chosen(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    dialog.switch_button.click()
    qtbot.keyClicks(field(dialog, "unlockRecoveryKey"), passphrase_journal)
    new = "a brand new passphrase for the journal"

    def choose(offer: QWidget) -> None:
        assert not offer.findChild(QWidget, "currentPassphrase").isVisible()  # key is known
        for name in ("passphrase", "passphraseConfirm"):
            qtbot.keyClicks(offer.findChild(QLineEdit, name), new)
        offer.findChild(QPushButton, "changePassphraseButton").click()

    answer_modal(choose)
    unlock(qtbot, dialog)
    assert dialog.journal is not None
    assert dialog.passphrase_dialog is not None
    assert dialog.passphrase_dialog.result() == QDialog.DialogCode.Accepted
    journal_access.unlock_key(journal_paths, passphrase=new)
    with pytest.raises(USER_ERRORS):
        journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)
    journal_access.unlock_key(journal_paths, recovery_key=passphrase_journal)  # still works


def test_switching_back_to_the_passphrase(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    dialog.switch_button.click()
    dialog.switch_button.click()
    passphrase = field(dialog, "unlockPassphrase")
    assert passphrase.isVisible() and dialog.focusWidget() is passphrase
    qtbot.keyClicks(passphrase, TEST_PASSPHRASE)
    unlock(qtbot, dialog)
    assert dialog.journal is not None


def test_quit_leaves_the_journal_locked(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    quit_button = dialog.findChild(QPushButton, "unlockQuit")
    assert quit_button is not None
    quit_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.journal is None


# --- keyring journals that cannot get their key -------------------------------------------


@pytest.fixture
def keyring_journal(journal_paths: JournalPaths, memory_keyring: MemoryKeyring) -> str:
    """A keyring journal whose keyring entry is then lost; its recovery key."""
    created = journal_access.create(journal_paths)
    created.journal.close()
    memory_keyring.entries.clear()  # e.g. the system was reinstalled
    return created.recovery_key


def test_reason_mode_restores_the_lost_keyring_entry(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    keyring_journal: str,
    memory_keyring: MemoryKeyring,
) -> None:
    with pytest.raises(USER_ERRORS) as missing:
        journal_access.unlock(journal_paths)
    reason = "The keyring has no key for this journal."
    dialog = show(qtbot, dialogs, journal_paths, reason=reason)
    reason_label = dialog.findChild(QLabel, "unlockReason")
    assert reason_label is not None and reason_label.isVisible()
    assert reason_label.text() == reason
    assert not field(dialog, "unlockPassphrase").isVisible()
    assert not dialog.switch_button.isVisible()  # the recovery key is the only way
    recovery = field(dialog, "unlockRecoveryKey")
    assert recovery.isVisible() and dialog.focusWidget() is recovery

    qtbot.keyClicks(recovery, keyring_journal)
    unlock(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.journal is not None
    assert memory_keyring.entries  # the key is back
    with journal_access.unlock(journal_paths) as reopened:  # next start: nothing typed
        assert reopened.is_empty()
    assert missing.value is not None


def test_reason_mode_without_a_keyring_opens_but_changes_nothing(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    keyring_journal: str,
    failing_keyring: FailingKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A keyring that exists but refuses everything (locked): the journal still opens.
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: warnings.append(text)
    )
    key_file_before = journal_paths.key_file.read_bytes()
    dialog = show(qtbot, dialogs, journal_paths, reason="the OS keyring did not answer")
    assert dialog.findChild(QLabel, "unlockReason").text() == "The OS keyring did not answer."
    qtbot.keyClicks(field(dialog, "unlockRecoveryKey"), keyring_journal)
    unlock(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.journal is not None
    assert len(warnings) == 1 and "could not be put back into the keyring" in warnings[0]
    assert journal_paths.key_file.read_bytes() == key_file_before


def test_a_keyring_journal_without_a_reason_still_asks_for_the_recovery_key(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    keyring_journal: str,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    assert field(dialog, "unlockRecoveryKey").isVisible()
    assert not field(dialog, "unlockPassphrase").isVisible()
    reason_label = dialog.findChild(QLabel, "unlockReason")
    assert reason_label is not None and reason_label.isVisible() and reason_label.text()


def test_reason_mode_with_no_keyring_at_all_opens_and_leaves_the_files_alone(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    keyring_journal: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # e.g. the journal was copied here
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: warnings.append(text)
    )
    key_file_before = journal_paths.key_file.read_bytes()
    dialog = show(qtbot, dialogs, journal_paths, reason="No keyring here.")
    qtbot.keyClicks(field(dialog, "unlockRecoveryKey"), keyring_journal)
    unlock(qtbot, dialog)

    assert dialog.journal is not None
    assert warnings == []  # nowhere to put the key back: nothing to warn about
    assert journal_paths.key_file.read_bytes() == key_file_before


def test_a_key_file_put_back_from_its_copy_is_said_in_one_line(
    qtbot: QtBot, dialogs: list[UnlockDialog], journal_paths: JournalPaths,
    passphrase_journal: str,
) -> None:
    journal_paths.key_file.unlink()
    dialog = show(qtbot, dialogs, journal_paths)
    note = dialog.findChild(QLabel, "unlockNote")
    assert note is not None and note.isVisible()
    assert "was missing; it was put back from its copy journal.keys.copy" in note.text()
    assert "\n" not in note.text() and error_text(dialog) == ""
    qtbot.keyClicks(field(dialog, "unlockPassphrase"), TEST_PASSPHRASE)
    unlock(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.journal is not None


# --- the key is derived off the GUI thread ------------------------------------------------

SLOW_KDF_SECONDS = 0.8


@pytest.fixture
def slow_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id as slow as on a slow computer, so the tests can see what happens meanwhile."""
    real = kdf.derive_key

    def slow(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
        time.sleep(SLOW_KDF_SECONDS)
        return real(passphrase, salt, params)

    monkeypatch.setattr(kdf, "derive_key", slow)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Journal]:
    """Every journal the dialog's unlocks open."""
    journals: list[Journal] = []
    real = journal_access.unlock

    def recording(*args: object, **kwargs: object) -> Journal:
        journal = real(*args, **kwargs)  # type: ignore[arg-type]
        journals.append(journal)
        return journal

    monkeypatch.setattr(journal_access, "unlock", recording)
    return journals


def is_closed(journal: Journal) -> bool:
    try:
        journal.count_entries()
    except sqlcipher3.ProgrammingError:  # "Cannot operate on a closed database"
        return True
    return False


def test_the_dialog_stays_responsive_and_says_it_is_unlocking(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
    slow_kdf: None,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    passphrase = field(dialog, "unlockPassphrase")
    qtbot.keyClicks(passphrase, TEST_PASSPHRASE)
    indicator = dialog.findChild(QWidget, "busyIndicator")
    label = dialog.findChild(QLabel, "busyLabel")
    assert indicator is not None and label is not None and not indicator.isVisible()
    ticks: list[bool] = []  # per tick of a timer on the GUI thread: the indicator shown?
    timer = QTimer(dialog)
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(indicator.isVisible()))
    timer.start()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press_unlock(dialog)
        assert indicator.isVisible() and label.text() == "Unlocking\u2026"
        buttons = [dialog.findChild(QPushButton, name) for name in ("unlockButton", "unlockQuit")]
        assert not any(button.isEnabled() for button in buttons)
        assert not passphrase.isEnabled()
    timer.stop()

    # The derivation took SLOW_KDF_SECONDS; on the GUI thread no tick could have come.
    assert ticks.count(True) >= 5, ticks
    assert not indicator.isVisible()
    assert passphrase.text() == ""
    assert dialog.journal is not None


def test_a_wrong_passphrase_after_a_slow_derivation_is_shown(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
    slow_kdf: None,
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    passphrase = field(dialog, "unlockPassphrase")
    qtbot.keyClicks(passphrase, "not the passphrase")
    unlock(qtbot, dialog)
    assert "Wrong passphrase" in error_text(dialog)
    assert passphrase.isEnabled() and dialog.unlock_button.isEnabled()
    assert dialog.focusWidget() is passphrase
    assert not dialog.busy.isVisible() and dialog.journal is None


def test_escape_while_unlocking_closes_the_dialog_and_the_journal_it_opened(
    qtbot: QtBot,
    dialogs: list[UnlockDialog],
    journal_paths: JournalPaths,
    passphrase_journal: str,
    slow_kdf: None,
    opened: list[Journal],
) -> None:
    dialog = show(qtbot, dialogs, journal_paths)
    qtbot.keyClicks(field(dialog, "unlockPassphrase"), TEST_PASSPHRASE)
    press_unlock(dialog)
    assert dialog.work.is_busy()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.journal is None
    assert len(opened) == 1 and is_closed(opened[0])  # not left open behind the user
    qtbot.wait(50)  # nothing arrives later for the closed dialog
    assert dialog.journal is None


def test_deleting_the_dialog_while_unlocking_leaves_no_journal_open(
    qtbot: QtBot, journal_paths: JournalPaths, passphrase_journal: str, slow_kdf: None,
    opened: list[Journal],
) -> None:
    dialog = UnlockDialog(journal_paths)  # not given to qtbot: deleted here
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(field(dialog, "unlockPassphrase"), TEST_PASSPHRASE)
    press_unlock(dialog)
    shiboken6.delete(dialog)  # e.g. the app quits: waits for the worker, then goes
    qtbot.wait(50)
    assert len(opened) == 1 and is_closed(opened[0])
