"""The Coach sessions section over a real encrypted journal: recording, editing and
deleting sessions, their commitments (done, text, due date, removed, turned into an
experiment), refusals that keep what was typed, leaving a session with edits, and locking.

Questions never run a modal loop: the view's ``confirm`` and ``ask_keep_editing`` and the
experiment dialog's runner are replaced by functions that answer like a person.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.summary_journal import LAST_SESSION, at, fill
from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.coach.coach_sessions_view import CoachSessionsView
from tkg_journal.ui.coach.commitment_table_model import DONE, DUE, EXPERIMENT, TEXT
from tkg_journal.ui.coach.session_list_model import DayRole, TopicsRole
from tkg_journal.ui.experiments.experiment_dialog import (
    ExperimentDialog,
    experiment_from_commitment,
)

SECRET = "Quokka-secret-4412"  # a marker no widget may show once the journal is locked
TODAY = date(2026, 11, 24)


@pytest.fixture
def sessions(journal: Journal) -> CoachSessions:
    journal.clock = lambda: at(24, 12)
    return CoachSessions(journal)


@pytest.fixture
def known(journal: Journal) -> Journal:
    """Two sessions (27 Oct, one commitment done; 10 Nov, two open), entries after."""
    fill(journal)
    journal.clock = lambda: at(24, 12)
    return journal


def make_view(qtbot, journal: Journal) -> CoachSessionsView:
    view = CoachSessionsView()
    qtbot.addWidget(view)
    view.resize(1180, 720)
    view.set_service(journal)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def view(qtbot, known: Journal) -> Iterator[CoachSessionsView]:
    yield make_view(qtbot, known)


@pytest.fixture
def empty_view(qtbot, journal: Journal, sessions: CoachSessions) -> Iterator[CoachSessionsView]:
    yield make_view(qtbot, journal)


def rows(view: CoachSessionsView) -> list[tuple[str, str]]:
    model = view.model
    return [
        (model.index(r, 0).data(DayRole), model.index(r, 0).data(TopicsRole))
        for r in range(model.rowCount())
    ]


def click_row(qtbot, view: CoachSessionsView, row: int) -> None:
    """Choose a session in the list as a user does (a click on its row)."""
    rect = view.list.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def commitment_texts(view: CoachSessionsView) -> list[str]:
    model = view.commitments
    return [model.index(r, TEXT).data() for r in range(model.rowCount())]


def type_new_commitment(qtbot, view: CoachSessionsView, text: str) -> int:
    """Add commitment, type into the cell editor it opens, press Enter."""
    view.add_button.click()
    row = view.commitments.rowCount() - 1
    editor = view.table.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClicks(editor, text)
    press_return(qtbot, view, editor)
    return row


def press_return(qtbot, view: CoachSessionsView, editor: QWidget) -> None:
    """Enter in a cell editor commits it (Qt does it a moment later, queued)."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)


