"""Chart 4: how the feedback others give lands over time, from harsh (-2) to very positive.

Each piece of feedback is a faint point in its level's colour (nudged up or down a little
so equal scores on nearby days stay visible); a thin rolling mean above them shows the
direction (``charts/smoothing.py``: time-weighted, with gaps where it would rest on too
few pieces of feedback), named at its end: overall, or one line per level with
``per_level=True``.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from tkg_journal.charts import labels, smoothing, style
from tkg_journal.charts import series as series_rows
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import FeedbackPoint, Period

TITLE = "Feedback received"
EMPTY = (
    "No feedback with a sentiment in this period yet. Record the feedback others give you, "
    "and how it landed, to see it change."
)
SPARSE = (
    "Only one piece of feedback in this period so far. Keep recording feedback to see "
    "how it changes."
)
Y_LABEL = "How it landed"
SENTIMENT_TICKS = (
    (-2, f"{style.MINUS}2 harsh"),
    (-1, f"{style.MINUS}1 critical"),
    (0, "0 neutral"),
    (1, "+1 positive"),
    (2, "+2 very positive"),
)
ROLLING_LABEL = "{days}-day rolling mean"
END_LABEL = "{days}-day mean"
#: The mean is drawn only where its window holds this many pieces of feedback: the mean of
#: one harsh remark is that remark, and a line starting at -2 reads as a trend that is not.
MIN_IN_WINDOW = 3
JITTER = 0.14  # how far points are nudged off their score (a fraction of one step)
POINT_ALPHA = 0.45  # faint: the points are the evidence, the line is the reading
LINE_WIDTH = 1.8


def build_feedback(
    points: list[FeedbackPoint],
    *,
    period: Period,
    levels: Sequence[Level] = (),
    per_level: bool = False,
    dark: bool = False,
) -> Figure:
    """Points per piece of feedback, coloured by level, and a rolling mean."""
    figure = style.new_figure(dark)
    rows = series_rows.feedback_rows(points, levels)
    if not rows:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)
    if len(rows) < 2:
        return style.empty_state(figure, SPARSE, title=TITLE, dark=dark)

    colours = style.theme(dark)
    days = style.day_numbers([_local(p.when) for p in rows])  # once: 1,500 add up
    ax = style.plot_area(figure).add_subplot()
    style.apply_axes_style(ax, dark)
    series: list[Level | None] = list(style.ordered_levels(p.level for p in rows))
    if any(p.level is None for p in rows):
        series.append(None)
    handles: list[Artist] = []
    key: list[str] = []
    size = 12.0 if len(rows) > 200 else 20.0
    for level in series:
        mine = [(i, p) for i, p in enumerate(rows) if p.level == level]
        collection = ax.scatter(
            [days[i] for i, _ in mine],
            [p.sentiment + _jitter(i) for i, p in mine],
            s=size,
            color=style.level_colour(level, dark),
            alpha=POINT_ALPHA,
            edgecolors="none",
            label=style.level_name(level),
            zorder=2,
        )
        handles.append(collection)
        key.append(style.level_name(level))

    first, last = _local(rows[0].when), _local(rows[-1].when)
    window = smoothing.window_days((last - first).days, days)
    rolling_label = ROLLING_LABEL.format(days=window)
    ends: list[labels.EndLabel] = []
    lines = (
        [(level, [i for i, p in enumerate(rows) if p.level == level]) for level in series]
        if per_level
        else [(None, list(range(len(rows))))]
    )
    for level, pieces in lines:
        xs, ys = smoothing.rolling_mean(
            [days[i] for i in pieces],
            [float(rows[i].sentiment) for i in pieces],
            window=window,
            min_points=MIN_IN_WINDOW,
        )
        drawn = [i for i, y in enumerate(ys) if y == y]  # not NaN
        if not drawn:
            continue
        colour = style.level_colour(level, dark) if per_level else colours.text
        ax.plot(
            xs,
            ys,
            color=colour,
            linewidth=LINE_WIDTH,
            label=f"{style.level_name(level)}, {rolling_label}" if per_level else rolling_label,
            zorder=3,
        )
        name = style.level_name(level) if per_level else END_LABEL.format(days=window)
        ends.append(labels.EndLabel(name, xs[drawn[-1]], ys[drawn[-1]], colour))

    ax.axhline(0, color=colours.spine, linewidth=0.8, linestyle="--", zorder=1, label="_zero")
    ax.set_ylim(-2.5, 2.5)
    ax.set_yticks([value for value, _ in SENTIMENT_TICKS])
    ax.set_yticklabels([words for _, words in SENTIMENT_TICKS])
    ax.set_ylabel(Y_LABEL)
    ax.set_xlabel("Day received")
    style.date_axis(ax)
    pad = max((last - first).days * 0.02, 1.0)
    ax.set_xlim(style.day_number(first) - pad, style.day_number(last) + pad)
    labels.end_labels(ax, ends, dark=dark)
    # The points need a key (scattered points take no names); it goes above the plot, so
    # the names at the lines' ends have the right side to themselves.
    style.key_row(ax, handles, key, dark=dark)
    subtitle = style.period_text(period, first=first.date(), last=last.date())
    how = f" \u00b7 {'lines' if len(ends) > 1 else 'line'}: {rolling_label}" if ends else ""
    style.titles(figure, TITLE, f"{subtitle} \u00b7 {len(rows)} pieces of feedback{how}", dark=dark)
    return figure


_local = series_rows.local_time


def _jitter(index: int) -> float:
    # Deterministic (the same data draws the same picture) and spread evenly in -1..1.
    return JITTER * (((index * 0.618033988749895) % 1.0) * 2 - 1)


def rolling_days(span_days: int, points: Sequence[FeedbackPoint] = ()) -> int:
    """The rolling mean's window (days) for feedback spanning ``span_days``."""
    return smoothing.window_days(span_days, style.day_numbers([_local(p.when) for p in points]))
