"""Progress ▸ Patterns: where the root may be, who recurs and how it feels, for the range
and level chosen in the Progress section's bar.

From top to bottom, in one scrolling column (it fits a netbook and a wide screen alike):
a line saying what was looked at; the root hints as cards (the sentence, its two levels as
badges, a button to see the entries behind it); the people as a sortable table with a
sparkline of their intensity per month (double-click or Enter, or the button under it,
shows their entries in the journal); the feelings named, as six painted bars with the same
numbers in a sentence under them; and, once, that all of it was computed on this computer.
With nothing to look at, one paragraph says what patterns need instead.

The report is computed off the GUI thread (:class:`PatternsLoader`), and asks the service
only for the three parts shown here.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PatternPart, PatternQuery, PatternReport
from tkg_journal.domain.progress import Period
from tkg_journal.domain.root_hints import RootHint
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.master_detail import as_row_table
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.sorting_proxy import sorting_proxy
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.progress import patterns_texts as texts
from tkg_journal.ui.progress.feeling_bars import FeelingBars
from tkg_journal.ui.progress.intensity_sparkline import SparklineDelegate
from tkg_journal.ui.progress.patterns_loader import PatternsLoader
from tkg_journal.ui.progress.people_table_model import (
    MONTHS_ROLE,
    PERSON_ROLE,
    Column,
    PeopleTableModel,
)
from tkg_journal.ui.progress.root_hint_card import RootHintCard

#: What the page shows, and so all it asks the service for.
PAGE_PARTS = frozenset({PatternPart.PEOPLE, PatternPart.FEELINGS, PatternPart.HINTS})
#: The table shows this many rows before it scrolls (the page scrolls around it).
TABLE_ROWS = 8
SPARKLINE_WIDTH = 130
#: Words outside the vocabulary named in the feelings sentence (most often first).
OTHER_WORDS = 6


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def overview_text(report: PatternReport) -> str:
    """"From 20 Dec 2025 to 20 Mar 2026, every level: 428 difficult conversations and 3
    pieces of feedback." """
    period, level = report.query.period, report.query.level
    if period.since is not None:
        when = texts.FROM_TO.format(
            since=_day(period.since), until=_day(period.until or report.today)
        )
    else:
        when = texts.ALL_TIME
    return texts.OVERVIEW.format(
        period=when,
        level=texts.AT_LEVEL.format(level=level.label()) if level else texts.EVERY_LEVEL,
        talks=texts.many(report.conversations, "difficult conversation", "difficult conversations"),
        feedback=texts.many(report.feedback, "piece of feedback", "pieces of feedback"),
    )


