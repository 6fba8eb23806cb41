"""The Qt plumbing both due lists share (experiments due, action items due): a short list
of items set as a whole by the section, read-only and selectable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tkg_journal.ui.common.row_list_model import read_only_row_flags, with_role_names

ItemT = TypeVar("ItemT")

AnyIndex = QModelIndex | QPersistentModelIndex


class DueListModel(QAbstractListModel, Generic[ItemT]):
    """Rows of ``ItemT`` in the order given. Subclasses implement ``data`` (with
    :meth:`_item_at`) and set ``ROLE_NAMES`` for their own roles.

    No signals beyond QAbstractListModel's (a new list is a model reset: the list is
    short and replaced as a whole).
    """

    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[ItemT] = []

    def set_items(self, items: Sequence[ItemT]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[ItemT]:
        return list(self._items)

    def item(self, row: int) -> ItemT:
        return self._items[row]

    def _item_at(self, index: AnyIndex) -> ItemT | None:
        """The item ``index`` points at, or ``None`` for an index of no row."""
        if not index.isValid() or not 0 <= index.row() < len(self._items) or index.column():
            return None
        return self._items[index.row()]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return read_only_row_flags(index)

    def roleNames(self) -> dict[int, QByteArray]:
        return with_role_names(super().roleNames(), self.ROLE_NAMES)
