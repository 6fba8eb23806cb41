"""The range of dates the journal keeps, and reading the dates people type: ISO dates
and times, ``today``, ``yesterday``, ``7d``."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from tkg_journal.domain.errors import ValidationError

#: Every date the journal stores lies in this range (both ends included). Wide enough for
#: any life and any plan, narrow enough that a date moved to any time zone, a day added
#: for "up to and including", or a four-digit stored year can never overflow or misread
#: (year 999 or 9999 in Tokyo did both).
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)
DATE_RANGE_TEXT = f"{EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"
#: The first and last instants that are a day of the range in some time zone (UTC+14 and
#: UTC-12 are the extremes): what a stored moment may be.
EARLIEST_MOMENT = datetime.combine(EARLIEST_DAY, time(), tzinfo=timezone(timedelta(hours=14)))
LATEST_MOMENT = datetime.combine(LATEST_DAY, time.max, tzinfo=timezone(timedelta(hours=-12)))

_RELATIVE = re.compile(r"^(\d{1,5})\s*([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def _out_of_range(field: str, shown: str) -> ValidationError:
    return ValidationError(
        field, f"{field} {shown} is outside the dates the journal keeps ({DATE_RANGE_TEXT})"
    )


def check_day(field: str, day: date) -> date:
    """``day`` itself, or a :class:`ValidationError` naming the accepted range."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise _out_of_range(field, day.isoformat())
    return day


def check_optional_day(field: str, day: date | None) -> date | None:
    return None if day is None else check_day(field, day)


def check_moment(field: str, moment: datetime) -> datetime:
    """An aware ``moment`` that is some day of the range somewhere on Earth (from the
    range's first midnight at UTC+14 to its last second at UTC-12), else a
    :class:`ValidationError`. So a moment read back in UTC passes as it did when typed."""
    if moment.tzinfo is None:
        raise ValidationError(field, f"{field} must carry a time zone")
    try:
        inside = EARLIEST_MOMENT <= moment <= LATEST_MOMENT
    except OverflowError:  # year 1 east of UTC or year 9999 west of it
        inside = False
    if not inside:
        raise _out_of_range(field, moment.date().isoformat())
    return moment


def parse_date(text: str, *, today: date, field: str = "date") -> date:
    """``2026-03-01``, ``today``, ``yesterday`` or ``Nd``/``Nw``/``Nm``/``Ny`` (that long ago).

    The day must lie in the journal's range (:data:`EARLIEST_DAY` .. :data:`LATEST_DAY`).
    """
    raw = text.strip().lower()
    if raw == "today":
        return check_day(field, today)
    if raw == "yesterday":
        return check_day(field, today - timedelta(days=1))
    if match := _RELATIVE.match(raw):
        try:
            return check_day(field, today - timedelta(days=int(match[1]) * _UNIT_DAYS[match[2]]))
        except OverflowError:
            raise _out_of_range(field, repr(text)) from None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            field,
            f"{field} {text!r} is not a date; use YYYY-MM-DD, today, yesterday or a span like 7d",
        ) from None
    return check_day(field, day)


def parse_datetime(text: str, *, now: datetime, field: str = "time") -> datetime:
    """A date as in :func:`parse_date` (meaning midnight) or an ISO date-time.

    ``now`` must be aware; a time without zone is read in ``now``'s zone.
    """
    zone: tzinfo | None = now.tzinfo
    raw = text.strip()
    if raw.lower() == "now":
        return now
    if "T" in raw or " " in raw.strip() or ":" in raw:
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise ValidationError(
                field, f"{field} {text!r} is not a date and time; use YYYY-MM-DD HH:MM"
            ) from None
        return check_moment(field, value if value.tzinfo else value.replace(tzinfo=zone))
    day = parse_date(raw, today=now.date(), field=field)
    return check_moment(field, datetime.combine(day, time(), tzinfo=zone))
