"""Chart 3: experiment attempts over time: did I try the new response, and how did it go?

Bars (left axis): per bucket, the share of attempts tried fully, partly or not at all
(100 % stacked, the levels shown together, in neutral tones so they never read as a level).
Lines (right axis): the mean outcome per level, from "much worse" (-2) to "much better"
(+2), in the level's colour. One chart, not five small ones: at the default size small
multiples leave each level a strip too thin to read.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from tkg_journal.charts import series, style
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import AttemptStats, Bucket, Period

TITLE = "Experiment attempts"
EMPTY = (
    "No experiment attempts in this period yet. Log each real situation where you tried "
    "the new response to see how it goes."
)
SHARE_LABEL = "Share of attempts"
OUTCOME_LABEL = "Mean outcome"
#: (label, light colour, dark colour, hatch) for tried fully / partly / not, bottom-up.
DID_IT = (
    ("Tried fully", "#9AAAB9", "#6E7D8C", ""),
    ("Tried partly", "#C9D2DB", "#4D5863", ""),
    ("Not tried", "#EEF1F4", "#33383E", "..."),
)
OUTCOME_TICKS = (
    (-2, f"{style.MINUS}2 much worse"),
    (-1, f"{style.MINUS}1 worse"),
    (0, "0 no change"),
    (1, "+1 better"),
    (2, "+2 much better"),
)
MARKERS = ("o", "s", "D", "^", "v")


def build_attempts(
    stats: list[AttemptStats],
    *,
    bucket: Bucket,
    period: Period,
    levels: Sequence[Level] = (),
    dark: bool = False,
) -> Figure:
    """Share of yes/partial/no per bucket and the mean outcome per level."""
    figure = style.new_figure(dark)
    rows = series.attempt_rows(stats, levels)
    if not rows:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)

    colours = style.theme(dark)
    starts = sorted({s.start for s in rows})
    totals: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in rows:
        bucket_total = totals[s.start]
        bucket_total[0] += s.yes
        bucket_total[1] += s.partial
        bucket_total[2] += s.no

    ax = style.plot_area(figure).add_subplot()
    style.apply_axes_style(ax, dark)
    ax.grid(False)
    days = style.bucket_days(bucket)
    x_bars = [style.day_number(s) + days / 2 for s in starts]
    bottom = [0.0] * len(starts)
    handles: list[Artist] = []
    labels: list[str] = []
    for index, (label, light, dark_colour, hatch) in enumerate(DID_IT):
        shares = [totals[s][index] / sum(totals[s]) for s in starts]
        ax.bar(
            x_bars,
            shares,
            width=days * 0.82,
            bottom=bottom,
            color=dark_colour if dark else light,
            edgecolor=colours.spine if hatch else colours.background,
            hatch=hatch or None,
            linewidth=0.4,
            label=label,
        )
        bottom = [b + v for b, v in zip(bottom, shares, strict=True)]
        handles.append(
            Patch(
                facecolor=dark_colour if dark else light,
                edgecolor=colours.spine,
                hatch=hatch or None,
                linewidth=0.4,
            )
        )
        labels.append(label)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylabel(f"{SHARE_LABEL} (bars)")
    ax.set_xlabel(f"{style.bucket_words(bucket).capitalize()} starting")

    outcome_ax = ax.twinx()
    style.apply_axes_style(outcome_ax, dark)
    outcome_ax.spines["right"].set_visible(True)
    outcome_ax.spines["right"].set_color(colours.spine)
    outcome_ax.grid(True, axis="y", color=colours.grid, linewidth=0.8, linestyle=":")
    outcome_ax.axhline(0, color=colours.muted, linewidth=0.9, linestyle="--", label="_zero")
    many = len(starts) > 30
    for level in style.ordered_levels(s.level for s in rows):
        mine = [s for s in rows if s.level == level and s.mean_outcome is not None]
        if not mine:
            continue
        xs, ys = _gapped(mine, bucket, days)
        (line,) = outcome_ax.plot(
            xs,
            ys,
            color=level.colour,
            marker=MARKERS[int(level) - 1],
            markersize=3.5 if many else 5.5,
            markeredgecolor=colours.background,
            markeredgewidth=0.6,
            linewidth=1.8,
            label=f"{level.title} mean outcome",
        )
        handles.append(line)
        labels.append(level.title)
    outcome_ax.set_ylim(-2.3, 2.3)
    outcome_ax.set_yticks([value for value, _ in OUTCOME_TICKS])
    outcome_ax.set_yticklabels([words for _, words in OUTCOME_TICKS])
    outcome_ax.set_ylabel(f"{OUTCOME_LABEL} per level (lines)")

    style.date_axis(ax)
    pad = days * 0.2
    ax.set_xlim(style.day_number(starts[0]) - pad, style.day_number(starts[-1]) + days + pad)
    # The legend goes below the plot (both sides carry an axis): one row for the bars, one
    # for the lines. matplotlib fills a legend column by column, so the rows are interleaved.
    legend_rows = (handles[: len(DID_IT)], handles[len(DID_IT) :])
    row_labels = (labels[: len(DID_IT)], labels[len(DID_IT) :])
    ncols = max(len(row) for row in legend_rows)
    grid_handles: list[Artist] = []
    grid_labels: list[str] = []
    for column in range(ncols):
        for row, texts in zip(legend_rows, row_labels, strict=True):
            if column < len(row):
                grid_handles.append(row[column])
                grid_labels.append(texts[column])
            else:
                grid_handles.append(Patch(visible=False))
                grid_labels.append("")
    # Below the axis label, with room the layout keeps for it (an "outside" legend): one
    # anchored to the axes at a fixed fraction of their height ran into "Month starting"
    # when the chart was drawn small.
    style.plot_area(figure).legend(
        grid_handles,
        grid_labels,
        loc="outside lower center",
        ncols=ncols,
        labelcolor=colours.text,
        handlelength=1.6,
        columnspacing=1.4,
    )
    subtitle = style.period_text(period, first=starts[0], last=starts[-1])
    count = sum(sum(t) for t in totals.values())
    style.titles(
        figure,
        TITLE,
        f"{subtitle} \u00b7 {count} attempts \u00b7 bars: did I try it, lines: how it went",
        dark=dark,
    )
    return figure


def _gapped(
    mine: Sequence[AttemptStats], bucket: Bucket, days: float
) -> tuple[list[float], list[float]]:
    """A level's mean outcomes, with a break (NaN) where buckets without attempts lie
    between two with: a line across months of silence would claim a trend."""
    xs: list[float] = []
    ys: list[float] = []
    previous: date | None = None
    for stats in mine:
        if stats.mean_outcome is None:
            continue
        if previous is not None and (stats.start - previous).days > style.bucket_days(bucket) + 3:
            xs.append(math.nan)
            ys.append(math.nan)
        xs.append(style.day_number(stats.start) + days / 2)
        ys.append(float(stats.mean_outcome))
        previous = stats.start
    return xs, ys
