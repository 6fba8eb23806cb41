"""Aggregates for the Progress charts, computed by SQLite (GROUP BY), never row by row.

Times are stored as UTC text; a period's bounds arrive here as stored UTC text already
(the local midnights that begin its first day and follow its last), so each range is a
b-tree range on an indexed ``occurred_at``. Rows are grouped by the LOCAL day with
SQLite's ``date(occurred_at, 'localtime')``, then by the bucket's first day: the Monday
(``'-6 days', 'weekday 1'``) or the first of the month (``'start of month'``). The modifiers
are bound as parameters like every value; only fixed column names are put in the SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import (
    ActivityBar,
    AttemptStats,
    Bucket,
    DayCount,
    FeedbackPoint,
    RatingPoint,
)
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database

#: SQLite date modifiers taking a local day to the first day of its bucket.
_BUCKET_MODIFIERS: dict[Bucket, tuple[str, str]] = {
    Bucket.WEEK: ("-6 days", "weekday 1"),
    Bucket.MONTH: ("start of month", "+0 days"),
}


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A half-open range of stored UTC times: ``since <= t < until``; ``None`` is open."""

    since: str | None = None
    until: str | None = None


def conditions(
    column: str, span: TimeRange, levels: Sequence[Level] = (), level_column: str = "level"
) -> tuple[str, list[Any]]:
    """SQL condition and parameters: ``column`` inside ``span`` (and, with ``levels``,
    ``level_column`` among them)."""
    conditions: list[str] = []
    params: list[Any] = []
    if span.since is not None:
        conditions.append(f"{column} >= ?")
        params.append(span.since)
    if span.until is not None:
        conditions.append(f"{column} < ?")
        params.append(span.until)
    if levels:
        conditions.append(f"{level_column} IN ({', '.join('?' * len(levels))})")
        params.extend(int(level) for level in levels)
    return " AND ".join(conditions) or "1", params


def _day(text: str) -> date:
    return clock.day_from_stored(text)


def _level(value: int | None) -> Level | None:
    return Level(value) if value else None


def entry_counts(
    db: Database, *, span: TimeRange, bucket: Bucket, levels: Sequence[Level] = ()
) -> dict[tuple[date, Level | None], int]:
    """Entries per (bucket start, level); ``levels`` empty means every entry, with or
    without a level."""
    where, params = conditions("occurred_at", span, levels, "level")
    rows = db.query(
        "SELECT date(occurred_at, 'localtime', ?, ?) AS start, level, count(*) "
        f"FROM entries WHERE {where} GROUP BY start, level",
        [*_BUCKET_MODIFIERS[bucket], *params],
    )
    return {(_day(start), _level(level)): int(n) for start, level, n in rows}


def attempt_counts(
    db: Database, *, span: TimeRange, bucket: Bucket, levels: Sequence[Level] = ()
) -> list[AttemptStats]:
    """Attempts per (bucket start, level of their experiment): yes/partial/no counts and
    the mean outcome of those that have one; ordered by bucket, then level."""
    where, params = conditions("a.occurred_at", span, levels, "x.level")
    rows = db.query(
        "SELECT date(a.occurred_at, 'localtime', ?, ?) AS start, x.level, "
        "sum(a.did_it = 'yes'), sum(a.did_it = 'partial'), sum(a.did_it = 'no'), "
        "avg(a.outcome) "
        "FROM attempts a JOIN experiments x ON x.id = a.experiment_id "
        f"WHERE {where} GROUP BY start, x.level ORDER BY start, x.level",
        [*_BUCKET_MODIFIERS[bucket], *params],
    )
    return [
        AttemptStats(
            start=_day(start),
            level=Level(level),
            yes=int(yes),
            partial=int(partial),
            no=int(no),
            mean_outcome=None if mean is None else float(mean),
        )
        for start, level, yes, partial, no, mean in rows
    ]


def activity(
    db: Database, *, span: TimeRange, bucket: Bucket, levels: Sequence[Level] = ()
) -> list[ActivityBar]:
    """Entries and attempts per bucket and level, ordered by bucket then level (bottom-up,
    entries without a level last). Buckets without any are absent."""
    entries = entry_counts(db, span=span, bucket=bucket, levels=levels)
    attempts: dict[tuple[date, Level | None], int] = {
        (s.start, s.level): s.total
        for s in attempt_counts(db, span=span, bucket=bucket, levels=levels)
    }
    keys = sorted(
        set(entries) | set(attempts),
        key=lambda k: (k[0], k[1] is None, int(k[1] or 0)),
    )
    return [
        ActivityBar(
            start=start,
            level=level,
            entries=entries.get((start, level), 0),
            attempts=attempts.get((start, level), 0),
        )
        for start, level in keys
    ]


