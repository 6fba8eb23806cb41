"""The first day of the week in the app's calendars (Preferences ▸ Week starts on).

Every date field's calendar pop-up starts its weeks on the chosen day, also in windows
that were open when it changed: the pop-up reads the choice each time it is shown. The
Progress charts keep ISO weeks (Monday to Sunday) for their weekly bars and their
calendar of journaling days: the summary for the coach, the command line and the charts
count weeks the same way whatever this says.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QDateTimeEdit


class WeekStart(StrEnum):
    MONDAY = "monday"
    SUNDAY = "sunday"

    @property
    def label(self) -> str:
        return "Monday" if self is WeekStart.MONDAY else "Sunday"

    @property
    def day(self) -> Qt.DayOfWeek:
        return Qt.DayOfWeek.Monday if self is WeekStart.MONDAY else Qt.DayOfWeek.Sunday


def locale_week_start() -> WeekStart:
    """The system's choice, as far as these two go (a Saturday week starts on Sunday)."""
    first = QLocale().firstDayOfWeek()
    return WeekStart.MONDAY if first == Qt.DayOfWeek.Monday else WeekStart.SUNDAY


class _Calendars(QObject):
    """Sets a calendar's first day as it shows (one, shared by every calendar)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("weekStartFollower")
        self.start = locale_week_start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QCalendarWidget)
                and watched.firstDayOfWeek() != self.start.day):
            watched.setFirstDayOfWeek(self.start.day)
        return False


@cache
def _calendars() -> _Calendars:
    """The one follower: the choice is the app's, not a window's (made when first asked,
    once the application exists)."""
    return _Calendars()


def set_week_start(start: WeekStart) -> None:
    """Start the weeks of every calendar on ``start`` from its next showing."""
    _calendars().start = start


def week_start() -> WeekStart:
    return _calendars().start


def follow_week_start(edit: QDateEdit | QDateTimeEdit) -> None:
    """Let ``edit``'s calendar pop-up start its weeks on the chosen day."""
    calendar = edit.calendarWidget()
    if calendar is None:  # no pop-up (a field without a calendar)
        return
    follower = _calendars()
    calendar.installEventFilter(follower)
    calendar.setFirstDayOfWeek(follower.start.day)
