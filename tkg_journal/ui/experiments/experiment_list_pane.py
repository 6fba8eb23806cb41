"""The left side of the Experiments section: search, filters, "New experiment" and the list.

The search looks through experiments and their attempts; the status filter offers every
status and "open" (planned or active); the level filter reads top to bottom as the
pyramid does. Esc or Down in the search moves to the list, keeping what was typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.ui.common.clear_button import enable_clear_button
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.common.master_detail import (
    LIST_PANE_MARGINS,
    EmptyTextTableView,
    as_row_table,
    section_button,
)
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.experiment_list_model import (
    ATTEMPTS,
    ICON_SIZE,
    LAST_ATTEMPT,
    LEVEL,
    OPEN,
    STATUS,
    TITLE,
    TREND,
    ExperimentListModel,
    OutcomesRole,
    StatusFilter,
)
from tkg_journal.ui.experiments.outcome_trend import OutcomeTrendDelegate

#: However narrow the pane, the title column keeps room for this many characters: the
#: other columns are as wide as their contents, and the detail beside the list scrolls
#: (or wraps its buttons) instead. A title longer still is elided; its tooltip has it.
TITLE_MIN_CHARS = 18
TREND_WIDTH = 84
_CELL_PADDING = 16  # a cell's text margins, both sides, with room to spare

_STATUS_CHOICES: tuple[tuple[str, StatusFilter], ...] = (
    (texts.STATUS_FILTER_ALL, None),
    (texts.STATUS_FILTER_OPEN, OPEN),
    *((texts.STATUS_WORDS[status], status) for status in ExperimentStatus),
)


class ExperimentListPane(QWidget):
    """Signals:
    query_changed(): the search text or a filter changed (the section asks the model).
    new_requested(): "New experiment".
    """

    query_changed = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentListPane")
        self.search = QLineEdit()
        self.search.setObjectName("experimentSearch")
        self.search.setPlaceholderText(texts.SEARCH_PLACEHOLDER)
        self.search.setAccessibleName(texts.SEARCH_ACCESSIBLE_NAME)
        enable_clear_button(self.search, "the search")
        self.search.installEventFilter(self)
        self.status_filter = self._filter(
            "experimentStatusFilter", texts.STATUS_FILTER_ACCESSIBLE_NAME
        )
        for text, value in _STATUS_CHOICES:
            self.status_filter.addItem(text, value)
        self.level_filter = self._filter(
            "experimentLevelFilter", texts.LEVEL_FILTER_ACCESSIBLE_NAME
        )
        self.level_filter.addItem(texts.LEVEL_FILTER_ALL, None)
        for level in reversed(Level):  # top to bottom, as the pyramid and the journal read
            self.level_filter.addItem(level_badge_icon(level), level.label(), level)
        self.new_button = section_button(
            "experimentNew", texts.NEW_BUTTON, texts.NEW_TOOLTIP, self.new_requested.emit
        )
        self.model = ExperimentListModel(self)
        self.list = self._build_list(self.model)
        self.count_label = ValueLabel(texts.LIST_ACCESSIBLE_NAME)
        self.count_label.setObjectName("experimentCount")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for text, combo in ((texts.STATUS_FILTER_LABEL, self.status_filter),
                            (texts.LEVEL_FILTER_LABEL, self.level_filter)):
            label = QLabel(text)
            label.setBuddy(combo)  # Alt+letter, and what the box is for, said and shown
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*LIST_PANE_MARGINS)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)

        self.search.textChanged.connect(self._on_query_edited)
        self.status_filter.currentIndexChanged.connect(self._on_query_edited)
        self.level_filter.currentIndexChanged.connect(self._on_query_edited)

    def _on_query_edited(self, *_args: object) -> None:
        self.query_changed.emit()

    @staticmethod
    def _filter(name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        return combo

    @staticmethod
    def _build_list(model: ExperimentListModel) -> EmptyTextTableView:
        view = EmptyTextTableView()
        view.setObjectName("experimentList")
        view.setAccessibleName(texts.LIST_ACCESSIBLE_NAME)
        view.setModel(model)
        view.setItemDelegateForColumn(TREND, OutcomeTrendDelegate(view, OutcomesRole))
        view.setIconSize(ICON_SIZE)
        as_row_table(view)
        view.verticalHeader().setDefaultSectionSize(max(view.fontMetrics().height() + 12, 26))
        header = view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (STATUS, ATTEMPTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TREND, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(TREND, TREND_WIDTH)
        header.setHighlightSections(False)
        # The badge in the title column says the level, and the detail lists every attempt:
        # in a pane this narrow the title gets the room instead.
        view.setColumnHidden(LEVEL, True)
        view.setColumnHidden(LAST_ATTEMPT, True)
        view.setMinimumWidth(_least_width(view))
        return view

    # --- the query ---------------------------------------------------------------------
    def status_choice(self) -> StatusFilter:
        # Item data comes back from Qt as the enum's plain value (a str): turn it back.
        value = self.status_filter.currentData()
        if value is None:
            return None
        if value == OPEN:
            return OPEN
        return ExperimentStatus(value)

    def level_choice(self) -> Level | None:
        value = self.level_filter.currentData()
        return None if value is None else Level(int(value))

    def apply_query(self) -> None:
        """Show what the search and filters choose (a storage error propagates)."""
        self.model.set_query(self.status_choice(), self.level_choice(), self.search.text())

    def reset_filters(self) -> None:
        """Empty search, every status, any level, without ``query_changed``."""
        for widget in (self.search, self.status_filter, self.level_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.level_filter.setCurrentIndex(0)
        for widget in (self.search, self.status_filter, self.level_filter):
            widget.blockSignals(False)

    def show_state(self, *, locked: bool) -> None:
        """The count under the list and the line an empty list shows, after a change."""
        filtering = self.model.is_filtering()
        if locked:
            self.list.empty_text = ""
            self.count_label.clear()
            return
        self.list.empty_text = texts.NO_MATCHES if filtering else texts.EMPTY_LIST
        self.count_label.setText(texts.count_text(self.model.rowCount(), filtering=filtering))

    # --- keys --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, TITLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Down)
        ):
            # Esc or Down leaves the search for the list, keeping what was typed.
            self.focus_list()
            return True
        return super().eventFilter(watched, event)


def _least_width(view: EmptyTextTableView) -> int:
    """The list's narrowest: the title's room (``TITLE_MIN_CHARS``), the status, count
    and trend columns at their widest, the scroll bar and the frame."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()

    def widest(words: Iterable[str], column: int) -> int:
        cells = max(metrics.horizontalAdvance(word) for word in words) + _CELL_PADDING
        return max(cells, header.sectionSizeHint(column))

    title = metrics.averageCharWidth() * TITLE_MIN_CHARS + ICON_SIZE.width() + _CELL_PADDING
    status = widest(texts.STATUS_WORDS.values(), STATUS)
    attempts = widest(["999"], ATTEMPTS)
    scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return title + status + attempts + TREND_WIDTH + scroll_bar + 2 * view.frameWidth()
