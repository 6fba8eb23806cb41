"""First-run set-up wizard: real widgets, real encrypted journals, real (test) keyrings."""

from __future__ import annotations

import re
import time
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import snapshot
from tests.pdf_text import pdf_text
from tkg_journal.paths import JournalPaths
from tkg_journal.security import kdf
from tkg_journal.security.recovery_sheet import parse_sheet
from tkg_journal.services import journal_access, sheet_recovery
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.keys import new_passphrase_form, recovery_key_panel, setup_wizard
from tkg_journal.ui.keys.setup_wizard import PROTECT_PAGE, RECOVERY_PAGE, START_PAGE, SetupWizard

Next = QWizard.WizardButton.NextButton
Finish = QWizard.WizardButton.FinishButton
Cancel = QWizard.WizardButton.CancelButton
W = TypeVar("W", bound=QWidget)


@pytest.fixture
def open_wizard(qtbot: QtBot, journal_paths: JournalPaths):  # type: ignore[no-untyped-def]
    """A shown wizard; the journal it creates (if any) is closed after the test."""
    wizards: list[SetupWizard] = []

    def make() -> SetupWizard:
        wizard = SetupWizard(journal_paths)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        wizards.append(wizard)
        return wizard

    yield make
    for wizard in wizards:
        if wizard.journal is not None:
            wizard.journal.close()


def find(wizard: QWidget, kind: type[W], name: str) -> W:
    widget = wizard.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def click(wizard: QWizard, which: QWizard.WizardButton) -> None:
    """Press a wizard button the way a user does (a disabled button does nothing)."""
    wizard.button(which).click()


def finish(qtbot: QtBot, wizard: SetupWizard) -> None:
    """Press Finish and wait for the journal to be made (off the GUI thread) or refused."""
    with qtbot.waitSignal(wizard.work.done, timeout=30_000):
        click(wizard, Finish)


def has_journal_files(paths: JournalPaths) -> bool:
    return paths.data_dir.exists() and any(paths.data_dir.iterdir())


# --- keyring available -------------------------------------------------------------------


