"""The one look of every chart (font, type sizes, frame, title and subtitle, readable
colours, nothing clipped), the names at the lines' ends, and the rolling mean that never
spikes."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import matplotlib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

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
from tkg_journal.charts.catalogue import CHART_NAMES
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

START = date(2025, 1, 6)
PERIOD = Period(since=START, until=START + timedelta(weeks=40))
ZONE = UTC


def draw(figure: Figure) -> FigureCanvasAgg:
    """Lay the figure out and render it (a bare Figure's own canvas draws nothing)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas


def weeks(n: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(n)]


def _ratings(dark: bool) -> Figure:
    # Every level ends on the same score: five names that want the same place.
    points = [
        RatingPoint(day, level, 3 + (i + int(level)) % 5 if i < 39 else 7)
        for i, day in enumerate(weeks(40))
        for level in Level
    ]
    return ratings.build_ratings(points, period=PERIOD, dark=dark)


def _feedback(dark: bool) -> Figure:
    levels = [*Level, None]
    points = [
        FeedbackPoint(
            datetime.combine(START + timedelta(days=4 * i), datetime.min.time(), ZONE),
            levels[i % len(levels)],
            (i * 7) % 5 - 2,
        )
        for i in range(60)
    ]
    return feedback.build_feedback(points, period=PERIOD, dark=dark)


def _activity(dark: bool) -> Figure:
    bars = [
        ActivityBar(day, level, 1 + i % 3, i % 2)
        for i, day in enumerate(weeks(20))
        for level in (*Level, None)
    ]
    return activity.build_activity(bars, bucket=Bucket.WEEK, period=PERIOD, dark=dark)


def _attempts(dark: bool) -> Figure:
    stats = [
        AttemptStats(day, level, 2, 1, 1, (i % 5) - 2.0)
        for i, day in enumerate(weeks(20))
        for level in Level
    ]
    return attempts.build_attempts(stats, bucket=Bucket.WEEK, period=PERIOD, dark=dark)


def _hierarchy(dark: bool) -> Figure:
    strengths = [LevelStrength(level, 0.2 * int(level) - 0.1, 5.0, 0.5, -0.5) for level in Level]
    return hierarchy.build_hierarchy(strengths, period=PERIOD, dark=dark)


def _calendar(dark: bool) -> Figure:
    days = [DayCount(START + timedelta(days=i), i % 6) for i in range(600)]
    return calendar.build_calendar(days, period=Period(), dark=dark)


BUILDERS: dict[str, Callable[[bool], Figure]] = {
    "activity": _activity,
    "ratings": _ratings,
    "attempts": _attempts,
    "feedback": _feedback,
    "hierarchy": _hierarchy,
    "calendar": _calendar,
}


def test_every_catalogued_chart_is_checked_here() -> None:
    assert tuple(BUILDERS) == CHART_NAMES


# --- one style ----------------------------------------------------------------------------
@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_has_the_same_titles_font_and_frame(name: str, dark: bool) -> None:
    figure = BUILDERS[name](dark)
    draw(figure)
    colours = style.theme(dark)
    title = figure._suptitle
    subtitle = style.plot_area(figure)._suptitle
    assert title is not None and subtitle is not None and subtitle.get_text()
    # Title and subtitle start at the same place, the figure's left edge.
    assert title.get_window_extent().x0 == pytest.approx(subtitle.get_window_extent().x0, abs=1)
    assert title.get_window_extent().x0 < 0.03 * figure.bbox.width
    assert title.get_window_extent().y0 > subtitle.get_window_extent().y1 - 1
    assert (title.get_fontsize(), title.get_fontweight()) == (style.TITLE_SIZE, "bold")
    assert subtitle.get_fontsize() == style.SUBTITLE_SIZE
    assert style.hex_colour(title.get_color()) == colours.text.lower()
    assert style.hex_colour(subtitle.get_color()) == colours.muted.lower()
    # One font for every word on the chart.
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
    fonts = {font_manager.findfont(t.get_fontproperties()) for t in texts}
    assert len(fonts - {font_manager.findfont("DejaVu Sans:bold")}) == 1
    assert next(iter(fonts)).lower().split("/")[-1].startswith("dejavusans")
    for ax in figure.axes:
        if ax.get_label() == "<colorbar>" or not ax.axison:
            continue
        # No box around the plot: left and bottom only (the attempts' second scale on
        # the right is its own axis, with its own line).
        assert not ax.spines["top"].get_visible()
        right_scale = ax.yaxis.get_label_position() == "right"
        assert ax.spines["right"].get_visible() == right_scale
        for label in ax.get_xticklabels() + ax.get_yticklabels():
            assert label.get_fontsize() == style.TICK_SIZE
        if ax.get_ylabel() and name != "calendar":
            assert ax.yaxis.label.get_fontsize() == style.LABEL_SIZE


@pytest.mark.parametrize("size", [style.FIGSIZE, (6.2, 3.5)])
@pytest.mark.parametrize("name", CHART_NAMES)
def test_nothing_is_clipped_at_the_export_size_or_a_narrow_panel(
    name: str, size: tuple[float, float]
) -> None:
    figure = BUILDERS[name](False)
    figure.set_size_inches(*size)
    renderer = draw(figure).get_renderer()
    drawn = figure.get_tightbbox(renderer)
    assert drawn is not None
    width, height = size
    tolerance = 0.02  # inches
    assert drawn.x0 >= -tolerance and drawn.y0 >= -tolerance
    assert drawn.x1 <= width + tolerance and drawn.y1 <= height + tolerance


def test_level_colours_come_from_the_levels_and_read_as_text() -> None:
    style.use_style()
    cycle = [entry["color"] for entry in matplotlib.rcParams["axes.prop_cycle"]]
    assert cycle == [level.colour for level in Level]
    for dark in (False, True):
        background = style.theme(dark).background
        for level in Level:
            text = style.readable_colour(level.colour, dark)
            assert style.contrast(text, background) >= style.TEXT_CONTRAST
            if style.contrast(level.colour, background) >= style.TEXT_CONTRAST:
                assert text == level.colour.lower()  # kept as it is where it reads
    # Empowerment's amber is too pale for text on white: darkened, still amber-ish.
    amber = style.readable_colour(Level.EMPOWERMENT.colour, False)
    assert amber != Level.EMPOWERMENT.colour.lower()


# --- names at the lines' ends ---------------------------------------------------------------
@pytest.mark.parametrize("size", [style.FIGSIZE, (6.2, 3.5), (4.0, 2.6)])
def test_end_labels_never_overlap_and_sit_right_of_their_lines(
    size: tuple[float, float],
) -> None:
    figure = _ratings(False)
    figure.set_size_inches(*size)
    draw(figure)
    ax = figure.axes[0]
    assert ax.get_legend() is None
    (names,) = [a for a in ax.artists if isinstance(a, labels.EndLabels)]
    assert [t.get_text() for t in names.texts] == [level.title for level in Level]
    boxes = [t.get_window_extent() for t in names.texts]
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert one.y1 <= other.y0 + 0.5 or other.y1 <= one.y0 + 0.5  # no overlap
    line_ends = [
        line.get_window_extent().x1
        for line in ax.get_lines()
        if not line.get_label().startswith("_")
    ]
    assert min(box.x0 for box in boxes) >= max(line_ends) - 4  # the marker's half width
    # Each name in its level's colour, made readable.
    for text, level in zip(names.texts, Level, strict=True):
        assert style.hex_colour(text.get_color()) == style.readable_colour(level.colour, False)


def test_spread_keeps_names_apart_in_order_and_inside_the_room() -> None:
    assert labels.spread([10.0, 50.0, 90.0], 12.0, 0.0, 100.0) == [10.0, 50.0, 90.0]
    close = labels.spread([50.0, 51.0, 49.0], 10.0, 0.0, 100.0)
    assert sorted(close) == [40.0, 50.0, 60.0]  # around their mean
    assert close.index(min(close)) == 2 and close.index(max(close)) == 1  # order kept
    top = labels.spread([99.0, 98.0], 10.0, 0.0, 100.0)
    assert max(top) <= 100.0 and abs(top[0] - top[1]) >= 10.0
    crowded = labels.spread([5.0] * 20, 10.0, 0.0, 100.0)  # more than fits: centred
    assert sum(crowded) / len(crowded) == pytest.approx(50.0)


@given(
    st.lists(st.floats(-1000, 1000), min_size=1, max_size=12),
    st.floats(1, 50),
)
def test_spread_never_overlaps(wanted: list[float], step: float) -> None:
    placed = labels.spread(wanted, step, -2000.0, 2000.0)
    ordered = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    ys = [placed[i] for i in ordered]
    assert all(b - a >= step - 1e-6 for a, b in itertools.pairwise(ys))


# --- the rolling mean ------------------------------------------------------------------------
def drawn(ys: list[float]) -> list[float]:
    return [y for y in ys if not math.isnan(y)]


def test_rolling_mean_of_a_constant_is_that_constant_from_first_to_last() -> None:
    xs = [7.0 * i for i in range(12)]
    gx, gy = smoothing.rolling_mean(xs, [4.0] * 12, window=42)
    assert gx[0] == xs[0] and gx[-1] == xs[-1]
    assert drawn(gy) == pytest.approx([4.0] * len(gy))


def test_rolling_mean_does_not_start_at_a_lone_first_value() -> None:
    # A trailing mean of "the last four" began at the first check-in itself (1): a spike.
    xs = [7.0 * i for i in range(8)]
    _, gy = smoothing.rolling_mean(xs, [1.0, 5, 5, 5, 5, 5, 5, 5], window=42)
    assert gy[0] > 2.5


def test_rolling_mean_leaves_a_gap_where_one_point_would_be_the_mean() -> None:
    # One point alone, then a burst a month later: no line at the lone point.
    xs = [0.0, 40.0, 41.0, 42.0]
    gx, gy = smoothing.rolling_mean(xs, [-2.0, 1.0, 1.0, 1.0], window=30)
    assert all(math.isnan(y) for x, y in zip(gx, gy, strict=True) if x < 30)
    assert drawn(gy) == pytest.approx([1.0] * len(drawn(gy)))


def test_rolling_mean_breaks_over_a_silence_longer_than_its_window() -> None:
    xs = [float(d) for d in (0, 2, 4, 6, 8, 100, 102, 104, 106, 108)]
    gx, gy = smoothing.rolling_mean(xs, [1.0] * 10, window=30)
    assert all(math.isnan(y) for x, y in zip(gx, gy, strict=True) if 10 < x < 98)
    # A silence shorter than the window is bridged.
    xs = [float(d) for d in (0, 2, 4, 6, 8, 20, 22, 24, 26, 28)]
    _, gy = smoothing.rolling_mean(xs, [1.0] * 10, window=30)
    assert not any(math.isnan(y) for y in gy)


def test_rolling_mean_is_smooth_where_a_plain_one_jumps() -> None:
    xs = [3.0 * i for i in range(80)]
    ys = [2.0 if i % 9 == 0 else -1.0 + (i % 3) for i in range(80)]
    _, gy = smoothing.rolling_mean(xs, ys, window=30)
    steps = [abs(b - a) for a, b in itertools.pairwise(gy)]
    assert max(steps) < 0.1 * (max(ys) - min(ys))


def test_window_follows_the_span_and_the_spacing() -> None:
    assert smoothing.window_days(90) == 30
    assert smoothing.window_days(365) == 60
    assert smoothing.window_days(900) == 90
    # Sparse points need a longer window for the same number of them in it.
    weekly = [7.0 * i for i in range(10)]
    fortnightly = [14.0 * i for i in range(10)]
    monthly = [30.0 * i for i in range(10)]
    assert smoothing.window_days(63, weekly) == 30
    assert smoothing.window_days(126, fortnightly) == 56
    assert smoothing.window_days(270, monthly) == 126  # in whole weeks


@given(
    st.lists(st.tuples(st.integers(0, 400), st.integers(-2, 2)), min_size=1, max_size=60),
    st.sampled_from([30, 60, 90]),
)
def test_rolling_mean_stays_within_the_data(points: list[tuple[int, int]], window: int) -> None:
    xs = [float(x) for x, _ in points]
    ys = [float(y) for _, y in points]
    gx, gy = smoothing.rolling_mean(xs, ys, window=window)
    assert gx == sorted(gx) and gx[0] == min(xs) and gx[-1] == max(xs)
    assert all(min(ys) - 1e-9 <= y <= max(ys) + 1e-9 for y in drawn(gy))
    # Every stretch of line starts and ends on a point's day, never in a silence.
    runs = itertools.groupby(zip(gx, gy, strict=True), key=lambda xy: math.isnan(xy[1]))
    for gap, run in runs:
        if not gap:
            stretch = [x for x, _ in run]
            assert len(stretch) >= 2 and stretch[0] in xs and stretch[-1] in xs


def test_rolling_mean_does_not_trail_off_into_a_silence() -> None:
    # A cluster, then a silence shorter than the window before one last point: the line
    # ends at the cluster's last point, not partway into the silence.
    xs = [0.0, 4.0, 8.0, 12.0, 16.0, 44.0]
    gx, gy = smoothing.rolling_mean(xs, [2.0, 1.0, 2.0, 2.0, 2.0, 1.0], window=32)
    last = max(x for x, y in zip(gx, gy, strict=True) if not math.isnan(y))
    assert last in (16.0, 44.0)
