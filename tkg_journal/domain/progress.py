"""Progress over time: the data shapes the charts draw and the rules behind them (no I/O).

A :class:`Period` is a run of whole local days, both ends included. Aggregates are made per
:class:`Bucket` (the Monday of a week, or the first of a month), always with the levels in
hierarchy order. :func:`work_here_next` is the method's inside-out rule: the lowest weak
level is where the work starts, whatever happens higher up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level

#: Up to this many days of span a chart buckets by week; beyond it, by month.
WEEKLY_UP_TO_DAYS = 186
#: A level whose blended strength is below this is weak.
WEAK_THRESHOLD = 0.5


class Bucket(StrEnum):
    """How a time axis is grouped."""

    WEEK = "week"
    MONTH = "month"


def _months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    if year < 1:
        raise ValidationError(
            "period", f"{months} months before {day.isoformat()} is before year 1"
        )
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days, both ends included; ``None`` leaves that end open."""

    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValidationError(
                "period",
                f"the period starts on {self.since.isoformat()}, after its end "
                f"{self.until.isoformat()}",
            )

    @classmethod
    def last(cls, *, months: int | None, today: date) -> Period:
        """The last ``months`` calendar months up to and including ``today``;
        ``months=None`` is all time (both ends open)."""
        if months is None:
            return cls()
        if months < 1:
            raise ValidationError("period", "a period covers at least one month")
        return cls(since=_months_back(today, months) + timedelta(days=1), until=today)

    def contains(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def span_days(self, *, first_day: date | None, today: date) -> int:
        """How many days the period covers, an open start counting from ``first_day`` (or
        ``today`` when the journal is empty) and an open end up to ``today``."""
        start = self.since or first_day or today
        end = self.until or max(today, start)
        return max((end - start).days + 1, 1)


def bucket_for(period: Period, *, first_day: date | None, today: date) -> Bucket:
    """Weekly up to about six months of span, monthly beyond (so a chart has tens of bars,
    not hundreds)."""
    span = period.span_days(first_day=first_day, today=today)
    return Bucket.WEEK if span <= WEEKLY_UP_TO_DAYS else Bucket.MONTH


def bucket_start(day: date, bucket: Bucket) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    if bucket is Bucket.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


@dataclass(frozen=True, slots=True)
class ActivityBar:
    """Entries and attempts at one level (``None``: entries without a level) in a bucket
    starting on ``start``."""

    start: date
    level: Level | None
    entries: int
    attempts: int


@dataclass(frozen=True, slots=True)
class RatingPoint:
    """One level's self-rating (1-10) in the check-in of ``day``."""

    day: date
    level: Level
    score: int


@dataclass(frozen=True, slots=True)
class AttemptStats:
    """Attempts on experiments of one level in a bucket: how many were tried fully,
    partly or not, and the mean outcome (-2..2) of those with an outcome."""

    start: date
    level: Level
    yes: int
    partial: int
    no: int
    mean_outcome: float | None

    @property
    def total(self) -> int:
        return self.yes + self.partial + self.no


@dataclass(frozen=True, slots=True)
class FeedbackPoint:
    """One piece of feedback received: when (local time), the level it speaks to, and how
    it landed (-2..2)."""

    when: datetime
    level: Level | None
    sentiment: int


@dataclass(frozen=True, slots=True)
class LevelStrength:
    """How strong a level looks from recent signals; every field ``None`` without data."""

    level: Level
    strength: float | None  # 0..1 blend of the three signals below
    rating: float | None  # mean recent self-rating 1..10
    attempt_outcome: float | None  # mean recent attempt outcome -2..2
    feedback: float | None  # mean recent feedback sentiment -2..2

    @property
    def is_weak(self) -> bool:
        return self.strength is not None and self.strength < WEAK_THRESHOLD


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many entries were written on one local day."""

    day: date
    entries: int


def blend_strength(
    rating: float | None, attempt_outcome: float | None, feedback: float | None
) -> float | None:
    """Normalise each known signal to 0..1 (a rating 1..10 as ``(r - 1) / 9``, an outcome
    or a sentiment -2..2 as ``(x + 2) / 4``) and return their mean; ``None`` if none known."""
    known = []
    if rating is not None:
        known.append((rating - 1) / 9)
    if attempt_outcome is not None:
        known.append((attempt_outcome + 2) / 4)
    if feedback is not None:
        known.append((feedback + 2) / 4)
    if not known:
        return None
    return min(max(sum(known) / len(known), 0.0), 1.0)


def work_here_next(strengths: Sequence[LevelStrength]) -> Level | None:
    """The lowest level whose strength is known and below :data:`WEAK_THRESHOLD` (the
    inside-out rule); ``None`` when no level is weak. Unknown strengths are skipped: no
    data is not a weakness."""
    weak = [s.level for s in strengths if s.is_weak]
    return min(weak) if weak else None


def check_levels(levels: Sequence[Level]) -> tuple[Level, ...]:
    """A level filter in hierarchy order without repeats (empty: every level)."""
    for level in levels:
        if not isinstance(level, Level):
            raise ValidationError("level", f"not a level: {level!r}")
    return tuple(sorted(set(levels)))
