"""The range of dates the journal keeps, and reading the dates people type: ISO dates
and times, ``today``, ``yesterday``, ``7d`` back; and, for due dates and the moment of an
entry, forward too: ``tomorrow``, ``+2w``, ``in 10 days``, ``next friday``."""

from __future__ import annotations

import calendar
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


# --- forward as well as back: due dates and the moment of an entry ------------------------

#: ``+2w``, ``-3d``, ``2 weeks``, ``10 days``: a span with a unit, a direction or none.
_SPAN = re.compile(r"^([+-]?)\s*(\d{1,5})\s*([a-z]+)$")
_SPAN_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "w"),
    **dict.fromkeys(("m", "mo", "month", "months"), "m"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "y"),
}
_UNIT_NAMES = {"d": "day", "w": "week", "m": "month", "y": "year"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NUMBERS = {
    **{name: number for number, name in enumerate(_WEEKDAYS)},
    **{name[:3]: number for number, name in enumerate(_WEEKDAYS)},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
#: A time of day at the end, after a day or alone: ``yesterday 18:30``, ``friday at 9:00``,
#: ``2026-03-01 09:30``, ``7:15``.
_DAY_AND_TIME = re.compile(r"^(?:(.*?)\s+(?:at\s+)?)?(\d{1,2}):(\d{2})(?::(\d{2}))?$")

_DAY_FORMS = "YYYY-MM-DD, today, tomorrow, +7d, in 2 weeks, friday, next friday or 3d ago"


def _months_later(day: date, months: int) -> date:
    """The same day of the month ``months`` later (negative: earlier), held to the month's
    end: a month after 31 January is 28 (or 29) February, not 3 March."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year}")
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _moved(day: date, count: int, unit: str) -> date:
    """``day`` moved by ``count`` units (negative: back). Months and years are calendar
    ones, which is what a person means by "in a month" (unlike ``--since 1m``, which has
    always meant 30 days back)."""
    if unit == "m":
        return _months_later(day, count)
    if unit == "y":
        return _months_later(day, count * 12)
    return day + timedelta(days=count * (7 if unit == "w" else 1))


def _span(raw: str) -> tuple[str, int, str] | None:
    """``(direction, count, unit)`` of a span (direction ``+``, ``-`` or ``""``)."""
    match = _SPAN.match(raw)
    if match is None or match[3] not in _SPAN_UNITS:
        return None
    return match[1], int(match[2]), _SPAN_UNITS[match[3]]


def _weekday(today: date, name: str, *, ahead: bool) -> date | None:
    """The first such weekday after today (1 to 7 days ahead, so on a Friday ``friday`` is
    a week away: ``today`` names today), or the last one before it."""
    number = _WEEKDAY_NUMBERS.get(name)
    if number is None:
        return None
    if ahead:
        return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return today - timedelta(days=(today.weekday() - number - 1) % 7 + 1)


def _day_in_words(raw: str, today: date) -> date | None:
    """A day named by words or by a span with a direction; ``None`` if ``raw`` is neither."""
    shifts = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if raw in shifts:
        return today + timedelta(days=shifts[raw])
    if raw.startswith(("next ", "last ")):
        return _weekday(today, raw[5:], ahead=raw.startswith("next"))
    if found := _weekday(today, raw, ahead=True):
        return found
    if raw.startswith("in "):
        span, forward = _span(raw[3:]), True
        if span and span[0]:  # "in -3d": no reading is safe
            return None
    elif raw.endswith(" ago"):
        span, forward = _span(raw[:-4]), False
        if span and span[0]:
            return None
    else:
        span = _span(raw)
        if span is None or not span[0]:
            return None
        forward = span[0] == "+"
    if span is None:
        return None
    return _moved(today, span[1] if forward else -span[1], span[2])


def parse_day(text: str, *, today: date, field: str = "date", bare_span_back: bool = False) -> date:
    """A day written forward or back: ``2026-03-01``, ``today``, ``tomorrow``,
    ``yesterday``, ``+2w``/``in 2 weeks``, ``-3d``/``3d ago``, ``friday`` and
    ``next friday`` (both the first Friday after today), ``last friday``.

    A span without a direction (``7d``) could mean either way. With ``bare_span_back`` it
    means that long ago (as it always has for ``--when``); without, it is refused with a
    message that says how to write each meaning: a due date of ``--due 7d`` once silently
    meant a week ago.
    """
    shown = text.strip()
    raw = " ".join(shown.lower().split())
    span = _span(raw)
    if span is not None and not span[0]:
        if not bare_span_back:
            number, unit = span[1], span[2]
            units = _UNIT_NAMES[unit] + ("" if number == 1 else "s")
            raise ValidationError(
                field,
                f"{field} {shown!r} is ambiguous: write +{number}{unit} (in {number} {units}) "
                f"or -{number}{unit} ({number} {units} ago)",
            )
        raw = f"-{raw}"
    try:
        day = _day_in_words(raw, today)
    except OverflowError:  # a span past year 1 or 9999
        raise _out_of_range(field, repr(shown)) from None
    if day is None:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise ValidationError(
                field, f"{field} {shown!r} is not a date; use {_DAY_FORMS}"
            ) from None
    return check_day(field, day)


def parse_due_date(text: str, *, today: date, field: str = "--due") -> date:
    """A due date, forward or back (see :func:`parse_day`); a span must say which."""
    return parse_day(text, today=today, field=field)


def parse_moment(text: str, *, now: datetime, field: str = "--when") -> datetime:
    """When something happened (or will): ``now``; a day as :func:`parse_day` reads it,
    meaning its midnight (a bare ``7d`` is a week ago, as ``--when`` always read it); a
    day and a time (``yesterday 18:30``, ``friday at 9:00``); a time alone (today); or an
    ISO date-time (``2026-03-01T09:30+01:00``).

    ``now`` must be aware; a time without zone is read in ``now``'s zone.
    """
    zone: tzinfo | None = now.tzinfo
    shown = text.strip()
    raw = " ".join(shown.split())
    if raw.lower() == "now":
        return now
    if match := _DAY_AND_TIME.match(raw):
        try:
            clock = time(int(match[2]), int(match[3]), int(match[4] or 0))
        except ValueError:
            raise ValidationError(
                field, f"{field} {shown!r} is not a date and time; use YYYY-MM-DD HH:MM"
            ) from None
        day = (
            parse_day(match[1], today=now.date(), field=field, bare_span_back=True)
            if match[1]
            else now.date()
        )
        return check_moment(field, datetime.combine(day, clock, tzinfo=zone))
    if ":" in raw or (raw[:1].isdigit() and "t" in raw.lower()):  # ISO, with zone or seconds
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise ValidationError(
                field, f"{field} {shown!r} is not a date and time; use YYYY-MM-DD HH:MM"
            ) from None
        return check_moment(field, value if value.tzinfo else value.replace(tzinfo=zone))
    day = parse_day(raw, today=now.date(), field=field, bare_span_back=True)
    return check_moment(field, datetime.combine(day, time(), tzinfo=zone))
