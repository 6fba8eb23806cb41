"""A delegate that edits a due date in a table cell with a date editor and its calendar.

The model's ``EditRole`` gives a ``QDate`` (or ``None`` for no date yet: the editor then
starts on today) and takes a ``QDate`` back. Clearing a date is the view's job (Delete on
the cell), so the editor never needs a made-up "no date" value.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDateEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from tkg_journal.ui.common.journal_dates import limit_to_journal_range

AnyIndex = QModelIndex | QPersistentModelIndex


class DueDateDelegate(QStyledItemDelegate):
    """Signals: none beyond QStyledItemDelegate's."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: AnyIndex
    ) -> QWidget:
        editor = QDateEdit(parent)
        editor.setObjectName("commitmentDueEditor")
        editor.setAccessibleName("Due date")
        editor.setCalendarPopup(True)
        limit_to_journal_range(editor)
        editor.setDisplayFormat("d MMM yyyy")
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if not isinstance(editor, QDateEdit):
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)
        else:
            today = self._today()
            editor.setDate(QDate(today.year, today.month, today.day))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
