"""Dates between Python and Qt, and the range every date editor offers.

The range is the journal's own (``domain.dates``): a picker that offered year 9999 would
let the user type a date the journal then refuses.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

from tkg_journal.domain.dates import EARLIEST_DAY, LATEST_DAY
from tkg_journal.ui.common.week_start import follow_week_start


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def from_qdatetime(moment: QDateTime) -> datetime:
    """``moment``'s date and time of day as a naive datetime (to the millisecond), as
    ``QDateTime.toPython()`` gives it (which PySide6's stubs type as ``object``)."""
    clock = moment.time()
    return datetime.combine(
        from_qdate(moment.date()),
        time(clock.hour(), clock.minute(), clock.second(), clock.msec() * 1000),
    )


def limit_to_journal_range(edit: QDateEdit | QDateTimeEdit) -> None:
    """Let ``edit`` offer only the days the journal keeps (its own limits may narrow it),
    in a calendar whose weeks start on the chosen day (``week_start``)."""
    follow_week_start(edit)
    if isinstance(edit, QDateEdit):
        edit.setDateRange(to_qdate(EARLIEST_DAY), to_qdate(LATEST_DAY))
        return
    edit.setDateTimeRange(
        QDateTime(to_qdate(EARLIEST_DAY), QTime(0, 0)),
        QDateTime(to_qdate(LATEST_DAY), QTime(23, 59, 59)),
    )

