"""Chart 2: the self-rating of each level over time (the inside view of progress).

One line with markers per level, in hierarchy order and the level's colour, y from 1 to 10.
A trend needs two check-ins: with fewer, the chart says how to get one. Over many check-ins
five raw lines cross each other at every step and hide the trend, so from ``SMOOTH_FROM``
check-ins on each level's line is the average of its last ``SMOOTH_WINDOW`` check-ins, with
the raw scores faint behind it.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from tkg_journal.charts import style
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period, RatingPoint

TITLE = "Self-rating per level"
EMPTY = "No check-ins in this period yet. Rate each level weekly to see the trend."
SPARSE = "Only one check-in in this period so far. Rate each level weekly to see the trend."
Y_LABEL = "Self-rating (1 = weak, 10 = strong)"
MARKERS = ("o", "s", "D", "^", "v")  # one per level: lines stay apart without colour too
HIGHLIGHT_LABEL = "This summary's period"
SMOOTH_FROM = 16
SMOOTH_WINDOW = 4


def build_ratings(
    points: list[RatingPoint],
    *,
    period: Period,
    levels: Sequence[Level] = (),
    highlight: Period | None = None,
    dark: bool = False,
) -> Figure:
    """A line per level through its check-in scores; ``highlight`` shades a stretch of
    days (the summary's period, inside the longer view it draws for context)."""
    figure = style.new_figure(dark)
    wanted = set(levels)
    rows = sorted(
        (p for p in points if not wanted or p.level in wanted), key=lambda p: (p.level, p.day)
    )
    days = sorted({p.day for p in rows})
    if not days:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)
    if len(days) < 2:
        return style.empty_state(figure, SPARSE, title=TITLE, dark=dark)

    colours = style.theme(dark)
    ax = figure.add_subplot()
    style.apply_axes_style(ax, dark)
    handles: list[Artist] = []
    smooth = len(days) >= SMOOTH_FROM
    many = len(days) > 40  # markers on every point would blur into a thick line
    for level in style.ordered_levels(p.level for p in rows):
        mine = [p for p in rows if p.level == level]
        xs = [style.day_number(p.day) for p in mine]
        scores = [float(p.score) for p in mine]
        if smooth:
            ax.plot(
                xs,
                scores,
                color=level.colour,
                linewidth=0.8,
                alpha=0.3,
                zorder=1.5,
                label=f"_{level.title} each check-in",
            )
            scores = rolling_mean(scores, SMOOTH_WINDOW)
        (line,) = ax.plot(
            xs,
            scores,
            color=level.colour,
            marker=MARKERS[int(level) - 1],
            markevery=max(len(xs) // 12, 1) if smooth else None,
            markersize=3.5 if many else 5.5,
            markeredgecolor=colours.background,
            markeredgewidth=0.6,
            # Lower levels are drawn wider and underneath: where two levels share a score
            # both stay visible.
            linewidth=1.4 + 0.5 * (len(Level) - int(level)),
            zorder=2 + 0.1 * int(level),
            label=level.title,
        )
        handles.append(line)

    first, last = days[0], days[-1]
    if highlight is not None and highlight.since is not None and highlight.until is not None:
        last = max(last, highlight.until)
        shade = ax.axvspan(
            style.day_number(max(highlight.since, first)),
            style.day_number(highlight.until),
            color=colours.muted,
            alpha=0.12,
            linewidth=0,
            zorder=0.5,
            label=HIGHLIGHT_LABEL,
        )
        handles.append(shade)

    style.date_axis(ax)
    ax.set_ylim(0.6, 10.4)
    ax.set_yticks(range(1, 11))
    ax.set_ylabel(Y_LABEL)
    ax.set_xlabel("Check-in day")
    pad = max((last - first).days * 0.02, 1.0)
    ax.set_xlim(style.day_number(first) - pad, style.day_number(last) + pad)
    style.legend(ax, handles, [str(h.get_label()) for h in handles], dark=dark)
    subtitle = style.period_text(period, first=days[0], last=days[-1])
    how = f" \u00b7 lines: average of the last {SMOOTH_WINDOW}, faint: each check-in"
    style.titles(
        figure,
        TITLE,
        f"{subtitle} \u00b7 {len(days)} check-ins{how if smooth else ''}",
        ax=ax,
        dark=dark,
    )
    return figure


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    """Each value replaced by the mean of it and up to ``window - 1`` values before it."""
    means = []
    for index in range(len(values)):
        recent = values[max(index - window + 1, 0) : index + 1]
        means.append(sum(recent) / len(recent))
    return means
