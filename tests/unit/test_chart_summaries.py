"""Each chart as a sentence and as a table (charts/summaries.py, charts/tables.py): the
numbers a reader who cannot see the chart needs, from the very rows the chart draws."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tkg_journal.charts import series
from tkg_journal.charts.summaries import (
    activity_summary,
    attempts_summary,
    calendar_summary,
    feedback_summary,
    hierarchy_summary,
    longest_run,
    ratings_summary,
    summarise,
)
from tkg_journal.charts.tables import chart_table
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
)

MONDAY = date(2026, 9, 7)
F, G, E = Level.FOUNDATION, Level.GROWTH, Level.EMPOWERMENT


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n)


BARS = [
    ActivityBar(week(0), F, 1, 0),
    ActivityBar(week(0), G, 2, 1),
    ActivityBar(week(1), G, 1, 0),
    # week 2: nothing (a gap counts as zero)
    ActivityBar(week(3), G, 4, 2),
    ActivityBar(week(3), None, 3, 0),
    ActivityBar(week(3), E, 0, 0),  # empty: not drawn, not counted
]
RATINGS = [
    RatingPoint(week(0), F, 7),
    RatingPoint(week(0), G, 5),
    RatingPoint(week(1), F, 6),
    RatingPoint(week(1), G, 5),
    RatingPoint(week(2), F, 5),
    RatingPoint(week(2), G, 7),
]


@pytest.mark.parametrize(
    ("name", "data", "options", "sentence"),
    [
        ("activity", [], {"bucket": Bucket.WEEK}, "No entries or attempts in this period."),
        ("ratings", [], {}, "No check-ins in this period."),
        ("attempts", [], {}, "No experiment attempts in this period."),
        ("feedback", [], {}, "No feedback with a sentiment in this period."),
        (
            "hierarchy",
            [LevelStrength(level, None, None, None, None) for level in Level],
            {},
            "No recent ratings, attempts or feedback yet.",
        ),
        ("calendar", [], {"period": Period(week(0), week(4))}, "No entries in this period."),
    ],
)
def test_an_empty_chart_says_so(name: str, data: list[object], options: dict, sentence: str):
    assert summarise(name, data, options) == sentence
    assert chart_table(name, data, options).rows == () or name == "hierarchy"


def test_activity_names_the_busiest_level_and_the_direction():
    text = activity_summary(BARS, bucket=Bucket.WEEK)
    assert text.startswith("11 entries and 3 attempts.")
    assert "Most entries at Growth (7 of 11)" in text
    # Weeks 0..3 with week 2 empty: 3, 1, 0, 7 entries -> 2 then 3.5 per week.
    assert "entries per week rising from 2 to 3.5" in text


def test_activity_follows_the_level_filter():
    text = activity_summary(BARS, bucket=Bucket.WEEK, levels=[F])
    assert text.startswith("1 entry and 0 attempts.")
    assert "Most entries at Foundation (1 of 1)" in text


def test_ratings_give_the_latest_value_of_each_level_and_what_changed():
    text = ratings_summary(RATINGS)
    assert text == (
        "3 check-ins. Latest ratings: Foundation 5, Growth 7; "
        "Foundation fell from 7 to 5; Growth rose from 5 to 7."
    )
    assert "unchanged" in ratings_summary([*RATINGS[:2], RatingPoint(week(1), G, 5)])


def test_attempts_count_the_success_rate_and_the_latest_outcome():
    stats = [
        AttemptStats(week(0), F, yes=2, partial=1, no=1, mean_outcome=-0.5),
        AttemptStats(week(1), F, yes=1, partial=0, no=0, mean_outcome=1.0),
        AttemptStats(week(1), G, yes=0, partial=0, no=1, mean_outcome=None),
    ]
    text = attempts_summary(stats)
    assert text.startswith("6 attempts: 3 tried fully (50%), 1 partly, 2 not tried.")
    assert "Latest mean outcome per level: Foundation +1." in text


def test_feedback_counts_how_it_landed_and_its_direction():
    start = datetime(2026, 9, 7, 10).astimezone()
    points = [
        FeedbackPoint(start + timedelta(days=i), G, sentiment)
        for i, sentiment in enumerate([-2, -1, 1, 2])
    ]
    text = feedback_summary(points)
    assert text.startswith("4 pieces of feedback: 2 positive, 0 neutral, 2 critical; mean 0")
    assert "landing better, from \u22121.5 to +1.5" in text


def test_hierarchy_names_the_weakest_level_and_where_to_work_next():
    strengths = [
        LevelStrength(F, 0.62, 6.5, None, None),
        LevelStrength(G, 0.45, 5.0, None, None),
        LevelStrength(E, 0.30, 3.7, None, None),
        LevelStrength(Level.GUIDANCE, None, None, None, None),
        LevelStrength(Level.MASTERY, 0.8, 8.2, None, None),
    ]
    text = hierarchy_summary(strengths)
    # The weakest is Empowerment, but the inside-out rule works on the lowest weak level.
    assert text.startswith("Weakest level: Empowerment (30%); work here next: Growth.")
    assert "Guidance no data" in text and "Mastery 80%" in text


def test_calendar_counts_days_and_the_longest_run():
    days = [DayCount(week(0) + timedelta(days=d), 1) for d in (0, 1, 2, 5, 6)]
    days.append(DayCount(week(0) + timedelta(days=9), 4))
    text = calendar_summary(days, period=Period(week(0), week(0) + timedelta(days=29)))
    assert text == (
        "Journaled on 6 of the 30 days in this period; longest run 3 days; "
        "most in one day: 4 entries."
    )
    assert longest_run([]) == 0


def test_tables_hold_the_rows_the_chart_draws():
    activity = chart_table("activity", BARS, {"bucket": Bucket.WEEK, "levels": ()})
    assert len(activity.rows) == len(series.activity_rows(BARS)) == 5
    assert activity.columns == ("Week starting", "Level", "Entries", "Attempts")
    # Cells sort by value: a day by its date, a count as a number.
    first = activity.rows[0]
    assert first[0].sort == week(0).toordinal() and first[2].sort == 1.0
    ratings = chart_table("ratings", RATINGS, {})
    assert [row[2].text for row in ratings.rows] == ["7", "5", "6", "5", "5", "7"]
    hierarchy = chart_table("hierarchy", [LevelStrength(F, 0.3, 3.0, None, None)], {})
    assert len(hierarchy.rows) == len(Level)
    assert hierarchy.rows[0][-1].text == "yes"  # Foundation: work here next
    assert hierarchy.rows[1][1].text == "\u2014"  # no data, and it sorts below every number
