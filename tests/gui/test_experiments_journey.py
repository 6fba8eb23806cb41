"""The experiments loop through the main window as a leader uses it: a conversation becomes
an experiment, attempts are logged from the toolbar over "days", it is completed; plus the
due view, the once-a-day reminder banner and what locking hides."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.app import build_main_window
from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.attention import DUE
from tkg_journal.ui.experiments.attempt_dialog import AttemptDialog
from tkg_journal.ui.experiments.experiment_dialog import ExperimentDialog
from tkg_journal.ui.main_window import MainWindow

SECRET_TITLE = "Pause-before-answering-9931"


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, filled_journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, filled_journal)
    main.notifier.set_services(None, None)  # tests below start reminders when they want them
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def _active_experiment(journal: Journal, *, title: str = SECRET_TITLE, start: date | None = None,
                       due: date | None = None) -> Experiment:
    from dataclasses import replace

    service = Experiments(journal)
    created = service.create(Experiment(
        title=title, level=Level.FOUNDATION, trigger="someone challenges my plan",
        old_behaviour="interrupting", new_response="pause and ask a question",
        start_date=start))
    started = service.start(created.id, on=start)
    # Time passes: the due date set at the start is behind us now.
    return service.update(replace(started, due_date=due)) if due else started


def test_a_conversation_becomes_an_experiment_prefilled(qtbot, window: MainWindow):
    experiments_view = window.experiments_section.experiments
    seen: list[ExperimentDialog] = []

    def accept_prefilled(dialog) -> bool:
        seen.append(dialog)
        # Pre-filled from the entry: trigger and level; the entry had no response written.
        assert "budget" in dialog.findChild(QWidget, "experimentTrigger").toPlainText().lower()
        dialog.findChild(QLineEdit, "experimentTitle").setText("Ask before defending")
        dialog.findChild(QWidget, "experimentOldBehaviour").setPlainText("defending the numbers")
        dialog.findChild(QWidget, "experimentNewResponse").setPlainText("ask what worries him")
        dialog.accept()
        return bool(dialog.result())

    experiments_view.run_dialog = accept_prefilled
    # The open entry is "Budget talk with Sam" (a conversation at Growth).
    assert window.journal_view.editor.draft().title == "Budget talk with Sam"
    window.entry_to_experiment()
    assert window.sections.currentWidget() is window.experiments_section
    assert len(seen) == 1
    [stored] = Experiments(window.journal).summaries()
    assert stored.experiment.title == "Ask before defending"
    assert stored.experiment.level is Level.GROWTH
    assert stored.experiment.source_entry_id is not None
    assert "budget" in stored.experiment.trigger.lower()


def test_attempts_logged_from_the_toolbar_then_completed(qtbot, window: MainWindow):
    experiment = _active_experiment(window.journal)
    outcomes = iter([(DidIt.NO, -1), (DidIt.PARTIAL, 0), (DidIt.YES, 2)])

    def log_one(dialog) -> bool:
        assert isinstance(dialog, AttemptDialog)
        did_it, outcome = next(outcomes)
        dialog.did_it_buttons[did_it].click()
        dialog.outcome_buttons[outcome].click()
        return dialog.log() is not None

    window.run_dialog = log_one
    for _ in range(3):
        window.log_attempt_action.trigger()
    attempts = Experiments(window.journal).attempts(experiment.id)
    assert [(a.did_it, a.outcome) for a in attempts] == [
        (DidIt.NO, -1), (DidIt.PARTIAL, 0), (DidIt.YES, 2)]
    view = window.experiments_section.experiments
    assert view.current_experiment().id == experiment.id
    assert view.attempts_model.rowCount() == 3
    assert window.save_status.text() == "Attempt logged"

    completed = Experiments(window.journal).complete(experiment.id, learning="Pausing works",
                                                     belief_after=80)
    assert completed.status is ExperimentStatus.COMPLETED


def test_due_view_and_a_reminder_banner_once_a_day(qtbot, journal_paths: JournalPaths,
                                                   window: MainWindow):
    today = window.journal.clock().date()
    _active_experiment(window.journal, start=today - timedelta(days=10),
                       due=today - timedelta(days=2))
    window.notifier._tray_available = lambda: False  # no tray: a line of the window's bar
    window.notifier.set_services(window._experiments, None)
    assert window.attention.isVisible()
    assert window.attention.kinds() == [DUE]  # an empty journal: no rating prompt yet
    assert SECRET_TITLE in window.attention.line_text(DUE)
    window.due_action.trigger()
    assert window.experiments_section.tabs.currentWidget() is window.experiments_section.due
    assert window.experiments_section.due.model.rowCount() == 1
    assert not window.attention.isVisible()  # showing the list answers the reminder

    window.lock()
    assert SECRET_TITLE not in _all_text(window)
    window._unlocker = lambda parent: journal_access.unlock(journal_paths,
                                                            passphrase=TEST_PASSPHRASE)
    window.unlock()
    assert not window.attention.isVisible()  # reminded once today already


def test_locking_hides_every_experiment(qtbot, window: MainWindow):
    _active_experiment(window.journal)
    window.show_section(1)
    window.experiments_section.refresh()
    assert SECRET_TITLE in _all_text(window) or window.experiments_section.experiments.model \
        .rowCount() == 1
    window.lock()
    assert SECRET_TITLE not in _all_text(window)
    assert window.experiments_section.experiments.model.rowCount() == 0
    assert not window.log_attempt_action.isEnabled()


def _all_text(window: QWidget) -> str:
    parts = [w.text() for w in window.findChildren(QLineEdit)]
    parts += [w.toPlainText() for w in window.findChildren(QPlainTextEdit)]
    parts += [w.text() for w in window.findChildren(QLabel)]
    section = window.experiments_section
    for model in (section.experiments.model, section.due.model):
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                parts.append(str(model.index(row, column).data()))
    return "\n".join(parts)
