"""The action items from coach sessions that need attention (overdue, due today, due soon),
as a Qt model: one row per CommitmentDue, in the service's order (most overdue first, then
due today, then the soonest)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tkg_journal.domain.coach_sessions import CommitmentDue
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.common.icons import icon

#: The CommitmentDue of a row.
CommitmentDueRole = Qt.ItemDataRole.UserRole + 1
#: The commitment's id (int).
CommitmentIdRole = Qt.ItemDataRole.UserRole + 2
#: When it is due: "Overdue by 3 days", "Due today", "Due in 2 days".
ReasonRole = Qt.ItemDataRole.UserRole + 3
#: Where it comes from: "from the session of 12 Nov 2026".
SessionRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


class CommitmentDueModel(QAbstractListModel):
    """Rows of CommitmentDue. Display text is "text: reason"; the roles above give the parts.

    No signals beyond QAbstractListModel's (a new list is a model reset: the list is
    short and replaced as a whole).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[CommitmentDue] = []

    def set_items(self, items: Sequence[CommitmentDue]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[CommitmentDue]:
        return list(self._items)

    def item(self, row: int) -> CommitmentDue:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or index.column():
            return None
        due = self._items[index.row()]
        commitment = due.item.commitment
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{commitment.text}: {texts.commitment_reason(due)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return texts.commitment_tip(due.item.held_on, commitment.due_date)
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("coach-sessions")
        if role == CommitmentDueRole:
            return due
        if role == CommitmentIdRole:
            return commitment.id
        if role == ReasonRole:
            return texts.commitment_reason(due)
        if role == SessionRole:
            return texts.commitment_session(due.item.held_on)
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
            {
                CommitmentDueRole: b"commitmentDue",
                CommitmentIdRole: b"commitmentId",
                ReasonRole: b"reason",
                SessionRole: b"session",
            }
        )
        return names
