"""The chart builders under Agg: what each draws (bar heights, line data, colours, keys
and the names at the lines' ends), the empty states, the dark theme, and the pyramid's
"work here next" mark."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import matplotlib
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection, QuadMesh
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.text import Annotation

from tkg_journal.charts import (
    activity,
    attempts,
    calendar,
    feedback,
    hierarchy,
    labels,
    ratings,
    smoothing,
    style,
)
from tkg_journal.charts.bars import bars_of
from tkg_journal.charts.catalogue import CHART_CATALOGUE, CHART_NAMES
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

matplotlib.use("Agg")

PERIOD = Period(since=date(2026, 1, 1), until=date(2026, 3, 31))
MON1, MON2, MON3 = date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)
F, G, E, GU, M = Level


def draw(figure: Figure) -> Figure:
    """Draw the figure as the app would: layout and text must not fail."""
    figure.canvas.draw()
    return figure


def the_axes(figure: Figure) -> Axes:
    return figure.axes[0]


def legend_labels(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def end_labels(ax: Axes) -> list[str]:
    """The names written at the lines' right ends (instead of a legend)."""
    return labels.end_label_texts(ax)


def hex_of(colour: object) -> str:
    return to_hex(colour).lower()  # type: ignore[arg-type]


def empty_text(figure: Figure) -> str:
    texts = [t for t in figure.texts if t.get_gid() == "empty-state"]
    assert len(texts) == 1
    return texts[0].get_text()


def assert_empty(figure: Figure, message: str) -> None:
    draw(figure)
    assert empty_text(figure) == message
    assert figure.axes == []  # no empty axis, no data artists


# --- style and catalogue -------------------------------------------------------------------
def test_catalogue_lists_the_six_charts_in_order() -> None:
    assert CHART_NAMES == ("activity", "ratings", "attempts", "feedback", "hierarchy", "calendar")
    assert all(title and description for _, title, description in CHART_CATALOGUE)


def test_dark_theme_has_a_dark_background_and_light_text() -> None:
    figure = draw(ratings.build_ratings([], period=PERIOD, dark=True))
    assert hex_of(figure.get_facecolor()) == style.DARK.background.lower()
    (message,) = [t for t in figure.texts if t.get_gid() == "empty-state"]
    assert hex_of(message.get_color()) == style.DARK.muted.lower()
    title = figure._suptitle
    assert title is not None and hex_of(title.get_color()) == style.DARK.text.lower()
    light = ratings.build_ratings([], period=PERIOD, dark=False)
    assert hex_of(light.get_facecolor()) == "#ffffff"


@pytest.mark.parametrize("dark", [False, True])
def test_every_chart_has_the_theme_background(dark: bool) -> None:
    bars = [ActivityBar(MON1, F, 3, 1)]
    figure = draw(activity.build_activity(bars, bucket=Bucket.WEEK, period=PERIOD, dark=dark))
    expected = (style.DARK if dark else style.LIGHT).background.lower()
    assert hex_of(figure.get_facecolor()) == expected
    assert hex_of(the_axes(figure).get_facecolor()) == expected
    title = figure.get_suptitle()
    assert title == activity.TITLE


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        # Two weeks across a month's end: day ticks name their month, a week apart (ticks
        # every 2-4 days restarted on the 1st and crowded "29 Nov" against "1 Dec").
        (date(2026, 11, 9), date(2026, 12, 1), ["15 Nov", "22 Nov", "1 Dec"]),
        (date(2026, 11, 18), date(2026, 11, 24), [f"{d} Nov" for d in range(18, 25)]),
        # Months, and the year at its turn.
        (date(2025, 11, 1), date(2026, 11, 1), ["Nov", "2026", "Mar", "May", "Jul", "Sep", "Nov"]),
    ],
)
def test_date_axis_labels_say_which_month(first: date, last: date, expected: list[str]) -> None:
    figure = Figure()
    ax = figure.add_subplot()
    style.date_axis(ax)
    ax.set_xlim(style.day_number(first), style.day_number(last))
    figure.canvas.draw()
    shown = [
        t.get_text()
        for t in ax.get_xticklabels()
        if first <= matplotlib.dates.num2date(t.get_position()[0]).date() <= last
    ]
    assert shown == expected


