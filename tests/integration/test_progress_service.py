"""The Progress service over a real encrypted journal, against hand-computed figures.

The journal below spans December 2025 to March 2026 in a zone east of UTC (Central
European Time), with entries and attempts just after local midnight: their UTC day (and
week, and month) is the day before, so grouping or bounding by UTC instead of the local
day changes the expected counts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry
from tkg_journal.domain.entries import EntryKind, FeedbackFields
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import (
    ActivityBar,
    AttemptStats,
    Bucket,
    DayCount,
    Period,
    RatingPoint,
    blend_strength,
    work_here_next,
)
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress

F, G, E, GD, M = Level  # Foundation, Growth, Empowerment, Guidance, Mastery
# Central European Time with its summer time rule; a POSIX rule needs no tz database.
CET = "CET-1CEST,M3.5.0,M10.5.0/3"


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's zone (Python's and SQLite's 'localtime') for this test: CET."""
    monkeypatch.setenv("TZ", CET)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def local(y: int, mo: int, d: int, h: int = 12, mi: int = 0) -> datetime:
    """A wall-clock time in the computer's zone (set by ``local_zone``)."""
    return datetime(y, mo, d, h, mi).astimezone()


def feedback(sentiment: int | None) -> FeedbackFields:
    return FeedbackFields(source="a peer", sentiment=sentiment)


