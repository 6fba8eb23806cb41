"""Preferences: theme, the writing's size, the week's first day, reminders, the idle lock
and the journal folder; stored on OK and applied to the running app at once, nothing on
Cancel. Every field has a label that names it (and an Alt letter) and a name a screen
reader says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.common.theme import Theme, apply_theme, theme_palette
from tkg_journal.ui.common.week_start import WeekStart, locale_week_start, set_week_start
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.preferences_dialog import PreferencesDialog

Role = QPalette.ColorRole


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, journal)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()
    # The theme and the week start are the app's: back to the suite's own.
    apply_theme(Theme.SYSTEM)
    set_week_start(locale_week_start())


def answer(qtbot, window: MainWindow, fill, *, ok: bool = True) -> None:
    """Open Preferences from the menu, let ``fill`` change it, then OK (or Cancel)."""

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, PreferencesDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        box = dialog.findChild(QDialogButtonBox)
        which = QDialogButtonBox.StandardButton.Ok if ok else QDialogButtonBox.StandardButton.Cancel
        qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)
        return dialog.result()

    window.run_dialog = run
    window.preferences_action.trigger()


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def lightness(widget: QWidget) -> int:
    return widget.palette().color(Role.Window).lightness()


def test_choices_are_stored_and_applied_to_the_running_app(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    def fill(dialog: PreferencesDialog) -> None:
        choose(dialog.theme, Theme.DARK.value)
        choose(dialog.writing_points, 16)
        choose(dialog.week_start, WeekStart.SUNDAY.value)
        dialog.checkin_days.setValue(14)
        dialog.quiet_days.setValue(5)
        dialog.idle_minutes.setValue(3)

    answer(qtbot, window, fill)
    stored = AppSettings(journal_paths)  # read again from the file
    assert (stored.theme, stored.writing_points, stored.week_start) == (
        Theme.DARK, 16, WeekStart.SUNDAY)
    assert (stored.checkin_every_days, stored.quiet_days, stored.idle_lock_minutes) == (
        14, 5, 3)
    # Dark, now: the window and what it opens follow the app's palette.
    qtbot.waitUntil(lambda: lightness(window) < 80)
    assert QApplication.palette().color(Role.Base).lightness() < 60
    # The writing is larger; the labels keep the app's size.
    editor = window.journal_view.editor
    for name in ("editorWho", "editorBody"):
        field = editor.findChild(QWidget, name)
        assert field is not None and field.font().pointSize() == 16
    title = editor.findChild(QWidget, "editorTitle")
    assert title is not None and title.font().pointSizeF() > 16  # the title stays larger
    assert editor.findChild(QLabel).font().pointSize() != 16
    capture = window.quick_capture()  # a window opened afterwards writes large too
    assert capture is not None
    writing = capture.editor.findChild(QPlainTextEdit, "editorWhatHappened")
    assert writing is not None and writing.font().pointSize() == 16
    capture.editor.set_modified(False)
    capture.close()
    # Calendars start on Sunday, also one made before the change.
    since = window.journal_view.filter_bar.since
    popup = since.calendarWidget().window()
    popup.show()
    assert since.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Sunday
    popup.hide()
    # The rest reaches those who use it.
    assert window.idle._interval_ms == 3 * 60_000
    assert window.experiments_section.due.quiet_spin.value() == 5


def test_cancel_changes_nothing(qtbot, window: MainWindow, journal_paths: JournalPaths):
    before = lightness(window)

    def fill(dialog: PreferencesDialog) -> None:
        choose(dialog.theme, Theme.DARK.value)
        choose(dialog.writing_points, 20)
        dialog.idle_minutes.setValue(1)

    answer(qtbot, window, fill, ok=False)
    stored = AppSettings(journal_paths)
    assert (stored.theme, stored.writing_points, stored.idle_lock_minutes) == (
        Theme.SYSTEM, 0, 15)
    assert lightness(window) == before
    assert window.idle._interval_ms == 15 * 60_000


def test_back_to_the_system_theme(qtbot, window: MainWindow):
    system = QApplication.palette().color(Role.Window)
    answer(qtbot, window, lambda d: choose(d.theme, Theme.DARK.value))
    qtbot.waitUntil(lambda: lightness(window) < 80)
    answer(qtbot, window, lambda d: choose(d.theme, Theme.SYSTEM.value))
    qtbot.waitUntil(lambda: window.palette().color(Role.Window) == system)


def test_every_field_is_labelled_named_and_reachable_by_its_letter(qtbot, window: MainWindow):
    dialog = PreferencesDialog(window.settings, window.paths, window)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = [w for w in dialog.findChildren(QWidget)
              if isinstance(w, QComboBox | QSpinBox | QLineEdit) and w.objectName()
              and not isinstance(w.parentWidget(), QComboBox | QSpinBox)]
    assert {f.objectName() for f in fields} >= {
        "theme", "writingPoints", "weekStart", "checkinEveryDays", "quietDays",
        "idleLockMinutes", "dataFolder"}
    buddies = {label.buddy(): label for label in dialog.findChildren(QLabel) if label.buddy()}
    for field in fields:
        assert field.accessibleName(), field.objectName()
        label = buddies.get(field)
        assert label is not None and "&" in label.text(), field.objectName()
    folder = dialog.findChild(QLineEdit, "dataFolder")
    assert folder is not None and folder.isReadOnly()
    assert folder.text() == str(window.paths.data_dir)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_the_themes_read_well(theme: Theme):
    """WCAG contrast: text on its background 7:1, selected text 4.5:1."""

    def luminance(role: QPalette.ColorRole) -> float:
        colour = palette.color(QPalette.ColorGroup.Active, role)
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(one: QPalette.ColorRole, other: QPalette.ColorRole) -> float:
        high, low = sorted((luminance(one), luminance(other)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    palette = theme_palette(theme)
    assert contrast(Role.Text, Role.Base) >= 7
    assert contrast(Role.WindowText, Role.Window) >= 7
    assert contrast(Role.ButtonText, Role.Button) >= 7
    assert contrast(Role.HighlightedText, Role.Highlight) >= 4.5
    assert contrast(Role.PlaceholderText, Role.Base) >= 4.5
    assert (luminance(Role.Window) < 0.1) == (theme is Theme.DARK)


def test_unreadable_choices_in_the_settings_file_fall_back_to_the_defaults(
        journal_paths: JournalPaths):
    journal_paths.data_dir.mkdir(parents=True, exist_ok=True)
    journal_paths.settings_file.write_text(
        "[appearance]\ntheme=purple\nwriting_points=15\nweek_start=friday\n", encoding="utf-8")
    settings = AppSettings(journal_paths)
    assert settings.theme is Theme.SYSTEM
    assert settings.writing_points == 0  # not a size offered
    assert settings.week_start is locale_week_start()


def test_preferences_open_with_the_keyboard_on_the_first_setting(qtbot, window: MainWindow):
    focused: list[QWidget | None] = []

    def look(dialog: PreferencesDialog) -> None:
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        focused.append(QApplication.focusWidget())

    answer(qtbot, window, look, ok=False)
    assert focused and focused[0] is not None
    assert focused[0].objectName() == "theme", focused[0].objectName()
