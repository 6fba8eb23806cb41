"""One experiment's attempts as a Qt table model, newest first.

Columns: when, did it, outcome (-2..+2 with words), situation, note. The service returns
attempts oldest first (the order the trend draws them); the table turns that round so the
latest attempt is the first row a person sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tkg_journal.domain.experiments import Attempt
from tkg_journal.ui.experiments import experiment_texts as texts

AttemptRole: Final = Qt.ItemDataRole.UserRole + 1  # the row's Attempt

WHEN, DID_IT, OUTCOME, SITUATION, NOTE = range(5)
COLUMN_COUNT = 5

AnyIndex = QModelIndex | QPersistentModelIndex


def _one_line(text: str) -> str:
    # A table cell shows one line; the tooltip has the whole text with its line breaks.
    return " ".join(text.split())


class AttemptTableModel(QAbstractTableModel):
    """Rows are :class:`Attempt` (newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Attempt] = []

    def set_attempts(self, attempts: Sequence[Attempt]) -> None:
        """Show ``attempts`` (given oldest first, as the service returns them)."""
        self.beginResetModel()
        self._rows = sorted(attempts, key=lambda a: (a.occurred_at, a.id or 0), reverse=True)
        self.endResetModel()

    def clear(self) -> None:
        self.set_attempts(())

    def attempt(self, row: int) -> Attempt:
        return self._rows[row]

    def outcomes(self) -> tuple[int | None, ...]:
        """The outcomes oldest first, as the trend draws them."""
        return tuple(attempt.outcome for attempt in reversed(self._rows))

    # --- QAbstractItemModel -----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and 0 <= section < COLUMN_COUNT
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        ):
            return texts.ATTEMPT_COLUMNS[section]
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        attempt = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(attempt, column)
        if role == AttemptRole:
            return attempt
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._full(attempt, column) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{texts.ATTEMPT_COLUMNS[column]}: {self._full(attempt, column)}"
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[AttemptRole] = QByteArray(b"attempt")
        return names

    @staticmethod
    def _display(attempt: Attempt, column: int) -> str:
        if column == SITUATION:
            return _one_line(attempt.situation)
        if column == NOTE:
            return _one_line(attempt.note)
        return AttemptTableModel._full(attempt, column)

    @staticmethod
    def _full(attempt: Attempt, column: int) -> str:
        if column == WHEN:
            return texts.moment_text(attempt.occurred_at)
        if column == DID_IT:
            return texts.DID_IT_WORDS[attempt.did_it]
        if column == OUTCOME:
            return texts.outcome_text(attempt.outcome)
        if column == SITUATION:
            return attempt.situation
        return attempt.note
