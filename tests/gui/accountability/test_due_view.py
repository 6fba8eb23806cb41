"""The "Due and overdue" view over a real encrypted journal: what is listed, in which
order and why, the quiet-days setting, the row buttons, the empty state and locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QPushButton

from tkg_journal.domain.accountability import DueReason
from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.accountability.due_model import (
    DueItemRole,
    DueModel,
    ExperimentIdRole,
    ReasonRole,
)
from tkg_journal.ui.accountability.due_view import DueView


def days_ago(days: int) -> date:
    """Read when the test runs, not at import (a run may cross midnight)."""
    return date.today() - timedelta(days=days)


def _active(
    service: Experiments,
    title: str,
    *,
    started_days_ago: int,
    due_days_ago: int | None = None,
    level: Level = Level.GROWTH,
) -> Experiment:
    return service.create(
        Experiment(
            title=title,
            level=level,
            trigger="a peer pushes back",
            old_behaviour="defending my plan",
            new_response="ask one question first",
            start_date=days_ago(started_days_ago),
            due_date=days_ago(due_days_ago) if due_days_ago is not None else None,
            status=ExperimentStatus.ACTIVE,
        )
    )


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


class QuietDaysSetting:
    """The settings accessor the view is given (a real value holder, like AppSettings)."""

    def __init__(self, days: int = 3) -> None:
        self.days = days

    def get(self) -> int:
        return self.days

    def set(self, days: int) -> None:
        self.days = days


@pytest.fixture
def setting() -> QuietDaysSetting:
    return QuietDaysSetting()


@pytest.fixture
def view(qtbot, setting: QuietDaysSetting) -> DueView:
    widget = DueView(setting.get, setting.set)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def mixed(service: Experiments) -> dict[str, Experiment]:
    """Overdue by 4 and by 1, quiet for 5 and for 10 days, one fine, one planned."""
    made = {
        "quiet5": _active(service, "Quiet five", started_days_ago=5),
        "overdue1": _active(service, "Overdue one", started_days_ago=2, due_days_ago=1),
        "fine": _active(service, "Started yesterday", started_days_ago=1),
        "overdue4": _active(
            service, "Overdue four", started_days_ago=20, due_days_ago=4, level=Level.FOUNDATION
        ),
        "quiet10": _active(service, "Quiet ten", started_days_ago=10, level=Level.MASTERY),
    }
    made["planned"] = service.create(
        Experiment(
            title="Planned",
            level=Level.GROWTH,
            trigger="t",
            old_behaviour="o",
            new_response="n",
            start_date=days_ago(30),
        )
    )
    return made


def _shown(view: DueView) -> list[tuple[str, str]]:
    """What a person reads in the list, top to bottom: (title, reason)."""
    return [(row.title_label.text(), row.reason_label.text()) for row in view.rows]


def test_lists_overdue_then_quiet_each_with_its_reason(
    view: DueView, service: Experiments, mixed: dict[str, Experiment]
):
    view.set_service(service)
    assert _shown(view) == [
        ("Overdue four", "Overdue by 4 days"),
        ("Overdue one", "Overdue by 1 day"),
        ("Quiet ten", "No attempt for 10 days"),
        ("Quiet five", "No attempt for 5 days"),
    ]
    assert view.stack.currentWidget() is view.scroll_area
    model = view.model
    first = model.index(0, 0)
    assert first.data(ExperimentIdRole) == mixed["overdue4"].id
    assert first.data(ReasonRole) == "Overdue by 4 days"
    assert first.data(DueItemRole).reason is DueReason.OVERDUE
    assert first.data() == "Overdue four: Overdue by 4 days"
    # The badge says the level in words for screen readers.
    assert view.rows[0].badge.accessibleName() == "Level 1 Foundation"
    assert view.rows[2].badge.accessibleName() == "Level 5 Mastery"


def test_an_attempt_takes_a_quiet_experiment_off_the_list(
    view: DueView, service: Experiments, mixed: dict[str, Experiment]
):
    view.set_service(service)
    service.log_attempt(mixed["quiet10"].id, did_it=DidIt.YES)
    view.refresh()
    assert "Quiet ten" not in [title for title, _ in _shown(view)]
    # An overdue one stays overdue whatever is logged: it needs a decision, not an attempt.
    service.log_attempt(mixed["overdue4"].id, did_it=DidIt.YES)
    view.refresh()
    assert _shown(view)[0] == ("Overdue four", "Overdue by 4 days")


def test_quiet_days_setting_changes_the_list_and_is_saved(
    qtbot,
    view: DueView,
    service: Experiments,
    setting: QuietDaysSetting,
    mixed: dict[str, Experiment],
):
    view.set_service(service)
    assert view.quiet_spin.value() == 3
    view.quiet_spin.setFocus()
    view.quiet_spin.selectAll()
    qtbot.keyClicks(view.quiet_spin, "6")
    assert setting.days == 6
    assert [title for title, _ in _shown(view)] == ["Overdue four", "Overdue one", "Quiet ten"]
    view.quiet_spin.setValue(1)
    assert setting.days == 1
    assert "Started yesterday" in [title for title, _ in _shown(view)]
    assert view.quiet_spin.suffix() == " day"
    assert (view.quiet_spin.minimum(), view.quiet_spin.maximum()) == (1, 30)


def test_reads_the_saved_quiet_days(qtbot, service: Experiments, mixed: dict[str, Experiment]):
    setting = QuietDaysSetting(7)
    view = DueView(setting.get, setting.set)
    qtbot.addWidget(view)
    view.set_service(service)
    assert view.quiet_spin.value() == 7
    assert [title for title, _ in _shown(view)] == ["Overdue four", "Overdue one", "Quiet ten"]


def test_row_buttons_ask_to_log_or_open_that_experiment(
    qtbot, view: DueView, service: Experiments, mixed: dict[str, Experiment]
):
    view.set_service(service)
    wanted = mixed["quiet5"].id
    log_button = view.findChild(QPushButton, f"dueLog_{wanted}")
    open_button = view.findChild(QPushButton, f"dueOpen_{wanted}")
    assert log_button.accessibleName() == "Log attempt: Quiet five"
    with qtbot.waitSignal(view.log_attempt_requested) as logged:
        log_button.click()
    assert logged.args == [wanted]
    with qtbot.waitSignal(view.open_requested) as opened:
        open_button.setFocus()
        qtbot.keyClick(open_button, " ")
    assert opened.args == [wanted]


def test_empty_state_and_locking(qtbot, view: DueView, service: Experiments):
    _active(service, "Fine", started_days_ago=0)
    with qtbot.waitSignal(view.count_changed) as counted:
        view.set_service(service)
    assert counted.args == [0]
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.text() == "Nothing needs attention. Well done."
    assert view.empty_label.isVisible()

    _active(service, "Overdue", started_days_ago=9, due_days_ago=2)
    view.refresh()
    assert len(view.rows) == 1 and view.rows[0].isVisible()
    view.set_service(None)  # locked: nothing of the journal stays on screen
    assert view.rows == [] and view.model.rowCount() == 0
    assert view.stack.currentWidget() is view.empty_label


def test_due_model_passes_the_model_tester(
    qtmodeltester, service: Experiments, mixed: dict[str, Experiment]
):
    model = DueModel()
    qtmodeltester.check(model)
    model.set_items(service.due(quiet_days=3))
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    model.set_items(service.due(quiet_days=30))
    model.set_items([])
    assert model.rowCount() == 0
