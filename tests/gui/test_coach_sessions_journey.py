"""The coach-session loop through the main window, as a leader uses it: open Coach
sessions (Ctrl+4), record a session with a commitment, save with Ctrl+S, turn the
commitment into an experiment, see the other one in "Due and overdue", export the summary
from the window's action and lock (which empties the section)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from tests import summary_journal as known
from tests.gui.coach.test_coach_sessions_view import DUE, type_new_commitment
from tests.pdf_text import pdf_text
from tkg_journal.app import build_main_window
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.coach.export_dialog import ExportDialog
from tkg_journal.ui.experiments.experiment_dialog import ExperimentDialog
from tkg_journal.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    known.fill(journal)
    journal.clock = lambda: known.at(24, 10)
    main = build_main_window(journal_paths, journal)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def test_record_a_session_follow_up_and_export(
    qtbot, window: MainWindow, journal: Journal, tmp_path: Path
) -> None:
    view = window.coach_sessions_view
    window.section_actions[3].trigger()
    assert window.sections.currentWidget() is view
    assert view.header.text().startswith("Last session 10 Nov 2026")

    # Before the session: export from the window's action, since the last one.
    target = tmp_path / "exports" / "summary.pdf"
    target.parent.mkdir()

    def export(dialog: QWidget) -> int:
        assert isinstance(dialog, ExportDialog)
        dialog.path_edit.setText(str(target))
        qtbot.waitUntil(dialog.export_button.isEnabled)  # the preview was read
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
        dialog.accept()
        return 1

    window.run_dialog = export  # type: ignore[method-assign]
    window.export_action.trigger()
    text = " ".join(pdf_text(target).split())
    assert "Since the coach session of 10 Nov 2026" in text
    assert "Share the Q1 plan draft with the team" in text  # the open commitment
    assert window.save_status.text() == f"Summary saved to {target}"

    # After the session: record it.
    view.new_button.click()
    qtbot.keyClicks(view.topics_edit, "Board feedback")
    view.date_edit.setDate(QDate(2026, 11, 24))
    type_new_commitment(qtbot, view, "Ask the board chair for one concrete example")
    row = type_new_commitment(qtbot, view, "Send the board a one-page plan")
    view.commitments.setData(view.commitments.index(row, DUE), QDate(2026, 11, 24))
    window.save_action.trigger()  # Ctrl+S saves the session in this section
    sessions = CoachSessions(journal)
    latest = sessions.last_session()
    assert latest is not None and latest.topics == "Board feedback"
    first, second = latest.commitments

    # The first commitment becomes an experiment, linked to it.
    def fill_experiment(dialog: QWidget) -> int:
        assert isinstance(dialog, ExperimentDialog)
        dialog.trigger_edit.setPlainText("the board challenges a plan")
        dialog.old_edit.setPlainText("defending the plan")
        dialog.findChild(QWidget, "levelPicker").set_level(Level.FOUNDATION)
        dialog.accept()
        return int(dialog.result())

    window.run_dialog = fill_experiment  # type: ignore[method-assign]
    assert first.id is not None
    window.commitment_to_experiment(first.id)
    linked = next(c for c in sessions.get(latest.id).commitments if c.id == first.id)
    assert linked.experiment_id is not None
    made = Experiments(journal).get(linked.experiment_id)
    assert made.new_response == "Ask the board chair for one concrete example"

    # The second one, due today, is an action item in "Due and overdue".
    due = window.experiments_section.due
    due.refresh()
    assert due.commitment_row_for(second.id) is not None

    # Locking empties the section: no session text is left in the widget tree.
    window.lock()
    assert view.topics_edit.toPlainText() == ""
    assert view.model.rowCount() == 0