def test_keyring_path_creates_a_keyring_journal_that_the_shown_key_also_opens(
    open_wizard, qtbot: QtBot, memory_keyring: MemoryKeyring, journal_paths: JournalPaths
) -> None:
    wizard = open_wizard()
    assert wizard.windowTitle() == "Set up TKG Journal"
    keyring_choice = find(wizard, QRadioButton, "keyringChoice")
    assert keyring_choice.isEnabled() and keyring_choice.isChecked()
    assert not find(wizard, QWidget, "passphraseBox").isVisible()
    assert wizard.button(Next).isEnabled()

    wizard.next()
    assert wizard.currentId() == RECOVERY_PAGE
    shown_key = find(wizard, QLineEdit, "recoveryKey").text()
    assert shown_key == wizard.recovery_key
    assert find(wizard, QLineEdit, "recoveryKey").isReadOnly()
    assert not wizard.button(Next).isEnabled()
    wizard.next()  # even when asked directly, the wizard waits for the checkbox
    assert wizard.currentId() == RECOVERY_PAGE

    find(wizard, QCheckBox, "recoveryKeyKept").click()
    assert wizard.button(Next).isEnabled()
    wizard.next()
    assert wizard.currentId() == START_PAGE
    assert find(wizard, QRadioButton, "startEmpty").isChecked()
    assert not has_journal_files(journal_paths)  # nothing written before Finish

    finish(qtbot, wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not wizard.isVisible()
    journal = wizard.journal
    assert journal is not None and journal.is_empty()
    journal.close()

    assert journal_access.key_mode(journal_paths) == "keyring"
    with journal_access.unlock(journal_paths) as reopened:
        assert reopened.is_empty()
    with journal_access.unlock(journal_paths, recovery_key=shown_key) as by_key:
        assert by_key.is_empty()


def test_the_sheet_shown_before_set_up_opens_the_journal_without_its_key_file(
    open_wizard, journal_paths: JournalPaths, qtbot: QtBot
) -> None:
    """The block is shown (and printed) before anything exists: it must be the created
    journal's recovery slot, so the sheet alone gets back in once journal.keys is lost."""
    wizard = open_wizard()
    find(wizard, QRadioButton, "passphraseChoice").click()
    qtbot.keyClicks(find(wizard, QLineEdit, "passphrase"), TEST_PASSPHRASE)
    qtbot.keyClicks(find(wizard, QLineEdit, "passphraseConfirm"), TEST_PASSPHRASE)
    click(wizard, Next)
    block = find(wizard, QPlainTextEdit, "recoveryBlock")
    assert block.isVisible() and block.isReadOnly()
    sheet_text = f"{wizard.recovery_key}\n{block.toPlainText()}"
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    finish(qtbot, wizard)
    assert wizard.journal is not None
    wizard.journal.close()
    assert journal_access.recovery_block_lines(journal_paths) == block.toPlainText().split("\n")

    journal_paths.key_file.unlink()
    journal_paths.key_file_copy.unlink()
    sheet = sheet_recovery.read_sheet(journal_paths, sheet_text)
    key = sheet_recovery.key_from_sheet(journal_paths, sheet)
    sheet_recovery.rebuild(journal_paths, sheet, key, passphrase="a new passphrase here")
    with journal_access.unlock(journal_paths, passphrase="a new passphrase here") as journal:
        assert journal.is_empty()
    assert parse_sheet(sheet_text).block == sheet.block


def test_going_back_and_forth_keeps_the_same_recovery_key(
    open_wizard, memory_keyring: MemoryKeyring
) -> None:
    wizard = open_wizard()
    click(wizard, Next)
    first = find(wizard, QLineEdit, "recoveryKey").text()
    wizard.back()
    click(wizard, Next)
    assert find(wizard, QLineEdit, "recoveryKey").text() == first


def test_sample_data_fills_the_new_journal(
    open_wizard, qtbot: QtBot, memory_keyring: MemoryKeyring, journal_paths: JournalPaths
) -> None:
    wizard = open_wizard()
    click(wizard, Next)
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    find(wizard, QRadioButton, "startWithSampleData").click()
    finish(qtbot, wizard)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.journal is not None
    assert wizard.journal.count_entries() == setup_wizard.SAMPLE_ENTRIES
    assert wizard.journal.tags()


def test_copy_puts_the_key_on_the_clipboard_and_says_so(
    open_wizard, memory_keyring: MemoryKeyring
) -> None:
    wizard = open_wizard()
    click(wizard, Next)
    feedback = find(wizard, QLabel, "recoveryKeyFeedback")
    assert feedback.text() == ""
    find(wizard, QPushButton, "copyRecoveryKey").click()
    # The whole sheet (key and block), as `tkg-journal recover --recovery-key-file` reads it.
    copied = parse_sheet(QGuiApplication.clipboard().text())
    assert copied.recovery_key == wizard.recovery_key.replace("-", "")
    assert copied.block is not None and copied.block.unwrap(wizard.recovery_key) is not None
    assert feedback.text() == "Copied; the clipboard is cleared in 45 s"


def test_save_as_pdf_writes_the_sheet_where_the_user_chose(
    open_wizard,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chosen = tmp_path / "home" / "my key"  # no extension typed: .pdf is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "PDF files")
    )
    wizard = open_wizard()
    click(wizard, Next)
    find(wizard, QPushButton, "saveRecoveryKeyPdf").click()

    saved = chosen.with_name("my key.pdf")
    assert wizard.recovery_key in pdf_text(saved)
    assert find(wizard, QLabel, "recoveryKeyFeedback").text() == "Saved"


def test_print_sends_the_sheet_to_the_printer_the_user_picks(
    open_wizard,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printed = tmp_path / "printed.pdf"

    def pick_print_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", pick_print_to_file)
    wizard = open_wizard()
    click(wizard, Next)
    find(wizard, QPushButton, "printRecoveryKey").click()

    assert wizard.recovery_key in pdf_text(printed)
    assert find(wizard, QLabel, "recoveryKeyFeedback").text() == recovery_key_panel.PRINTED


def test_a_failed_pdf_save_is_a_message_not_a_crash(
    open_wizard,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "no such folder" / "key.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files")
    )
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: warnings.append(text)
    )
    wizard = open_wizard()
    click(wizard, Next)
    find(wizard, QPushButton, "saveRecoveryKeyPdf").click()

    assert len(warnings) == 1 and "Cannot save the recovery key" in warnings[0]
    assert not target.parent.exists()
    assert find(wizard, QLabel, "recoveryKeyFeedback").text() == ""


