"""File ▸ Export journal…: the whole journal written from the app, on a worker thread
with a progress bar, into private files; a bad place says why and writes nothing."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_export import ExportAllFormat
from tkg_journal.ui.portable.export_journal_dialog import ExportJournalDialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def dialog(qtbot, filled_journal: Journal, tmp_path: Path) -> Iterator[ExportJournalDialog]:
    window = ExportJournalDialog(filled_journal, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.job.wait()


def _choose(dialog: ExportJournalDialog, fmt: ExportAllFormat) -> None:
    dialog.findChild(type(dialog.all_radio), f"exportJournal_{fmt.value}").click()


def _export(qtbot, dialog: ExportJournalDialog) -> None:
    seen: list[tuple[int, int]] = []
    dialog.job.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(dialog.job.finished, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert seen and seen[-1][0] == seen[-1][1]  # the bar reached its end


def test_json_of_everything_with_progress_into_a_private_file(
    qtbot, dialog: ExportJournalDialog, filled_journal: Journal, tmp_path: Path
) -> None:
    today = filled_journal.clock().date().isoformat()
    assert dialog.path_edit.text() == str(tmp_path / f"tkg-journal-{today}.json")
    _export(qtbot, dialog)
    out = tmp_path / f"tkg-journal-{today}.json"
    document = json.loads(out.read_text("utf-8"))
    assert document["format"] == "tkg-journal-export"
    assert len(document["entries"]) == len(filled_journal.list_entries(limit=None))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert dialog.progress.value() == dialog.progress.maximum()
    assert "Exported 453 entries" in dialog.status.text()
    assert dialog.close_button.text() == "Close"
    assert dialog.export_button.isEnabled()


def test_markdown_goes_into_a_new_private_folder(
    qtbot, dialog: ExportJournalDialog, tmp_path: Path
) -> None:
    _choose(dialog, ExportAllFormat.MARKDOWN)
    out = Path(dialog.path_edit.text())
    assert out.suffix == ""  # a folder, named after the day
    _export(qtbot, dialog)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert len(list(out.glob("*/*/*.md"))) == 453


def test_a_period_exports_only_its_entries(
    qtbot, dialog: ExportJournalDialog, filled_journal: Journal
) -> None:
    _choose(dialog, ExportAllFormat.JRNL)
    dialog.period_radio.click()
    first = min(e.occurred_at for e in filled_journal.list_entries(limit=None)).date()
    day = QDate(first.year, first.month, first.day)
    dialog.since_edit.setDate(day)
    dialog.until_edit.setDate(day)
    selection = dialog.selection()
    assert selection.since is not None and selection.until is not None
    assert selection.since.date() == first and selection.until.date() == date.fromordinal(
        first.toordinal() + 1
    )
    _export(qtbot, dialog)
    assert dialog.counts is not None
    assert 0 < dialog.counts.entries < 453


def test_a_place_that_cannot_be_written_says_so_and_writes_nothing(
    qtbot, dialog: ExportJournalDialog, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    dialog.path_edit.setText(str(blocker / "journal.json"))
    with qtbot.waitSignal(dialog.job.failed, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "Not a directory" in dialog.error.text()
    assert dialog.progress.isHidden()
    assert dialog.export_button.isEnabled()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert blocker.read_text("utf-8") == "x"


def test_the_note_says_the_export_is_not_encrypted(dialog: ExportJournalDialog) -> None:
    assert "not encrypted" in dialog.note.text()
    assert dialog.note.isVisible()
