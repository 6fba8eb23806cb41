"""Chart 4: how the feedback others give lands over time, from harsh (-2) to very positive.

Each piece of feedback is a point in its level's colour (nudged up or down a little so
equal scores on nearby days stay visible); a rolling mean over the last weeks shows the
direction, wherever its window holds at least three pieces of feedback: overall, or one
line per level with ``per_level=True``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from tkg_journal.charts import style
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
#: The rolling mean's window (days) by the span shown: a month for a few months, a
#: quarter over years (a short window over years is mostly noise).
ROLLING_DAYS = ((183, 30), (400, 60))
LONG_ROLLING_DAYS = 90
ROLLING_LABEL = "{days}-day rolling mean"
#: The mean is drawn only where its window holds this many pieces of feedback: the mean of
#: one harsh remark is that remark, and a line starting at -2 reads as a trend that is not.
MIN_IN_WINDOW = 3
JITTER = 0.14  # how far points are nudged off their score (a fraction of one step)


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
    wanted = set(levels)
    rows = sorted(
        (p for p in points if not wanted or p.level in wanted), key=lambda p: _local(p.when)
    )
    if not rows:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)
    if len(rows) < 2:
        return style.empty_state(figure, SPARSE, title=TITLE, dark=dark)

    colours = style.theme(dark)
    ax = figure.add_subplot()
    style.apply_axes_style(ax, dark)
    series: list[Level | None] = list(style.ordered_levels(p.level for p in rows))
    if any(p.level is None for p in rows):
        series.append(None)
    handles: list[Artist] = []
    labels: list[str] = []
    size = 14.0 if len(rows) > 200 else 24.0
    for level in series:
        mine = [(i, p) for i, p in enumerate(rows) if p.level == level]
        collection = ax.scatter(
            [style.day_number(_local(p.when)) for _, p in mine],
            [p.sentiment + _jitter(i) for i, p in mine],
            s=size,
            color=style.level_colour(level, dark),
            alpha=0.75,
            edgecolors="none",
            label=style.level_name(level),
            zorder=2,
        )
        handles.append(collection)
        labels.append(style.level_name(level))

    first, last = _local(rows[0].when), _local(rows[-1].when)
    window = rolling_days((last - first).days)
    rolling_label = ROLLING_LABEL.format(days=window)
    if per_level:
        drawn = False
        for level in series:
            xs, ys = _rolling([p for p in rows if p.level == level], window)
            if all(math.isnan(y) for y in ys):
                continue
            ax.plot(
                xs,
                ys,
                color=style.level_colour(level, dark),
                linewidth=2.0,
                label=f"{style.level_name(level)}, {rolling_label}",
                zorder=3,
            )
            drawn = True
        if drawn:
            handles.append(Line2D([], [], color=colours.muted, linewidth=2.0))
            labels.append(f"{rolling_label} (per level)")
    else:
        xs, ys = _rolling(rows, window)
        if not all(math.isnan(y) for y in ys):
            (line,) = ax.plot(
                xs, ys, color=colours.text, linewidth=2.2, label=rolling_label, zorder=3
            )
            handles.append(line)
            labels.append(rolling_label)

    ax.axhline(0, color=colours.spine, linewidth=0.9, linestyle="--", zorder=1, label="_zero")
    ax.set_ylim(-2.5, 2.5)
    ax.set_yticks([value for value, _ in SENTIMENT_TICKS])
    ax.set_yticklabels([words for _, words in SENTIMENT_TICKS])
    ax.set_ylabel(Y_LABEL)
    ax.set_xlabel("Day received")
    style.date_axis(ax)
    pad = max((last - first).days * 0.02, 1.0)
    ax.set_xlim(style.day_number(first) - pad, style.day_number(last) + pad)
    style.legend(ax, handles, labels, dark=dark)
    subtitle = style.period_text(period, first=first.date(), last=last.date())
    style.titles(
        figure, TITLE, f"{subtitle} \u00b7 {len(rows)} pieces of feedback", ax=ax, dark=dark
    )
    return figure


def _local(when: datetime) -> datetime:
    """The wall-clock time as the user saw it (the service hands local aware times)."""
    return when.replace(tzinfo=None)


def _jitter(index: int) -> float:
    # Deterministic (the same data draws the same picture) and spread evenly in -1..1.
    return JITTER * (((index * 0.618033988749895) % 1.0) * 2 - 1)


def rolling_days(span_days: int) -> int:
    """The rolling mean's window for data spanning ``span_days``."""
    for up_to, days in ROLLING_DAYS:
        if span_days <= up_to:
            return days
    return LONG_ROLLING_DAYS


def _rolling(points: Sequence[FeedbackPoint], days: int) -> tuple[list[float], list[float]]:
    """The mean sentiment of the last ``days`` days at each point; NaN (a gap in the line)
    where the window holds fewer than ``MIN_IN_WINDOW`` pieces of feedback."""
    xs: list[float] = []
    ys: list[float] = []
    window = timedelta(days=days)
    start = 0
    total = 0
    for end, point in enumerate(points):
        total += point.sentiment
        now = _local(point.when)
        while _local(points[start].when) < now - window:
            total -= points[start].sentiment
            start += 1
        count = end - start + 1
        xs.append(style.day_number(now))
        ys.append(total / count if count >= MIN_IN_WINDOW else math.nan)  # NaN: a gap
    return xs, ys
