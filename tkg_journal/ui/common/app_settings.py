"""Preferences and window layout, in ``settings.ini`` inside the journal's folder.

Nothing the user wrote goes here: only numbers, choices and window geometry. The file sits
in the data folder (not the platform's config folder) so a journal and its settings move
together and each test's journal has its own.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from tkg_journal.paths import JournalPaths
from tkg_journal.ui.common.qt_values import as_int
from tkg_journal.ui.common.theme import Theme
from tkg_journal.ui.common.week_start import WeekStart, locale_week_start

DEFAULT_IDLE_LOCK_MINUTES = 15
DEFAULT_QUIET_DAYS = 3  # an active experiment with no attempt for this long is "due"
MAX_QUIET_DAYS = 30
DEFAULT_CHECKIN_EVERY_DAYS = 7  # the gentle prompt to rate each level; 0 turns it off
MAX_CHECKIN_EVERY_DAYS = 60
MAX_IDLE_LOCK_MINUTES = 24 * 60
#: Sizes offered for the writing (points); 0 is the app's own size.
WRITING_POINTS = (0, 10, 11, 12, 13, 14, 16, 18, 20, 24)


class AppSettings:
    def __init__(self, paths: JournalPaths) -> None:
        self._settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without input before the journal locks; 0 never locks."""
        value = self._settings.value("security/idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
        try:
            minutes = as_int(value)
        except (TypeError, ValueError):
            return DEFAULT_IDLE_LOCK_MINUTES
        return min(max(minutes, 0), MAX_IDLE_LOCK_MINUTES)

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, minutes: int) -> None:
        self._settings.setValue("security/idle_lock_minutes", int(minutes))

    @property
    def quiet_days(self) -> int:
        value = self._settings.value("experiments/quiet_days", DEFAULT_QUIET_DAYS)
        try:
            days = as_int(value)
        except (TypeError, ValueError):
            return DEFAULT_QUIET_DAYS
        return min(max(days, 1), MAX_QUIET_DAYS)

    @quiet_days.setter
    def quiet_days(self, days: int) -> None:
        self._settings.setValue("experiments/quiet_days", int(days))

    @property
    def checkin_every_days(self) -> int:
        value = self._settings.value("progress/checkin_every_days", DEFAULT_CHECKIN_EVERY_DAYS)
        try:
            days = as_int(value)
        except (TypeError, ValueError):
            return DEFAULT_CHECKIN_EVERY_DAYS
        return min(max(days, 0), MAX_CHECKIN_EVERY_DAYS)

    @checkin_every_days.setter
    def checkin_every_days(self, days: int) -> None:
        self._settings.setValue("progress/checkin_every_days", int(days))

    @property
    def theme(self) -> Theme:
        value = self._settings.value("appearance/theme", Theme.SYSTEM.value)
        try:
            return Theme(str(value))
        except ValueError:
            return Theme.SYSTEM

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._settings.setValue("appearance/theme", Theme(theme).value)

    @property
    def writing_points(self) -> int:
        """The size of the writing in the entry editor (points); 0: the app's own."""
        value = self._settings.value("appearance/writing_points", 0)
        try:
            points = as_int(value)
        except (TypeError, ValueError):
            return 0
        return points if points in WRITING_POINTS else 0

    @writing_points.setter
    def writing_points(self, points: int) -> None:
        self._settings.setValue("appearance/writing_points", int(points))

    @property
    def week_start(self) -> WeekStart:
        """The first day of the week in calendars (the system's choice until set)."""
        value = self._settings.value("appearance/week_start", "")
        try:
            return WeekStart(str(value))
        except ValueError:
            return locale_week_start()

    @week_start.setter
    def week_start(self, start: WeekStart) -> None:
        self._settings.setValue("appearance/week_start", WeekStart(start).value)

    @property
    def keep_in_tray(self) -> bool:
        """Closing the window leaves the app running in the system tray (where there is
        one); off until the person turns it on."""
        return _as_bool(self._settings.value("tray/keep_running_on_close", False))

    @keep_in_tray.setter
    def keep_in_tray(self, keep: bool) -> None:
        self._settings.setValue("tray/keep_running_on_close", bool(keep))

    @property
    def tray_notice_shown(self) -> bool:
        """The one-time "still running in the tray" notice was given."""
        return _as_bool(self._settings.value("tray/notice_shown", False))

    @tray_notice_shown.setter
    def tray_notice_shown(self, shown: bool) -> None:
        self._settings.setValue("tray/notice_shown", bool(shown))

    def window_state(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"window/{name}", state)

    def sync(self) -> None:
        self._settings.sync()


def _as_bool(value: object) -> bool:
    """An INI file gives back "true"/"false" as text; anything else is off."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1")
