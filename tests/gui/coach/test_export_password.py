"""The Export summary dialog's PDF password (issue 15, "a PDF only the coach opens"), over
the journal with known content (tests/summary_journal.py): a typed password locks the PDF,
an empty one writes the PDF as before, and Markdown and HTML say plainly that they cannot
carry a password."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.locked_pdf import assert_locked, pdftotext
from tests.summary_journal import PRIVATE_TITLES, SHARED_TITLES, at, fill
from tkg_journal.services.export import ExportFormat
from tkg_journal.services.journal import Journal
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.coach.export_dialog import ExportDialog
from tkg_journal.ui.coach.pdf_password_field import PdfPasswordField
from tkg_journal.ui.common import form_state

EXPORT_TIMEOUT_MS = 60_000
PASSWORD = "Coach only, 2026!"
TARGET = "coach-summary-2026-11-24.pdf"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def dialog(qtbot, journal: Journal, out: Path) -> Iterator[ExportDialog]:
    fill(journal)
    journal.clock = lambda: at(24, 12)
    dialog = ExportDialog(journal, folder=out)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.refresh_preview()
    dialog.charts_check.click()  # charts are not what these tests are about: faster
    yield dialog


def field(dialog: ExportDialog) -> PdfPasswordField:
    return dialog.form.password_field


def set_format(dialog: ExportDialog, fmt: ExportFormat) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt.value))


def export_and_wait(qtbot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=EXPORT_TIMEOUT_MS)


def test_a_typed_password_locks_the_pdf(qtbot, dialog: ExportDialog, out: Path) -> None:
    password = field(dialog)
    assert password.edit.isEnabled() and password.edit.text() == ""
    assert password.edit.echoMode() == QLineEdit.EchoMode.Password
    assert "not encrypted" in dialog.note.text()

    qtbot.keyClicks(password.edit, PASSWORD)
    assert password.edit.echoMode() == QLineEdit.EchoMode.Password  # hidden as it is typed
    assert password.hint.text() and password.hint.text() != texts.PASSWORD_HINT_EMPTY
    assert password.edit.accessibleDescription() == password.hint.text()
    assert dialog.note.text() == texts.PROTECTED  # the note beside Export follows
    password.show_check.click()
    assert password.edit.echoMode() == QLineEdit.EchoMode.Normal
    password.show_check.click()
    assert password.edit.echoMode() == QLineEdit.EchoMode.Password

    export_and_wait(qtbot, dialog)
    assert dialog.error_text() == ""
    assert dialog.result_label.text() == texts.SAVED_PROTECTED.format(path=out / TARGET)
    assert dialog.last_result() is not None and dialog.last_result().protected
    assert_locked(out / TARGET, PASSWORD, SHARED_TITLES[0], "Before my coach session")
    assert stat.S_IMODE(os.stat(out / TARGET).st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == [TARGET]  # no temporary file
    assert PASSWORD not in dialog.result_label.text() + dialog.note.text()


def test_an_empty_password_writes_the_pdf_as_before(qtbot, dialog: ExportDialog, out: Path) -> None:
    assert field(dialog).hint.text() == texts.PASSWORD_HINT_EMPTY
    export_and_wait(qtbot, dialog)
    assert dialog.result_label.text() == texts.SAVED.format(path=out / TARGET)
    opened = pdftotext(out / TARGET)
    assert opened.returncode == 0 and SHARED_TITLES[0] in opened.stdout
    assert PRIVATE_TITLES[0] not in opened.stdout


@pytest.mark.parametrize("fmt", [ExportFormat.MARKDOWN, ExportFormat.HTML])
def test_markdown_and_html_say_they_cannot_carry_a_password(
    qtbot, dialog: ExportDialog, out: Path, fmt: ExportFormat
) -> None:
    password = field(dialog)
    qtbot.keyClicks(password.edit, PASSWORD)
    assert password.format_note.isHidden()

    set_format(dialog, fmt)
    assert not password.edit.isEnabled() and not password.show_check.isEnabled()
    assert password.format_note.isVisible()
    assert "cannot carry a password" in password.format_note.text()
    assert password.hint.isHidden()
    assert "not encrypted" in dialog.note.text()  # a typed password protects nothing here
    export_and_wait(qtbot, dialog)
    assert dialog.error_text() == ""
    written = out / f"coach-summary-2026-11-24{fmt.suffix}"
    assert SHARED_TITLES[0] in written.read_text(encoding="utf-8")
    assert dialog.last_result() is not None and not dialog.last_result().protected

    # A typed file name picks the format, and the field follows it as well.
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(out / "again.pdf"))
    assert dialog.chosen_format() is ExportFormat.PDF
    assert password.edit.isEnabled() and password.format_note.isHidden()
    assert password.edit.text() == PASSWORD  # kept while another format was chosen
    assert dialog.note.text() == texts.PROTECTED


def test_a_password_a_pdf_cannot_use_is_refused_without_showing_it(
    qtbot, dialog: ExportDialog, out: Path
) -> None:
    field(dialog).edit.setText("zero\u200bwidth")  # a character PDF readers drop
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_running()
    assert "PDF readers change or drop" in dialog.error_text()
    assert "zero" not in dialog.error_text() and "width" not in dialog.error_text()
    assert list(out.iterdir()) == []


def test_the_new_controls_are_named_and_labelled(dialog: ExportDialog) -> None:
    password = field(dialog)
    for widget in (password.edit, password.show_check):
        assert widget.objectName() and widget.accessibleName(), widget
    assert password.hint.objectName() and password.format_note.objectName()
    buddies = [label for label in dialog.findChildren(type(dialog.note))
               if label.buddy() is password.edit]
    assert [label.text() for label in buddies] == [texts.PASSWORD_LABEL]
    order = dialog.form.focus_order()
    assert order.index(password.edit) == order.index(dialog.choose_button) + 1


def test_locking_forgets_the_password_and_keeps_it_in_no_draft(
    qtbot, dialog: ExportDialog
) -> None:
    qtbot.keyClicks(field(dialog).edit, PASSWORD)
    # What the lock keeps of the dialog's input: never the password, even while shown.
    assert PASSWORD not in repr(form_state.capture(dialog))
    field(dialog).show_check.click()
    assert PASSWORD not in repr(form_state.capture(dialog))
    dialog.close_for_lock()
    assert field(dialog).edit.text() == ""
    assert field(dialog).edit.echoMode() == QLineEdit.EchoMode.Password
