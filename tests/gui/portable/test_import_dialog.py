"""File ▸ Import…: what would come in is shown before anything is written; Import stores
it all or nothing; a file that cannot be read says why and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.imports import ImportSource
from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_export import ExportAllFormat, export_all
from tkg_journal.ui.portable.import_dialog import ImportDialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

PASSPHRASE = "import dialog passphrase"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Journal]:
    created = journal_access.create(JournalPaths(tmp_path / "empty"), passphrase=PASSPHRASE)
    yield created.journal
    created.journal.close()


@pytest.fixture
def dialog(qtbot, empty: Journal, tmp_path: Path) -> Iterator[ImportDialog]:
    window = ImportDialog(empty, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.job.wait()


def _source(dialog: ImportDialog, source: ImportSource) -> None:
    button = dialog.findChild(QRadioButton, f"import_{source.value}")
    assert button is not None
    button.click()


def _check(qtbot, dialog: ImportDialog, path: Path) -> None:
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(dialog.job.finished, timeout=30_000):
        dialog.check()


def test_our_json_is_previewed_then_imported_then_recognised(
    qtbot, dialog: ImportDialog, filled_journal: Journal, empty: Journal, tmp_path: Path
) -> None:
    export = tmp_path / "all.json"
    export_all(filled_journal, ExportAllFormat.JSON, export)
    _check(qtbot, dialog, export)
    assert dialog.status.text().startswith("Ready to import: 453 entries")
    assert dialog.import_button.isEnabled()
    assert empty.list_entries(limit=1) == []  # the preview wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Imported 453 entries")
    assert len(empty.list_entries(limit=None)) == 453
    assert dialog.close_button.text() == "Close"
    # The same file again: nothing new, nothing to press.
    dialog._forget_preview()
    _check(qtbot, dialog, export)
    assert "nothing to import" in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def test_a_markdown_folder_is_counted_before_it_comes_in(
    qtbot, dialog: ImportDialog, empty: Journal, tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2026-03-02 Budget talk.md").write_text("# Budget talk\n\nSam pushed back.\n")
    (notes / "2026-03-05 Offsite.md").write_text("Planning the offsite.\n")
    _source(dialog, ImportSource.MARKDOWN)
    _check(qtbot, dialog, notes)
    assert dialog.status.text().startswith("Ready to import: 2 entries")
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    titles = sorted(entry.title for entry in empty.list_entries(limit=None))
    assert "Budget talk" in titles


def test_a_file_that_is_not_an_export_says_why_and_changes_nothing(
    qtbot, dialog: ImportDialog, empty: Journal, tmp_path: Path
) -> None:
    bad = tmp_path / "not-an-export.json"
    bad.write_text('{"format": "something else", "version": 1}', encoding="utf-8")
    dialog.path_edit.setText(str(bad))
    with qtbot.waitSignal(dialog.job.failed, timeout=30_000):
        dialog.check()
    assert dialog.error.isVisible() and dialog.error.text()
    assert not dialog.import_button.isEnabled()
    assert empty.list_entries(limit=1) == []
    # Choosing another source forgets the error and waits for a file again.
    _source(dialog, ImportSource.DAYONE)
    assert dialog.error.isHidden()
