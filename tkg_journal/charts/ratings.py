"""Chart 2: the self-rating of each level over time (the inside view of progress).

One line per level, in hierarchy order and the level's colour, y from 1 to 10, named at
its right end (no legend to match colours against). A trend needs two check-ins: with
fewer, the chart says how to get one. Over many check-ins five raw lines cross each other
at every step and hide the trend, so from ``SMOOTH_FROM`` check-ins on each level's line
is a thin rolling mean (``charts/smoothing.py``: time-weighted, with gaps where it would
rest on too few check-ins) over its check-ins drawn as faint points.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from tkg_journal.charts import labels, series, smoothing, style
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period, RatingPoint

TITLE = "Self-rating per level"
EMPTY = "No check-ins in this period yet. Rate each level weekly to see the trend."
SPARSE = "Only one check-in in this period so far. Rate each level weekly to see the trend."
Y_LABEL = "Self-rating (1 = weak, 10 = strong)"
MARKERS = ("o", "s", "D", "^", "v")  # one per level: lines stay apart without colour too
HIGHLIGHT_LABEL = "This summary's period"
SMOOTH_FROM = 16
SMOOTH_TEXT = "lines: {days}-day rolling mean, dots: each check-in"
LINE_WIDTH = 1.8
RAW_ALPHA = 0.45


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
    rows = series.rating_rows(points, levels)
    days = sorted({p.day for p in rows})
    if not days:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)
    if len(days) < 2:
        return style.empty_state(figure, SPARSE, title=TITLE, dark=dark)

    colours = style.theme(dark)
    ax = style.plot_area(figure).add_subplot()
    style.apply_axes_style(ax, dark)
    smooth = len(days) >= SMOOTH_FROM
    window = smoothing.window_days((days[-1] - days[0]).days, style.day_numbers(days))
    many = len(days) > 40  # markers on every point would blur into a thick line
    ends: list[labels.EndLabel] = []
    for level in style.ordered_levels(p.level for p in rows):
        mine = [p for p in rows if p.level == level]
        xs = style.day_numbers([p.day for p in mine])
        scores = [float(p.score) for p in mine]
        marker = MARKERS[int(level) - 1]
        if smooth:
            ax.plot(
                xs,
                scores,
                linestyle="none",
                marker=marker,
                markersize=3.5 if many else 4.5,
                markeredgewidth=0,
                color=level.colour,
                alpha=RAW_ALPHA,
                zorder=1.5,
                label=f"_{level.title} each check-in",
            )
            xs, scores = smoothing.rolling_mean(xs, scores, window=window)
        drawn = [i for i, score in enumerate(scores) if score == score]  # not NaN
        if not drawn:
            continue
        ax.plot(
            xs,
            scores,
            color=level.colour,
            marker=marker,
            # Smoothed: one marker where the line ends, next to its name.
            markevery=[drawn[-1]] if smooth else None,
            markersize=5.0,
            markeredgecolor=colours.background,
            markeredgewidth=0.7,
            # Raw scores are whole numbers and levels often share one: lower levels are
            # drawn wider and underneath, so both stay visible. Means seldom coincide.
            linewidth=LINE_WIDTH if smooth else 1.4 + 0.5 * (len(Level) - int(level)),
            zorder=2 + 0.1 * int(level),
            label=level.title,
        )
        ends.append(labels.EndLabel(level.title, xs[drawn[-1]], scores[drawn[-1]], level.colour))

    first, last = days[0], days[-1]
    if highlight is not None and highlight.since is not None and highlight.until is not None:
        last = max(last, highlight.until)
        start = style.day_number(max(highlight.since, first))
        end = style.day_number(highlight.until)
        ax.axvspan(
            start,
            end,
            color=colours.muted,
            alpha=0.12,
            linewidth=0,
            zorder=0.5,
            label=HIGHLIGHT_LABEL,
        )
        # Named inside the shade, at the top (ratings seldom reach 10): no legend for it.
        ax.text(
            end,
            0.985,
            f"{HIGHLIGHT_LABEL} ",
            transform=blended_transform_factory(ax.transData, ax.transAxes),
            ha="right",
            va="top",
            fontsize=style.NOTE_SIZE,
            color=colours.muted,
            gid="highlight-label",
        )

    style.date_axis(ax)
    ax.set_ylim(0.6, 10.4)
    ax.set_yticks(range(1, 11))
    ax.set_ylabel(Y_LABEL)
    ax.set_xlabel("Check-in day")
    pad = max((last - first).days * 0.02, 1.0)
    ax.set_xlim(style.day_number(first) - pad, style.day_number(last) + pad)
    labels.end_labels(ax, ends, dark=dark)
    subtitle = style.period_text(period, first=days[0], last=days[-1])
    how = f" \u00b7 {SMOOTH_TEXT.format(days=window)}" if smooth else ""
    style.titles(figure, TITLE, f"{subtitle} \u00b7 {len(days)} check-ins{how}", dark=dark)
    return figure
