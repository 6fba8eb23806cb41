"""The "Show as table" view of a chart: sortable by any column, Ctrl+C copies the cells."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tkg_journal.ui.common.sorting_proxy import sorting_proxy
from tkg_journal.ui.common.table_copy import copy_selection
from tkg_journal.ui.progress.chart_table_model import ChartTableModel


class ChartTableView(QTableView):
    """A chart's data points, one a row, over a sorting proxy of a :class:`ChartTableModel`.

    Signals: those of QTableView.
    """

    def __init__(self, model: ChartTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = sorting_proxy(model)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        # The chart's own order (by time, levels bottom-up) until a header is clicked.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in every other view
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)  # a number stays beside its title

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            copy_selection(self)
            event.accept()
            return
        super().keyPressEvent(event)
