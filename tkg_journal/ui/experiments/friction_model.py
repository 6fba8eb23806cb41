"""The friction catalogue as an editable table: behaviour name, root level, archived.

Edits go straight to the service (rename, re-map, archive), one transaction each; a
refused edit (a name already taken, an empty name) changes nothing and is announced
through ``error`` so the dialog can say why.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.common.qt_values import as_int, is_checked
from tkg_journal.ui.experiments import experiment_texts as texts

NAME_COLUMN, LEVEL_COLUMN, ARCHIVED_COLUMN = range(3)
#: The FrictionBehaviour of a row (any column).
BehaviourRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class FrictionModel(QAbstractTableModel):
    """Rows of FrictionBehaviours, in the service's order (level bottom-up, then name).

    Signals:
        error(str): an edit was refused; the message says why (nothing was changed).
    """

    error = Signal(str)

    def __init__(self, service: Experiments | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._show_archived = False
        self._rows: list[FrictionBehaviour] = []
        self.reload()

    # --- loading --------------------------------------------------------------------------
    def set_service(self, service: Experiments | None) -> None:
        self._service = service
        self.reload()

    def show_archived(self) -> bool:
        return self._show_archived

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self._show_archived = show
            self.reload()

    def reload(self) -> None:
        rows: list[FrictionBehaviour] = []
        if self._service is not None:
            try:
                rows = self._service.behaviours(include_archived=self._show_archived)
            except USER_ERRORS as error:
                self.error.emit(str(error))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def behaviour(self, row: int) -> FrictionBehaviour:
        return self._rows[row]

    def behaviours(self) -> list[FrictionBehaviour]:
        return list(self._rows)

    def row_of(self, behaviour_id: int) -> int:
        """The row showing this behaviour, or -1."""
        return next(
            (row for row, behaviour in enumerate(self._rows) if behaviour.id == behaviour_id), -1
        )

    # --- changes ----------------------------------------------------------------------------
    def add(self, name: str, level: Level) -> FrictionBehaviour | None:
        """Add a behaviour; ``None`` (and ``error``) when refused."""
        if self._service is None:
            return None
        try:
            added = self._service.add_behaviour(name, level)
        except USER_ERRORS as error:
            self.error.emit(str(error))
            return None
        self.reload()
        return added

    def set_archived(self, row: int, archived: bool) -> bool:
        return self.setData(
            self.index(row, ARCHIVED_COLUMN),
            Qt.CheckState.Checked if archived else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(texts.FRICTION_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(texts.FRICTION_HEADERS)
        ):
            return texts.FRICTION_HEADERS[section]
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        behaviour = self._rows[index.row()]
        column = index.column()
        if role == BehaviourRole:
            return behaviour
        if role == Qt.ItemDataRole.ToolTipRole:
            return behaviour.description or f"{behaviour.level.label()}: {behaviour.level.focus}"
        if column == NAME_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return behaviour.name
        elif column == LEVEL_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return behaviour.level.label()
            if role == Qt.ItemDataRole.EditRole:
                return int(behaviour.level)
            if role == Qt.ItemDataRole.DecorationRole:
                return level_badge_icon(behaviour.level)
        elif column == ARCHIVED_COLUMN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if behaviour.archived else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "archived" if behaviour.archived else "in use"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() in (NAME_COLUMN, LEVEL_COLUMN):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif index.column() == ARCHIVED_COLUMN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._service is None or not index.isValid() or index.row() >= len(self._rows):
            return False
        behaviour = self._rows[index.row()]
        assert behaviour.id is not None  # rows come from storage
        column = index.column()
        try:
            if column == NAME_COLUMN and role == Qt.ItemDataRole.EditRole:
                name = str(value)
                if name.strip() == behaviour.name:
                    return False
                changed = self._service.rename_behaviour(behaviour.id, name)
            elif column == LEVEL_COLUMN and role == Qt.ItemDataRole.EditRole:
                level = Level(as_int(value))
                if level == behaviour.level:
                    return False
                changed = self._service.remap_behaviour(behaviour.id, level)
            elif column == ARCHIVED_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
                archived = is_checked(value)
                if archived == behaviour.archived:
                    return False
                changed = self._service.archive_behaviour(behaviour.id, archived=archived)
            else:
                return False
        except USER_ERRORS as error:
            self.error.emit(str(error))
            return False
        except ValueError:  # not a level number: a programming error upstream, refuse it
            return False
        row = index.row()
        if changed.archived and not self._show_archived:
            # Archived behaviours leave the list unless archived ones are shown.
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        else:
            self._rows[row] = changed
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True
