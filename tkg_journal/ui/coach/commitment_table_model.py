"""The commitments of the session being edited, as an editable Qt table model.

The model edits a working copy (plain rows, not yet validated): ticking, typing and due
dates change only the copy until the view saves the whole session, in one transaction
through the service. :meth:`CommitmentTableModel.commitments` turns the copy back into
domain values (and raises ``ValidationError`` for a row that is not a commitment yet).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tkg_journal.domain.coach_sessions import Commitment
from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.common.qt_values import is_checked

DONE, TEXT, DUE, EXPERIMENT = range(4)
COLUMN_COUNT = 4

CommitmentIdRole: Final = Qt.ItemDataRole.UserRole + 1  # the stored id (None: new row)
ExperimentIdRole: Final = Qt.ItemDataRole.UserRole + 2  # the linked experiment's id

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class CommitmentRow:
    """One commitment as typed so far (mutable, unvalidated)."""

    text: str = ""
    due_date: date | None = None
    done: bool = False
    experiment_id: int | None = None
    id: int | None = None

    @classmethod
    def of(cls, commitment: Commitment) -> CommitmentRow:
        return cls(
            commitment.text,
            commitment.due_date,
            commitment.done,
            commitment.experiment_id,
            commitment.id,
        )

    def is_blank(self) -> bool:
        """A new row nothing was put into: saving skips it rather than refusing."""
        return self.id is None and not self.text.strip() and self.due_date is None

    def to_commitment(self) -> Commitment:
        return Commitment(
            text=self.text,
            due_date=self.due_date,
            done=self.done,
            experiment_id=self.experiment_id,
            id=self.id,
        )


def _to_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, QDate):
        return date(value.year(), value.month(), value.day()) if value.isValid() else None
    if isinstance(value, date):
        return value
    raise TypeError(f"not a date: {value!r}")


class CommitmentTableModel(QAbstractTableModel):
    """Columns: done (a check box), the text and the due date (both editable) and the
    experiment made from the commitment (its title and status; read only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CommitmentRow] = []
        self._experiments: dict[int, str] = {}

    # --- the working copy -----------------------------------------------------------------
    def set_commitments(
        self, commitments: Sequence[Commitment], experiments: Mapping[int, str] | None = None
    ) -> None:
        """Edit these (a session just loaded or saved); ``experiments`` maps an experiment
        id to what the experiment column shows."""
        self.beginResetModel()
        self._rows = [CommitmentRow.of(c) for c in commitments]
        self._experiments = dict(experiments or {})
        self.endResetModel()

    def clear(self) -> None:
        self.set_commitments(())

    def add_row(self) -> int:
        """Append an empty commitment; returns its row."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(CommitmentRow())
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def row(self, row: int) -> CommitmentRow:
        return self._rows[row]

    def rows(self) -> list[CommitmentRow]:
        return list(self._rows)

    def typed_rows(self) -> list[dict[str, Any]]:
        """The rows as typed (JSON values), for a window draft when the journal locks."""
        return [
            {"text": row.text, "due": row.due_date.isoformat() if row.due_date else None,
             "done": row.done, "experiment_id": row.experiment_id, "id": row.id}
            for row in self._rows
        ]

    def set_typed_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Rows from :meth:`typed_rows` back (values that do not read are left empty)."""
        restored = []
        for values in rows:
            due = values.get("due")
            try:
                day = date.fromisoformat(due) if isinstance(due, str) else None
            except ValueError:
                day = None
            restored.append(CommitmentRow(
                str(values.get("text") or ""), day, values.get("done") is True,
                values["experiment_id"] if isinstance(values.get("experiment_id"), int) else None,
                values["id"] if isinstance(values.get("id"), int) else None,
            ))
        self.beginResetModel()
        self._rows = restored
        self.endResetModel()

    def commitments(self) -> tuple[Commitment, ...]:
        """The rows as commitments, blank new rows left out (raises ValidationError)."""
        return tuple(row.to_commitment() for row in self._rows if not row.is_blank())

    # --- QAbstractItemModel ---------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == DONE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() in (TEXT, DUE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return texts.COLUMN_TITLES[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return texts.COLUMN_TOOLTIPS[section]
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == DONE:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TEXT:
                return row.text
            if column == DUE:
                return texts.day_text(row.due_date) if row.due_date else texts.NO_DUE
            if column == EXPERIMENT:
                return self._experiment_label(row)
            return None
        if role == Qt.ItemDataRole.EditRole:
            if column == TEXT:
                return row.text
            if column == DUE:
                due = row.due_date
                return QDate(due.year, due.month, due.day) if due else None
            return None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return texts.commitment_spoken(
                row.text, row.done, row.due_date, self._experiment_label(row)
            )
        if role == CommitmentIdRole:
            return row.id
        if role == ExperimentIdRole:
            return row.experiment_id
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column == DONE and role == Qt.ItemDataRole.CheckStateRole:
            done = is_checked(value)
            if done == row.done:
                return False
            row.done = done
        elif column == TEXT and role == Qt.ItemDataRole.EditRole:
            text = "" if value is None else str(value)
            if text == row.text:
                return False
            row.text = text
        elif column == DUE and role == Qt.ItemDataRole.EditRole:
            try:
                due = _to_date(value)
            except TypeError:
                return False
            if due == row.due_date:
                return False
            row.due_date = due
        else:
            return False
        # The whole row: its tooltip and spoken text say every column.
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COLUMN_COUNT - 1))
        return True

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                CommitmentIdRole: QByteArray(b"commitmentId"),
                ExperimentIdRole: QByteArray(b"experimentId"),
            }
        )
        return names

    def _experiment_label(self, row: CommitmentRow) -> str:
        if row.experiment_id is None:
            return ""
        return self._experiments.get(row.experiment_id, "")
