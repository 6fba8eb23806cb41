"""The Experiments section: all experiments, and what is due and overdue, as two tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.accountability.due_view import DueView
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.experiments.experiments_view import ExperimentsView

EXPERIMENTS_TAB = "&All experiments"
DUE_TAB = "&Due and overdue"


class ExperimentsSection(QWidget):
    """Holds :class:`ExperimentsView` and :class:`DueView`; keeps the due tab's count and
    the two views in step (a change in one refreshes the other)."""

    def __init__(self, get_quiet_days: Callable[[], int], set_quiet_days: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentsView")
        self.experiments = ExperimentsView()
        self.due = DueView(get_quiet_days, set_quiet_days)
        self.tabs = named(QTabWidget(), "experimentsTabs")
        self.tabs.setAccessibleName("Experiments")
        self.tabs.addTab(self.experiments, EXPERIMENTS_TAB)
        self.tabs.addTab(self.due, DUE_TAB)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        self.experiments.changed.connect(self.due.refresh)
        self.due.count_changed.connect(self._show_count)
        self.due.open_requested.connect(self.open_experiment)

    def set_service(self, service: Experiments | None) -> None:
        self.experiments.set_service(service)
        self.due.set_service(service)
        if service is None:
            self._show_count(0)

    def refresh(self) -> None:
        self.experiments.refresh()
        self.due.refresh()

    def show_due(self) -> None:
        self.tabs.setCurrentWidget(self.due)
        self.due.focus_first()

    def open_experiment(self, experiment_id: int) -> None:
        self.tabs.setCurrentWidget(self.experiments)
        self.experiments.select_experiment(experiment_id)

    def shown_experiment_id(self) -> int | None:
        """The active experiment the user is looking at (this section, its list tab), if
        any: what "Log attempt" is about when it is asked for from the menu or its keys."""
        shown = self.isVisible() and self.tabs.currentWidget() is self.experiments
        current = self.experiments.current_experiment() if shown else None
        if current is None or current.status is not ExperimentStatus.ACTIVE:
            return None
        return current.id

    def _show_count(self, count: int) -> None:
        label = f"{DUE_TAB} ({count})" if count else DUE_TAB
        self.tabs.setTabText(self.tabs.indexOf(self.due), label)
