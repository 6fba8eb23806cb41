"""The Progress section's top bar: the range the charts show (last 3/6/12 months, all
time, or two dates), a level filter, "Rate my levels…" and "Save chart as…" (a menu naming
each chart: there is no doubt which one is saved).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.progress import progress_texts as texts

CUSTOM = "custom"
DEFAULT_RANGE_INDEX = 0  # last 3 months


class ProgressControls(QWidget):
    """The range, the level, and the section's two commands.

    Signals:
        changed(): the range or the level changed (the charts are drawn again).
        rate_requested(): "Rate my levels…" was clicked.
        save_requested(str): a chart was picked in the "Save chart as…" menu (its name).
    """

    changed = Signal()
    rate_requested = Signal()
    save_requested = Signal(str)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._previous_months: int | None = texts.RANGE_CHOICES[DEFAULT_RANGE_INDEX][1]
        self.range_combo = named(QComboBox(), "progressRange")
        self.range_combo.setAccessibleName(texts.RANGE_ACCESSIBLE_NAME)
        for text, months in texts.RANGE_CHOICES:
            self.range_combo.addItem(text, months)
        self.range_combo.addItem(texts.RANGE_CUSTOM, CUSTOM)
        range_label = QLabel(texts.RANGE_LABEL)
        range_label.setBuddy(self.range_combo)
        self.since_edit = self._date_edit("progressSince", texts.SINCE_ACCESSIBLE_NAME)
        self.until_edit = self._date_edit("progressUntil", texts.UNTIL_ACCESSIBLE_NAME)
        self.dash = QLabel(texts.RANGE_DASH)
        self.level_combo = named(QComboBox(), "progressLevel")
        self.level_combo.setAccessibleName(texts.LEVEL_ACCESSIBLE_NAME)
        self.level_combo.setToolTip(texts.LEVEL_TOOLTIP)
        self.level_combo.addItem(texts.LEVEL_ANY, None)
        for level in reversed(Level):  # top to bottom, as the other level filters read
            self.level_combo.addItem(level_badge_icon(level), level.label(), level)
        level_label = QLabel(texts.LEVEL_LABEL)
        level_label.setBuddy(self.level_combo)
        self.rate_button = named(QPushButton(icon("progress"), texts.RATE_BUTTON), "progressRate")
        self.rate_button.setAccessibleName(texts.RATE_BUTTON.replace("&", ""))
        self.rate_button.setToolTip(texts.RATE_TOOLTIP)
        self.rate_button.clicked.connect(self.rate_requested)
        self.save_menu = named(QMenu(self), "progressSaveMenu")
        self.save_button = named(QToolButton(), "progressSave")
        self.save_button.setText(texts.SAVE_BUTTON)
        self.save_button.setIcon(icon("save"))
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_button.setMenu(self.save_menu)
        self.save_button.setAccessibleName(texts.SAVE_BUTTON.replace("&", ""))
        self.save_button.setToolTip(texts.SAVE_TOOLTIP)
        self.save_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(range_label)
        bar.addWidget(self.range_combo)
        bar.addWidget(self.since_edit)
        bar.addWidget(self.dash)
        bar.addWidget(self.until_edit)
        bar.addSpacing(18)
        bar.addWidget(level_label)
        bar.addWidget(self.level_combo)
        bar.addStretch(1)
        bar.addWidget(self.rate_button)
        bar.addWidget(self.save_button)
        self._show_custom(False)

        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.since_edit.dateChanged.connect(self._since_changed)
        self.until_edit.dateChanged.connect(self.changed)
        self.level_combo.currentIndexChanged.connect(self.changed)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = named(QDateEdit(), name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        limit_to_journal_range(edit)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def focus_order(self) -> list[QWidget]:
        """The bar's controls in Tab order (the view continues it)."""
        return [
            self.range_combo,
            self.since_edit,
            self.until_edit,
            self.level_combo,
            self.rate_button,
            self.save_button,
        ]

    def add_save_action(self, name: str, title: str) -> None:
        """Name chart ``name`` in the "Save chart as…" menu."""
        action = QAction(title + "…", self.save_menu)
        action.setObjectName(f"progressSave_{name}")
        action.triggered.connect(lambda _checked=False: self.save_requested.emit(name))
        self.save_menu.addAction(action)

    # --- what the user chose -----------------------------------------------------------
    def period(self) -> Period:
        """The range the charts show, as chosen in the top bar."""
        choice = self.range_combo.currentData()
        if choice == CUSTOM:
            return Period(
                since=from_qdate(self.since_edit.date()), until=from_qdate(self.until_edit.date())
            )
        return Period.last(months=choice, today=self._today())

    def levels(self) -> tuple[Level, ...]:
        level = self.level_combo.currentData()
        return (level,) if isinstance(level, Level) else ()

    # --- state -------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the last three months and any level, up to today (no ``changed``)."""
        widgets = (self.range_combo, self.level_combo, self.since_edit, self.until_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.range_combo.setCurrentIndex(DEFAULT_RANGE_INDEX)
        self._previous_months = self.range_combo.currentData()
        self.level_combo.setCurrentIndex(0)
        today = to_qdate(self._today())
        self.until_edit.setMaximumDate(today)
        self.since_edit.setMaximumDate(today)
        self.until_edit.setDate(today)
        self.since_edit.setDate(today.addMonths(-3))
        self.until_edit.setMinimumDate(self.since_edit.date())
        for widget in widgets:
            widget.blockSignals(False)
        self._show_custom(False)

    def enable_controls(self, enabled: bool) -> None:
        """Every control on or off (off while the journal is locked)."""
        for widget in (
            self.range_combo,
            self.level_combo,
            self.since_edit,
            self.until_edit,
            self.rate_button,
            self.save_button,
        ):
            widget.setEnabled(enabled)

    # --- reacting ----------------------------------------------------------------------
    def _show_custom(self, custom: bool) -> None:
        for widget in (self.since_edit, self.dash, self.until_edit):
            widget.setVisible(custom)

    def _range_changed(self) -> None:
        custom = self.range_combo.currentData() == CUSTOM
        if custom:
            # Start from the range shown so far: the user adjusts it rather than retypes it.
            period = Period.last(months=self._previous_months, today=self._today())
            for edit in (self.since_edit, self.until_edit):
                edit.blockSignals(True)
            if period.since is not None:
                self.since_edit.setDate(to_qdate(period.since))
            self.until_edit.setMinimumDate(self.since_edit.date())
            self.until_edit.setDate(to_qdate(self._today()))
            for edit in (self.since_edit, self.until_edit):
                edit.blockSignals(False)
        else:
            self._previous_months = self.range_combo.currentData()
        self._show_custom(custom)
        self.changed.emit()

    def _since_changed(self) -> None:
        # The range cannot run backwards: the last day follows the first.
        self.until_edit.setMinimumDate(self.since_edit.date())
        self.changed.emit()