def type_at_end(qtbot, edit: QPlainTextEdit, text: str) -> None:
    """Type after what is there, as a person who clicks at the end of the text."""
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def select_commitment(view: CoachSessionsView, row: int, column: int = TEXT) -> None:
    view.table.selectionModel().setCurrentIndex(
        view.commitments.index(row, column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def fill_experiment_dialog(dialog: QDialog) -> bool:
    """What a person adds to the pre-filled experiment form before saving it."""
    assert isinstance(dialog, ExperimentDialog)
    dialog.level_picker.set_level(Level.GROWTH)
    dialog.trigger_edit.setPlainText("the plan draft is ready")
    dialog.old_edit.setPlainText("I polish it alone for another week")
    dialog.accept()
    return dialog.result() == QDialog.DialogCode.Accepted


# --- the list and its header ----------------------------------------------------------------
def test_sessions_are_listed_newest_first_under_what_happened_since(view) -> None:
    assert rows(view) == [
        ("Tue 10 Nov 2026", "Delegation; feedback from Priya"),
        ("Tue 27 Oct 2026", "Budget review fallout"),
    ]
    details = [view.model.index(r, 0).data() for r in range(2)]
    assert "2 commitments open" in details[0]
    assert "the commitment is done" in details[1]
    assert view.header.text() == "Last session 10 Nov 2026 · since then: 6 entries, 3 attempts"
    # The newest is open in the editor.
    assert view.current_session() is not None
    assert view.current_session().held_on == LAST_SESSION
    assert view.topics_edit.toPlainText() == "Delegation; feedback from Priya"
    assert view.date_edit.date() == QDate(2026, 11, 10)
    assert commitment_texts(view) == [
        "Share the Q1 plan draft with the team",
        "Write down three decisions to hand over",
    ]
    assert view.commitments.index(0, DUE).data() == "17 Nov 2026"
    assert not view.save_button.isEnabled()  # nothing changed yet


def test_an_empty_journal_explains_what_to_do(empty_view) -> None:
    assert empty_view.model.rowCount() == 0
    assert empty_view.header.text() == "No session recorded yet"
    assert "New session" in empty_view.list.empty_text
    assert empty_view.placeholder.isVisible()
    assert empty_view.editor.isHidden()
    assert empty_view.new_button.isEnabled()


def test_export_summary_asks_the_window(qtbot, view) -> None:
    with qtbot.waitSignal(view.export_requested):
        view.export_button.click()


# --- recording and editing --------------------------------------------------------------------
def test_a_new_session_is_recorded_with_its_commitments(
    qtbot, empty_view, sessions: CoachSessions
) -> None:
    view = empty_view
    statuses: list[str] = []
    view.status.connect(statuses.append)
    view.new_button.click()
    assert view.editor.isVisible()
    assert view.title_label.text() == "New coach session"
    assert view.date_edit.date() == QDate(2026, 11, 24)
    assert view.date_edit.maximumDate() == QDate(2026, 11, 24)  # not a day ahead
    assert view.topics_edit.hasFocus()
    qtbot.keyClicks(view.topics_edit, "Feedback from the board")
    qtbot.keyClicks(view.notes_edit, "Less defending, more asking.")
    view.date_edit.setDate(QDate(2026, 11, 20))
    type_new_commitment(qtbot, view, "Ask Sam what worries him first")
    row = type_new_commitment(qtbot, view, "Share the plan early")
    view.commitments.setData(view.commitments.index(row, DUE), QDate(2026, 12, 1))
    assert view.commitments.index(row, DUE).data() == "1 Dec 2026"
    assert view.save_button.isEnabled()

    with qtbot.waitSignal(view.changed):
        view.save_button.click()

    stored = sessions.sessions()
    assert len(stored) == 1
    session = stored[0]
    assert session.held_on == date(2026, 11, 20)
    assert session.topics == "Feedback from the board"
    assert session.notes == "Less defending, more asking."
    assert [(c.text, c.due_date, c.done) for c in session.commitments] == [
        ("Ask Sam what worries him first", None, False),
        ("Share the plan early", date(2026, 12, 1), False),
    ]
    assert statuses == ["Coach session recorded"]
    assert rows(view) == [("Fri 20 Nov 2026", "Feedback from the board")]
    assert view.list.currentIndex().row() == 0
    assert view.title_label.text() == "Coach session of 20 Nov 2026"
    assert view.current_session() == session
    assert not view.save_button.isEnabled()
    assert view.header.text().startswith("Last session 20 Nov 2026")


def test_editing_commitments_ticks_changes_and_removes_them(
    qtbot, view, sessions: CoachSessions
) -> None:
    session_id = view.current_session().id
    # Tick the first one done with the keyboard (Space on its check box).
    select_commitment(view, 0, DONE)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert view.commitments.index(0, DONE).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    # Edit the second one's text in its cell (F2), then remove it.
    select_commitment(view, 1, TEXT)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = view.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Write down two decisions")
    press_return(qtbot, view, editor)
    assert commitment_texts(view)[1] == "Write down two decisions"
    view.topics_edit.appendPlainText("and the budget")
    assert view.save()

    stored = sessions.get(session_id)
    assert stored.topics == "Delegation; feedback from Priya\nand the budget"
    assert [(c.text, c.done) for c in stored.commitments] == [
        ("Share the Q1 plan draft with the team", True),
        ("Write down two decisions", False),
    ]
    assert "1 of 2 commitments open" in view.model.index(0, 0).data()

    select_commitment(view, 1)
    view.remove_button.click()
    assert commitment_texts(view) == ["Share the Q1 plan draft with the team"]
    view.save_button.click()
    assert [c.text for c in sessions.get(session_id).commitments] == [
        "Share the Q1 plan draft with the team"
    ]


def test_delete_clears_a_due_date_and_the_date_editor_sets_one(qtbot, view) -> None:
    select_commitment(view, 0, DUE)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert view.commitments.index(0, DUE).data() == "\u2013"  # an en dash: no date
    assert view.commitments.row(0).due_date is None
    assert view.is_modified()

    index = view.commitments.index(0, DUE)
    view.table.edit(index)
    editor = view.table.findChild(QWidget, "commitmentDueEditor")
    assert editor is not None
    assert editor.date() == QDate(2026, 11, 24)  # no date yet: the editor starts on today
    editor.setDate(QDate(2026, 11, 30))
    view.table.commitData(editor)
    view.table.closeEditor(editor, view.table.itemDelegate().EndEditHint.NoHint)
    assert view.commitments.row(0).due_date == date(2026, 11, 30)


# --- refusals -----------------------------------------------------------------------------------
def test_an_empty_session_is_refused_and_nothing_is_stored(
    qtbot, empty_view, sessions: CoachSessions
) -> None:
    view = empty_view
    view.new_button.click()
    view.date_edit.setDate(QDate(2026, 11, 20))
    assert view.save() is None
    assert "needs its topics, notes or at least one commitment" in view.error_text()
    assert sessions.sessions() == []
    assert view.editor.isVisible()
    assert view.date_edit.date() == QDate(2026, 11, 20)
    assert view.topics_edit.hasFocus()


def test_a_refused_commitment_keeps_everything_typed(qtbot, view, sessions: CoachSessions) -> None:
    before = sessions.sessions()
    type_at_end(qtbot, view.notes_edit, f" {SECRET}")
    row = type_new_commitment(qtbot, view, "Too early")
    view.commitments.setData(view.commitments.index(row, DUE), QDate(2026, 11, 1))

    assert view.save() is None

    assert "before its session" in view.error_text()
    assert sessions.sessions() == before  # nothing stored, not even the notes
    assert view.notes_edit.toPlainText().endswith(SECRET)
    assert commitment_texts(view)[-1] == "Too early"
    assert view.commitments.row(row).due_date == date(2026, 11, 1)
    assert view.is_modified()

    # An empty commitment with a due date is refused too, with its own reason.
    view.commitments.setData(view.commitments.index(row, DUE), QDate(2026, 11, 30))
    view.commitments.setData(view.commitments.index(row, TEXT), "  ")
    assert view.save() is None
    assert "commitment cannot be empty" in view.error_text()
    assert sessions.sessions() == before

    view.commitments.setData(view.commitments.index(row, TEXT), "In time")
    assert view.save() is not None
    assert view.error_text() == ""
    assert sessions.sessions()[0].commitments[-1].text == "In time"


def test_a_blank_new_commitment_row_is_left_out_not_refused(
    qtbot, view, sessions: CoachSessions
) -> None:
    view.add_button.click()
    qtbot.keyClick(view.table.focusWidget(), Qt.Key.Key_Escape)
    assert view.commitments.rowCount() == 3
    assert view.save() is not None
    assert len(sessions.sessions()[0].commitments) == 2


# --- leaving a session with edits ---------------------------------------------------------------
def test_switching_sessions_saves_valid_edits(qtbot, view, sessions: CoachSessions) -> None:
    newest = view.current_session().id
    type_at_end(qtbot, view.notes_edit, " Saved by leaving.")
    click_row(qtbot, view, 1)
    assert sessions.get(newest).notes.endswith("Saved by leaving.")
    assert view.current_session().held_on == date(2026, 10, 27)
    assert view.topics_edit.toPlainText() == "Budget review fallout"
    assert view.list.currentIndex().row() == 1
    assert not view.is_modified()


def test_switching_with_edits_that_cannot_be_saved_asks_first(
    qtbot, view, sessions: CoachSessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sessions.sessions()
    newest = view.current_session().id
    row = type_new_commitment(qtbot, view, "Too early")
    view.commitments.setData(view.commitments.index(row, DUE), QDate(2026, 11, 1))
    asked: list[str] = []

    monkeypatch.setattr(view, "ask_keep_editing", lambda reason: asked.append(reason) or True)
    click_row(qtbot, view, 1)
    assert len(asked) == 1 and "before its session" in asked[0]
    # Keep editing: the same session, the typing, and the list pointing at it.
    assert view.current_session().id == newest
    assert commitment_texts(view)[-1] == "Too early"
    assert view.list.currentIndex().row() == 0
    assert sessions.sessions() == before

    monkeypatch.setattr(view, "ask_keep_editing", lambda reason: asked.append(reason) and False)
    click_row(qtbot, view, 1)
    assert len(asked) == 2
    assert view.current_session().held_on == date(2026, 10, 27)
    assert sessions.sessions() == before  # discarded: nothing stored


def test_new_session_saves_the_edits_of_the_one_open(qtbot, view, sessions) -> None:
    newest = view.current_session().id
    type_at_end(qtbot, view.topics_edit, " and more")
    view.new_button.click()
    assert sessions.get(newest).topics.endswith("and more")
    assert view.title_label.text() == "New coach session"
    assert view.topics_edit.toPlainText() == ""


def test_flush_saves_valid_edits_and_reports_invalid_ones(qtbot, view, sessions) -> None:
    newest = view.current_session().id
    assert view.flush()
    type_at_end(qtbot, view.notes_edit, " flushed")
    assert view.flush()
    assert sessions.get(newest).notes.endswith("flushed")
    row = type_new_commitment(qtbot, view, "Too early")
    view.commitments.setData(view.commitments.index(row, DUE), QDate(2026, 11, 2))
    assert not view.flush()
    assert "before its session" in view.error_text()


# --- commitments into experiments ---------------------------------------------------------------
def test_a_commitment_becomes_a_linked_experiment(
    qtbot, view, known: Journal, sessions: CoachSessions
) -> None:
    session_id = view.current_session().id
    commitment = sessions.get(session_id).commitments[0]
    requested: list[int] = []

    def make(commitment_id: int) -> None:
        requested.append(commitment_id)
        experiment_from_commitment(known, commitment_id, fill_experiment_dialog, view)
        view.refresh()

    view.experiment_requested.connect(make)
    assert not view.experiment_button.isEnabled()  # no commitment chosen yet
    select_commitment(view, 0)
    assert view.experiment_button.isEnabled()
    view.experiment_button.click()

    assert requested == [commitment.id]
    linked = sessions.get(session_id).commitments[0]
    assert linked.experiment_id is not None
    experiment = Experiments(known).get(linked.experiment_id)
    assert experiment.title == "Share the Q1 plan draft with the team"
    assert experiment.new_response == "Share the Q1 plan draft with the team"
    assert experiment.status is ExperimentStatus.PLANNED
    assert view.commitments.index(0, EXPERIMENT).data() == (
        "Share the Q1 plan draft with the team (planned)"
    )
    select_commitment(view, 0)
    assert not view.experiment_button.isEnabled()  # a commitment becomes one experiment


def test_cancelling_the_experiment_dialog_links_nothing(view, known, sessions) -> None:
    session_id = view.current_session().id
    commitment_id = sessions.get(session_id).commitments[1].id
    assert experiment_from_commitment(known, commitment_id, lambda _dialog: False) is None
    assert sessions.get(session_id).commitments[1].experiment_id is None
    assert len(Experiments(known).summaries()) == 3


def test_an_unsaved_commitment_is_stored_before_it_becomes_an_experiment(
    qtbot, view, sessions: CoachSessions
) -> None:
    session_id = view.current_session().id
    requested: list[int] = []
    view.experiment_requested.connect(requested.append)
    row = type_new_commitment(qtbot, view, "Say no to one meeting a week")
    select_commitment(view, row)
    view.experiment_button.click()
    stored = sessions.get(session_id).commitments
    assert [c.text for c in stored][-1] == "Say no to one meeting a week"
    assert requested == [stored[-1].id]
    assert not view.is_modified()


# --- deleting -------------------------------------------------------------------------------------
def test_delete_asks_first_and_removes_the_session(
    qtbot, view, sessions: CoachSessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    answer = [False]

    def confirm(_title: str, question: str, _action: str) -> bool:
        questions.append(question)
        return answer[0]

    monkeypatch.setattr(view, "confirm", confirm)
    view.delete_button.click()
    assert "10 Nov 2026" in questions[0] and "2 commitments" in questions[0]
    assert len(sessions.sessions()) == 2

    answer[0] = True
    with qtbot.waitSignal(view.changed):
        view.delete_button.click()
    assert [s.held_on for s in sessions.sessions()] == [date(2026, 10, 27)]
    assert rows(view) == [("Tue 27 Oct 2026", "Budget review fallout")]
    assert view.current_session().held_on == date(2026, 10, 27)
    assert view.header.text().startswith("Last session 27 Oct 2026")


def test_delete_of_a_new_unsaved_session_just_drops_it(
    qtbot, view, sessions: CoachSessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view, "confirm", lambda *_args: pytest.fail("nothing stored to ask about"))
    view.new_button.click()
    view.delete_button.click()
    assert len(sessions.sessions()) == 2
    assert view.current_session().held_on == LAST_SESSION


# --- locking --------------------------------------------------------------------------------------
def test_locking_empties_every_widget(qtbot, known: Journal, sessions: CoachSessions) -> None:
    sessions.record(
        CoachSession(
            held_on=date(2026, 11, 23),
            topics=f"Topics {SECRET}",
            notes=f"Notes {SECRET}",
            commitments=(Commitment(f"Commit {SECRET}", due_date=date(2026, 11, 30)),),
        )
    )
    view = make_view(qtbot, known)
    assert SECRET in view.topics_edit.toPlainText()
    select_commitment(view, 0)
    type_at_end(qtbot, view.notes_edit, " unsaved words")

    view.set_service(None)

    assert view.model.rowCount() == 0
    assert view.commitments.rowCount() == 0
    assert view.header.text() == ""
    for widget in view.findChildren(QWidget):
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        assert not any(SECRET in text for text in texts), widget.objectName()
        assert not any("unsaved words" in text for text in texts), widget.objectName()
    for name in ("sessionNew", "sessionExport"):
        assert not view.findChild(QWidget, name).isEnabled()
    assert view.editor.isHidden()
    assert not view.placeholder.isVisible()


# --- names and keys -------------------------------------------------------------------------------
def test_every_control_has_a_name_and_the_tab_order_follows_the_layout(view) -> None:
    controls = [
        view.new_button,
        view.export_button,
        view.list,
        view.date_edit,
        view.topics_edit,
        view.notes_edit,
        view.table,
        view.add_button,
        view.remove_button,
        view.experiment_button,
        view.delete_button,
        view.save_button,
    ]
    for widget in controls:
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
    assert view.table.editTriggers() & QAbstractItemView.EditTrigger.EditKeyPressed
    for first, second in pairwise(controls):
        assert first.nextInFocusChain() is second or _reaches(first, second), (
            first.objectName(),
            second.objectName(),
        )


def _reaches(first: QWidget, second: QWidget) -> bool:
    """``second`` follows ``first`` in the focus chain, past focusless helpers between."""
    widget = first.nextInFocusChain()
    for _ in range(50):
        if widget is second:
            return True
        inside = first.isAncestorOf(widget)  # a date edit's own line edit, say
        if not inside and widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible():
            return False
        widget = widget.nextInFocusChain()
    return False