@pytest.fixture
def empty(local_zone: None, journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    now = local(2026, 3, 20, 12, 0)
    created.journal.clock = lambda: now
    yield created.journal
    created.journal.close()


@pytest.fixture
def journal(empty: Journal) -> Journal:
    """The hand-made journal; the comments give each row's local day and its UTC day."""
    kinds = EntryKind
    for kind, when, level, fb in [
        (kinds.FREE, local(2025, 12, 31, 9), F, None),  # E0
        (kinds.FREE, local(2026, 1, 5, 9), F, None),  # E1 Mon
        (kinds.CONVERSATION, local(2026, 1, 11, 23, 30), G, None),  # E2 Sun late
        (kinds.FREE, local(2026, 1, 12, 0, 30), F, None),  # E3 Mon local, Sun 23:30 UTC
        (kinds.REFLECTION, local(2026, 1, 31, 23, 45), None, None),  # E4
        (kinds.FEEDBACK, local(2026, 2, 1, 0, 15), G, feedback(-1)),  # E5 Feb local, Jan UTC
        (kinds.FEEDBACK, local(2026, 2, 14, 10), F, feedback(2)),  # E6
        (kinds.FEEDBACK, local(2026, 3, 2, 8), G, feedback(1)),  # E7
        (kinds.REFLECTION, local(2026, 3, 2, 18), E, None),  # E8
        (kinds.FEEDBACK, local(2026, 3, 3, 8), G, feedback(None)),  # E10: no sentiment
        (kinds.FEEDBACK, local(2026, 3, 20, 7), None, feedback(-2)),  # E9: no level
    ]:
        empty.add_entry(
            entry(kind=kind, occurred_at=when, level=level, feedback=fb or feedback(None))
        )
    experiments = Experiments(empty)

    def active(level: Level) -> int:
        made = experiments.create(
            Experiment(
                title=f"Experiment at {level.title}",
                level=level,
                trigger="a hard moment",
                old_behaviour="the old way",
                new_response="the new way",
                status=ExperimentStatus.ACTIVE,
                start_date=date(2026, 1, 1),
            )
        )
        assert made.id is not None
        return made.id

    x1, x2 = active(F), active(G)
    for experiment_id, when, did, outcome in [
        (x1, local(2026, 1, 6, 10), DidIt.YES, 2),  # A1 week of Jan 5
        (x1, local(2026, 1, 7, 10), DidIt.PARTIAL, 0),  # A2 week of Jan 5
        (x1, local(2026, 1, 12, 0, 10), DidIt.NO, None),  # A3 week of Jan 12 local only
        (x2, local(2026, 2, 3, 10), DidIt.YES, 1),  # A4 week of Feb 2
        (x2, local(2026, 3, 2, 9), DidIt.NO, -1),  # A5 week of Mar 2
        (x1, local(2026, 3, 10, 9), DidIt.YES, 1),  # A6 week of Mar 9
    ]:
        experiments.log_attempt(experiment_id, did_it=did, outcome=outcome, when=when)
    progress = Progress(empty)
    progress.record_checkin({F: 4, G: 6}, on=date(2026, 1, 10))  # C1
    progress.record_checkin({F: 8, G: 3, E: 8}, on=date(2026, 2, 20))  # C2
    progress.record_checkin({F: 9, G: 4, E: 2, GD: 9, M: 9}, "steady", on=date(2026, 3, 15))
    return empty


@pytest.fixture
def progress(journal: Journal) -> Progress:
    return Progress(journal)


def bar(start: date, level: Level | None, entries: int, attempts: int) -> ActivityBar:
    return ActivityBar(start, level, entries, attempts)


# --- activity --------------------------------------------------------------------------


def test_activity_by_month_over_all_time(progress: Progress) -> None:
    assert progress.activity(Period(), bucket=Bucket.MONTH) == [
        bar(date(2025, 12, 1), F, 1, 0),
        bar(date(2026, 1, 1), F, 2, 3),
        bar(date(2026, 1, 1), G, 1, 0),
        bar(date(2026, 1, 1), None, 1, 0),  # entries without a level come last
        bar(date(2026, 2, 1), F, 1, 0),
        bar(date(2026, 2, 1), G, 1, 1),  # E5 at 00:15 on 1 February counts in February
        bar(date(2026, 3, 1), F, 0, 1),
        bar(date(2026, 3, 1), G, 2, 1),
        bar(date(2026, 3, 1), E, 1, 0),
        bar(date(2026, 3, 1), None, 1, 0),
    ]


def test_activity_by_week_groups_by_the_local_day(progress: Progress) -> None:
    period = Period(since=date(2026, 1, 5), until=date(2026, 1, 18))
    assert progress.activity(period, bucket=Bucket.WEEK) == [
        bar(date(2026, 1, 5), F, 1, 2),
        bar(date(2026, 1, 5), G, 1, 0),  # Sunday 23:30 stays in its week
        bar(date(2026, 1, 12), F, 1, 1),  # Monday 00:30 / 00:10 local (Sunday in UTC)
    ]


def test_period_bounds_are_whole_local_days_both_included(progress: Progress) -> None:
    # From Monday 12 January 00:00 local (E3, A3 at 00:30 / 00:10 are in) to Saturday
    # 31 January 24:00 local (E4 at 23:45 is in; E5, 00:15 on 1 February, is out).
    period = Period(since=date(2026, 1, 12), until=date(2026, 1, 31))
    assert progress.activity(period, bucket=Bucket.MONTH) == [
        bar(date(2026, 1, 1), F, 1, 1),
        bar(date(2026, 1, 1), None, 1, 0),
    ]
    one_day = Period(since=date(2026, 3, 2), until=date(2026, 3, 2))
    assert progress.activity(one_day, bucket=Bucket.WEEK) == [
        bar(date(2026, 3, 2), G, 1, 1),
        bar(date(2026, 3, 2), E, 1, 0),
    ]
    assert progress.activity(Period(until=date(2025, 12, 31)), bucket=Bucket.MONTH) == [
        bar(date(2025, 12, 1), F, 1, 0)
    ]
    assert progress.activity(Period(since=date(2026, 3, 21)), bucket=Bucket.WEEK) == []


def test_level_filter_keeps_only_those_levels(progress: Progress) -> None:
    assert progress.activity(Period(), bucket=Bucket.MONTH, levels=[G]) == [
        bar(date(2026, 1, 1), G, 1, 0),
        bar(date(2026, 2, 1), G, 1, 1),
        bar(date(2026, 3, 1), G, 2, 1),
    ]
    both = progress.activity(Period(since=date(2026, 3, 1)), bucket=Bucket.MONTH, levels=[E, F])
    assert both == [bar(date(2026, 3, 1), F, 0, 1), bar(date(2026, 3, 1), E, 1, 0)]
    assert progress.activity(Period(), bucket=Bucket.MONTH, levels=[M]) == []


# --- ratings, attempts, feedback, days -------------------------------------------------


def test_ratings_are_every_score_of_the_check_ins_in_the_period(progress: Progress) -> None:
    period = Period(since=date(2026, 2, 20), until=date(2026, 3, 15))
    assert progress.ratings(period) == [
        RatingPoint(date(2026, 2, 20), F, 8),
        RatingPoint(date(2026, 2, 20), G, 3),
        RatingPoint(date(2026, 2, 20), E, 8),
        RatingPoint(date(2026, 3, 15), F, 9),
        RatingPoint(date(2026, 3, 15), G, 4),
        RatingPoint(date(2026, 3, 15), E, 2),
        RatingPoint(date(2026, 3, 15), GD, 9),
        RatingPoint(date(2026, 3, 15), M, 9),
    ]
    assert [p.day for p in progress.ratings(Period(until=date(2026, 1, 10)))] == [
        date(2026, 1, 10)
    ] * 2
    assert progress.ratings(Period(since=date(2026, 3, 16))) == []


def test_attempt_stats_by_week(progress: Progress) -> None:
    assert progress.attempt_stats(Period(), bucket=Bucket.WEEK) == [
        AttemptStats(date(2026, 1, 5), F, yes=1, partial=1, no=0, mean_outcome=1.0),
        AttemptStats(date(2026, 1, 12), F, yes=0, partial=0, no=1, mean_outcome=None),
        AttemptStats(date(2026, 2, 2), G, yes=1, partial=0, no=0, mean_outcome=1.0),
        AttemptStats(date(2026, 3, 2), G, yes=0, partial=0, no=1, mean_outcome=-1.0),
        AttemptStats(date(2026, 3, 9), F, yes=1, partial=0, no=0, mean_outcome=1.0),
    ]


def test_attempt_stats_by_month_with_a_level_filter(progress: Progress) -> None:
    # January: A1 (2), A2 (0), A3 (no outcome) -> mean of the two with one.
    assert progress.attempt_stats(Period(), bucket=Bucket.MONTH, levels=[F]) == [
        AttemptStats(date(2026, 1, 1), F, yes=1, partial=1, no=1, mean_outcome=1.0),
        AttemptStats(date(2026, 3, 1), F, yes=1, partial=0, no=0, mean_outcome=1.0),
    ]
    march = Period(since=date(2026, 3, 1), until=date(2026, 3, 31))
    assert [(s.level, s.total) for s in progress.attempt_stats(march, bucket=Bucket.MONTH)] == [
        (F, 1),
        (G, 1),
    ]


def test_feedback_points_are_feedback_entries_with_a_sentiment(progress: Progress) -> None:
    points = progress.feedback(Period())
    assert [(p.when, p.level, p.sentiment) for p in points] == [
        (local(2026, 2, 1, 0, 15), G, -1),
        (local(2026, 2, 14, 10), F, 2),
        (local(2026, 3, 2, 8), G, 1),
        (local(2026, 3, 20, 7), None, -2),
    ]
    assert points[0].when.utcoffset() == timedelta(hours=1)  # local time, not UTC
    assert [p.sentiment for p in progress.feedback(Period(), levels=[G])] == [-1, 1]
    february = Period(since=date(2026, 2, 1), until=date(2026, 2, 28))
    assert [p.sentiment for p in progress.feedback(february)] == [-1, 2]


def test_journaling_days_count_entries_per_local_day(progress: Progress) -> None:
    period = Period(since=date(2026, 1, 1), until=date(2026, 3, 31))
    assert progress.journaling_days(period) == [
        DayCount(date(2026, 1, 5), 1),
        DayCount(date(2026, 1, 11), 1),
        DayCount(date(2026, 1, 12), 1),  # in UTC this entry is on the 11th
        DayCount(date(2026, 1, 31), 1),
        DayCount(date(2026, 2, 1), 1),
        DayCount(date(2026, 2, 14), 1),
        DayCount(date(2026, 3, 2), 2),
        DayCount(date(2026, 3, 3), 1),
        DayCount(date(2026, 3, 20), 1),
    ]


def test_first_day_is_the_earliest_of_entries_attempts_and_check_ins(
    progress: Progress, empty: Journal
) -> None:
    assert progress.first_day() == date(2025, 12, 31)
    progress.record_checkin({F: 5}, on=date(2025, 11, 30))
    assert progress.first_day() == date(2025, 11, 30)


def test_an_empty_journal_has_no_data(empty: Journal) -> None:
    progress = Progress(empty)
    assert progress.first_day() is None
    assert progress.activity(Period(), bucket=Bucket.WEEK) == []
    assert progress.attempt_stats(Period(), bucket=Bucket.MONTH) == []
    assert progress.ratings(Period()) == [] and progress.feedback(Period()) == []
    assert progress.journaling_days(Period()) == []
    strengths = progress.strengths()
    assert [s.level for s in strengths] == list(Level)
    assert all(s.strength is None and s.rating is None for s in strengths)
    assert work_here_next(strengths) is None
    assert progress.last_checkin() is None and progress.checkin_due()


# --- strengths -------------------------------------------------------------------------


def test_strengths_over_a_recent_window(progress: Progress) -> None:
    # 30 days up to 20 March: check-ins C2, C3; attempts A5 (G -1), A6 (F 1); feedback
    # with a level: E7 (G +1). E9 has no level, E10 no sentiment, E6 is too old.
    strengths = progress.strengths(today=date(2026, 3, 20), window_days=30)
    assert [s.level for s in strengths] == list(Level)
    got = {s.level: (s.rating, s.attempt_outcome, s.feedback) for s in strengths}
    assert got == {
        F: (8.5, 1.0, None),
        G: (3.5, -1.0, 1.0),
        E: (5.0, None, None),
        GD: (9.0, None, None),
        M: (9.0, None, None),
    }
    blended = {s.level: s.strength for s in strengths}
    assert blended[F] == pytest.approx((7.5 / 9 + 0.75) / 2)  # 0.79
    assert blended[G] == pytest.approx((2.5 / 9 + 0.25 + 0.75) / 3)  # 0.43: weak
    assert blended[E] == pytest.approx(4 / 9)  # 0.44: weak, but above Growth
    assert blended[GD] == pytest.approx(8 / 9)
    assert work_here_next(strengths) is G


def test_strengths_default_window_reaches_back_90_days(progress: Progress) -> None:
    strengths = {s.level: s for s in progress.strengths()}  # today from the clock: 20 March
    foundation = strengths[F]
    # C1..C3: (4 + 8 + 9) / 3; A1 2, A2 0, A6 1 (A3 has no outcome); E6 +2.
    assert (foundation.rating, foundation.attempt_outcome, foundation.feedback) == (7.0, 1.0, 2.0)
    assert foundation.strength == pytest.approx(blend_strength(7.0, 1.0, 2.0))
    growth = strengths[G]
    assert growth.rating == pytest.approx(13 / 3)
    assert (growth.attempt_outcome, growth.feedback) == (0.0, 0.0)  # A4 +1, A5 -1; E5 -1, E7 +1


def test_strengths_without_recent_data_are_unknown(progress: Progress) -> None:
    strengths = progress.strengths(today=date(2026, 3, 20), window_days=1)  # only E9, no level
    assert all(s.strength is None for s in strengths)
    assert work_here_next(strengths) is None
    with pytest.raises(ValidationError):
        progress.strengths(window_days=0)


# --- check-ins -------------------------------------------------------------------------


def test_a_second_check_in_the_same_day_replaces_the_first(progress: Progress) -> None:
    first = progress.record_checkin({F: 5, G: 5}, "morning")
    assert first.rated_on == date(2026, 3, 20) and first.id is not None
    second = progress.record_checkin({G: 7}, "evening")
    assert progress.checkin_for(date(2026, 3, 20)) == second
    assert (second.scores, second.note) == ({G: 7}, "evening")
    assert progress.last_checkin() == second
    today = Period(since=date(2026, 3, 20), until=date(2026, 3, 20))
    assert progress.ratings(today) == [RatingPoint(date(2026, 3, 20), G, 7)]
    # Another day is a separate check-in.
    assert progress.checkin_for(date(2026, 3, 15)) is not None
    assert len(progress.ratings(Period())) == 2 + 3 + 5 + 1


def test_a_refused_check_in_changes_nothing(progress: Progress) -> None:
    with pytest.raises(ValidationError):
        progress.record_checkin({F: 11})
    with pytest.raises(ValidationError):
        progress.record_checkin({})
    with pytest.raises(ValidationError, match="ahead"):
        progress.record_checkin({F: 5}, on=date(2026, 3, 21))
    assert progress.checkin_for(date(2026, 3, 20)) is None
    assert progress.last_checkin() is not None
    assert progress.last_checkin().rated_on == date(2026, 3, 15)  # type: ignore[union-attr]


def test_checkin_due_when_none_within_the_last_days(progress: Progress) -> None:
    # The last check-in was on 15 March; today is 20 March (the journal's clock).
    assert not progress.checkin_due()  # within 7 days
    assert not progress.checkin_due(every_days=6)  # 15..20 March
    assert progress.checkin_due(every_days=5)  # 16..20 March
    assert progress.checkin_due(today=date(2026, 3, 22))  # 16..22 March
    progress.record_checkin({M: 6})
    assert not progress.checkin_due(every_days=1)
    with pytest.raises(ValidationError):
        progress.checkin_due(every_days=0)
