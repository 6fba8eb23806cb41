"""The rows each chart draws, chosen once for the drawing, its table and its sentence.

A chart, its "Show as table" view and its accessible summary must show the same numbers.
So the filtering a builder used to do inline (the level filter, empty buckets dropped,
days outside the period dropped) lives here, and the builders, :mod:`charts.tables` and
:mod:`charts.summaries` all call it. No matplotlib: the GUI and the exports read the rows
without paying for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import (
    ActivityBar,
    AttemptStats,
    DayCount,
    FeedbackPoint,
    Period,
    RatingPoint,
)


def _wanted(levels: Sequence[Level]) -> set[Level]:
    return set(levels)


def activity_rows(bars: Iterable[ActivityBar], levels: Sequence[Level] = ()) -> list[ActivityBar]:
    """The bars drawn: in the filter (if any) and with something in them."""
    wanted = _wanted(levels)
    return [
        b for b in bars if (not wanted or b.level in wanted) and (b.entries > 0 or b.attempts > 0)
    ]


def rating_rows(points: Iterable[RatingPoint], levels: Sequence[Level] = ()) -> list[RatingPoint]:
    """The scores drawn, by level then day (a line per level)."""
    wanted = _wanted(levels)
    return sorted(
        (p for p in points if not wanted or p.level in wanted), key=lambda p: (p.level, p.day)
    )


def attempt_rows(stats: Iterable[AttemptStats], levels: Sequence[Level] = ()) -> list[AttemptStats]:
    """The buckets drawn: in the filter (if any) and with at least one attempt."""
    wanted = _wanted(levels)
    return [s for s in stats if (not wanted or s.level in wanted) and s.total > 0]


def local_time(when: datetime) -> datetime:
    """The wall-clock time as the user saw it (the service hands local aware times)."""
    return when.replace(tzinfo=None)


def feedback_rows(
    points: Iterable[FeedbackPoint], levels: Sequence[Level] = ()
) -> list[FeedbackPoint]:
    """The feedback drawn, oldest first."""
    wanted = _wanted(levels)
    return sorted(
        (p for p in points if not wanted or p.level in wanted), key=lambda p: local_time(p.when)
    )


def calendar_span(days: Iterable[DayCount], period: Period) -> tuple[dict[date, int], date, date]:
    """Entries per day with entries inside the calendar's span, and that span's first and
    last day (open ends of ``period`` are the data's). Empty counts: nothing to draw."""
    counts = {d.day: d.entries for d in days if d.entries > 0}
    if not counts:
        today = period.until or period.since or date.today()
        return {}, period.since or today, period.until or today
    first = period.since or min(counts)
    last = period.until or max(counts)
    return {day: n for day, n in counts.items() if first <= day <= last}, first, last
