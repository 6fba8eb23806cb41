"""Action items from coach sessions in "Due and overdue", over a real encrypted journal:
which commitments are listed, in which order and why, below the experiments; the "Done"
button; the count; locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QPushButton

from tkg_journal.domain.coach_sessions import (
    CoachSession,
    Commitment,
    CommitmentDueReason,
)
from tkg_journal.domain.experiments import Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.storage.errors import NotFound
from tkg_journal.ui.accountability.commitment_due_model import (
    CommitmentDueModel,
    CommitmentDueRole,
    CommitmentIdRole,
    ReasonRole,
    SessionRole,
)
from tkg_journal.ui.accountability.due_view import DueView
from tkg_journal.ui.experiments_section import ExperimentsSection


def day(offset: int) -> date:
    """``offset`` days from today, read when the test runs (a run may cross midnight)."""
    return date.today() + timedelta(days=offset)


def held() -> date:
    return day(-12)


def session_text(held_on: date) -> str:
    return f"from the session of {held_on.day} {held_on:%b %Y}"


@pytest.fixture
def experiments(journal: Journal) -> Experiments:
    return Experiments(journal)


@pytest.fixture
def sessions(journal: Journal) -> CoachSessions:
    return CoachSessions(journal)


@pytest.fixture
def view(qtbot) -> DueView:
    days = {"quiet": 3}
    widget = DueView(lambda: days["quiet"], lambda value: days.update(quiet=value))
    qtbot.addWidget(widget)
    widget.resize(760, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def items(sessions: CoachSessions, experiments: Experiments) -> dict[str, int]:
    """One session twelve days ago with an action item in every state."""
    stored = sessions.record(
        CoachSession(
            held_on=held(),
            topics="Delegation; feedback from Priya",
            commitments=(
                Commitment("Draft the one-page strategy", due_date=day(2)),
                Commitment("Raise the missed deadlines with Elena", due_date=day(-3)),
                Commitment("Book the offsite", due_date=day(0)),
                Commitment("Have coffee with the head of Sales", due_date=day(1)),
                Commitment("Later than a week", due_date=day(10)),
                Commitment("Already done", due_date=day(-5), done=True),
                Commitment("No due date"),
                Commitment("Became an experiment", due_date=day(-8)),
            ),
        )
    )
    ids = {c.text: c.id for c in stored.commitments}
    experiments.create(
        Experiment(
            title="Ask before defending",
            level=Level.FOUNDATION,
            trigger="t",
            old_behaviour="o",
            new_response="n",
        ),
        commitment_id=ids["Became an experiment"],
    )
    return ids  # type: ignore[return-value]


def _shown(view: DueView) -> list[tuple[str, str, str]]:
    """What a person reads in the action items, top to bottom."""
    shown = []
    for row in view.commitment_rows:
        when = QTextDocumentFragment.fromHtml(row.when_label.text()).toPlainText()
        reason, where = when.replace("\u00a0", " ").split(" \u00b7 ")
        shown.append((row.text_label.text(), reason, where))
    return shown


def test_lists_the_action_items_due_with_when_and_where_from(
    view: DueView, sessions: CoachSessions, items: dict[str, int]
) -> None:
    view.set_sessions(sessions)
    where = session_text(held())
    assert _shown(view) == [
        ("Raise the missed deadlines with Elena", "Overdue by 3 days", where),
        ("Book the offsite", "Due today", where),
        ("Have coffee with the head of Sales", "Due tomorrow", where),
        ("Draft the one-page strategy", "Due in 2 days", where),
    ]
    assert view.stack.currentWidget() is view.scroll_area
    assert view.commitments_heading.isVisible()
    assert view.commitments_heading.text() == "Action items from coach sessions"
    assert not view.experiments_heading.isVisible()  # no experiment is listed
    first = view.commitment_rows[0]
    assert first.accessibleName() == "Raise the missed deadlines with Elena: Overdue by 3 days"
    assert first.done_button.accessibleName() == "Done: Raise the missed deadlines with Elena"
    assert first.done_button.text() == "Done"
    model = view.commitment_model
    index = model.index(0, 0)
    assert index.data() == "Raise the missed deadlines with Elena: Overdue by 3 days"
    assert index.data(CommitmentIdRole) == items["Raise the missed deadlines with Elena"]
    assert index.data(ReasonRole) == "Overdue by 3 days"
    assert index.data(SessionRole) == where
    assert index.data(CommitmentDueRole).reason is CommitmentDueReason.OVERDUE


def test_action_items_come_below_the_experiments_and_both_are_counted(
    qtbot, sessions: CoachSessions, experiments: Experiments, items: dict[str, int]
) -> None:
    section = ExperimentsSection(lambda: 3, lambda _days: None)
    qtbot.addWidget(section)
    section.resize(800, 600)
    section.show()
    late = experiments.create(
        Experiment(
            title="Overdue experiment",
            level=Level.GROWTH,
            trigger="t",
            old_behaviour="o",
            new_response="n",
            start_date=day(-20),
            due_date=day(-4),
            status=ExperimentStatus.ACTIVE,
        )
    )
    section.set_service(experiments)
    view = section.due
    assert section.tabs.tabText(1) == "&Due and overdue (1)"
    with qtbot.waitSignal(view.count_changed) as counted:
        view.set_sessions(sessions)
    assert counted.args == [5]
    assert section.tabs.tabText(1) == "&Due and overdue (5)"
    section.tabs.setCurrentWidget(view)
    assert [row.experiment_id for row in view.rows] == [late.id]
    assert view.experiments_heading.isVisible() and view.commitments_heading.isVisible()
    # Top to bottom: the experiments' heading and rows, then the action items'.
    def tops() -> list[int]:
        return [
            view.experiments_heading.y(),
            view.rows[0].y(),
            view.commitments_heading.y(),
            *(row.y() for row in view.commitment_rows),
        ]

    qtbot.waitUntil(lambda: len(set(tops())) == len(tops()))  # laid out once shown
    assert tops() == sorted(tops())
    # Keyboard entry: the first experiment's "Log attempt".
    view.focus_first()
    assert QApplication.focusWidget() is view.rows[0].log_button


def test_done_stores_it_and_the_row_leaves_the_list(
    qtbot, view: DueView, sessions: CoachSessions, items: dict[str, int]
) -> None:
    view.set_sessions(sessions)
    wanted = items["Book the offsite"]
    button = view.findChild(QPushButton, f"commitmentDone_{wanted}")
    with (
        qtbot.waitSignal(view.commitment_done) as done,
        qtbot.waitSignal(view.count_changed) as counted,
    ):
        button.click()
    assert done.args == [wanted]
    assert counted.args == [3]
    assert view.commitment_row_for(wanted) is None
    assert "Book the offsite" not in [text for text, _, _ in _shown(view)]
    assert wanted not in [o.commitment.id for o in sessions.open_commitments()]
    # The focus moved to the row that took its place: Space marks that one done too.
    replacing = view.commitment_rows[1]
    assert replacing.text_label.text() == "Have coffee with the head of Sales"
    assert QApplication.focusWidget() is replacing.done_button
    qtbot.keyClick(replacing.done_button, Qt.Key.Key_Space)
    assert [text for text, _, _ in _shown(view)] == [
        "Raise the missed deadlines with Elena",
        "Draft the one-page strategy",
    ]


def test_the_last_done_empties_the_view(
    qtbot, view: DueView, sessions: CoachSessions, items: dict[str, int]
) -> None:
    view.set_sessions(sessions)
    while view.commitment_rows:
        view.commitment_rows[0].done_button.click()
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.isVisible()
    assert not view.commitments_heading.isVisible()
    assert QApplication.focusWidget() is view.quiet_spin


def test_done_on_a_commitment_deleted_meanwhile_reports_the_error(
    qtbot, view: DueView, sessions: CoachSessions, items: dict[str, int]
) -> None:
    view.set_sessions(sessions)
    row = view.commitment_rows[0]
    session_id = sessions.sessions()[0].id
    assert session_id is not None
    sessions.delete(session_id)  # e.g. from the command line while the app is open
    with qtbot.waitSignal(view.error) as failed:
        row.done_button.click()
    assert isinstance(failed.args[0], NotFound)
    assert "no commitment" in str(failed.args[0])


def test_locking_empties_both_lists(
    qtbot, view: DueView, sessions: CoachSessions, experiments: Experiments,
    items: dict[str, int],
) -> None:
    view.set_service(experiments)
    view.set_sessions(sessions)
    assert len(view.commitment_rows) == 4
    with qtbot.waitSignal(view.count_changed) as counted:
        view.set_service(None)
    assert view.rows == [] and view.commitment_rows == []
    assert view.commitment_model.rowCount() == 0
    assert counted.args == [0]
    assert view.stack.currentWidget() is view.empty_label
    view.refresh()  # the sessions went with the journal: nothing comes back
    assert view.commitment_rows == []


def test_commitment_due_model_passes_the_model_tester(
    qtmodeltester, sessions: CoachSessions, items: dict[str, int]
) -> None:
    model = CommitmentDueModel()
    qtmodeltester.check(model)
    model.set_items(sessions.due_commitments())
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.roleNames()[CommitmentIdRole] == b"commitmentId"
    model.set_items([])
    assert model.rowCount() == 0
