"""How timestamps are stored: UTC text that sorts as it reads (``2026-03-01 08:30:00``)."""

from __future__ import annotations

from datetime import UTC, date, datetime

STORED_FORMAT = "%Y-%m-%d %H:%M:%S"


def to_stored(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STORED_FORMAT)


def from_stored(text: str) -> datetime:
    return datetime.strptime(text, STORED_FORMAT).replace(tzinfo=UTC)


def now_stored() -> str:
    return datetime.now(UTC).strftime(STORED_FORMAT)


def date_to_stored(day: date | None) -> str | None:
    return day.isoformat() if day else None


def date_from_stored(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
