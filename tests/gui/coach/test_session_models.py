"""The Coach sessions section's item models: the sessions list and the commitments table,
checked with pytest-qt's model tester and for what a row shows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt

from tests.summary_journal import at, fill
from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.errors import ValidationError
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.journal import Journal
from tkg_journal.ui.coach.commitment_table_model import (
    DONE,
    DUE,
    EXPERIMENT,
    TEXT,
    CommitmentIdRole,
    CommitmentTableModel,
)
from tkg_journal.ui.coach.session_list_model import (
    CommitmentsRole,
    DayRole,
    SessionIdRole,
    SessionListModel,
    TopicsRole,
)


@pytest.fixture
def sessions(journal: Journal) -> CoachSessions:
    fill(journal)
    journal.clock = lambda: at(24, 12)
    return CoachSessions(journal)


def test_the_session_list_passes_the_model_tester(qtmodeltester, sessions) -> None:
    model = SessionListModel()
    model.set_service(sessions)
    qtmodeltester.check(model)  # stays connected: every later change is checked too
    assert model.rowCount() == 2

    sessions.record(CoachSession(held_on=date(2026, 11, 23), notes="Only notes\nsecond line"))
    model.reload()
    first = model.index(0, 0)
    assert first.data(DayRole) == "Mon 23 Nov 2026"
    assert first.data(TopicsRole) == "Only notes"  # no topics: the notes name it
    assert first.data(CommitmentsRole) == "no commitments"
    assert first.data(SessionIdRole) == model.session(0).id
    assert model.row_of(model.session(1).id) == 1
    assert model.row_of(999) is None

    model.set_service(None)
    assert model.rowCount() == 0


def test_the_list_counts_open_commitments(sessions) -> None:
    model = SessionListModel()
    model.set_service(sessions)
    newest, oldest = model.index(0, 0), model.index(1, 0)
    assert newest.data(CommitmentsRole) == "2 commitments open"
    assert oldest.data(CommitmentsRole) == "the commitment is done"
    commitment_id = model.session(0).commitments[0].id
    sessions.set_commitment_done(commitment_id)
    model.reload()
    assert model.index(0, 0).data(CommitmentsRole) == "1 of 2 commitments open"
    assert "1 of 2 commitments open" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def commitments() -> tuple[Commitment, ...]:
    return (
        Commitment("Ask first", due_date=date(2026, 12, 1), id=1),
        Commitment("Hand over the roadmap", done=True, experiment_id=7, id=2),
    )


def test_the_commitment_table_passes_the_model_tester(qtmodeltester) -> None:
    model = CommitmentTableModel()
    model.set_commitments(commitments(), {7: "Hand decisions back (active)"})
    qtmodeltester.check(model)  # stays connected: every later change is checked too
    model.add_row()
    model.setData(model.index(2, TEXT), "A new one")
    model.setData(model.index(2, DONE), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(2, DUE), QDate(2026, 12, 24))
    model.remove_row(0)
    model.remove_row(5)  # no such row: nothing happens
    assert model.rowCount() == 2
    model.clear()
    assert model.rowCount() == 0


def test_a_commitment_row_shows_its_columns() -> None:
    model = CommitmentTableModel()
    model.set_commitments(commitments(), {7: "Hand decisions back (active)"})
    checked = Qt.ItemDataRole.CheckStateRole
    assert model.index(0, DONE).data(checked) == Qt.CheckState.Unchecked
    assert model.index(1, DONE).data(checked) == Qt.CheckState.Checked
    assert model.index(0, TEXT).data() == "Ask first"
    assert model.index(0, DUE).data() == "1 Dec 2026"
    assert model.index(0, DUE).data(Qt.ItemDataRole.EditRole) == QDate(2026, 12, 1)
    assert model.index(1, DUE).data() == "\u2013"
    assert model.index(1, EXPERIMENT).data() == "Hand decisions back (active)"
    assert model.index(0, EXPERIMENT).data() == ""
    assert model.index(1, TEXT).data(CommitmentIdRole) == 2
    assert model.flags(model.index(0, DONE)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.flags(model.index(0, TEXT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, EXPERIMENT)) & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(TEXT, Qt.Orientation.Horizontal) == "Commitment"


def test_edits_change_the_working_copy_and_become_commitments(qtbot) -> None:
    model = CommitmentTableModel()
    model.set_commitments(commitments())
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(
            model.index(0, DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert model.setData(model.index(0, TEXT), "Ask what worries them first")
    assert model.setData(model.index(0, DUE), QDate(2026, 12, 3))
    assert not model.setData(model.index(0, DUE), QDate(2026, 12, 3))  # no change, no signal
    assert model.setData(model.index(1, DUE), date(2026, 12, 9))
    assert model.setData(model.index(1, DUE), None)
    assert not model.setData(model.index(0, EXPERIMENT), "nope")
    row = model.add_row()  # left blank: not a commitment, and not an error
    assert model.commitments() == (
        Commitment("Ask what worries them first", date(2026, 12, 3), True, None, 1),
        Commitment("Hand over the roadmap", None, True, 7, 2),
    )
    model.setData(model.index(row, DUE), QDate(2026, 12, 5))
    with pytest.raises(ValidationError):
        model.commitments()  # a due date without words is something typed: it is refused
    assert model.index(0, TEXT).parent() == QModelIndex()