# --- 1 activity ------------------------------------------------------------------------------
def activity_bars() -> list[ActivityBar]:
    return [
        ActivityBar(MON1, F, 3, 1),
        ActivityBar(MON1, E, 2, 0),
        ActivityBar(MON1, None, 1, 0),
        ActivityBar(MON2, F, 1, 2),
        ActivityBar(MON2, M, 4, 0),
    ]


def activity_series(ax: Axes) -> dict[str, PolyCollection]:
    """The activity chart's bar series by label, in drawing order (one collection each)."""
    return {c.get_label(): c for c in ax.collections if isinstance(c, PolyCollection)}


def test_activity_stacks_entries_and_attempts_per_level_bottom_up() -> None:
    figure = draw(activity.build_activity(activity_bars(), bucket=Bucket.WEEK, period=PERIOD))
    ax = the_axes(figure)
    series = activity_series(ax)
    assert list(series) == [
        "Foundation entries",
        "Foundation attempts",
        "Empowerment entries",
        "Empowerment attempts",
        "Mastery entries",
        "Mastery attempts",
        "No level entries",
        "No level attempts",
    ]
    heights = {label: [b.height for b in bars_of(c)] for label, c in series.items()}
    bottoms = {label: [b.bottom for b in bars_of(c)] for label, c in series.items()}
    assert heights["Foundation entries"] == [3, 1]
    assert heights["Foundation attempts"] == [1, 2]
    # Empty bars are not drawn: Empowerment has entries in the first week only.
    assert heights["Empowerment entries"] == [2]
    assert heights["No level attempts"] == []
    # Empowerment sits on Foundation; Mastery on both; "no level" on top.
    assert bottoms["Empowerment entries"] == [3]
    assert bottoms["Mastery entries"] == [1]
    assert bottoms["No level entries"] == [5]
    # Entries are left of attempts in the same week; weeks run left to right.
    first_entries, second_entries = bars_of(series["Foundation entries"])
    first_attempts, _ = bars_of(series["Foundation attempts"])
    assert first_entries.centre < first_attempts.centre < second_entries.centre
    for level in (F, E, M):
        entries = series[f"{level.title} entries"]
        attempts = series[f"{level.title} attempts"]
        assert hex_of(entries.get_facecolor()[0]) == level.colour.lower()
        assert hex_of(attempts.get_edgecolor()[0]) == level.colour.lower()
        assert attempts.get_hatch() == activity.HATCH
    legend = legend_labels(ax)
    assert legend[:4] == ["Foundation", "Empowerment", "Mastery", "No level"]
    assert "Entries: solid" in legend and "Attempts: hatched" in legend
    assert ax.get_ylabel() == "Count per week"
    # The y axis starts at zero and shows the tallest stack (Mastery's week: 1 + 4).
    bottom, top = ax.get_ylim()
    assert bottom == 0 and top >= 5


def test_activity_filter_and_month_buckets() -> None:
    figure = draw(
        activity.build_activity(activity_bars(), bucket=Bucket.MONTH, period=PERIOD, levels=[M, F])
    )
    ax = the_axes(figure)
    assert list(activity_series(ax)) == [
        "Foundation entries",
        "Foundation attempts",
        "Mastery entries",
        "Mastery attempts",
    ]
    assert legend_labels(ax)[:2] == ["Foundation", "Mastery"]
    assert ax.get_ylabel() == "Count per month"


def test_activity_without_attempts_draws_entries_only() -> None:
    bars = [ActivityBar(MON1, G, 2, 0)]
    ax = the_axes(draw(activity.build_activity(bars, bucket=Bucket.WEEK, period=PERIOD)))
    assert list(activity_series(ax)) == ["Growth entries"]
    assert "Attempts: hatched" not in legend_labels(ax)


def test_activity_empty_state() -> None:
    assert_empty(activity.build_activity([], bucket=Bucket.WEEK, period=PERIOD), activity.EMPTY)
    # A filter that leaves nothing is empty too.
    only_growth = activity.build_activity(
        activity_bars(), bucket=Bucket.WEEK, period=PERIOD, levels=[G]
    )
    assert_empty(only_growth, activity.EMPTY)


