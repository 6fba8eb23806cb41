"""Preferences and window layout, in ``settings.ini`` inside the journal's folder.

Nothing the user wrote goes here: only numbers and window geometry. The file sits in the
data folder (not the platform's config folder) so a journal and its settings move together
and each test's journal has its own.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from tkg_journal.paths import JournalPaths
from tkg_journal.ui.common.qt_values import as_int

DEFAULT_IDLE_LOCK_MINUTES = 15
DEFAULT_QUIET_DAYS = 3  # an active experiment with no attempt for this long is "due"
MAX_QUIET_DAYS = 30
DEFAULT_CHECKIN_EVERY_DAYS = 7  # the gentle prompt to rate each level; 0 turns it off
MAX_CHECKIN_EVERY_DAYS = 60
MAX_IDLE_LOCK_MINUTES = 24 * 60


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

    def window_state(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"window/{name}", state)

    def sync(self) -> None:
        self._settings.sync()
