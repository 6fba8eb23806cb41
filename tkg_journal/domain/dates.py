"""Reading the dates people type: ISO dates and times, ``today``, ``yesterday``, ``7d``."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from tkg_journal.domain.errors import ValidationError

_RELATIVE = re.compile(r"^(\d{1,5})\s*([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_date(text: str, *, today: date, field: str = "date") -> date:
    """``2026-03-01``, ``today``, ``yesterday`` or ``Nd``/``Nw``/``Nm``/``Ny`` (that long ago)."""
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    if match := _RELATIVE.match(raw):
        try:
            return today - timedelta(days=int(match[1]) * _UNIT_DAYS[match[2]])
        except OverflowError:
            raise ValidationError(field, f"{field} {text!r} reaches back before year 1") from None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            field,
            f"{field} {text!r} is not a date; use YYYY-MM-DD, today, yesterday or a span like 7d",
        ) from None


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
        return value if value.tzinfo else value.replace(tzinfo=zone)
    day = parse_date(raw, today=now.date(), field=field)
    return datetime.combine(day, time(), tzinfo=zone)