# --- 2 ratings --------------------------------------------------------------------------------
def rating_points() -> list[RatingPoint]:
    points = []
    for day, base in ((MON1, 3), (MON2, 5), (MON3, 6)):
        for level in reversed(Level):  # out of order on purpose
            points.append(RatingPoint(day, level, base + int(level) % 3))
    return points


def test_ratings_draws_a_line_per_level_in_hierarchy_order() -> None:
    ax = the_axes(draw(ratings.build_ratings(rating_points(), period=PERIOD)))
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in lines] == [level.title for level in Level]
    assert [hex_of(line.get_color()) for line in lines] == [lv.colour.lower() for lv in Level]
    foundation = lines[0]
    assert list(foundation.get_ydata()) == [4, 6, 7]
    assert all(line.get_marker() not in (None, "None", "") for line in lines)
    # Named at their ends, not in a legend.
    assert ax.get_legend() is None
    assert end_labels(ax) == [level.title for level in Level]
    low, high = ax.get_ylim()
    assert low < 1 < 10 < high
    assert list(ax.get_yticks()) == list(range(1, 11))


def test_ratings_honours_a_level_filter() -> None:
    ax = the_axes(draw(ratings.build_ratings(rating_points(), period=PERIOD, levels=[GU])))
    assert [line.get_label() for line in ax.get_lines()] == ["Guidance"]
    assert end_labels(ax) == ["Guidance"]


def test_ratings_shade_the_summary_period_inside_a_longer_view() -> None:
    this_period = Period(since=MON3 - timedelta(days=2), until=MON3 + timedelta(days=5))
    figure = draw(ratings.build_ratings(rating_points(), period=PERIOD, highlight=this_period))
    ax = the_axes(figure)
    (shade,) = [p for p in ax.patches if p.get_label() == ratings.HIGHLIGHT_LABEL]
    left, right = shade.get_x(), shade.get_x() + shade.get_width()
    assert (left, right) == pytest.approx(
        (style.day_number(this_period.since), style.day_number(this_period.until))
    )
    # The view reaches the period's end even after the last check-in.
    assert ax.get_xlim()[1] >= right
    # The shade is named inside it; the lines at their ends.
    (note,) = [t for t in ax.texts if t.get_gid() == "highlight-label"]
    assert note.get_text().strip() == ratings.HIGHLIGHT_LABEL
    assert end_labels(ax) == [level.title for level in Level]
    # The Progress section's chart has no shade.
    plain = the_axes(draw(ratings.build_ratings(rating_points(), period=PERIOD)))
    assert not plain.patches