def _title(text: str, name: str) -> QLabel:
    label = named(QLabel(text), name)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _note(text: str, name: str) -> QLabel:
    label = named(QLabel(text), name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class PatternsPage(QWidget):
    """Signals:
    show_entries_requested(list, str): entry ids to show in the journal, and what they are
        ("42 conversations with Sam").
    error(object): the report could not be computed (the user's error, or a bug).
    """

    show_entries_requested = Signal(list, str)
    error = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patternsPage")
        self.setAccessibleName(texts.PAGE_ACCESSIBLE_NAME)
        self.report: PatternReport | None = None
        self.loader = PatternsLoader(self)
        self.loader.loaded.connect(self.show_report)
        self.loader.failed.connect(self._failed)
        self.cards: list[RootHintCard] = []

        self.overview = named(ValueLabel(texts.OVERVIEW_CAPTION), "patternsOverview")
        self.overview.setWordWrap(True)
        self.empty = _note(texts.EMPTY, "patternsEmpty")
        self.empty.hide()

        self.hints_box = named(QWidget(), "patternsHints")
        self.hints_layout = QVBoxLayout(self.hints_box)
        self.hints_layout.setContentsMargins(0, 0, 0, 0)
        self.hints_layout.setSpacing(8)
        self.no_hints = _note(texts.NO_HINTS, "patternsNoHints")
        self.hints_layout.addWidget(self.no_hints)

        self.people_model = PeopleTableModel(self)
        self.people_proxy = sorting_proxy(self.people_model)
        self.people_table = self._people_table()
        self.no_people = _note(texts.NO_PEOPLE, "patternsNoPeople")
        self.no_people.hide()
        self.show_person_button = named(QPushButton(texts.SHOW_PERSON), "patternsShowPerson")
        self.show_person_button.setAccessibleName(texts.SHOW_PERSON_NAME)
        self.show_person_button.setToolTip(texts.SHOW_PERSON_TOOLTIP)
        self.show_person_button.setAutoDefault(False)
        self.show_person_button.setEnabled(False)
        self.show_person_button.clicked.connect(self.show_chosen_person)
        person_row = QHBoxLayout()
        person_row.setContentsMargins(0, 0, 0, 0)
        person_row.addStretch(1)
        person_row.addWidget(self.show_person_button)

        self.feeling_bars = FeelingBars()
        self.feelings_sentence = named(QLabel(), "patternsFeelingsSentence")
        self.feelings_sentence.setWordWrap(True)
        self.feelings_sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.feelings_sentence.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.private_note = _note(texts.PRIVATE_NOTE, "patternsPrivateNote")

        self.details = named(QWidget(), "patternsDetails")
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(8)
        details.addWidget(_title(texts.HINTS_TITLE, "patternsHintsTitle"))
        details.addWidget(self.hints_box)
        details.addSpacing(8)
        details.addWidget(_title(texts.PEOPLE_TITLE, "patternsPeopleTitle"))
        details.addWidget(self.people_table)
        details.addWidget(self.no_people)
        details.addLayout(person_row)
        details.addSpacing(8)
        details.addWidget(_title(texts.FEELINGS_TITLE, "patternsFeelingsTitle"))
        details.addWidget(self.feeling_bars)
        details.addWidget(self.feelings_sentence)
        self.details.hide()

        content = named(QWidget(), "patternsContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        column.addWidget(self.overview)
        column.addWidget(self.empty)
        column.addWidget(self.details)
        column.addStretch(1)
        column.addWidget(self.private_note)
        self.scroll_area = named(QScrollArea(), "patternsScroll")
        self.scroll_area.setAccessibleName(texts.PAGE_ACCESSIBLE_NAME)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys scroll
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.scroll_area)
        self._order_focus()

    def _people_table(self) -> QTableView:
        table = named(QTableView(), "patternsPeople")
        table.setAccessibleName(texts.PEOPLE_ACCESSIBLE_NAME)
        table.setModel(self.people_proxy)
        as_row_table(table)
        table.setSortingEnabled(True)
        # The report's order (most conversations first) until a header is clicked.
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setItemDelegateForColumn(Column.MONTHS, SparklineDelegate(table, MONTHS_ROLE))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The names take what is left; the sparkline keeps a readable width.
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.MONTHS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.MONTHS, SPARKLINE_WIDTH)
        header.setStretchLastSection(False)
        rows = table.verticalHeader().defaultSectionSize() * TABLE_ROWS
        table.setFixedHeight(rows + header.sizeHint().height() + 2 * table.frameWidth())
        table.activated.connect(self._person_activated)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    def _order_focus(self) -> None:
        """Tab goes down the page: the hints' buttons (made per report), the table, its
        button, the feelings."""
        chain: list[QWidget] = [
            self.scroll_area,
            *(card.button for card in self.cards),
            self.people_table,
            self.show_person_button,
            self.feeling_bars,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- asking -------------------------------------------------------------------------
    def set_journal(self, journal: Journal | None) -> None:
        """Compute from ``journal``; ``None`` (locking) empties the page of every name."""
        self.loader.set_journal(journal)
        if journal is None:
            self.report = None
            self._clear()

    def refresh(self, period: Period, level: Level | None) -> None:
        """Compute the patterns of ``period`` at ``level`` (all levels: None)."""
        if self.report is None:
            self.overview.setText(texts.FINDING)
        self.loader.load(PatternQuery(period=period, level=level, parts=PAGE_PARTS))

    def is_busy(self) -> bool:
        return self.loader.is_busy()

    # --- showing ------------------------------------------------------------------------
    def show_report(self, report: PatternReport) -> None:
        self.report = report
        self.overview.setText(overview_text(report))
        empty = report.conversations == 0 and report.feedback == 0
        self.empty.setVisible(empty)
        self.details.setVisible(not empty)
        self._show_hints(report.hints)
        self.people_model.set_people(report.people)
        self.people_table.setVisible(bool(report.people))
        self.no_people.setVisible(not report.people)
        self.show_person_button.setEnabled(False)
        other = [(f.word, f.count) for f in report.feelings if f.group is None][:OTHER_WORDS]
        sentence = texts.feelings_sentence(report.feeling_groups, report.conversations, other)
        self.feeling_bars.set_groups(report.feeling_groups, sentence)
        self.feeling_bars.setVisible(any(g.count for g in report.feeling_groups))
        self.feelings_sentence.setText(sentence)

    def _show_hints(self, hints: tuple[RootHint, ...]) -> None:
        for card in self.cards:
            self.hints_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for number, hint in enumerate(hints, start=1):
            card = RootHintCard(hint, number, self.hints_box)
            card.show_entries.connect(lambda _hint, c=card: self._show_hint_entries(c))
            self.hints_layout.addWidget(card)
            self.cards.append(card)
        self.no_hints.setVisible(not hints)
        self._order_focus()

    def _clear(self) -> None:
        self._show_hints(())
        self.people_model.set_people(())
        self.feeling_bars.set_groups((), "")
        self.feelings_sentence.clear()
        self.overview.clear()
        self.details.hide()
        self.empty.hide()

    def _failed(self, error: object) -> None:
        message = str(error) if isinstance(error, USER_ERRORS) else type(error).__name__
        self.overview.setText(texts.FAILED.format(message=message))
        self.error.emit(error)

    # --- to the journal -----------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.show_person_button.setEnabled(self.people_table.currentIndex().isValid())

    def _person_activated(self, index: QModelIndex) -> None:
        person = index.data(PERSON_ROLE)
        if person is not None:
            self.show_entries_requested.emit(list(person.entry_ids), texts.person_entries(person))

    def show_chosen_person(self) -> None:
        """The person whose row is chosen: their entries, in the journal."""
        index = self.people_table.currentIndex()
        if index.isValid():
            self._person_activated(index)

    def _show_hint_entries(self, card: RootHintCard) -> None:
        self.show_entries_requested.emit(list(card.hint.entry_ids), card.entries_label())
