"""The list of experiments as a Qt table model over the service's ``ExperimentSummary`` rows.

A person has tens of experiments, not thousands, so the model loads every row that matches
the query at once (no paging); one experiment changing updates its row in place when it
stays where it was, so selection and scroll survive logging an attempt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final, Literal

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QIcon

from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments, ExperimentSummary
from tkg_journal.ui.common.level_badge import BADGE_SIZE, level_badge_icon
from tkg_journal.ui.common.row_list_model import AnyIndex, RowListModel
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.outcome_trend import describe as describe_outcomes

SummaryRole: Final = Qt.ItemDataRole.UserRole + 1  # the row's ExperimentSummary
ExperimentIdRole: Final = Qt.ItemDataRole.UserRole + 2  # the experiment's id
OutcomesRole: Final = Qt.ItemDataRole.UserRole + 3  # recent outcomes, oldest first

TITLE, STATUS, LEVEL, ATTEMPTS, LAST_ATTEMPT, TREND = range(6)
COLUMN_COUNT = 6

#: The status filter's "open" choice (planned or active), besides one ExperimentStatus or
#: ``None`` for every status.
OPEN: Final = "open"
StatusFilter = ExperimentStatus | Literal["open"] | None

#: The size of the level badge a view should set as its icon size.
ICON_SIZE = BADGE_SIZE


class ExperimentListModel(RowListModel[ExperimentSummary]):
    """Rows are :class:`ExperimentSummary`; columns title (with the level badge as its
    decoration), status, level, attempts, last attempt and trend (mean outcome as text; a
    delegate draws the sparkline from :data:`OutcomesRole`)."""

    COLUMN_COUNT = COLUMN_COUNT
    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {
        SummaryRole: b"summary",
        ExperimentIdRole: b"experimentId",
        OutcomesRole: b"outcomes",
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service: Experiments | None = None
        self._status: StatusFilter = None
        self._level: Level | None = None
        self._text = ""
        self._badges: dict[Level, QIcon] = {}

    # --- what is shown ------------------------------------------------------------------
    def set_service(self, service: Experiments | None) -> None:
        """Show ``service``'s experiments; ``None`` (locking) empties the model."""
        self._service = service
        self._status, self._level, self._text = None, None, ""
        self.reload()

    def set_query(
        self, status: StatusFilter = None, level: Level | None = None, text: str = ""
    ) -> None:
        self._status, self._level, self._text = status, level, text.strip()
        self.reload()

    def is_filtering(self) -> bool:
        return self._status is not None or self._level is not None or bool(self._text)

    def _fetch(self) -> list[ExperimentSummary]:
        if self._service is None:
            return []
        one_status = self._status if isinstance(self._status, ExperimentStatus) else None
        rows = self._service.summaries(status=one_status, level=self._level, text=self._text)
        if self._status == OPEN:
            rows = [row for row in rows if row.experiment.status.is_open]
        return rows

    def _row_id(self, row: ExperimentSummary) -> int | None:
        return row.experiment.id

    def experiment_changed(self, experiment_id: int) -> None:
        """One experiment was edited, moved on or got an attempt: update its row.

        The row changes in place when the order of the list stays the same (the common
        case: an attempt logged, a field edited); otherwise rows leave or the list
        reloads, as the service orders it.
        """
        fresh = self._fetch()
        old_ids = [row.experiment.id for row in self._rows]
        new_ids = [row.experiment.id for row in fresh]
        if new_ids == old_ids:
            self._rows = fresh
            row = self.row_of(experiment_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
            return
        if experiment_id not in new_ids and [i for i in old_ids if i != experiment_id] == new_ids:
            row = old_ids.index(experiment_id)
            self.beginRemoveRows(QModelIndex(), row, row)
            self._rows = fresh
            self.endRemoveRows()
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    # --- lookup ---------------------------------------------------------------------------
    def summary(self, row: int) -> ExperimentSummary:
        return self._rows[row]

    def summaries(self) -> list[ExperimentSummary]:
        return list(self._rows)

    # --- QAbstractItemModel -----------------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return texts.COLUMN_TITLES[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._alignment(section)
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self._row_at(index)
        if summary is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == SummaryRole:
            return summary
        if role == ExperimentIdRole:
            return summary.experiment.id
        if role == OutcomesRole:
            return summary.recent_outcomes
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE:
            return self._badge(summary.experiment.level)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            experiment = summary.experiment
            spoken = texts.summary_spoken(
                experiment.title,
                experiment.status,
                experiment.level,
                summary.attempts,
                summary.mean_outcome,
            )
            if column == TREND:  # the cell the keyboard reaches for the drawn trend
                return texts.TREND_CELL.format(
                    row=spoken, trend=describe_outcomes(summary.recent_outcomes)
                )
            return spoken
        return None

    # --- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _display(summary: ExperimentSummary, column: int) -> str:
        experiment = summary.experiment
        if column == TITLE:
            return experiment.title
        if column == STATUS:
            return texts.STATUS_WORDS[experiment.status]
        if column == LEVEL:
            return experiment.level.label()
        if column == ATTEMPTS:
            return str(summary.attempts)
        if column == LAST_ATTEMPT:
            last = summary.last_attempt_at
            return texts.moment_text(last) if last is not None else texts.NOT_SET
        return texts.mean_text(summary.mean_outcome)  # TREND: the delegate draws the line

    @staticmethod
    def _alignment(column: int) -> int:
        horizontal = {
            ATTEMPTS: Qt.AlignmentFlag.AlignRight,
            TREND: Qt.AlignmentFlag.AlignHCenter,
        }.get(column, Qt.AlignmentFlag.AlignLeft)
        # A plain int: the model tester (and QML) read the role as Qt::Alignment flags.
        return (horizontal | Qt.AlignmentFlag.AlignVCenter).value

    def _badge(self, level: Level) -> QIcon:
        if level not in self._badges:
            self._badges[level] = level_badge_icon(level)
        return self._badges[level]
