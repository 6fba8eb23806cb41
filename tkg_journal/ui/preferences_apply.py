"""Preferences, applied to the running app: at start-up (the composition root, before the
first window) and each time the dialog is accepted (the shell).

What is the app's (the theme, the week's first day) reaches every window, open or still
to come; what is the main window's (the idle lock, the writing's size, the reminders'
rhythm, the backup folders, the tray) is handed to the parts that use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.common.theme import apply_theme
from tkg_journal.ui.common.week_start import set_week_start
from tkg_journal.ui.journal.quick_capture_window import QuickCaptureWindow

if TYPE_CHECKING:
    from tkg_journal.ui.main_window import MainWindow


def apply_app_wide(settings: AppSettings) -> None:
    """The theme and the week's first day, for every window of the app."""
    apply_theme(settings.theme)
    set_week_start(settings.week_start)


def apply_preferences(window: MainWindow) -> None:
    """Everything the Preferences dialog may have changed, after it was accepted."""
    settings = window.settings
    apply_app_wide(settings)
    window.idle.set_minutes(settings.idle_lock_minutes)
    for editor in [window.journal_view.editor] + [
        capture.editor for capture in window.unsaved.windows()
        if isinstance(capture, QuickCaptureWindow)
    ]:
        editor.set_writing_points(settings.writing_points)
    # The due list has a control of its own for the quiet days: it shows the new value
    # (and lists again by it).
    window.experiments_section.due.quiet_spin.setValue(settings.quiet_days)
    window.checkin_prompt.set_service(window.journal)  # the interval may have changed
    window.backups.refresh()  # the backup folders may have changed
    window.tray.sync()  # keeping running in the tray shows its icon (or no longer needs it)
