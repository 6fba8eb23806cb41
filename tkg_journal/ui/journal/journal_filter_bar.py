"""Search field and filters above the entry list (level, kind, tag, date range)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntryFilter
from tkg_journal.ui.common.clear_button import enable_clear_button
from tkg_journal.ui.common.journal_dates import from_qdate
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.week_start import follow_week_start

SEARCH_PLACEHOLDER = "Search the journal (Ctrl+F)"
ANY_LEVEL, ANY_KIND, ANY_TAG, ANY_DATE = "Any level", "Any kind", "Any tag", "Any"
# QDateEdit has no empty state: its minimum date stands for "no bound" and shows ANY_DATE.
NO_DATE = QDate(2000, 1, 1)


class JournalFilterBar(QWidget):
    """Signals:
        changed(): the search text or a filter changed; read :meth:`filters` and
            :meth:`search_text`.
        escape_pressed(): Esc in the search field (the view moves focus to the list).
    """

    changed = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendars: dict[QObject, QDateEdit] = {}
        self.search = named(QLineEdit(placeholderText=SEARCH_PLACEHOLDER), "searchField")
        enable_clear_button(self.search, "the search")
        self.search.setAccessibleName("Search the journal")
        self.search.textChanged.connect(self.changed)
        self.search.installEventFilter(self)

        self.toggle = named(QToolButton(), "filterToggle")
        self.toggle.setText("Filters")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName("Show filters")
        self.toggle.setToolTip("Filter by level, kind, tag and date")
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        self.level = named(QComboBox(), "filterLevel")
        self.level.setAccessibleName("Filter by level")
        self.level.addItem(ANY_LEVEL, None)
        for level in reversed(Level):  # top to bottom, as the pyramid reads
            self.level.addItem(f"{level.label()} — {level.focus}", level)
        self.kind = named(QComboBox(), "filterKind")
        self.kind.setAccessibleName("Filter by kind")
        self.kind.addItem(ANY_KIND, None)
        for kind in EntryKind:
            self.kind.addItem(kind.label, kind)
        self.tag = named(QComboBox(), "filterTag")
        self.tag.setAccessibleName("Filter by tag")
        self.tag.addItem(ANY_TAG, None)
        self.since = self._date_edit("filterSince", "Entries from this day")
        self.until = self._date_edit("filterUntil", "Entries up to this day")
        self.clear_button = named(QToolButton(), "filterClear")
        self.clear_button.setText("Clear filters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.level, self.kind, self.tag):
            combo.currentIndexChanged.connect(self.changed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.panel = named(QWidget(), "filterPanel")
        grid = QGridLayout(self.panel)
        grid.setContentsMargins(0, 0, 0, 0)
        # No Alt letters here: the editor beside the list owns them (Level, Kind, Title...),
        # and a letter on both only moved between the two. Tab walks the panel.
        for row, (text, widget) in enumerate(
            (("Level", self.level), ("Kind", self.kind), ("Tag", self.tag))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1, 1, 3)
        from_label, to_label = QLabel("From"), QLabel("Until")
        from_label.setBuddy(self.since)
        to_label.setBuddy(self.until)
        grid.addWidget(from_label, 3, 0)
        grid.addWidget(self.since, 3, 1)
        grid.addWidget(to_label, 3, 2)
        grid.addWidget(self.until, 3, 3)
        grid.addWidget(self.clear_button, 4, 1, 1, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.panel.setVisible(False)
        self.toggle.toggled.connect(self.panel.setVisible)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.panel)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = named(QDateEdit(), name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        follow_week_start(edit)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(ANY_DATE)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self.changed)
        # "Any" is stored as the year 2000: open the calendar on this month instead.
        edit.calendarWidget().installEventFilter(self)
        self._calendars[edit.calendarWidget()] = edit
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        edit = self._calendars.get(watched)
        if edit is not None and event.type() == QEvent.Type.Show:
            if edit.date() == NO_DATE:
                today = QDate.currentDate()
                edit.calendarWidget().setCurrentPage(today.year(), today.month())
            return False

        if (watched is self.search and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape):
            if self.search.text():
                self.search.clear()
            else:
                self.escape_pressed.emit()
            return True
        return super().eventFilter(watched, event)

    # --- state ---------------------------------------------------------------------------
    def search_text(self) -> str:
        return self.search.text()

    def filters(self) -> EntryFilter:
        # Qt hands enum item data back as plain int/str: turn them into our types again.
        level, kind = self.level.currentData(), self.kind.currentData()
        level = Level(level) if level is not None else None
        kind = EntryKind(kind) if kind is not None else None
        return EntryFilter(
            since=self._bound(self.since.date()),
            until=self._bound(self.until.date(), next_day=True),
            levels=(level,) if level is not None else (),
            kinds=(kind,) if kind is not None else (),
            tag=self.tag.currentData(),
        )

    def is_filtering(self) -> bool:
        return self.filters() != EntryFilter()

    @staticmethod
    def _bound(day: QDate, *, next_day: bool = False) -> datetime | None:
        if day == NO_DATE:
            return None
        start = datetime.combine(from_qdate(day), time()).astimezone()
        return start + timedelta(days=1) if next_day else start

    def set_tags(self, tags: Sequence[str]) -> None:
        """The tags the journal uses; keeps the chosen one if it still exists."""
        chosen = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(ANY_TAG, None)
        for tag in tags:
            self.tag.addItem(tag, tag)
        index = self.tag.findData(chosen) if chosen else 0
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)
        if chosen and index < 0:
            self.changed.emit()

    def clear(self) -> None:
        """Back to everything: no search text, no filters (one ``changed``)."""
        widgets = (self.search, self.level, self.kind, self.tag, self.since, self.until)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.level, self.kind, self.tag):
            combo.setCurrentIndex(0)
        self.since.setDate(NO_DATE)
        self.until.setDate(NO_DATE)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
