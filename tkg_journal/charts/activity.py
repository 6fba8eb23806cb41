"""Chart 1: entries and experiment attempts per level, week by week or month by month.

Each bucket has two stacked bars side by side: entries (solid) on the left and attempts
(hatched) on the right, both stacked by level bottom-up (Foundation at the bottom; entries
without a level on top, in grey).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from tkg_journal.charts import series as series_rows
from tkg_journal.charts import style
from tkg_journal.charts.bars import add_bars
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import ActivityBar, Bucket, Period

TITLE = "Activity per level"
EMPTY = (
    "No entries or attempts in this period yet. Write an entry or log an attempt to see it here."
)
ENTRIES = "Entries"
ATTEMPTS = "Attempts"
HATCH = "////"


def build_activity(
    bars: list[ActivityBar],
    *,
    bucket: Bucket,
    period: Period,
    levels: Sequence[Level] = (),
    dark: bool = False,
) -> Figure:
    """Stacked bars of entries and attempts per bucket and level."""
    figure = style.new_figure(dark)
    rows = series_rows.activity_rows(bars, levels)
    if not rows:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)

    colours = style.theme(dark)
    starts = sorted({b.start for b in rows})
    series: list[Level | None] = list(style.ordered_levels((b.level for b in rows), levels))
    if any(b.level is None for b in rows):
        series.append(None)  # entries without a level sit on top, in grey
    counts: dict[tuple[date, Level | None], ActivityBar] = {(b.start, b.level): b for b in rows}

    ax = style.plot_area(figure).add_subplot()
    style.apply_axes_style(ax, dark)
    days = style.bucket_days(bucket)
    width = days * 0.38
    # Bars start at the bucket's first day; entries left of its middle, attempts right.
    x_entries = [style.day_number(s) + days * 0.5 - width * 0.52 for s in starts]
    x_attempts = [style.day_number(s) + days * 0.5 + width * 0.52 for s in starts]
    has_attempts = any(b.attempts for b in rows)
    bottom_e = [0.0] * len(starts)
    bottom_a = [0.0] * len(starts)
    for level in series:
        colour = style.level_colour(level, dark)
        name = style.level_name(level)
        entries = [float(_get(counts, s, level).entries) for s in starts]
        add_bars(
            ax,
            x_entries,
            entries,
            bottoms=bottom_e,
            width=width,
            facecolor=colour,
            edgecolor=colours.background,
            linewidth=0.4,
            label=f"{name} {ENTRIES.lower()}",
        )
        bottom_e = [b + v for b, v in zip(bottom_e, entries, strict=True)]
        if has_attempts:
            attempts = [float(_get(counts, s, level).attempts) for s in starts]
            add_bars(
                ax,
                x_attempts,
                attempts,
                bottoms=bottom_a,
                width=width,
                facecolor=style.mix(colour, colours.background, 0.55),
                edgecolor=colour,
                hatch=HATCH,
                linewidth=0.6,
                label=f"{name} {ATTEMPTS.lower()}",
            )
            bottom_a = [b + v for b, v in zip(bottom_a, attempts, strict=True)]

    style.date_axis(ax)
    pad = days * 0.3
    ax.set_xlim(style.day_number(starts[0]) - pad, style.day_number(starts[-1]) + days + pad)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(f"Count per {style.bucket_words(bucket)}")
    ax.set_xlabel(f"{style.bucket_words(bucket).capitalize()} starting")

    handles: list[Artist] = [Patch(facecolor=style.level_colour(lv, dark)) for lv in series]
    labels = [style.level_name(lv) for lv in series]
    # A gap, then the key to the two bars of a bucket (drawn as outlines, not a level).
    handles.append(Patch(visible=False))
    labels.append("")
    handles.append(Patch(facecolor=colours.background, edgecolor=colours.text, linewidth=0.8))
    labels.append(f"{ENTRIES}: solid")
    if has_attempts:
        handles.append(
            Patch(facecolor=colours.background, edgecolor=colours.text, hatch=HATCH, linewidth=0.8)
        )
        labels.append(f"{ATTEMPTS}: hatched")
    style.legend(ax, handles, labels, dark=dark)
    subtitle = style.period_text(period, first=starts[0], last=starts[-1])
    what = "entries (left) and attempts (right)" if has_attempts else "entries"
    style.titles(
        figure,
        TITLE,
        f"{subtitle} \u00b7 {what} per {style.bucket_words(bucket)}",
        dark=dark,
    )
    return figure


def _get(
    counts: dict[tuple[date, Level | None], ActivityBar], start: date, level: Level | None
) -> ActivityBar:
    return counts.get((start, level)) or ActivityBar(start, level, 0, 0)