def test_many_check_ins_draw_a_thin_rolling_mean_over_faint_raw_scores() -> None:
    days = [MON1 + timedelta(weeks=n) for n in range(ratings.SMOOTH_FROM)]
    scores = [2, 6, 4, 8] * (ratings.SMOOTH_FROM // 4)
    points = [RatingPoint(day, F, score) for day, score in zip(days, scores, strict=True)]
    points += [RatingPoint(day, M, 5) for day in days]
    figure = draw(ratings.build_ratings(points, period=PERIOD))
    ax = the_axes(figure)
    shown = {line.get_label(): line for line in ax.get_lines()}
    raw = shown["_Foundation each check-in"]
    assert list(raw.get_ydata()) == scores
    assert raw.get_linestyle() == "None"  # faint points, not a zigzag
    assert raw.get_alpha() is not None and raw.get_alpha() < 0.5
    foundation = shown["Foundation"]
    xs, ys = list(foundation.get_xdata()), list(foundation.get_ydata())
    # From the first check-in to the last, unbroken (weekly check-ins, no silence) ...
    assert xs[0] == style.day_number(days[0]) and xs[-1] == style.day_number(days[-1])
    assert not any(math.isnan(y) for y in ys)
    # ... and smooth: no spike to a lone score (the first check-in, a 2, is not the start
    # of the line as the mean of a one-check-in window made it), well inside 2..8.
    assert min(ys) > 3.5 and max(ys) < 6.5
    assert max(abs(b - a) for a, b in itertools.pairwise(ys)) < 0.2
    assert foundation.get_linewidth() <= ratings.LINE_WIDTH
    assert foundation.get_zorder() > raw.get_zorder()
    assert end_labels(ax) == ["Foundation", "Mastery"]  # the faint points are not named
    window = smoothing.window_days((days[-1] - days[0]).days, [7.0 * n for n in range(16)])
    assert f"{window}-day rolling mean" in style.subtitle_of(figure)
    # Fewer check-ins: the raw lines themselves, no averaging.
    few = the_axes(draw(ratings.build_ratings(points[:3], period=PERIOD)))
    assert [line.get_label() for line in few.get_lines()] == ["Foundation"]


def test_ratings_empty_and_sparse_states() -> None:
    assert_empty(ratings.build_ratings([], period=PERIOD), ratings.EMPTY)
    assert ratings.EMPTY == (
        "No check-ins in this period yet. Rate each level weekly to see the trend."
    )
    one = [RatingPoint(MON1, level, 5) for level in Level]
    assert_empty(ratings.build_ratings(one, period=PERIOD), ratings.SPARSE)


# --- 3 attempts -------------------------------------------------------------------------------
def attempt_stats() -> list[AttemptStats]:
    return [
        AttemptStats(MON1, F, yes=2, partial=1, no=1, mean_outcome=1.0),
        AttemptStats(MON1, G, yes=0, partial=0, no=0, mean_outcome=None),
        AttemptStats(MON2, F, yes=1, partial=0, no=0, mean_outcome=None),
        AttemptStats(MON2, GU, yes=1, partial=1, no=0, mean_outcome=-0.5),
        AttemptStats(MON3, F, yes=0, partial=0, no=2, mean_outcome=-1.5),
    ]


def test_attempts_shares_and_mean_outcome_lines() -> None:
    figure = draw(attempts.build_attempts(attempt_stats(), bucket=Bucket.WEEK, period=PERIOD))
    bars_ax, outcome_ax = figure.axes
    shares = {c.get_label(): [p.get_height() for p in c] for c in bars_ax.containers}
    assert list(shares) == ["Tried fully", "Tried partly", "Not tried"]
    # MON1: 2/1/1 of 4; MON2: 2/1/0 of 3 (Foundation + Guidance); MON3: 0/0/2.
    assert shares["Tried fully"] == pytest.approx([0.5, 2 / 3, 0.0])
    assert shares["Tried partly"] == pytest.approx([0.25, 1 / 3, 0.0])
    assert shares["Not tried"] == pytest.approx([0.25, 0.0, 1.0])
    for index in range(3):  # every bucket adds up to 100 %
        assert sum(values[index] for values in shares.values()) == pytest.approx(1.0)
    lines = [line for line in outcome_ax.get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in lines] == [
        "Foundation mean outcome",
        "Guidance mean outcome",
    ]
    assert [hex_of(line.get_color()) for line in lines] == [F.colour.lower(), GU.colour.lower()]
    # Foundation has no outcome in week 2: a break in its line, not a made-up value.
    assert np.isnan(lines[0].get_ydata()).tolist() == [False, True, False]
    assert [y for y in lines[0].get_ydata() if not np.isnan(y)] == [1.0, -1.5]
    assert outcome_ax.get_ylim()[0] < -2 and outcome_ax.get_ylim()[1] > 2
    tick_texts = [t.get_text() for t in outcome_ax.get_yticklabels()]
    assert tick_texts[0].endswith("much worse") and tick_texts[-1].endswith("much better")
    # Two rows below the plot (a legend is filled column by column): the bars, then the
    # levels' lines bottom-up; the layout keeps room for them under the axis label.
    (key,) = style.plot_area(figure).legends
    legend = [t.get_text() for t in key.get_texts()]
    assert legend[0::2] == ["Tried fully", "Tried partly", "Not tried"]
    assert legend[1::2] == ["Foundation", "Guidance", ""]


def test_attempts_empty_state() -> None:
    assert_empty(attempts.build_attempts([], bucket=Bucket.WEEK, period=PERIOD), attempts.EMPTY)
    nothing_tried = [AttemptStats(MON1, G, 0, 0, 0, None)]
    assert_empty(
        attempts.build_attempts(nothing_tried, bucket=Bucket.MONTH, period=PERIOD),
        attempts.EMPTY,
    )


# --- 4 feedback -------------------------------------------------------------------------------
ZONE = timezone(timedelta(hours=-5))


def feedback_points() -> list[FeedbackPoint]:
    start = datetime(2026, 1, 5, 18, 30, tzinfo=ZONE)
    levels = (G, None, F, G, E)
    return [
        FeedbackPoint(start + timedelta(days=3 * i), levels[i], sentiment)
        for i, sentiment in enumerate((-2, 0, 1, 2, 1))
    ]


def test_feedback_points_by_level_and_rolling_mean() -> None:
    ax = the_axes(draw(feedback.build_feedback(feedback_points(), period=PERIOD)))
    collections = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [c.get_label() for c in collections] == [
        "Foundation",
        "Growth",
        "Empowerment",
        "No level",
    ]
    assert [hex_of(c.get_facecolor()[0]) for c in collections[:3]] == [
        F.colour.lower(),
        G.colour.lower(),
        E.colour.lower(),
    ]
    growth = collections[1].get_offsets()
    assert len(growth) == 2
    # Nudged off their score by less than the jitter, never onto the next score.
    assert [round(y) for _, y in growth] == [-2, 2]
    assert all(abs(y - round(y)) <= feedback.JITTER + 1e-9 for _, y in growth)
    (mean,) = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert mean.get_label() == "30-day rolling mean"
    # Five pieces 3 days apart (-2, 0, 1, 2, 1): one unbroken line from the first to the
    # last, rising, and never at the first piece's -2 (the mean of one harsh remark).
    xs, ys = list(mean.get_xdata()), list(mean.get_ydata())
    first_x = min(x for c in collections for x, _ in c.get_offsets())
    last_x = max(x for c in collections for x, _ in c.get_offsets())
    assert xs[0] == pytest.approx(first_x) and xs[-1] == pytest.approx(last_x)
    assert not any(math.isnan(y) for y in ys)
    assert -1 < ys[0] < ys[-1] < 2
    assert mean.get_zorder() > max(c.get_zorder() for c in collections)
    assert all(c.get_alpha() is not None and c.get_alpha() < 0.5 for c in collections)
    # Local wall-clock time on the axis (18:30 at UTC-5 is still 5 January).
    assert matplotlib.dates.num2date(first_x).date() == date(2026, 1, 5)
    # The points' key above the plot; the line named at its end.
    assert legend_labels(ax) == ["Foundation", "Growth", "Empowerment", "No level"]
    assert end_labels(ax) == ["30-day mean"]
    words = [t.get_text() for t in ax.get_yticklabels()]
    assert words[0].endswith("harsh") and words[-1].endswith("very positive")


def test_feedback_per_level_draws_a_mean_per_level() -> None:
    points = [*feedback_points(), FeedbackPoint(feedback_points()[-1].when, G, 1)]
    ax = the_axes(draw(feedback.build_feedback(points, period=PERIOD, per_level=True)))
    means = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    # Only Growth has three pieces: one rolling line, in Growth's colour, named at its end.
    assert [hex_of(line.get_color()) for line in means] == [G.colour.lower()]
    assert end_labels(ax) == ["Growth"]
    # Its pieces: -2, then +2 and +1 nine and twelve days later. A trailing mean began at
    # the harsh remark alone (-2); this one weighs all three from the start.
    drawn = [y for y in means[0].get_ydata() if not math.isnan(y)]
    assert len(drawn) == len(means[0].get_ydata())
    assert min(drawn) > -1 and drawn[0] < drawn[-1]


def test_feedback_mean_waits_for_three_pieces_and_breaks_over_sparse_stretches() -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=ZONE)
    days = (0, 1, 2, 60, 61, 62)  # two bursts two months apart: a 30-day window
    points = [FeedbackPoint(start + timedelta(days=d), G, 1) for d in days]
    ax = the_axes(draw(feedback.build_feedback(points, period=PERIOD)))
    (mean,) = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    first = style.day_number(start.replace(tzinfo=None))
    drawn = [
        (x - first, y)
        for x, y in zip(mean.get_xdata(), mean.get_ydata(), strict=True)
        if not math.isnan(y)
    ]
    assert all(y == pytest.approx(1) for _, y in drawn)
    # Each burst has its stretch of line; the silence between them is a gap.
    assert all(0 <= x <= 2 or 60 <= x <= 62 for x, _ in drawn)
    assert any(x <= 2 for x, _ in drawn) and any(x >= 60 for x, _ in drawn)
    # Two pieces only: the points, and no mean line (nor its name).
    two = the_axes(draw(feedback.build_feedback(points[:2], period=PERIOD)))
    assert [line for line in two.get_lines() if not line.get_label().startswith("_")] == []
    assert legend_labels(two) == ["Growth"]
    assert end_labels(two) == []


