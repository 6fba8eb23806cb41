"""The table a coach session's commitments are edited in: done, text, due date, experiment.

Cells are edited in place (double click, F2, or a click on the selected cell); the due
date has a date editor with its calendar, and Delete or Backspace on a due date clears it
(the date editor itself cannot say "no date").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.coach.commitment_table_model import (
    DONE,
    DUE,
    EXPERIMENT,
    TEXT,
    CommitmentTableModel,
)
from tkg_journal.ui.coach.due_date_delegate import DueDateDelegate
from tkg_journal.ui.common.master_detail import as_row_table


class CommitmentTableView(QTableView):
    """Shows ``model``; ``today`` is where a due date without a date starts. Signals:
    none beyond QTableView's."""

    def __init__(
        self,
        model: CommitmentTableModel,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._commitments = model
        self.setObjectName("sessionCommitments")
        self.setAccessibleName(texts.COMMITMENTS_ACCESSIBLE_NAME)
        self.setModel(model)
        self.setItemDelegateForColumn(DUE, DueDateDelegate(today, self))
        as_row_table(self, read_only=False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.verticalHeader().setDefaultSectionSize(max(self.fontMetrics().height() + 12, 26))
        header = self.horizontalHeader()
        header.setSectionResizeMode(DONE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        # Wide enough for the longest day ("30 Sep 2026") whether or not one is set yet.
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(DUE, self.fontMetrics().horizontalAdvance("30 Sep 2026") + 28)
        header.setSectionResizeMode(EXPERIMENT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EXPERIMENT, 200)
        header.setHighlightSections(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
            and index.column() == DUE
        ):
            self._commitments.setData(index, None)
            return
        super().keyPressEvent(event)
