"""The list of experiments that need attention (overdue, or quiet for too long), as a Qt
model: one row per DueItem, in the service's order (most overdue first, then longest
quiet)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtCore import Qt

from tkg_journal.domain.accountability import DueItem
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.accountability.due_list_model import AnyIndex, DueListModel
from tkg_journal.ui.common.level_badge import level_badge_icon

#: The DueItem of a row.
DueItemRole = Qt.ItemDataRole.UserRole + 1
#: The experiment's id (int).
ExperimentIdRole = Qt.ItemDataRole.UserRole + 2
#: Why the row is listed: "Overdue by 4 days".
ReasonRole = Qt.ItemDataRole.UserRole + 3


class DueModel(DueListModel[DueItem]):
    """Rows of DueItems. Display text is "title: reason"; the roles above give the parts."""

    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {
        DueItemRole: b"dueItem",
        ExperimentIdRole: b"experimentId",
        ReasonRole: b"reason",
    }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self._item_at(index)
        if item is None:
            return None
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