def test_feedback_rolling_window_grows_with_the_span() -> None:
    assert feedback.rolling_days(90) == 30
    assert feedback.rolling_days(365) == 60
    assert feedback.rolling_days(900) == 90


def test_feedback_empty_and_sparse_states() -> None:
    assert_empty(feedback.build_feedback([], period=PERIOD), feedback.EMPTY)
    assert_empty(feedback.build_feedback(feedback_points()[:1], period=PERIOD), feedback.SPARSE)
    assert_empty(
        feedback.build_feedback(feedback_points(), period=PERIOD, levels=[M]), feedback.EMPTY
    )


# --- 5 hierarchy ------------------------------------------------------------------------------
def strengths() -> list[LevelStrength]:
    return [
        LevelStrength(F, 0.8, 8.0, 1.0, None),
        LevelStrength(G, 0.3, 3.5, -1.0, None),
        LevelStrength(E, 0.2, 2.0, None, None),
        LevelStrength(GU, None, None, None, None),
        LevelStrength(M, 0.9, 9.0, None, None),
    ]


def bands(figure: Figure) -> dict[str, Polygon]:
    ax = the_axes(figure)
    return {
        str(p.get_gid()): p
        for p in ax.patches
        if isinstance(p, Polygon) and str(p.get_gid()).startswith("band-")
    }


