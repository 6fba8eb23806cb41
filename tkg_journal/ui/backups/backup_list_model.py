"""The backups the restore dialog offers, one row each: when, why, entries, size, where.

Rows come from ``Backups.find`` (this journal's, newest first) plus any file the user
picks. The model holds only what a backup's manifest tells without its key: no text the
user wrote is ever read to list backups.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tkg_journal.services.backups import BackupInfo
from tkg_journal.ui.backups import backup_texts as texts

#: The role that gives a row's :class:`BackupInfo`.
InfoRole = Qt.ItemDataRole.UserRole + 1

TAKEN, WHY, ENTRIES, SIZE, WHERE = range(len(texts.COLUMNS))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class BackupRow:
    info: BackupInfo
    where: str  # which folder, in words (texts.WHERE_*)


class BackupListModel(QAbstractTableModel):
    def __init__(self, rows: list[BackupRow] | None = None) -> None:
        super().__init__()
        self._rows: list[BackupRow] = list(rows or [])

    # --- reading ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(texts.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        manifest = row.info.manifest
        if role == InfoRole:
            return row.info
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = index.column()
            if column == TAKEN:
                return texts.taken_words(manifest.created_at)
            if column == WHY:
                return texts.reason_words(manifest.reason)
            if column == ENTRIES:
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    return texts.entries_words(manifest.entries)
                return f"{manifest.entries:,}"
            if column == SIZE:
                return texts.size_words(row.info.size)
            if column == WHERE:
                return row.where
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(row.info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if index.column() in (ENTRIES, SIZE) else _LEFT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(texts.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return texts.COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if section in (ENTRIES, SIZE) else _LEFT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | (
            Qt.ItemFlag.ItemNeverHasChildren
        )

    def info(self, row: int) -> BackupInfo:
        return self._rows[row].info

    # --- changing -----------------------------------------------------------------------
    def add_first(self, row: BackupRow) -> None:
        """Put a file the user picked at the top (or move it there if it is listed)."""
        for number, existing in enumerate(self._rows):
            if existing.info.path == row.info.path:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self.endRemoveRows()
                break
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()
