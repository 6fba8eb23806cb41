"""The shell's side of File ▸ Export journal… and File ▸ Import…: what is being written is
saved first (so it is in the export), and after an import every section shows what came
in. The dialogs themselves are in ``ui/portable``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.ui.common.places import documents_folder
from tkg_journal.ui.portable.export_journal_dialog import ExportJournalDialog
from tkg_journal.ui.portable.import_dialog import ImportDialog

if TYPE_CHECKING:
    from tkg_journal.ui.main_window import MainWindow


def export_journal(window: MainWindow) -> None:
    """File ▸ Export journal…"""
    journal = window.journal
    if journal is None or not window.journal_view.flush():
        return
    window.coach_sessions_view.flush()
    dialog = ExportJournalDialog(journal, documents_folder(), window)
    try:
        window.run_dialog(dialog)
    finally:
        dialog.deleteLater()


def import_into(window: MainWindow) -> None:
    """File ▸ Import…"""
    journal = window.journal
    if journal is None or not window.journal_view.flush():
        return
    dialog = ImportDialog(journal, Path.home(), window)
    dialog.imported.connect(lambda _counts: _show_imported(window))
    try:
        window.run_dialog(dialog)
    finally:
        dialog.deleteLater()


def _show_imported(window: MainWindow) -> None:
    window.journal_view.entries_imported()
    window.experiments_section.refresh()
    window.coach_sessions_view.refresh()