def test_cancel_after_seeing_the_key_leaves_no_journal_files(
    open_wizard, memory_keyring: MemoryKeyring, journal_paths: JournalPaths
) -> None:
    wizard = open_wizard()
    click(wizard, Next)
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    assert wizard.currentId() == START_PAGE
    click(wizard, Cancel)

    assert wizard.result() == QWizard.DialogCode.Rejected
    assert wizard.journal is None
    assert not has_journal_files(journal_paths)
    assert not journal_access.exists(journal_paths)
    assert memory_keyring.entries == {}


def test_a_failure_at_finish_is_shown_and_the_wizard_stays_open(
    open_wizard,
    qtbot: QtBot,
    memory_keyring: MemoryKeyring,
    journal_paths: JournalPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wizard = open_wizard()
    click(wizard, Next)
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    # Meanwhile another window of the app created a journal in the same folder.
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    before = snapshot(journal_paths.data_dir)
    messages: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: messages.append(text)
    )
    finish(qtbot, wizard)

    assert len(messages) == 1 and "already exists" in messages[0]
    assert messages[0][0].isupper()
    assert wizard.isVisible() and wizard.currentId() == START_PAGE
    assert wizard.journal is None
    assert snapshot(journal_paths.data_dir) == before


# --- no keyring: passphrase ---------------------------------------------------------------


def fill_passphrase(qtbot: QtBot, wizard: SetupWizard, passphrase: str, confirm: str) -> None:
    for name, text in (("passphrase", passphrase), ("passphraseConfirm", confirm)):
        field = find(wizard, QLineEdit, name)
        field.clear()
        qtbot.keyClicks(field, text)


def test_the_hint_asks_for_what_the_rule_accepts(open_wizard, qtbot: QtBot) -> None:
    """The length the hint names is the service's minimum: a passphrase of exactly that
    length is taken, one shorter is not, and no other number is asked for."""
    wizard = open_wizard()
    advice = find(wizard, QLabel, "strengthAdvice")
    least = journal_access.MIN_PASSPHRASE_CHARS
    assert re.findall(r"\d+", advice.text()) == [str(least)]
    assert f"at least {least} characters" in advice.text().lower()
    just_enough = "Qu7!zr#e" + "x" * (least - 8)
    fill_passphrase(qtbot, wizard, just_enough, just_enough)
    assert wizard.button(Next).isEnabled()
    fill_passphrase(qtbot, wizard, just_enough[:-1], just_enough[:-1])
    assert not wizard.button(Next).isEnabled()
    assert re.findall(r"\d+", advice.text()) == [str(least)]


def test_without_a_keyring_the_passphrase_is_required(
    open_wizard, qtbot: QtBot, journal_paths: JournalPaths
) -> None:
    wizard = open_wizard()
    keyring_choice = find(wizard, QRadioButton, "keyringChoice")
    assert not keyring_choice.isEnabled()
    assert find(wizard, QLabel, "keyringNote").text() == setup_wizard.NO_KEYRING_NOTE
    assert find(wizard, QRadioButton, "passphraseChoice").isChecked()
    assert find(wizard, QWidget, "passphraseBox").isVisible()
    assert wizard.focusWidget() is find(wizard, QLineEdit, "passphrase")
    assert not wizard.button(Next).isEnabled()

    problem = find(wizard, QLabel, "passphraseProblem")
    fill_passphrase(qtbot, wizard, "short", "short")
    assert not wizard.button(Next).isEnabled()
    assert "at least 8 characters" in problem.text()

    fill_passphrase(qtbot, wizard, TEST_PASSPHRASE, TEST_PASSPHRASE + "!")
    assert not wizard.button(Next).isEnabled()
    assert problem.text() == new_passphrase_form.MISMATCH
    click(wizard, Next)
    assert wizard.currentId() == PROTECT_PAGE

    find(wizard, QLineEdit, "passphraseConfirm").backspace()
    assert wizard.button(Next).isEnabled()
    assert problem.text() == ""

    click(wizard, Next)
    shown_key = find(wizard, QLineEdit, "recoveryKey").text()
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    finish(qtbot, wizard)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.journal is not None
    wizard.journal.close()
    # The passphrase does not linger in the widgets once the journal exists.
    assert find(wizard, QLineEdit, "passphrase").text() == ""
    assert journal_access.key_mode(journal_paths) == "passphrase"
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.is_empty()
    with pytest.raises(USER_ERRORS):
        journal_access.unlock(journal_paths)
    with journal_access.unlock(journal_paths, recovery_key=shown_key.lower()) as journal:
        assert journal.is_empty()


