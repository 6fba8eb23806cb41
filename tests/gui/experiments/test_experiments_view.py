"""The Experiments section over a real encrypted journal: the whole lifecycle through its
buttons, attempts in the table and the trend, search and filters, and locking.

Dialogs never run a modal loop here: the view's ``run_dialog`` and ``confirm`` are replaced
by functions that drive the dialog's widgets like a person and accept it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.helpers import entry
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.experiments.close_experiment_dialog import CloseExperimentDialog
from tkg_journal.ui.experiments.experiment_dialog import ExperimentDialog
from tkg_journal.ui.experiments.experiment_list_model import TITLE
from tkg_journal.ui.experiments.experiments_view import ExperimentsView
from tkg_journal.ui.experiments.new_due_date_dialog import NewDueDateDialog

SECRET = "Xylophone-secret-7781"  # a marker no widget may show once the journal is locked


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


@pytest.fixture
def view(qtbot, service: Experiments) -> Iterator[ExperimentsView]:
    widget = ExperimentsView()
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.set_service(service)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def child(parent: QWidget, name: str) -> QWidget:
    found = parent.findChild(QWidget, name)
    assert found is not None, f"no widget named {name}"
    return found


def drive(
    view: ExperimentsView, steps: Callable[[QDialog], None], seen: list[QDialog] | None = None
) -> None:
    """Every dialog the view opens from now on runs ``steps`` and is accepted."""

    def run(dialog: QDialog) -> bool:
        if seen is not None:
            seen.append(dialog)
        steps(dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    view.run_dialog = run  # type: ignore[method-assign]


def list_titles(view: ExperimentsView) -> list[str]:
    return [view.model.index(row, TITLE).data() for row in range(view.model.rowCount())]


def _stored(
    service: Experiments,
    title: str,
    level: Level = Level.GROWTH,
    *,
    status: ExperimentStatus = ExperimentStatus.PLANNED,
    **extra,
) -> Experiment:
    return service.create(
        Experiment(
            title=title,
            level=level,
            trigger="a peer pushes back on my plan",
            old_behaviour="defending it",
            new_response="ask one question first",
            status=status,
            **extra,
        )
    )


def test_an_experiment_is_created_started_logged_and_completed(qtbot, view, service):
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentDialog)
        for name, text in (
            ("experimentTitle", "Pause before answering"),
            ("experimentTrigger", "a peer pushes back on my plan"),
            ("experimentOldBehaviour", "defending it straight away"),
            ("experimentNewResponse", "ask one question first"),
        ):
            qtbot.keyClicks(child(dialog, name), text)
        dialog.level_picker.row(Level.FOUNDATION).click()
        child(dialog, "experimentBeliefBefore").setValue(40)

    drive(view, fill)
    with qtbot.waitSignal(view.changed):
        child(view, "experimentNew").click()
    assert list_titles(view) == ["Pause before answering"]
    assert view.title_label.text() == "Pause before answering"
    assert view.statement_label.text() == (
        "When a peer pushes back on my plan, instead of defending it straight away "
        "I will ask one question first."
    )
    assert view.status_label.text() == "Planned"
    assert child(view, "experimentStart").isEnabled()
    assert not child(view, "experimentLogAttempt").isEnabled()
    assert not child(view, "experimentComplete").isEnabled()
    assert not child(view, "experimentReopen").isEnabled()

    child(view, "experimentStart").click()
    experiment = view.current_experiment()
    assert experiment.status is ExperimentStatus.ACTIVE
    assert view.status_label.text().startswith("Active since")
    assert child(view, "experimentLogAttempt").isEnabled()
    assert not child(view, "experimentStart").isEnabled()
    with qtbot.waitSignal(view.log_attempt_requested) as requested:
        child(view, "experimentLogAttempt").click()
    assert requested.args == [experiment.id]

    # The window logs attempts through its own dialog, then refreshes this view.
    for outcome, note in (
        (-1, "jumped in again"),
        (None, "no time to rate"),
        (2, "they thanked me"),
    ):
        service.log_attempt(experiment.id, did_it=DidIt.YES, outcome=outcome, note=note)
    view.refresh()
    table = child(view, "experimentAttempts")
    assert table.model().rowCount() == 3
    assert table.model().index(0, 4).data() == "they thanked me"  # newest first
    assert view.trend.outcomes() == (-1, None, 2)
    assert view.attempts_summary.text() == "3 attempts, mean outcome +0.5"

    def learn(dialog: QDialog) -> None:
        assert isinstance(dialog, CloseExperimentDialog)
        assert child(dialog, "closeExperimentBeliefBefore").text() == "Before: 40%"
        qtbot.keyClicks(child(dialog, "closeExperimentLearning"), "Asking first calms it")
        child(dialog, "closeExperimentBeliefAfter").setValue(80)

    drive(view, learn)
    child(view, "experimentComplete").click()
    assert service.get(experiment.id).status is ExperimentStatus.COMPLETED
    assert view.learning_label.text() == "Asking first calms it"
    assert view.learning_label.isVisibleTo(view)
    assert view.belief_label.text() == "40% before, 80% after"
    assert not child(view, "experimentLogAttempt").isEnabled()
    assert child(view, "experimentReopen").isEnabled()
    assert table.model().rowCount() == 3  # a completed experiment stays readable


def test_completing_without_learning_is_refused_and_nothing_changes(qtbot, view, service):
    experiment = _stored(service, "Pause", status=ExperimentStatus.ACTIVE)
    view.refresh()
    view.select_experiment(experiment.id)
    dialogs: list[QDialog] = []
    drive(view, lambda dialog: None, dialogs)
    child(view, "experimentComplete").click()
    [dialog] = dialogs
    assert "learned" in dialog.error_text()
    assert service.get(experiment.id).status is ExperimentStatus.ACTIVE
    assert child(view, "experimentComplete").isEnabled()


def test_abandon_with_a_reason_then_reopen_after_confirming(qtbot, view, service):
    experiment = _stored(service, "Delegate the report", Level.EMPOWERMENT)
    view.refresh()
    view.select_experiment(experiment.id)
    drive(
        view,
        lambda dialog: qtbot.keyClicks(
            child(dialog, "closeExperimentReason"), "The report was dropped"
        ),
    )
    child(view, "experimentAbandon").click()
    assert view.current_experiment().status is ExperimentStatus.ABANDONED
    assert view.reason_label.text() == "The report was dropped"
    assert view.status_label.text() == "Abandoned"

    questions: list[str] = []
    view.confirm = lambda title, question, action: questions.append(question) or False
    child(view, "experimentReopen").click()
    assert questions and service.get(experiment.id).status is ExperimentStatus.ABANDONED
    view.confirm = lambda title, question, action: True
    with qtbot.waitSignal(view.status) as message:
        child(view, "experimentReopen").click()
    assert message.args == ["Experiment reopened"]
    assert service.get(experiment.id).status is ExperimentStatus.ACTIVE
    assert child(view, "experimentLogAttempt").isEnabled()


def test_starting_after_the_due_date_asks_for_a_new_one(qtbot, view, service):
    experiment = _stored(service, "Overdue plan", due_date=date.today() - timedelta(days=3))
    view.refresh()
    view.select_experiment(experiment.id)
    new_due = date.today() + timedelta(days=10)
    dialogs: list[QDialog] = []

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, NewDueDateDialog)
        child(dialog, "newDueDate").setDate(new_due)

    drive(view, choose, dialogs)
    child(view, "experimentStart").click()
    assert len(dialogs) == 1
    started = service.get(experiment.id)
    assert started.status is ExperimentStatus.ACTIVE
    assert started.due_date == new_due


def test_search_finds_words_in_an_attempt_and_filters_narrow_the_list(qtbot, view, service):
    active = _stored(
        service, "Pause before answering", Level.FOUNDATION, status=ExperimentStatus.ACTIVE
    )
    _stored(service, "Delegate the report", Level.EMPOWERMENT)
    service.log_attempt(active.id, did_it=DidIt.YES, note="The zeppelin budget review")
    view.refresh()
    assert len(list_titles(view)) == 2

    qtbot.keyClicks(child(view, "experimentSearch"), "zeppelin")
    assert list_titles(view) == ["Pause before answering"]
    assert child(view, "experimentCount").text() == "1 experiment matches"
    child(view, "experimentSearch").clear()

    status = child(view, "experimentStatusFilter")
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findText("Planned"))
    assert list_titles(view) == ["Delegate the report"]
    status.setCurrentIndex(status.findText("Open"))
    assert len(list_titles(view)) == 2
    status.setCurrentIndex(status.findText("Completed"))
    assert list_titles(view) == []
    status.setCurrentIndex(0)

    level = child(view, "experimentLevelFilter")
    assert isinstance(level, QComboBox)
    level.setCurrentIndex(level.findData(Level.FOUNDATION))
    assert list_titles(view) == ["Pause before answering"]


def test_selecting_a_row_shows_that_experiment(qtbot, view, service):
    first = _stored(service, "First one")
    _stored(service, "Second one", success_criteria="three calm meetings")
    view.refresh()
    row = view.model.row_of(first.id)
    view.list.setCurrentIndex(view.model.index(row, TITLE))
    assert view.title_label.text() == "First one"
    assert not view.success_label.isVisibleTo(view)  # empty fields leave no empty rows
    view.list.setCurrentIndex(view.model.index(1 - row, TITLE))
    assert view.title_label.text() == "Second one"
    assert view.success_label.text() == "three calm meetings"


def test_keyboard_reaches_the_list_from_the_search(qtbot, view, service):
    _stored(service, "Pause")
    view.refresh()
    view.focus_search()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(child(view, "experimentSearch"), Qt.Key.Key_Escape)
    assert view.focusWidget() is view.list


def test_a_conversation_entry_becomes_an_experiment(qtbot, view, service, journal):
    stored = journal.add_entry(
        entry(
            kind=EntryKind.CONVERSATION,
            title="Budget pushback",
            level=Level.FOUNDATION,
            conversation=ConversationFields(
                who="Sam",
                what_happened="Sam pushed back in public",
                my_response="I interrupted him",
                try_next="Ask a question first",
            ),
        )
    )
    seen: list[QDialog] = []
    contents: list[tuple[str, str, str]] = []

    def write_the_old_behaviour(dialog: QDialog) -> None:
        contents.append(tuple(child(dialog, name).toPlainText() for name in (
            "experimentTrigger", "experimentOldBehaviour", "experimentNewResponse")))
        child(dialog, "experimentOldBehaviour").setPlainText("interrupting him")

    drive(view, write_the_old_behaviour, seen)
    view.new_from_prefill(service.prefill_from_entry(stored.id))
    [dialog] = seen
    # The old behaviour is the leader's to write: "My response" may be the good one.
    assert contents == [("Sam pushed back in public", "", "ask a question first")]
    assert dialog.level_picker.level() is Level.FOUNDATION
    assert list_titles(view) == ["Budget pushback"]
    assert view.current_experiment().source_entry_id == stored.id


def test_locking_leaves_no_user_text_in_any_widget(qtbot, view, service):
    experiment = _stored(
        service,
        f"Title {SECRET}",
        status=ExperimentStatus.ACTIVE,
        success_criteria=f"Success {SECRET}",
        prediction=f"calm {SECRET}",
    )
    service.log_attempt(
        experiment.id,
        did_it=DidIt.YES,
        outcome=1,
        situation=f"Situation {SECRET}",
        note=f"Note {SECRET}",
    )
    view.refresh()
    view.select_experiment(experiment.id)
    qtbot.keyClicks(child(view, "experimentSearch"), "Title")
    assert any(SECRET in label.text() for label in view.findChildren(QLabel))

    view.set_service(None)
    for widget in view.findChildren(QWidget):
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() in (
            view.model,
            view.attempts_model,
        ):
            assert widget.model().rowCount() == 0, widget.objectName()
        assert not any(SECRET in text for text in texts), widget.objectName()
    assert child(view, "experimentSearch").text() == ""
    assert not child(view, "experimentNew").isEnabled()
    for name in (
        "experimentEdit",
        "experimentStart",
        "experimentLogAttempt",
        "experimentComplete",
        "experimentAbandon",
        "experimentReopen",
    ):
        assert not child(view, name).isEnabled()