def test_hierarchy_pyramid_is_bottom_up_and_widest_at_the_bottom() -> None:
    figure = draw(hierarchy.build_hierarchy(strengths(), period=PERIOD))
    found = bands(figure)
    assert list(found) == [f"band-{level.name.lower()}" for level in Level]
    previous_bottom, previous_width = -1.0, 99.0
    for level in Level:
        corners = found[f"band-{level.name.lower()}"].get_xy()
        bottom = corners[:, 1].min()
        width = corners[:, 0].max() - corners[:, 0].min()
        assert bottom > previous_bottom  # each level above the one below it
        assert width < previous_width  # and narrower
        previous_bottom, previous_width = bottom, width
        assert hex_of(found[f"band-{level.name.lower()}"].get_edgecolor()) in (
            level.colour.lower(),
            style.LIGHT.text.lower(),  # the outlined "work here next" band
        )


def test_hierarchy_shades_by_strength_and_hatches_no_data() -> None:
    figure = draw(hierarchy.build_hierarchy(strengths(), period=PERIOD))
    found = bands(figure)

    def fill(level: Level) -> tuple[float, ...]:
        return tuple(found[f"band-{level.name.lower()}"].get_facecolor()[:3])

    def expected(level: Level, strength: float) -> tuple[float, ...]:
        shade = hierarchy.MIN_SHADE + (1 - hierarchy.MIN_SHADE) * strength
        return style.mix(level.colour, style.LIGHT.background, shade)

    for item in strengths():
        if item.strength is not None:
            assert fill(item.level) == pytest.approx(expected(item.level, item.strength))
    # Stronger is deeper: Foundation at 80 % is darker than it would be at 20 %.
    assert sum(fill(F)) < sum(expected(F, 0.2))
    assert found["band-guidance"].get_hatch()
    assert not found["band-foundation"].get_hatch()
    texts = [t.get_text() for t in the_axes(figure).texts]
    assert "1 Foundation\n80%" in texts
    assert "4 Guidance\nno data" in texts
    assert "3 Empowerment\n20%" in texts


