"""The people of a pattern report as a Qt table model, and the proxy that sorts it.

One row per :class:`~tkg_journal.domain.patterns.PersonPattern`, in the report's order
(most conversations first). :data:`SORT_ROLE` carries each cell's number (a level's rank,
a trend's change, a name folded to lower case), so a click on a header sorts 9 before 10
and "calmer" by how much; :data:`PERSON_ROLE` gives a row's person (their entry ids);
:data:`MONTHS_ROLE` the intensity per month the sparkline delegate draws. Every cell has
accessible text, the sparkline's included ("intensity by month: 7, 7, 6, 4, 3; calmer").
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PersonPattern
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.common.row_list_model import read_only_row_flags
from tkg_journal.ui.common.sorting_proxy import SORT_ROLE
from tkg_journal.ui.progress import patterns_texts as texts
from tkg_journal.ui.progress.intensity_sparkline import MAX_MONTHS

PERSON_ROLE = Qt.ItemDataRole.UserRole + 2
MONTHS_ROLE = Qt.ItemDataRole.UserRole + 3
#: What sorts below every number: a person with nothing to average.
NO_NUMBER = -1.0e9

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    CONVERSATIONS = 1
    FEEDBACK = 2
    LEVEL = 3
    MEAN = 4
    HALVES = 5
    MONTHS = 6


_NUMERIC = frozenset({Column.CONVERSATIONS, Column.FEEDBACK, Column.MEAN})


def _text(person: PersonPattern, column: Column) -> str:
    if column is Column.NAME:
        return person.name
    if column is Column.CONVERSATIONS:
        return f"{person.conversations:,}"
    if column is Column.FEEDBACK:
        return f"{person.feedback:,}"
    if column is Column.LEVEL:
        level = person.main_level
        return level.label() if level is not None else texts.NOT_SET
    if column is Column.MEAN:
        return texts.mean_text(person.mean_intensity)
    if column is Column.HALVES:
        return texts.halves_text(person)
    return ""  # the sparkline: drawn, and spoken through its own words


def _sort_value(person: PersonPattern, column: Column) -> object:
    if column is Column.NAME:
        return person.name.casefold()
    if column is Column.CONVERSATIONS:
        return person.conversations
    if column is Column.FEEDBACK:
        return person.feedback
    if column is Column.LEVEL:
        level = person.main_level
        return int(level) if level is not None else 0
    if column is Column.MEAN:
        return person.mean_intensity if person.mean_intensity is not None else NO_NUMBER
    if column is Column.HALVES:
        change = person.trend.change
        return change if change is not None else NO_NUMBER
    slope = person.trend.slope_per_month
    return slope if slope is not None else NO_NUMBER


def month_values(person: PersonPattern) -> tuple[float | None, ...]:
    """The newest months' mean intensities, oldest first (None: no rated conversation)."""
    return tuple(m.mean_intensity for m in person.months[-MAX_MONTHS:])


class PeopleTableModel(QAbstractTableModel):
    """The people of one report; :meth:`set_people` replaces them (a model reset).

    Every cell's text, number and spoken words are made once per report: a header that
    fits its columns to their contents asks for every cell more than once per layout.

    Signals: those of QAbstractTableModel.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: tuple[PersonPattern, ...] = ()
        self._months: tuple[tuple[float | None, ...], ...] = ()
        self._texts: tuple[tuple[str, ...], ...] = ()
        self._sorts: tuple[tuple[object, ...], ...] = ()
        self._spoken: tuple[str, ...] = ()
        self._badges: dict[Level, QIcon] = {}

    def set_people(self, people: Sequence[PersonPattern]) -> None:
        self.beginResetModel()
        self._people = tuple(people)
        self._months = tuple(month_values(p) for p in self._people)
        self._texts = tuple(tuple(_text(p, c) for c in Column) for p in self._people)
        self._sorts = tuple(tuple(_sort_value(p, c) for c in Column) for p in self._people)
        self._spoken = tuple(
            texts.sparkline_spoken(months, p.trend.direction)
            for p, months in zip(self._people, self._months, strict=True)
        )
        self.endResetModel()

    def person(self, row: int) -> PersonPattern:
        return self._people[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self._people):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return None if column == Column.MONTHS else self._texts[row][column]
        if role == SORT_ROLE:
            return self._sorts[row][column]
        if role == MONTHS_ROLE:
            return self._months[row] if column == Column.MONTHS else None
        if role == PERSON_ROLE:
            return self._people[row]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken[row] if column == Column.MONTHS else self._texts[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._spoken[row] if column == Column.MONTHS else None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.LEVEL:
            return self._badge(self._people[row].main_level)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in _NUMERIC else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _badge(self, level: Level | None) -> QIcon | None:
        if level is None:
            return None
        badge = self._badges.get(level)
        if badge is None:
            badge = self._badges[level] = level_badge_icon(level)
        return badge

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return texts.PEOPLE_HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return texts.PEOPLE_TOOLTIPS[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return read_only_row_flags(index)
