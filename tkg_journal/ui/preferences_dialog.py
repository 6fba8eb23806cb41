"""Preferences: how the app looks (theme, the writing's size, the week's first day), when
it reminds, when the journal locks itself and where it lives; and pages the shell adds
(Desktop: start at login and the tray, ``ui/desktop_preferences``; Backups, while the
journal is open), each a tab with its own ``save()``.

The dialog only stores the choices (``AppSettings``); the shell applies them to the
running app when the dialog is accepted (``ui/preferences_apply``). The tabs scroll on a
small screen, with OK and Cancel below them, always in view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.ui.common.app_settings import (
    MAX_CHECKIN_EVERY_DAYS,
    MAX_IDLE_LOCK_MINUTES,
    MAX_QUIET_DAYS,
    WRITING_POINTS,
    AppSettings,
)
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.preferences_page import PreferencesPage
from tkg_journal.ui.common.theme import Theme
from tkg_journal.ui.common.week_start import WeekStart
from tkg_journal.ui.common.window_fit import fit_to_screen, scrolling, unscrolled_size_hint

# --- user-facing text (Alt letters: unique among the tabs and each tab's fields) ---------

TITLE = "Preferences"
APPEARANCE_TAB = "A&ppearance"
THEME_LABEL = "&Theme"
THEME_NAME = "Theme"
WRITING_LABEL = "&Writing text size"
WRITING_NAME = "Size of the text you write"
WRITING_APP_SIZE = "As the rest of the app"
WRITING_POINTS_TEXT = "{points} pt"
WRITING_NOTE = "The size of what you type in an entry and in quick capture; labels keep theirs."
WEEK_LABEL = "Week &starts on"
WEEK_NAME = "First day of the week"
WEEK_NOTE = (
    "Calendars in date fields start their weeks on this day. The Progress charts count "
    "weeks from Monday, as the summary for your coach does."
)
REMINDERS_TAB = "&Reminders"
CHECKIN_LABEL = "Ask me to rate my &levels every"
CHECKIN_NAME = "Ask me to rate my levels every this many days"
CHECKIN_NOTE = "Not in a journal's first week, and never if set to Never."
QUIET_LABEL = "An experiment is &quiet after"
QUIET_NAME = "An active experiment with no attempt for this many days is due"
QUIET_NOTE = (
    "Overdue and quiet experiments, and action items from coach sessions, show in Due and "
    "overdue (Ctrl+D) and are reminded of once a day: a desktop notification, or a line "
    "over the window where there is no system tray."
)
JOURNAL_TAB = "&Journal"
IDLE_LABEL = "Lock when &idle for"
IDLE_NAME = "Lock after this many idle minutes"
IDLE_NOTE = "The journal also locks when the desktop locks the screen or the computer sleeps."
FOLDER_LABEL = "Journal &folder"
FOLDER_NAME = "Journal folder"
NEVER = "Never"
DAYS_SUFFIX = " days"
MINUTES_SUFFIX = " min"

PREFERRED = QSize(600, 420)
PATH_CHARS = 36


def _note(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return note


def _page(name: str) -> tuple[QWidget, QFormLayout]:
    page = named(QWidget(), name)
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    # Labels above their fields when the window is narrow (a small screen, 200 %).
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return page, form


def _row(form: QFormLayout, text: str, field: QWidget, note: str = "") -> None:
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)
    if note:
        form.addRow(_note(note))


def _spin(name: str, accessible: str, top: int, suffix: str, value: int,
          *, least: int = 0) -> QSpinBox:
    spin = named(QSpinBox(), name)
    spin.setAccessibleName(accessible)
    spin.setRange(least, top)
    if least == 0:
        spin.setSpecialValueText(NEVER)
    spin.setSuffix(suffix)
    spin.setValue(value)
    return spin


def _combo(name: str, accessible: str, items: Sequence[tuple[str, object]],
           current: object) -> QComboBox:
    combo = named(QComboBox(), name)
    combo.setAccessibleName(accessible)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class PreferencesDialog(QDialog):
    """The app's preferences, in tabs. Signals: QDialog's."""

    def __init__(self, settings: AppSettings, paths: JournalPaths,
                 parent: QWidget | None = None,
                 pages: Sequence[PreferencesPage] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(TITLE)
        self._settings = settings
        self._pages = list(pages)
        self.tabs = named(QTabWidget(), "preferencesTabs")
        self.tabs.addTab(self._appearance(settings), APPEARANCE_TAB)
        self.tabs.addTab(self._reminders(settings), REMINDERS_TAB)
        self.tabs.addTab(self._journal(settings, paths), JOURNAL_TAB)
        for page in self._pages:
            self.tabs.addTab(page, page.title)
        self.body = scrolling(self.tabs, "preferencesScroll")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, unscrolled_size_hint(self, self.body).expandedTo(PREFERRED))
        # The first keystroke goes to the first setting, not to the tab bar.
        self.theme.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the tabs -------------------------------------------------------------------------
    def _appearance(self, settings: AppSettings) -> QWidget:
        page, form = _page("appearancePreferences")
        self.theme = _combo("theme", THEME_NAME,
                            [(theme.label, theme.value) for theme in Theme], settings.theme.value)
        self.writing_points = _combo(
            "writingPoints", WRITING_NAME,
            [(WRITING_POINTS_TEXT.format(points=p) if p else WRITING_APP_SIZE, p)
             for p in WRITING_POINTS],
            settings.writing_points,
        )
        self.week_start = _combo("weekStart", WEEK_NAME,
                                 [(start.label, start.value) for start in WeekStart],
                                 settings.week_start.value)
        _row(form, THEME_LABEL, self.theme)
        _row(form, WRITING_LABEL, self.writing_points, WRITING_NOTE)
        _row(form, WEEK_LABEL, self.week_start, WEEK_NOTE)
        return page

    def _reminders(self, settings: AppSettings) -> QWidget:
        page, form = _page("reminderPreferences")
        self.checkin_days = _spin("checkinEveryDays", CHECKIN_NAME, MAX_CHECKIN_EVERY_DAYS,
                                  DAYS_SUFFIX, settings.checkin_every_days)
        self.quiet_days = _spin("quietDays", QUIET_NAME, MAX_QUIET_DAYS, DAYS_SUFFIX,
                                settings.quiet_days, least=1)
        _row(form, CHECKIN_LABEL, self.checkin_days, CHECKIN_NOTE)
        _row(form, QUIET_LABEL, self.quiet_days, QUIET_NOTE)
        return page

    def _journal(self, settings: AppSettings, paths: JournalPaths) -> QWidget:
        page, form = _page("journalPreferences")
        self.idle_minutes = _spin("idleLockMinutes", IDLE_NAME, MAX_IDLE_LOCK_MINUTES,
                                  MINUTES_SUFFIX, settings.idle_lock_minutes)
        _row(form, IDLE_LABEL, self.idle_minutes, IDLE_NOTE)
        # Read only, as Backups shows its folders: a long path scrolls in place (and can
        # be selected and copied) instead of widening the dialog past a small screen.
        folder = named(QLineEdit(str(paths.data_dir)), "dataFolder")
        folder.setReadOnly(True)
        folder.setAccessibleName(FOLDER_NAME)
        folder.setMinimumWidth(folder.fontMetrics().averageCharWidth() * PATH_CHARS)
        folder.setCursorPosition(0)
        _row(form, FOLDER_LABEL, folder)
        return page

    # --- saving ---------------------------------------------------------------------------
    def accept(self) -> None:
        for page in self._pages:
            if not page.save():
                self.tabs.setCurrentWidget(page)  # it says why on the page
                return
        settings = self._settings
        settings.theme = Theme(self.theme.currentData())
        settings.writing_points = int(self.writing_points.currentData())
        settings.week_start = WeekStart(self.week_start.currentData())
        settings.checkin_every_days = self.checkin_days.value()
        settings.quiet_days = self.quiet_days.value()
        settings.idle_lock_minutes = self.idle_minutes.value()
        settings.sync()
        super().accept()
