"""The action items from coach sessions that need attention (overdue, due today, due soon),
as a Qt model: one row per CommitmentDue, in the service's order (most overdue first, then
due today, then the soonest)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtCore import Qt

from tkg_journal.domain.coach_sessions import CommitmentDue
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.accountability.due_list_model import AnyIndex, DueListModel
from tkg_journal.ui.common.icons import icon

#: The CommitmentDue of a row.
CommitmentDueRole = Qt.ItemDataRole.UserRole + 1
#: The commitment's id (int).
CommitmentIdRole = Qt.ItemDataRole.UserRole + 2
#: When it is due: "Overdue by 3 days", "Due today", "Due in 2 days".
ReasonRole = Qt.ItemDataRole.UserRole + 3
#: Where it comes from: "from the session of 12 Nov 2026".
SessionRole = Qt.ItemDataRole.UserRole + 4


class CommitmentDueModel(DueListModel[CommitmentDue]):
    """Rows of CommitmentDue. Display text is "text: reason"; the roles above give the parts."""

    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {
        CommitmentDueRole: b"commitmentDue",
        CommitmentIdRole: b"commitmentId",
        ReasonRole: b"reason",
        SessionRole: b"session",
    }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        due = self._item_at(index)
        if due is None:
            return None
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
