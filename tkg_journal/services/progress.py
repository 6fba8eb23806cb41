"""Progress over time: the aggregates behind the charts, and the self-rating check-ins.

Everything is summed, counted and averaged by SQLite (see
:mod:`tkg_journal.storage.progress_repository`); this module turns a :class:`Period` of
local days into stored UTC bounds and hands plain data to the chart builders. Local days
are those of the computer's time zone, as SQLite's ``'localtime'`` sees it; "today" comes
from the journal's clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from tkg_journal.domain.errors import ValidationError
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
    blend_strength,
    check_levels,
)
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.services.journal import Journal
from tkg_journal.storage import checkin_repository, clock, progress_repository
from tkg_journal.storage.progress_repository import TimeRange

#: How far back :meth:`Progress.strengths` looks by default (days, today included).
STRENGTH_WINDOW_DAYS = 90
#: The default rhythm of the self-rating prompt (days).
CHECKIN_EVERY_DAYS = 7
#: A journal's first days of use (days): too early to ask for a rating of the levels.
FIRST_WEEK_DAYS = 7


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in the computer's time zone (with that day's UTC offset)."""
    return datetime.combine(day, time()).astimezone()


def time_range(period: Period) -> TimeRange:
    """The stored-UTC bounds of ``period``: from the midnight starting its first day to
    the midnight after its last."""
    return TimeRange(
        since=clock.to_stored(local_midnight(period.since)) if period.since else None,
        until=(
            clock.to_stored(local_midnight(period.until + timedelta(days=1)))
            if period.until
            else None
        ),
    )


def _local_date(stored: str | None) -> date | None:
    return clock.from_stored(stored).astimezone().date() if stored else None


class Progress:
    """Progress data of an open journal (uses ``journal.db`` and ``journal.clock``)."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._db = journal.db

    def today(self) -> date:
        """The local day by the journal's clock (tests fix it)."""
        return self._journal.clock().date()

    # the time axis ------------------------------------------------------------------
    def first_day(self) -> date | None:
        """The local day of the earliest entry, attempt or check-in; ``None`` if none."""
        entry, attempt, checkin = progress_repository.first_times(self._db)
        days = [d for d in (_local_date(entry), _local_date(attempt)) if d is not None]
        if checkin:
            days.append(clock.day_from_stored(checkin))
        return min(days) if days else None

    # aggregates ---------------------------------------------------------------------
    def activity(
        self, period: Period, *, bucket: Bucket, levels: Sequence[Level] = ()
    ) -> list[ActivityBar]:
        """Entries and attempts per bucket and level, by bucket then level bottom-up
        (entries without a level, ``level=None``, last and only without a level filter).
        Buckets with nothing in them are absent."""
        return progress_repository.activity(
            self._db, span=time_range(period), bucket=Bucket(bucket), levels=check_levels(levels)
        )

    def ratings(self, period: Period) -> list[RatingPoint]:
        """Every level's score of every check-in in ``period``, by day then level."""
        return progress_repository.ratings(self._db, since=period.since, until=period.until)

    def attempt_stats(
        self, period: Period, *, bucket: Bucket, levels: Sequence[Level] = ()
    ) -> list[AttemptStats]:
        """Attempts per bucket and level of their experiment: yes/partial/no and the mean
        outcome; by bucket then level. Buckets without attempts are absent."""
        return progress_repository.attempt_counts(
            self._db, span=time_range(period), bucket=Bucket(bucket), levels=check_levels(levels)
        )

    def feedback(self, period: Period, *, levels: Sequence[Level] = ()) -> list[FeedbackPoint]:
        """Feedback entries with a sentiment, oldest first, ``when`` in local time."""
        points = progress_repository.feedback(
            self._db, span=time_range(period), levels=check_levels(levels)
        )
        return [
            FeedbackPoint(when=p.when.astimezone(), level=p.level, sentiment=p.sentiment)
            for p in points
        ]

    def journaling_days(self, period: Period) -> list[DayCount]:
        """Entries per local day in ``period``; days without entries are absent."""
        return progress_repository.journaling_days(self._db, span=time_range(period))

    def strengths(
        self, *, today: date | None = None, window_days: int = STRENGTH_WINDOW_DAYS
    ) -> list[LevelStrength]:
        """All five levels bottom-up, each from the last ``window_days`` days up to
        ``today``: mean self-rating of the check-ins, mean outcome of attempts on its
        experiments, mean sentiment of feedback about it, and their blend."""
        if window_days < 1:
            raise ValidationError("window", "the window covers at least one day")
        end = today or self.today()
        window = Period(since=end - timedelta(days=window_days - 1), until=end)
        assert window.since is not None
        span = time_range(window)
        ratings = progress_repository.mean_ratings(self._db, since=window.since, until=end)
        outcomes = progress_repository.mean_outcomes(self._db, span=span)
        sentiments = progress_repository.mean_sentiments(self._db, span=span)
        return [
            LevelStrength(
                level=level,
                strength=blend_strength(
                    ratings.get(level), outcomes.get(level), sentiments.get(level)
                ),
                rating=ratings.get(level),
                attempt_outcome=outcomes.get(level),
                feedback=sentiments.get(level),
            )
            for level in Level
        ]

    # self-rating check-ins ----------------------------------------------------------
    def record_checkin(
        self, scores: Mapping[Level, int], note: str = "", *, on: date | None = None
    ) -> RatingCheckin:
        """Store the check-in of ``on`` (default today): a score 1-10 for some or all
        levels and a note. At most one per day: a second one the same day replaces it."""
        today = self.today()
        day = on or today
        if day > today:
            raise ValidationError("day", "a check-in cannot be made for a day still ahead")
        checkin = RatingCheckin(rated_on=day, scores=dict(scores), note=note)
        with self._db.transaction():
            checkin_repository.upsert(self._db, checkin=checkin)
            stored = checkin_repository.get_on(self._db, day=day)
        assert stored is not None
        return stored

    def checkin_for(self, day: date) -> RatingCheckin | None:
        return checkin_repository.get_on(self._db, day=day)

    def last_checkin(self) -> RatingCheckin | None:
        """The most recent check-in."""
        return checkin_repository.latest(self._db)

    def in_first_week(self, *, today: date | None = None) -> bool:
        """True while the journal is new to its user: no entry yet, or the first entry
        or the journal itself less than :data:`FIRST_WEEK_DAYS` days old (a journal made
        with sample or imported entries is new however old they are)."""
        end = today or self.today()
        entry, _attempt, _checkin = progress_repository.first_times(self._db)
        first_entry = _local_date(entry)
        if first_entry is None:
            return True
        created = _local_date(progress_repository.journal_created_at(self._db))
        started = max(first_entry, created) if created is not None else first_entry
        return (end - started).days < FIRST_WEEK_DAYS

    def checkin_due(
        self, *, every_days: int = CHECKIN_EVERY_DAYS, today: date | None = None
    ) -> bool:
        """True when no check-in was made within the last ``every_days`` days (today and
        the ``every_days - 1`` days before it)."""
        if every_days < 1:
            raise ValidationError("every", "check-ins are at least one day apart")
        end = today or self.today()
        since = end - timedelta(days=every_days - 1)
        return not checkin_repository.any_between(self._db, since=since, until=end)
