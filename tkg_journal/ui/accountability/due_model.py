"""The list of experiments that need attention (overdue, or quiet for too long), as a Qt
model: one row per DueItem, in the service's order (most overdue first, then longest
quiet)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tkg_journal.domain.accountability import DueItem
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.common.level_badge import level_badge_icon

#: The DueItem of a row.
DueItemRole = Qt.ItemDataRole.UserRole + 1
#: The experiment's id (int).
ExperimentIdRole = Qt.ItemDataRole.UserRole + 2
#: Why the row is listed: "Overdue by 4 days".
ReasonRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class DueModel(QAbstractListModel):
    """Rows of DueItems. Display text is "title: reason"; the roles above give the parts.

    No signals beyond QAbstractListModel's (a new list is a model reset: the list is
    short and replaced as a whole).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[DueItem] = []

    def set_items(self, items: Sequence[DueItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[DueItem]:
        return list(self._items)

    def item(self, row: int) -> DueItem:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or index.column():
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.experiment.title}: {texts.due_reason(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.experiment.statement
        if role == Qt.ItemDataRole.DecorationRole:
            return level_badge_icon(item.experiment.level)
        if role == DueItemRole:
            return item
        if role == ExperimentIdRole:
            return item.experiment.id
        if role == ReasonRole:
            return texts.due_reason(item)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {DueItemRole: b"dueItem", ExperimentIdRole: b"experimentId", ReasonRole: b"reason"}
        )
        return names