def test_hierarchy_marks_the_lowest_weak_level() -> None:
    figure = draw(hierarchy.build_hierarchy(strengths(), period=PERIOD))
    ax = the_axes(figure)
    (mark,) = [t for t in ax.texts if isinstance(t, Annotation)]
    assert mark.get_text() == hierarchy.WORK_HERE_NEXT
    assert mark.get_gid() == "work-here-next-growth"
    # The arrow points at Growth (the second band), not Empowerment (weaker but higher).
    growth = bands(figure)["band-growth"].get_xy()
    assert growth[:, 1].min() < mark.xy[1] < growth[:, 1].max()
    assert (
        bands(figure)["band-growth"].get_linewidth()
        > bands(figure)["band-empowerment"].get_linewidth()
    )


def test_hierarchy_without_a_weak_level_says_so() -> None:
    strong = [LevelStrength(level, 0.7, 7.0, None, None) for level in Level]
    ax = the_axes(draw(hierarchy.build_hierarchy(strong, period=PERIOD)))
    assert not [t for t in ax.texts if isinstance(t, Annotation)]
    assert hierarchy.ALL_STRONG in [t.get_text() for t in ax.texts]


def test_hierarchy_empty_state() -> None:
    unknown = [LevelStrength(level, None, None, None, None) for level in Level]
    assert_empty(hierarchy.build_hierarchy(unknown, period=PERIOD), hierarchy.EMPTY)


# --- 6 calendar -------------------------------------------------------------------------------
def test_calendar_grid_of_weeks_and_weekdays() -> None:
    period = Period(since=date(2026, 1, 1), until=date(2026, 1, 31))  # Thursday to Saturday
    days = [DayCount(date(2026, 1, 1), 2), DayCount(date(2026, 1, 12), 9)]
    figure = draw(calendar.build_calendar(days, period=period))
    ax = figure.axes[0]
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    grid = mesh.get_array()
    assert grid.shape == (7, 5)  # five weeks, Monday to Sunday
    assert np.ma.is_masked(grid[0, 0])  # Monday 29 December: outside the period
    assert grid[3, 0] == 2  # Thursday 1 January
    assert grid[0, 2] == 9  # Monday 12 January: in the "5+" bin
    assert grid[1, 2] == 0  # Tuesday 13 January: no entries, drawn as such
    assert np.ma.is_masked(grid[6, 4])  # Sunday 1 February: outside
    assert [t.get_text() for t in ax.get_yticklabels()] == list(calendar.WEEKDAYS)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2026"]
    colorbar_axes = figure.axes[1]
    assert [t.get_text() for t in colorbar_axes.get_xticklabels()] == ["1", "2", "3", "4", "5+"]


def test_calendar_over_years_draws_a_row_per_year() -> None:
    days = [DayCount(date(2024, 11, 3), 1), DayCount(date(2026, 2, 1), 3)]
    figure = draw(calendar.build_calendar(days, period=Period()))
    *grids, _colour_scale = figure.axes
    assert [ax.get_ylabel() for ax in grids] == ["2024", "2025", "2026"]


def test_calendar_empty_state() -> None:
    assert_empty(calendar.build_calendar([], period=PERIOD), calendar.EMPTY)
    outside = [DayCount(date(2025, 6, 1), 3)]
    assert_empty(calendar.build_calendar(outside, period=PERIOD), calendar.EMPTY)


# --- all builders -----------------------------------------------------------------------------
def test_builders_never_import_pyplot_and_catalogue_never_imports_matplotlib() -> None:
    code = (
        "import sys\n"
        "from tkg_journal.charts.catalogue import CHART_NAMES\n"
        "assert 'matplotlib' not in sys.modules\n"
        "from datetime import date\n"
        "from tkg_journal.charts.ratings import build_ratings\n"
        "from tkg_journal.domain.levels import Level\n"
        "from tkg_journal.domain.progress import Period, RatingPoint\n"
        "points = [RatingPoint(date(2026, 1, d), Level.GROWTH, d) for d in (1, 8)]\n"
        "build_ratings(points, period=Period()).canvas.draw()\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
