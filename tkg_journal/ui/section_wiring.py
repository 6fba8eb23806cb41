"""How the main window's sections talk to the window and to each other.

Feature packages never import each other (pyproject's import-linter contracts): a section
emits a signal and the shell connects it here, in one place, so the main window stays a
shell of menus, actions and the journal's lifetime. Each section's status lines go to the
status bar and its errors to a dialog; the links between sections are the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tkg_journal.ui.main_window import MainWindow

#: The Journal section's place among the sections.
JOURNAL_SECTION = 0


def wire_sections(window: MainWindow) -> None:
    """Connect every section's signals to ``window`` and to the other sections."""
    status, error = window.save_status.setText, window.show_error
    experiments = window.experiments_section.experiments
    due = window.experiments_section.due
    sessions = window.coach_sessions_view
    for view in (window.journal_view, experiments, window.progress_view, sessions):
        view.status.connect(status)
        view.error.connect(error)
    due.error.connect(error)
    experiments.log_attempt_requested.connect(window.log_attempt)
    due.log_attempt_requested.connect(window.log_attempt)
    sessions.export_requested.connect(window.export_summary)
    sessions.experiment_requested.connect(window.commitment_to_experiment)
    sessions.changed.connect(window.experiments_section.refresh)  # the due list's action items
    due.commitment_done.connect(lambda _id: sessions.refresh())

    def show_entries(entry_ids: Sequence[int], what: str) -> None:
        # A person or a root hint picked in Progress ▸ Patterns: their entries, in the journal.
        window.show_section(JOURNAL_SECTION)
        window.journal_view.show_only(entry_ids, what)

    window.progress_view.show_entries_requested.connect(show_entries)
