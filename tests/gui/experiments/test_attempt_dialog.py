"""Logging an attempt in seconds, from the keyboard, over a real encrypted journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog, QWidget

from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.experiments.attempt_dialog import AttemptDialog


def _experiment(
    service: Experiments,
    title: str,
    *,
    level: Level = Level.GROWTH,
    status: ExperimentStatus = ExperimentStatus.ACTIVE,
) -> Experiment:
    return service.create(
        Experiment(
            title=title,
            level=level,
            trigger="a peer pushes back",
            old_behaviour="defending my plan",
            new_response="ask one question first",
            start_date=date.today() - timedelta(days=2),
            status=status,
        )
    )


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


def _open(qtbot, dialog: AttemptDialog) -> AttemptDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _key(
    qtbot,
    dialog: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press a key where the keyboard focus is, as a person would."""
    target = dialog.focusWidget() or dialog
    qtbot.keyClick(target, key, modifier)


def test_logs_an_attempt_with_the_keyboard_only(qtbot, service: Experiments):
    _experiment(service, "Other experiment")
    chosen = _experiment(service, "Ask before defending", level=Level.FOUNDATION)
    dialog = _open(qtbot, AttemptDialog(service, experiment_id=chosen.id))

    # Preselected, and the focus waits on the "did it" answer.
    assert dialog.experiment_combo.currentText() == "1 Foundation · Ask before defending"
    assert dialog.focusWidget() is dialog.findChild(QWidget, "attemptDidYes")
    _key(qtbot, dialog, Qt.Key.Key_P)
    assert dialog.findChild(QWidget, "attemptDidPartly").isChecked()
    # Each group of toggles is one Tab stop (like radio buttons); arrows choose in it.
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget().objectName() == "attemptOutcomeNotRated"
    _key(qtbot, dialog, Qt.Key.Key_Left)
    _key(qtbot, dialog, Qt.Key.Key_Left)
    assert dialog.focusWidget().objectName() == "attemptOutcomeBetter"
    assert dialog.outcome() == 1
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget().objectName() == "attemptSituation"
    qtbot.keyClicks(dialog.focusWidget(), "Budget meeting with Sam")
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    # Letters in a text field are text, not answers.
    qtbot.keyClicks(dialog.focusWidget(), "Nearly interrupted. Paused.")
    assert dialog.did_it() is DidIt.PARTIAL
    _key(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = service.attempts(chosen.id)
    assert (stored.did_it, stored.outcome, stored.situation, stored.note) == (
        DidIt.PARTIAL,
        1,
        "Budget meeting with Sam",
        "Nearly interrupted. Paused.",
    )
    assert abs(stored.occurred_at - datetime.now().astimezone()) < timedelta(minutes=2)
    assert dialog.logged == stored
    assert service.attempts(chosen.id - 1) == []


def test_enter_in_the_situation_logs_and_not_rated_is_the_default(qtbot, service: Experiments):
    only = _experiment(service, "Only one")
    dialog = _open(qtbot, AttemptDialog(service))
    # One active experiment: it is chosen, and the focus is on the answer already.
    assert dialog.experiment_id() == only.id
    _key(qtbot, dialog, Qt.Key.Key_N)
    dialog.situation_edit.setFocus()
    qtbot.keyClicks(dialog.situation_edit, "Standup")
    _key(qtbot, dialog, Qt.Key.Key_Return)
    [stored] = service.attempts(only.id)
    assert (stored.did_it, stored.outcome, stored.situation) == (DidIt.NO, None, "Standup")


def test_y_p_n_answer_even_when_it_opens_on_the_experiment_picker(
    qtbot, service: Experiments
):
    _experiment(service, "Pause before answering")
    newest = _experiment(service, "Notice the urge to interrupt")
    dialog = _open(qtbot, AttemptDialog(service))
    # Several active and none chosen: the picker has the focus, yet the keys the hint
    # advertises answer "did you try it?" (and do not choose another experiment).
    assert dialog.focusWidget() is dialog.experiment_combo
    _key(qtbot, dialog, Qt.Key.Key_N)
    assert dialog.did_it() is DidIt.NO
    assert dialog.experiment_id() == newest.id
    assert dialog.focusWidget() is dialog.did_it_buttons[DidIt.NO]
    _key(qtbot, dialog, Qt.Key.Key_Return)  # the form is complete: Enter logs
    assert [a.did_it for a in service.attempts(newest.id)] == [DidIt.NO]


def test_asks_for_did_it_and_stays_open(qtbot, service: Experiments):
    experiment = _experiment(service, "Ask first")
    dialog = _open(qtbot, AttemptDialog(service, experiment_id=experiment.id))
    dialog.situation_edit.setText("Kept")
    dialog.log_button.click()
    assert dialog.isVisible()
    assert not dialog.error_label.isHidden()
    assert "Yes, Partly or No" in dialog.error_label.text()
    assert dialog.situation_edit.text() == "Kept"
    assert service.attempts(experiment.id) == []
    # Answering clears the message; logging then works.
    _key(qtbot, dialog, Qt.Key.Key_Y)
    assert dialog.error_label.isHidden()
    dialog.log_button.click()
    assert [a.did_it for a in service.attempts(experiment.id)] == [DidIt.YES]


def test_a_refusal_by_the_service_shows_inline(qtbot, service: Experiments):
    experiment = _experiment(service, "Ask first")
    dialog = _open(qtbot, AttemptDialog(service, experiment_id=experiment.id))
    dialog.did_it_buttons[DidIt.YES].click()
    dialog.when_edit.setDateTime(QDateTime.currentDateTime().addDays(2))
    dialog.log()
    assert dialog.isVisible() and dialog.logged is None
    assert "future" in dialog.error_label.text()
    assert service.attempts(experiment.id) == []


def test_refuses_when_no_experiment_is_active(qtbot, service: Experiments):
    planned = _experiment(service, "Not started", status=ExperimentStatus.PLANNED)
    dialog = _open(qtbot, AttemptDialog(service))
    assert dialog.experiment_combo.count() == 0
    assert not dialog.no_active_label.isHidden()
    assert "No experiment is active" in dialog.no_active_label.text()
    assert not dialog.log_button.isEnabled()
    dialog.did_it_buttons[DidIt.YES].click()
    _key(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.logged is None
    assert service.attempts(planned.id) == []


def test_lists_only_active_experiments_and_says_when_the_asked_one_is_not(
    qtbot, service: Experiments
):
    active = _experiment(service, "Running", level=Level.EMPOWERMENT)
    planned = _experiment(service, "Later", status=ExperimentStatus.PLANNED)
    dialog = _open(qtbot, AttemptDialog(service, experiment_id=planned.id))
    assert [
        dialog.experiment_combo.itemText(i) for i in range(dialog.experiment_combo.count())
    ] == ["3 Empowerment · Running"]
    assert dialog.experiment_id() == active.id
    assert "not active" in dialog.error_label.text()
    # The chosen experiment's sentence is in view.
    assert dialog.statement_label.text().startswith("When a peer pushes back")


def test_escape_cancels_without_logging(qtbot, service: Experiments):
    experiment = _experiment(service, "Ask first")
    dialog = _open(qtbot, AttemptDialog(service, experiment_id=experiment.id))
    _key(qtbot, dialog, Qt.Key.Key_Y)
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert service.attempts(experiment.id) == []


def test_every_control_has_a_name(qtbot, service: Experiments):
    _experiment(service, "Ask first")
    dialog = _open(qtbot, AttemptDialog(service))
    for widget in dialog.findChildren(QWidget):
        if widget.objectName().startswith("qt_"):  # a part inside a Qt widget
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()


def test_did_it_and_outcome_are_radio_groups_named_by_their_questions(
    qtbot, service: Experiments
):
    from PySide6.QtGui import QAccessible

    chosen = _experiment(service, "Ask before defending")
    dialog = _open(qtbot, AttemptDialog(service, experiment_id=chosen.id))
    for buttons, group_name, question in (
        (dialog.did_it_buttons, "attemptDidItGroup", "Did you try the new response?"),
        (dialog.outcome_buttons, "attemptOutcomeGroup", "How did it go?"),
    ):
        for button in buttons.values():
            node = QAccessible.queryAccessibleInterface(button)
            assert node.role() is QAccessible.Role.RadioButton
        group = dialog.findChild(QWidget, group_name)
        assert group.accessibleName() == question
        assert all(group.isAncestorOf(button) for button in buttons.values())
    # Still one of N: choosing one unchecks the other, and nothing is unchecked by a click.
    dialog.did_it_buttons[DidIt.YES].click()
    dialog.did_it_buttons[DidIt.NO].click()
    assert [b.isChecked() for b in dialog.did_it_buttons.values()] == [False, False, True]
    dialog.did_it_buttons[DidIt.NO].click()
    assert dialog.did_it_buttons[DidIt.NO].isChecked()