def ratings(db: Database, *, since: date | None, until: date | None) -> list[RatingPoint]:
    """Every level score of the check-ins from ``since`` to ``until`` (local days, both
    included), by day then level."""
    conditions, params = [], []
    if since is not None:
        conditions.append("c.rated_on >= ?")
        params.append(since.isoformat())
    if until is not None:
        conditions.append("c.rated_on <= ?")
        params.append(until.isoformat())
    rows = db.query(
        "SELECT c.rated_on, r.level, r.score FROM rating_checkins c "
        "JOIN level_ratings r ON r.checkin_id = c.id "
        f"WHERE {' AND '.join(conditions) or '1'} ORDER BY c.rated_on, r.level",
        params,
    )
    return [RatingPoint(day=_day(day), level=Level(level), score=int(s)) for day, level, s in rows]


def feedback(db: Database, *, span: TimeRange, levels: Sequence[Level] = ()) -> list[FeedbackPoint]:
    """Feedback entries that carry a sentiment, oldest first (times in UTC)."""
    where, params = conditions("occurred_at", span, levels, "level")
    rows = db.query(
        "SELECT occurred_at, level, sentiment FROM entries "
        f"WHERE kind = 'feedback' AND sentiment IS NOT NULL AND {where} "
        "ORDER BY occurred_at, id",
        params,
    )
    return [
        FeedbackPoint(
            when=clock.from_stored(at),
            level=_level(level),
            sentiment=int(s),
        )
        for at, level, s in rows
    ]


def journaling_days(db: Database, *, span: TimeRange) -> list[DayCount]:
    """Entries per local day, days without entries absent, oldest first."""
    where, params = conditions("occurred_at", span, (), "level")
    rows = db.query(
        "SELECT date(occurred_at, 'localtime') AS day, count(*) FROM entries "
        f"WHERE {where} GROUP BY day ORDER BY day",
        params,
    )
    return [DayCount(day=_day(day), entries=int(n)) for day, n in rows]


def first_times(db: Database) -> tuple[str | None, str | None, str | None]:
    """The earliest entry time, attempt time (stored UTC text) and check-in day (ISO);
    each a single index lookup."""
    row = db.query_one(
        "SELECT (SELECT min(occurred_at) FROM entries), (SELECT min(occurred_at) FROM attempts), "
        "(SELECT min(rated_on) FROM rating_checkins)"
    )
    assert row is not None
    return row[0], row[1], row[2]


def journal_created_at(db: Database) -> str | None:
    """When the journal was created (stored UTC text), as its ``meta`` row says."""
    row = db.query_one("SELECT value FROM meta WHERE key = 'created_at'")
    return str(row[0]) if row is not None and row[0] else None


def mean_ratings(db: Database, *, since: date, until: date) -> dict[Level, float]:
    """Mean self-rating per level over the check-ins from ``since`` to ``until``."""
    rows = db.query(
        "SELECT r.level, avg(r.score) FROM rating_checkins c "
        "JOIN level_ratings r ON r.checkin_id = c.id "
        "WHERE c.rated_on BETWEEN ? AND ? GROUP BY r.level",
        (since.isoformat(), until.isoformat()),
    )
    return {Level(level): float(mean) for level, mean in rows}


def mean_outcomes(db: Database, *, span: TimeRange) -> dict[Level, float]:
    """Mean outcome per experiment level over the attempts in ``span`` that have one."""
    where, params = conditions("a.occurred_at", span, (), "x.level")
    rows = db.query(
        "SELECT x.level, avg(a.outcome) FROM attempts a "
        "JOIN experiments x ON x.id = a.experiment_id "
        f"WHERE a.outcome IS NOT NULL AND {where} GROUP BY x.level",
        params,
    )
    return {Level(level): float(mean) for level, mean in rows}


def mean_sentiments(db: Database, *, span: TimeRange) -> dict[Level, float]:
    """Mean sentiment per level over the feedback entries in ``span`` that have a level
    and a sentiment."""
    where, params = conditions("occurred_at", span, (), "level")
    rows = db.query(
        "SELECT level, avg(sentiment) FROM entries WHERE kind = 'feedback' "
        f"AND sentiment IS NOT NULL AND level IS NOT NULL AND {where} GROUP BY level",
        params,
    )
    return {Level(level): float(mean) for level, mean in rows}
