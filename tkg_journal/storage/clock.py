"""How timestamps are stored: UTC text that sorts as it reads (``2026-03-01 08:30:00``).

Writing is fixed width (a four-digit year, always): ``strftime("%Y")`` writes year 999
as ``999``, which no reader parses back and which sorts after every real date.

Reading never raises. A stored value written by an older version, a damaged row or a
hand edit may not read back; such a value is read as the nearest day the journal keeps
(the range's edge, or the row's own creation time where there is nothing to go on), so
the rest of the journal still opens, and :func:`is_readable` tells the repair in
``date_repair.py`` and the lists' markers which values those were.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from tkg_journal.domain.dates import EARLIEST_DAY, EARLIEST_MOMENT, LATEST_DAY, LATEST_MOMENT

STORED_FORMAT = "%Y-%m-%d %H:%M:%S"

# What a readable stored moment may be (text compares as time does in this format), and
# what a value that cannot be read stands in as: the range's first or last day in UTC.
_FIRST_TEXT = EARLIEST_MOMENT.astimezone(UTC).strftime(STORED_FORMAT)
_LAST_TEXT = LATEST_MOMENT.astimezone(UTC).strftime(STORED_FORMAT)
_FIRST_STORED = datetime.combine(EARLIEST_DAY, time(), tzinfo=UTC)
_LAST_STORED = datetime.combine(LATEST_DAY, time(23, 59, 59), tzinfo=UTC)
# Lenient reading of what older versions or other tools wrote: any number of year digits,
# an optional sign, one- or two-digit fields, a 'T', no seconds.
_LOOSE = re.compile(
    r"^\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*$"
)


def to_stored(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d} "
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )


def is_readable(text: object) -> bool:
    """Whether ``text`` is a stored moment in the canonical form and the journal's range."""
    if not isinstance(text, str) or len(text) != 19 or not _FIRST_TEXT <= text <= _LAST_TEXT:
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_readable_day(text: object) -> bool:
    """Whether ``text`` is a stored day (``YYYY-MM-DD``) inside the journal's range."""
    if not isinstance(text, str) or len(text) != 10:
        return False
    try:
        return EARLIEST_DAY <= date.fromisoformat(text) <= LATEST_DAY
    except ValueError:
        return False


def from_stored(text: object, *, fallback: datetime | None = None) -> datetime:
    """The stored moment; never raises (see the module's docstring).

    ``fallback`` is used when ``text`` holds no date at all (default: the range's start).
    """
    if isinstance(text, str) and len(text) == 19 and _FIRST_TEXT <= text <= _LAST_TEXT:
        try:  # the fast path: fromisoformat is ~30x faster than strptime
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            pass
    return _read_loosely(text, fallback)


def _read_loosely(text: object, fallback: datetime | None) -> datetime:
    match = _LOOSE.match(text) if isinstance(text, str) else None
    if match is None:
        return fallback if fallback is not None else _FIRST_STORED
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    if year < _FIRST_STORED.year:
        return _FIRST_STORED
    if year > _LAST_STORED.year:
        return _LAST_STORED
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:  # 2026-02-30, 25:00: the day is known, the rest is not
        try:
            return datetime(year, month, 1, tzinfo=UTC) if 1 <= month <= 12 else _start(year)
        except ValueError:
            return _start(year)


def _start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def now_stored() -> str:
    return to_stored(datetime.now(UTC))


def date_to_stored(day: date | None) -> str | None:
    return day.isoformat() if day else None


def day_from_stored(text: object) -> date:
    """A stored day from a column that always holds one; never raises."""
    return date_from_stored(text) or EARLIEST_DAY


def date_from_stored(text: object) -> date | None:
    """The stored day, ``None`` for none; never raises (an unreadable day reads as the
    nearest day in the range, as :func:`from_stored` does)."""
    if text is None or text == "":
        return None
    if is_readable_day(text):
        return date.fromisoformat(text)  # type: ignore[arg-type]  # checked just above
    return min(max(from_stored(text).date(), EARLIEST_DAY), LATEST_DAY)
