"""The rules behind the Progress charts: periods, buckets, strengths, "work here next"."""

from __future__ import annotations

from datetime import date

import pytest

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import (
    WEAK_THRESHOLD,
    Bucket,
    LevelStrength,
    Period,
    blend_strength,
    bucket_for,
    bucket_start,
    check_levels,
    work_here_next,
)

TODAY = date(2026, 3, 15)


# --- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "since"),
    [
        (3, date(2025, 12, 16)),
        (6, date(2025, 9, 16)),
        (12, date(2025, 3, 16)),
        (1, date(2026, 2, 16)),
    ],
)
def test_last_months_ends_today_and_spans_whole_months(months: int, since: date) -> None:
    assert Period.last(months=months, today=TODAY) == Period(since=since, until=TODAY)


def test_last_months_clamps_to_the_end_of_a_shorter_month() -> None:
    # 31 May minus 3 months is "31 February": the last day of February, then the day after.
    assert Period.last(months=3, today=date(2026, 5, 31)).since == date(2026, 3, 1)
    assert Period.last(months=1, today=date(2024, 3, 31)).since == date(2024, 3, 1)
    assert Period.last(months=12, today=date(2026, 1, 31)).since == date(2025, 2, 1)


def test_all_time_is_open_at_both_ends() -> None:
    period = Period.last(months=None, today=TODAY)
    assert period == Period() and period.since is None and period.until is None


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="after its end"):
        Period(since=date(2026, 3, 2), until=date(2026, 3, 1))
    assert Period(since=TODAY, until=TODAY).contains(TODAY)  # one day is fine
    with pytest.raises(ValidationError):
        Period.last(months=0, today=TODAY)


def test_contains_includes_both_ends() -> None:
    period = Period(since=date(2026, 3, 1), until=date(2026, 3, 31))
    assert period.contains(date(2026, 3, 1)) and period.contains(date(2026, 3, 31))
    assert not period.contains(date(2026, 2, 28)) and not period.contains(date(2026, 4, 1))
    assert Period(until=date(2026, 3, 1)).contains(date(1990, 1, 1))


# --- buckets ---------------------------------------------------------------------------


def test_weekly_up_to_six_months_monthly_beyond() -> None:
    assert bucket_for(Period.last(months=3, today=TODAY), first_day=None, today=TODAY) is (
        Bucket.WEEK
    )
    assert bucket_for(Period.last(months=6, today=TODAY), first_day=None, today=TODAY) is (
        Bucket.WEEK
    )
    assert bucket_for(Period.last(months=12, today=TODAY), first_day=None, today=TODAY) is (
        Bucket.MONTH
    )


def test_all_time_bucket_depends_on_the_first_day() -> None:
    all_time = Period()
    assert bucket_for(all_time, first_day=date(2026, 1, 1), today=TODAY) is Bucket.WEEK
    assert bucket_for(all_time, first_day=date(2024, 1, 1), today=TODAY) is Bucket.MONTH
    assert bucket_for(all_time, first_day=None, today=TODAY) is Bucket.WEEK  # empty journal
    # An open end runs to today: since 2025-06-01 is over 9 months.
    assert bucket_for(Period(since=date(2025, 6, 1)), first_day=None, today=TODAY) is (Bucket.MONTH)


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 3, 9), date(2026, 3, 9)),  # a Monday is its own week's start
        (date(2026, 3, 15), date(2026, 3, 9)),  # Sunday belongs to the week before
        (date(2026, 3, 11), date(2026, 3, 9)),
        (date(2026, 1, 1), date(2025, 12, 29)),  # across a year
    ],
)
def test_week_starts_on_monday(day: date, monday: date) -> None:
    assert bucket_start(day, Bucket.WEEK) == monday


def test_month_starts_on_the_first() -> None:
    assert bucket_start(date(2026, 2, 28), Bucket.MONTH) == date(2026, 2, 1)
    assert bucket_start(date(2026, 3, 1), Bucket.MONTH) == date(2026, 3, 1)


# --- strengths -------------------------------------------------------------------------


def test_blend_normalises_each_signal_and_averages_the_known_ones() -> None:
    assert blend_strength(10, 2, 2) == 1.0
    assert blend_strength(1, -2, -2) == 0.0
    assert blend_strength(5.5, None, None) == pytest.approx(0.5)
    assert blend_strength(None, 1, None) == pytest.approx(0.75)
    assert blend_strength(None, None, -1) == pytest.approx(0.25)
    # (7-1)/9 = 0.6667, (0+2)/4 = 0.5, (1+2)/4 = 0.75 -> mean 0.6389
    assert blend_strength(7, 0, 1) == pytest.approx((6 / 9 + 0.5 + 0.75) / 3)
    assert blend_strength(4, None, 2) == pytest.approx((3 / 9 + 1.0) / 2)
    assert blend_strength(None, None, None) is None


def strength(level: Level, value: float | None) -> LevelStrength:
    return LevelStrength(level, value, None, None, None)


def test_work_here_next_is_the_lowest_weak_level() -> None:
    strengths = [
        strength(Level.FOUNDATION, 0.8),
        strength(Level.GROWTH, 0.7),
        strength(Level.EMPOWERMENT, 0.3),
        strength(Level.GUIDANCE, 0.1),  # weaker, but higher: the foundation of it comes first
        strength(Level.MASTERY, 0.2),
    ]
    assert work_here_next(strengths) is Level.EMPOWERMENT
    assert work_here_next(list(reversed(strengths))) is Level.EMPOWERMENT  # order-proof


def test_no_weak_level_means_nothing_to_mark() -> None:
    assert work_here_next([strength(level, 0.9) for level in Level]) is None
    assert work_here_next([]) is None
    # Exactly the threshold is not weak.
    assert work_here_next([strength(Level.FOUNDATION, WEAK_THRESHOLD)]) is None


def test_unknown_strengths_are_skipped_not_weak() -> None:
    strengths = [
        strength(Level.FOUNDATION, None),
        strength(Level.GROWTH, None),
        strength(Level.EMPOWERMENT, 0.6),
        strength(Level.GUIDANCE, 0.49),
        strength(Level.MASTERY, None),
    ]
    assert work_here_next(strengths) is Level.GUIDANCE
    assert work_here_next([strength(level, None) for level in Level]) is None


def test_level_filter_is_ordered_bottom_up_without_repeats() -> None:
    assert check_levels([Level.MASTERY, Level.FOUNDATION, Level.MASTERY]) == (
        Level.FOUNDATION,
        Level.MASTERY,
    )
    assert check_levels(()) == ()
    with pytest.raises(ValidationError):
        check_levels([3])  # type: ignore[list-item]
