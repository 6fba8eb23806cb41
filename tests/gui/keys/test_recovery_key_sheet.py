"""The printable recovery-key sheet: HTML content, PDF on disk, printing through a dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.pdf_text import pdf_pages, pdf_text
from tkg_journal.security.recovery_sheet import parse_sheet
from tkg_journal.services import journal_access
from tkg_journal.ui.keys import recovery_key_sheet
from tkg_journal.ui.keys.recovery_key_sheet import print_sheet, save_sheet_pdf, sheet_html


def test_sheet_says_what_the_key_is_for_and_how_to_keep_it() -> None:
    key = journal_access.generate_recovery_key()
    page = sheet_html(key, date(2026, 3, 2))
    assert key in page
    assert "TKG Journal recovery key" in page
    assert "2 March 2026" in page
    assert "Anyone with this key and the journal file can read the journal." in page
    assert recovery_key_sheet.WHERE_TO_KEEP_HEADING in page
    assert recovery_key_sheet.WHAT_IT_UNLOCKS_HEADING in page


def test_saved_pdf_holds_the_key_and_nothing_else_is_left_behind(
    qtbot: QtBot, tmp_path: Path
) -> None:
    key = journal_access.generate_recovery_key()
    folder = tmp_path / "documents"
    folder.mkdir()
    target = folder / "recovery key.pdf"
    save_sheet_pdf(key, target, created=date(2026, 3, 2))

    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    assert key in text  # on one line, groups and dashes as shown on screen
    assert "Anyone with this key and the journal file can read the journal." in " ".join(
        text.split()
    )
    assert sorted(p.name for p in folder.iterdir()) == ["recovery key.pdf"]
    assert target.stat().st_mode & 0o077 == 0  # a secret: readable by its owner only


def test_the_sheet_with_its_block_is_one_page_that_reads_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    plan = journal_access.plan_keys()
    target = tmp_path / "sheet.pdf"
    save_sheet_pdf(plan.recovery_key, target, created=date(2026, 3, 2),
                   block_lines=plan.block_lines())
    pages = pdf_pages(target)
    assert len(pages) == 1
    text = pages[0]
    for line in plan.block_lines():
        assert line in text  # each line of the block whole, as shown on screen
    assert "Keep this whole page as safe as a key." in " ".join(text.split())
    assert "tkg-journal recover --recovery-key-file" in " ".join(text.split())
    # What is printed is a sheet `recover` reads: the key and block, prose skipped.
    sheet = parse_sheet(text)
    assert sheet.block is not None and sheet.block.unwrap(plan.recovery_key) == plan.key


def test_saving_again_replaces_the_old_sheet(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")
    key = journal_access.generate_recovery_key()
    save_sheet_pdf(key, target)
    assert key in pdf_text(target)


@pytest.mark.parametrize("folder", ["missing/deeper", "a-file"])
def test_a_folder_that_cannot_take_the_file_is_a_clear_oserror(
    qtbot: QtBot, tmp_path: Path, folder: str
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "a-file").write_text("not a folder")
    with pytest.raises(OSError, match="Cannot save the recovery key in"):
        save_sheet_pdf("ABCD-EFGH", documents / folder / "sheet.pdf")
    assert sorted(p.name for p in documents.rglob("*")) == ["a-file"]


def test_print_sends_the_sheet_to_the_chosen_printer(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"

    def choose_pdf_printer(dialog: QPrintDialog) -> int:
        # What a user does in the dialog: pick "print to file" and press Print.
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", choose_pdf_printer)
    key = journal_access.generate_recovery_key()
    assert print_sheet(key, None) is True
    assert key in pdf_text(out)


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"

    def cancel(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    assert print_sheet("ABCD", None) is False
    assert not out.exists()
