"""The lower part of an experiment's detail: the trend of its outcomes and its attempts.

The trend draws the outcomes oldest first, next to a one-line summary (how many attempts,
the mean outcome); the table lists every attempt, newest first, read-only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.experiments import Attempt
from tkg_journal.ui.common.master_detail import as_row_table
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.attempt_table_model import (
    DID_IT,
    NOTE,
    OUTCOME,
    SITUATION,
    WHEN,
    AttemptTableModel,
)
from tkg_journal.ui.experiments.outcome_trend import OutcomeTrend

TREND_MAX_WIDTH = 420  # px: beyond this a sparkline of ten points only gets sparser


def _bold_caption(text: str, buddy: QWidget) -> QLabel:
    caption = QLabel(text)
    caption.setBuddy(buddy)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    return caption


class ExperimentAttemptsPane(QWidget):
    """The trend, the attempts summary and the attempts table. Signals: none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentAttemptsPane")
        self.trend = OutcomeTrend()
        self.trend.setMaximumWidth(TREND_MAX_WIDTH)
        trend_caption = _bold_caption(texts.TREND_LABEL, self.trend)
        self.summary = QLabel()
        self.summary.setObjectName("experimentAttemptSummary")
        self.model = AttemptTableModel(self)
        self.table = self._build_table(self.model)
        table_caption = _bold_caption(texts.ATTEMPTS_LABEL, self.table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(trend_caption)
        trend_row = QHBoxLayout()
        trend_row.setSpacing(16)
        trend_row.addWidget(self.trend, 1)
        trend_row.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignVCenter)
        trend_row.addStretch(0)
        layout.addLayout(trend_row)
        layout.addWidget(table_caption)
        layout.addWidget(self.table, 1)

    @staticmethod
    def _build_table(model: AttemptTableModel) -> QTableView:
        table = QTableView()
        table.setObjectName("experimentAttempts")
        table.setAccessibleName(texts.ATTEMPTS_ACCESSIBLE_NAME)
        table.setModel(model)
        as_row_table(table)
        header = table.horizontalHeader()
        for column in (WHEN, DID_IT, OUTCOME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SITUATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        return table

    def set_attempts(self, attempts: Sequence[Attempt]) -> None:
        """Show ``attempts`` (oldest first, as the service returns them)."""
        self.model.set_attempts(attempts)
        outcomes = self.model.outcomes()
        self.trend.set_outcomes(outcomes)
        rated = [value for value in outcomes if value is not None]
        # No attempt: the trend says so in its place; the summary would say it twice.
        self.summary.setText(
            texts.attempts_summary(
                len(outcomes), len(rated), sum(rated) / len(rated) if rated else None
            ) if outcomes else ""
        )

    def clear(self) -> None:
        self.summary.clear()
        self.model.clear()
        self.trend.clear()
