"""A chart's data points as a Qt table model: the rows of ``charts.tables.chart_table``.

The model holds what the chart was drawn from, through the same row selection
(``charts/series.py``), so the table and the picture cannot disagree. :data:`SORT_ROLE`
carries each cell's number (a date's ordinal for a day), for a proxy that sorts 2 before
10 and days by date rather than by their names.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tkg_journal.charts.tables import ChartTable
from tkg_journal.ui.common.row_list_model import read_only_row_flags
from tkg_journal.ui.common.sorting_proxy import SORT_ROLE

_EMPTY = ChartTable((), (), ())
_Index = QModelIndex | QPersistentModelIndex


class ChartTableModel(QAbstractTableModel):
    """One chart's table; :meth:`set_table` replaces it when the chart is drawn again.

    Signals: those of QAbstractTableModel (a reset per new table).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = _EMPTY

    def table(self) -> ChartTable:
        return self._table

    def set_table(self, table: ChartTable) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._table.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._table.rows):
            return None
        cell = self._table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == SORT_ROLE:
            return cell.sort
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = self._table.numeric[index.column()]
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
            and 0 <= section < len(self._table.columns)
        ):
            return self._table.columns[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return read_only_row_flags(index)