def test_the_strength_hint_goes_from_weak_to_strong_as_the_user_types(
    open_wizard, qtbot: QtBot
) -> None:
    wizard = open_wizard()
    field = find(wizard, QLineEdit, "passphrase")
    label = find(wizard, QLabel, "strengthLabel")
    advice = find(wizard, QLabel, "strengthAdvice")
    seen: list[str] = []
    field.textChanged.connect(lambda _: seen.append(label.text()))

    qtbot.keyClicks(field, "password")
    assert label.text() == "Weak"
    assert "common" in advice.text()
    field.clear()
    qtbot.keyClicks(field, TEST_PASSPHRASE)
    assert label.text() == "Strong"
    changes = [level for previous, level in pairwise(["", *seen]) if level != previous]
    assert changes[-3:] == ["Weak", "Fair", "Strong"]  # every step shown, in order


def test_show_passphrase_reveals_both_fields(open_wizard) -> None:
    wizard = open_wizard()
    fields = [find(wizard, QLineEdit, n) for n in ("passphrase", "passphraseConfirm")]
    assert all(f.echoMode() == QLineEdit.EchoMode.Password for f in fields)
    find(wizard, QCheckBox, "showPassphrase").click()
    assert all(f.echoMode() == QLineEdit.EchoMode.Normal for f in fields)


def test_choosing_the_passphrase_even_with_a_keyring(
    open_wizard, qtbot: QtBot, memory_keyring: MemoryKeyring, journal_paths: JournalPaths
) -> None:
    wizard = open_wizard()
    box = find(wizard, QWidget, "passphraseBox")
    assert not box.isVisible()
    find(wizard, QRadioButton, "passphraseChoice").click()
    assert box.isVisible() and not wizard.button(Next).isEnabled()
    fill_passphrase(qtbot, wizard, TEST_PASSPHRASE, TEST_PASSPHRASE)
    click(wizard, Next)
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    finish(qtbot, wizard)

    assert wizard.journal is not None
    assert journal_access.key_mode(journal_paths) == "passphrase"
    assert memory_keyring.entries == {}


def test_creating_runs_off_the_gui_thread_and_cannot_be_cancelled_half_way(
    open_wizard, qtbot: QtBot, journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kdf.derive_key

    def slow(passphrase: str, salt: bytes, params: kdf.Argon2Params) -> bytes:
        time.sleep(0.5)  # as on a slow computer
        return real(passphrase, salt, params)

    monkeypatch.setattr(kdf, "derive_key", slow)
    wizard = open_wizard()
    fill_passphrase(qtbot, wizard, TEST_PASSPHRASE, TEST_PASSPHRASE)
    click(wizard, Next)
    find(wizard, QCheckBox, "recoveryKeyKept").click()
    click(wizard, Next)
    busy = find(wizard, QLabel, "busyLabel")
    ticks: list[bool] = []
    timer = QTimer(wizard)
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(busy.isVisible()))
    timer.start()
    with qtbot.waitSignal(wizard.work.done, timeout=30_000):
        click(wizard, Finish)
        assert busy.isVisible() and busy.text() == setup_wizard.CREATING
        assert not wizard.button(Finish).isEnabled() and not wizard.button(Cancel).isEnabled()
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # not half way: the journal is being made
        assert wizard.isVisible()
    timer.stop()

    assert ticks.count(True) >= 5, ticks  # the GUI thread went on while Argon2id ran
    assert wizard.result() == QWizard.DialogCode.Accepted and not busy.isVisible()
    assert wizard.journal is not None and wizard.journal.is_empty()
    assert find(wizard, QLineEdit, "passphrase").text() == ""
