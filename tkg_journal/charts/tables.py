"""Each chart as a table: the rows it draws (:mod:`charts.series`), one data point a row.

The Progress section's "Show as table" shows these through a Qt model; a cell carries the
text shown and a value to sort by (a number, or a date's ordinal), so a sorted column
goes 2, 10 and not "10", "2". No matplotlib, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tkg_journal.charts import series
from tkg_journal.charts.summaries import day_text, level_name, number, percent, signed
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import (
    ActivityBar,
    AttemptStats,
    Bucket,
    DayCount,
    FeedbackPoint,
    LevelStrength,
    Period,
    RatingPoint,
    work_here_next,
)

COL_LEVEL = "Level"
COL_WEEK = "Week starting"
COL_MONTH = "Month starting"
COL_ENTRIES = "Entries"
COL_ATTEMPTS = "Attempts"
COL_CHECKIN = "Check-in day"
COL_RATING = "Rating (1-10)"
COL_YES = "Tried fully"
COL_PARTIAL = "Tried partly"
COL_NO = "Not tried"
COL_OUTCOME = "Mean outcome (-2 to +2)"
COL_RECEIVED = "Received"
COL_SENTIMENT = "How it landed (-2 to +2)"
COL_STRENGTH = "Strength"
COL_ATTEMPT_OUTCOME = "Attempt outcome"
COL_FEEDBACK = "Feedback"
COL_NEXT = "Work here next"
COL_DAY = "Day"
YES = "yes"
NONE = "—"  # no value: sorts below every number
NO_VALUE = -1e9


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: the text shown and the value it sorts by."""

    text: str
    sort: float


@dataclass(frozen=True, slots=True)
class ChartTable:
    """A chart's data points as rows; ``numeric`` says which columns hold numbers
    (right-aligned)."""

    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _count(value: int) -> Cell:
    return Cell(str(value), float(value))


def _day(day: Any) -> Cell:
    return Cell(day_text(day), float(day.toordinal()))


def _level(level: Level | None) -> Cell:
    return Cell(level_name(level), float(int(level)) if level is not None else len(Level) + 1.0)


def _maybe(value: float | None, text: Callable[[float], str]) -> Cell:
    return Cell(NONE, NO_VALUE) if value is None else Cell(text(value), float(value))


def activity_table(
    bars: Sequence[ActivityBar], *, bucket: Bucket, levels: Sequence[Level] = ()
) -> ChartTable:
    rows = sorted(series.activity_rows(bars, levels), key=lambda b: (b.start, _rank(b.level)))
    when = COL_WEEK if bucket is Bucket.WEEK else COL_MONTH
    return ChartTable(
        (when, COL_LEVEL, COL_ENTRIES, COL_ATTEMPTS),
        (False, False, True, True),
        tuple(
            (_day(b.start), _level(b.level), _count(b.entries), _count(b.attempts)) for b in rows
        ),
    )


def _rank(level: Level | None) -> int:
    return int(level) if level is not None else len(Level) + 1


def ratings_table(points: Sequence[RatingPoint], *, levels: Sequence[Level] = ()) -> ChartTable:
    rows = sorted(series.rating_rows(points, levels), key=lambda p: (p.day, p.level))
    return ChartTable(
        (COL_CHECKIN, COL_LEVEL, COL_RATING),
        (False, False, True),
        tuple((_day(p.day), _level(p.level), _count(p.score)) for p in rows),
    )


def attempts_table(
    stats: Sequence[AttemptStats], *, bucket: Bucket, levels: Sequence[Level] = ()
) -> ChartTable:
    rows = sorted(series.attempt_rows(stats, levels), key=lambda s: (s.start, s.level))
    when = COL_WEEK if bucket is Bucket.WEEK else COL_MONTH
    return ChartTable(
        (when, COL_LEVEL, COL_ATTEMPTS, COL_YES, COL_PARTIAL, COL_NO, COL_OUTCOME),
        (False, False, True, True, True, True, True),
        tuple(
            (
                _day(s.start),
                _level(s.level),
                _count(s.total),
                _count(s.yes),
                _count(s.partial),
                _count(s.no),
                _maybe(s.mean_outcome, signed),
            )
            for s in rows
        ),
    )


def feedback_table(points: Sequence[FeedbackPoint], *, levels: Sequence[Level] = ()) -> ChartTable:
    rows = series.feedback_rows(points, levels)
    return ChartTable(
        (COL_RECEIVED, COL_LEVEL, COL_SENTIMENT),
        (False, False, True),
        tuple(
            (
                Cell(
                    f"{day_text(series.local_time(p.when).date())} {p.when:%H:%M}",
                    series.local_time(p.when).timestamp(),
                ),
                _level(p.level),
                Cell(signed(p.sentiment), float(p.sentiment)),
            )
            for p in rows
        ),
    )


def hierarchy_table(strengths: Sequence[LevelStrength]) -> ChartTable:
    target = work_here_next(strengths)
    by_level = {s.level: s for s in strengths}
    rows = []
    for level in Level:  # bottom-up, as the pyramid
        s = by_level.get(level) or LevelStrength(level, None, None, None, None)
        rows.append(
            (
                _level(level),
                _maybe(s.strength, percent),
                _maybe(s.rating, number),
                _maybe(s.attempt_outcome, signed),
                _maybe(s.feedback, signed),
                Cell(YES, 1.0) if level == target else Cell("", 0.0),
            )
        )
    return ChartTable(
        (COL_LEVEL, COL_STRENGTH, COL_RATING, COL_ATTEMPT_OUTCOME, COL_FEEDBACK, COL_NEXT),
        (False, True, True, True, True, False),
        tuple(rows),
    )


def calendar_table(days: Sequence[DayCount], *, period: Period) -> ChartTable:
    """The days with entries (the calendar's coloured squares; the grey ones are the rest)."""
    counts, _first, _last = series.calendar_span(days, period)
    return ChartTable(
        (COL_DAY, COL_ENTRIES),
        (False, True),
        tuple((_day(day), _count(counts[day])) for day in sorted(counts)),
    )


_TABLES: dict[str, Callable[[Any, Mapping[str, Any]], ChartTable]] = {
    "activity": lambda data, o: activity_table(
        data, bucket=o.get("bucket", Bucket.WEEK), levels=o.get("levels", ())
    ),
    "ratings": lambda data, o: ratings_table(data, levels=o.get("levels", ())),
    "attempts": lambda data, o: attempts_table(
        data, bucket=o.get("bucket", Bucket.WEEK), levels=o.get("levels", ())
    ),
    "feedback": lambda data, o: feedback_table(data, levels=o.get("levels", ())),
    "hierarchy": lambda data, _o: hierarchy_table(data),
    "calendar": lambda data, o: calendar_table(data, period=o.get("period", Period())),
}


def chart_table(name: str, data: Any, options: Mapping[str, Any]) -> ChartTable:
    """The table of chart ``name`` over the data and options its builder gets."""
    return _TABLES[name](data, options)
