"""The Qt plumbing of a flat list of rows read from a service all at once.

A section's list (coach sessions, experiments) holds tens of rows, not thousands: the
model fetches every row at once and resets when asked again. :class:`RowListModel` is
that plumbing (rows, counts, flags, lookup by id, role names); a subclass says how to
fetch its rows, what a row's id is and what each cell shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

RowT = TypeVar("RowT")

AnyIndex = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractTableModel, Generic[RowT]):
    """Rows of ``RowT``, read-only and selectable, in the order :meth:`_fetch` gives.

    Subclasses implement :meth:`_fetch`, :meth:`_row_id` and ``data`` (use
    :meth:`_row_at`), and set ``COLUMN_COUNT`` and ``ROLE_NAMES`` (their own roles).
    """

    COLUMN_COUNT: ClassVar[int] = 1
    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # --- for subclasses -----------------------------------------------------------------
    def _fetch(self) -> list[RowT]:
        """Every row to show now, in order (may raise: nothing has changed yet)."""
        raise NotImplementedError

    def _row_id(self, row: RowT) -> int | None:
        raise NotImplementedError

    def _row_at(self, index: AnyIndex) -> RowT | None:
        """The row ``index`` points at, or ``None`` for an index of no row."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    # --- reading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask the service again (a storage error propagates before anything changes)."""
        rows = self._fetch()
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, row_id: int | None) -> int | None:
        """The row of the value whose id is ``row_id``, if it is shown."""
        if row_id is None:
            return None
        return next((i for i, row in enumerate(self._rows) if self._row_id(row) == row_id), None)

    # --- QAbstractItemModel -------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return read_only_row_flags(index)

    def roleNames(self) -> dict[int, QByteArray]:
        return with_role_names(super().roleNames(), self.ROLE_NAMES)


def read_only_row_flags(index: AnyIndex) -> Qt.ItemFlag:
    """The flags of a row a list shows and selects but never edits or expands."""
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    return (
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    )


def with_role_names(
    names: Mapping[int, QByteArray], own: Mapping[int, bytes]
) -> dict[int, QByteArray]:
    """Qt's role names plus a model's own (for QML and model testers)."""
    return {**names, **{role: QByteArray(name) for role, name in own.items()}}
