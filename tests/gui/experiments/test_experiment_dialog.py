"""Creating, editing and closing experiments through their dialogs' widgets, stored in a
real encrypted journal. Dialogs are shown (not exec'd) and accepted the way a person does:
typing, clicking, Ctrl+Return."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from tests.helpers import entry
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.experiments import Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.experiments.close_experiment_dialog import CloseExperimentDialog, CloseMode
from tkg_journal.ui.experiments.experiment_dialog import ExperimentDialog
from tkg_journal.ui.experiments.new_due_date_dialog import NewDueDateDialog


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


def child(dialog: QWidget, name: str) -> QWidget:
    found = dialog.findChild(QWidget, name)
    assert found is not None, f"no widget named {name}"
    return found


def type_in(qtbot, dialog: QWidget, name: str, text: str) -> None:
    """Type after what the field holds, as a person clicking into it would."""
    widget = child(dialog, name)
    widget.setFocus()
    qtbot.keyClick(
        widget,
        Qt.Key.Key_End,
        Qt.KeyboardModifier.ControlModifier
        if isinstance(widget, QPlainTextEdit)
        else Qt.KeyboardModifier.NoModifier,
    )
    qtbot.keyClicks(widget, text)


def open_dialog(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # offscreen windows do not activate on their own
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def fill_sentence(qtbot, dialog: QWidget) -> None:
    type_in(qtbot, dialog, "experimentTitle", "Pause before answering")
    type_in(qtbot, dialog, "experimentTrigger", "a peer pushes back on my plan")
    type_in(qtbot, dialog, "experimentOldBehaviour", "defending it straight away")
    type_in(qtbot, dialog, "experimentNewResponse", "ask one question first")


def test_an_experiment_is_created_from_the_form_with_a_live_sentence(qtbot, service):
    dialog = open_dialog(qtbot, ExperimentDialog.for_new(service))
    fill_sentence(qtbot, dialog)
    preview = child(dialog, "experimentPreview")
    assert preview.text() == (
        "When a peer pushes back on my plan, instead of defending it straight away "
        "I will ask one question first."
    )
    type_in(qtbot, dialog, "experimentPrediction", "a calmer meeting")
    assert preview.text().endswith("and I expect a calmer meeting.")
    type_in(qtbot, dialog, "experimentSuccess", "three meetings in a row")
    dialog.level_picker.row(Level.FOUNDATION).click()
    child(dialog, "experimentDueSet").click()
    child(dialog, "experimentDueDate").setDate(date.today() + timedelta(days=14))
    belief = child(dialog, "experimentBeliefBefore")
    belief.setFocus()
    belief.setValue(40)
    qtbot.keyClick(
        child(dialog, "experimentTitle"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = service.get(dialog.result_experiment.id)
    assert stored.title == "Pause before answering"
    assert stored.level is Level.FOUNDATION
    assert stored.status is ExperimentStatus.PLANNED
    assert stored.prediction == "a calmer meeting"
    assert stored.success_criteria == "three meetings in a row"
    assert stored.due_date == date.today() + timedelta(days=14)
    assert stored.start_date is None
    assert stored.belief_before == 40


def test_choosing_a_friction_behaviour_suggests_its_root_level(qtbot, service):
    behaviour = next(b for b in service.behaviours() if b.level is Level.EMPOWERMENT)
    dialog = open_dialog(qtbot, ExperimentDialog.for_new(service))
    combo = child(dialog, "experimentBehaviour")
    root = child(dialog, "experimentBehaviourRoot")
    assert not root.isVisible()
    combo.setCurrentIndex(combo.findData(behaviour.id))
    assert dialog.level_picker.level() is Level.EMPOWERMENT
    assert root.isVisible()
    assert root.text() == "Root level of this behaviour: Empowerment"
    dialog.level_picker.row(Level.GROWTH).click()  # a suggestion, not a rule
    fill_sentence(qtbot, dialog)
    dialog.accept()
    stored = dialog.result_experiment
    assert stored.behaviour_id == behaviour.id
    assert stored.level is Level.GROWTH


def test_missing_parts_are_refused_inline_and_the_dialog_stays(qtbot, service):
    dialog = open_dialog(qtbot, ExperimentDialog.for_new(service))
    type_in(qtbot, dialog, "experimentTitle", "Pause before answering")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.result_experiment is None
    assert "level" in child(dialog, "experimentError").text()
    assert dialog.focusWidget() in dialog.level_picker.findChildren(QWidget)
    dialog.level_picker.row(Level.GROWTH).click()
    type_in(qtbot, dialog, "experimentTrigger", "a peer pushes back")
    dialog.accept()
    error = child(dialog, "experimentError")
    assert error.isVisible() and "usually do" in error.text()
    assert dialog.focusWidget() is child(dialog, "experimentOldBehaviour")
    assert service.summaries() == []  # nothing stored
    assert child(dialog, "experimentTitle").text() == "Pause before answering"  # nothing lost


def test_a_due_date_before_the_start_is_refused_by_the_service_inline(qtbot, service):
    dialog = open_dialog(qtbot, ExperimentDialog.for_new(service))
    fill_sentence(qtbot, dialog)
    dialog.level_picker.row(Level.GROWTH).click()
    child(dialog, "experimentStartSet").click()
    child(dialog, "experimentStartDate").setDate(date.today() + timedelta(days=5))
    child(dialog, "experimentDueSet").click()
    child(dialog, "experimentDueDate").setDate(date.today() + timedelta(days=1))
    dialog.accept()
    assert dialog.isVisible()
    assert "before the start date" in child(dialog, "experimentError").text()
    assert service.summaries() == []


def test_start_now_creates_an_active_experiment(qtbot, service):
    dialog = open_dialog(qtbot, ExperimentDialog.for_new(service))
    fill_sentence(qtbot, dialog)
    dialog.level_picker.row(Level.GROWTH).click()
    child(dialog, "experimentStartNow").click()
    dialog.accept()
    assert dialog.result_experiment.status is ExperimentStatus.ACTIVE
    assert dialog.result_experiment.start_date is not None


def test_belief_steps_from_not_rated_to_an_undecided_fifty(qtbot, service):
    """Not 0 % (or 4 %, with steps of 5): the first step up is "not sure either way"."""
    dialog = open_dialog(qtbot, ExperimentDialog.for_new(service))
    belief = child(dialog, "experimentBeliefBefore")
    belief.setFocus()
    assert belief.text() == "Not rated"
    qtbot.keyClick(belief, Qt.Key.Key_Up)
    assert belief.text() == "50%"
    qtbot.keyClick(belief, Qt.Key.Key_Up)
    assert belief.value() == 55
    for _ in range(11):
        qtbot.keyClick(belief, Qt.Key.Key_Down)
    assert belief.value() == 0  # still reachable, one step above "Not rated"
    qtbot.keyClick(belief, Qt.Key.Key_Down)
    assert belief.text() == "Not rated" and belief.rating() is None


def test_editing_keeps_status_and_changes_the_words(qtbot, service):
    stored = service.create(
        Experiment(
            title="Pause",
            level=Level.GROWTH,
            trigger="pushback",
            old_behaviour="defending",
            new_response="asking",
            status=ExperimentStatus.ACTIVE,
            belief_before=30,
        )
    )
    dialog = open_dialog(qtbot, ExperimentDialog.for_edit(service, stored))
    assert child(dialog, "experimentTitle").text() == "Pause"
    assert child(dialog, "experimentBeliefBefore").value() == 30
    assert dialog.level_picker.level() is Level.GROWTH
    assert not child(dialog, "experimentStartNow").isVisible()
    type_in(qtbot, dialog, "experimentTitle", " before answering")
    dialog.accept()
    again = service.get(stored.id)
    assert again.title == "Pause before answering"
    assert again.status is ExperimentStatus.ACTIVE
    assert again.belief_before == 30


def test_a_conversation_entry_prefills_a_sentence_and_asks_for_the_old_behaviour(
    qtbot, service, journal
):
    stored = journal.add_entry(
        entry(
            kind=EntryKind.CONVERSATION,
            title="Budget pushback",
            level=Level.FOUNDATION,
            conversation=ConversationFields(
                who="Sam",
                what_happened="Sam pushed back on the budget in public. The CFO was there.",
                my_response="I interrupted him.",
                try_next="Pause and ask a question first.",
            ),
        )
    )
    prefill = service.prefill_from_entry(stored.id)
    dialog = open_dialog(qtbot, ExperimentDialog.from_prefill(service, prefill))
    assert child(dialog, "experimentTitle").text() == "Budget pushback"
    assert child(dialog, "experimentTrigger").toPlainText() == (
        "Sam pushed back on the budget in public"
    )
    # "My response" may be the good behaviour: the leader says what to change.
    assert child(dialog, "experimentOldBehaviour").toPlainText() == ""
    assert child(dialog, "experimentNewResponse").toPlainText() == (
        "pause and ask a question first"
    )
    assert dialog.level_picker.level() is Level.FOUNDATION
    preview = child(dialog, "experimentPreview")
    assert preview.text() == (
        "When Sam pushed back on the budget in public, instead of … "
        "I will pause and ask a question first."
    )
    dialog.accept()
    assert dialog.result_experiment is None
    assert dialog.focusWidget() is child(dialog, "experimentOldBehaviour")
    type_in(qtbot, dialog, "experimentOldBehaviour", "Interrupting him.")
    assert preview.text() == (
        "When Sam pushed back on the budget in public, instead of interrupting him "
        "I will pause and ask a question first."
    )
    dialog.accept()
    assert dialog.result_experiment.source_entry_id == stored.id


def _active(service: Experiments, belief: int | None = 40) -> Experiment:
    return service.create(
        Experiment(
            title="Pause",
            level=Level.GROWTH,
            trigger="pushback",
            old_behaviour="defending",
            new_response="asking",
            status=ExperimentStatus.ACTIVE,
            belief_before=belief,
        )
    )


def test_completing_asks_for_the_learning_and_shows_the_belief_before(qtbot, service):
    experiment = _active(service)
    dialog = open_dialog(qtbot, CloseExperimentDialog(service, experiment, CloseMode.COMPLETE))
    assert child(dialog, "closeExperimentBeliefBefore").text() == "Before: 40%"
    dialog.accept()
    assert dialog.isVisible()
    assert "learned" in child(dialog, "closeExperimentError").text()
    assert service.get(experiment.id).status is ExperimentStatus.ACTIVE
    type_in(qtbot, dialog, "closeExperimentLearning", "Asking first calms the room")
    child(dialog, "closeExperimentBeliefAfter").setValue(75)
    qtbot.keyClick(
        child(dialog, "closeExperimentLearning"),
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert dialog.result() == QDialog.DialogCode.Accepted
    done = service.get(experiment.id)
    assert done.status is ExperimentStatus.COMPLETED
    assert done.learning == "Asking first calms the room"
    assert done.belief_after == 75


def test_abandoning_asks_why(qtbot, service):
    experiment = _active(service, belief=None)
    dialog = open_dialog(qtbot, CloseExperimentDialog(service, experiment, CloseMode.ABANDON))
    assert not child(dialog, "closeExperimentBeliefAfter").isVisible()
    child(dialog, "closeExperimentAccept").click()
    assert "why" in child(dialog, "closeExperimentError").text()
    type_in(qtbot, dialog, "closeExperimentReason", "The meetings stopped")
    child(dialog, "closeExperimentAccept").click()
    dropped = service.get(experiment.id)
    assert dropped.status is ExperimentStatus.ABANDONED
    assert dropped.abandon_reason == "The meetings stopped"


def test_the_new_due_date_dialog_offers_only_days_from_today(qtbot):
    today = date.today()
    dialog = open_dialog(qtbot, NewDueDateDialog(today - timedelta(days=3), today))
    edit = child(dialog, "newDueDate")
    edit.setDate(edit.minimumDate().addDays(-5))
    assert dialog.chosen_date() == today
    assert dialog.chosen_date() >= today
