"""Chart 6: a calendar heat map of journaling days (weeks across, weekdays down).

Like a contributions calendar: one square per day, Monday at the top, deeper colour for more
entries, the empty-cell colour for a day without entries, month names along the top and a
colour scale beside. A period longer than about a year is drawn one row per calendar year,
so the squares stay large enough to see.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import QuadMesh
from matplotlib.colors import BoundaryNorm, Colormap, LinearSegmentedColormap
from matplotlib.figure import Figure

from tkg_journal.charts import series, style
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import DayCount, Period

TITLE = "Journaling days"
EMPTY = "No entries in this period yet. Write a few lines on most days to see your rhythm here."
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
ONE_ROW_UP_TO_WEEKS = 60
SCALE_LABEL = "Entries per day"
CALENDAR_GID = "calendar-from-"


def build_calendar(
    days: list[DayCount],
    *,
    period: Period,
    levels: Sequence[Level] = (),
    dark: bool = False,
) -> Figure:
    """Weeks x weekdays grid of entries per day over ``period`` (open ends: the data's)."""
    del levels  # journaling days count every entry
    figure = style.new_figure(dark, compressed=True)
    counts, first, last = series.calendar_span(days, period)
    if not counts:
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)

    colours = style.theme(dark)
    top = max(counts.values())
    bounds, tick_labels = _scale(top)
    ramp: list[str | tuple[float, float, float]] = [
        style.mix(colours.accent, colours.background, 0.25),
        colours.accent,
    ]
    cmap: Colormap = LinearSegmentedColormap.from_list("journaling", ramp, N=len(bounds) - 1)
    cmap = cmap.with_extremes(under=colours.empty_cell, bad=(0.0, 0.0, 0.0, 0.0))
    norm = BoundaryNorm(bounds, cmap.N)

    if (last - first).days // 7 + 1 <= ONE_ROW_UP_TO_WEEKS:
        spans = [(first, last)]
    else:
        spans = [
            (max(first, date(year, 1, 1)), min(last, date(year, 12, 31)))
            for year in range(first.year, last.year + 1)
        ]
    area = style.plot_area(figure)
    axes = area.subplots(len(spans), 1, squeeze=False)[:, 0]
    mesh: QuadMesh | None = None
    # One row per year: each row starts at the week of 1 January, so months line up.
    origins = [start if len(spans) == 1 else date(start.year, 1, 1) for start, _ in spans]
    weeks_wide = max(_weeks(o, end) for o, (_, end) in zip(origins, spans, strict=True))
    for ax, origin, (start, end) in zip(axes, origins, spans, strict=True):
        mesh = _draw_span(
            ax, origin, start, end, counts, weeks_wide, cmap, norm, years=len(spans) > 1, dark=dark
        )
        if len(spans) > 1:
            ax.set_ylabel(
                str(start.year),
                rotation=0,
                ha="right",
                va="center",
                fontsize=style.LABEL_SIZE,
                fontweight="bold",
                color=colours.text,
                labelpad=26,
            )
    assert mesh is not None
    colorbar = area.colorbar(
        mesh,
        ax=list(axes),
        orientation="horizontal" if len(spans) == 1 else "vertical",
        fraction=0.05 if len(spans) == 1 else 0.025,
        aspect=40 if len(spans) == 1 else 25,
        pad=0.03,
        extend="min",
        extendfrac=0.08,
        ticks=[(a + b) / 2 for a, b in itertools.pairwise(bounds)],
    )
    colorbar.set_ticklabels(tick_labels)
    colorbar.ax.tick_params(
        labelsize=style.TICK_SIZE, colors=colours.muted, labelcolor=colours.text
    )
    colorbar.outline.set_visible(False)
    colorbar.set_label(f"{SCALE_LABEL} (grey: none)", fontsize=style.LABEL_SIZE, color=colours.text)
    active = len(counts)
    total_days = (last - first).days + 1
    subtitle = (
        f"{style.period_text(period, first=first, last=last)} \u00b7 entries on {active} of "
        f"{total_days} days \u00b7 most in one day: {top}"
    )
    style.titles(figure, TITLE, subtitle, dark=dark)
    return figure


def _weeks(start: date, end: date) -> int:
    monday = start - timedelta(days=start.weekday())
    return (end - monday).days // 7 + 1


def _scale(top: int) -> tuple[list[float], list[str]]:
    """Colour-scale bins: one per count up to 4, then 5+ (so one busy day does not wash
    out the rest)."""
    if top <= 4:
        bounds = [0.5 + i for i in range(top + 1)]
        return bounds, [str(i) for i in range(1, top + 1)]
    return [0.5, 1.5, 2.5, 3.5, 4.5, float(top) + 0.5], ["1", "2", "3", "4", "5+"]


def _draw_span(
    ax: Axes,
    origin: date,
    start: date,
    end: date,
    counts: dict[date, int],
    weeks_wide: int,
    cmap: Colormap,
    norm: BoundaryNorm,
    *,
    years: bool,
    dark: bool,
) -> QuadMesh:
    """Days ``start``..``end`` in a grid whose first column is the week of ``origin``; the
    month labels carry the year unless each row is a year (``years``)."""
    colours = style.theme(dark)
    monday = origin - timedelta(days=origin.weekday())
    # The first column's Monday, for what reads the grid back (the keyboard's day read-out
    # in the app): cell (weekday, week) is that Monday + 7 * week + weekday days.
    ax.set_gid(f"{CALENDAR_GID}{monday.isoformat()}")
    grid = np.full((7, weeks_wide), np.nan)
    day = start
    while day <= end:
        week = (day - monday).days // 7
        grid[day.weekday(), week] = min(counts.get(day, 0), norm.boundaries[-1] - 0.5)
        day += timedelta(days=1)
    mesh = ax.pcolormesh(
        np.ma.masked_invalid(grid),
        cmap=cmap,
        norm=norm,
        edgecolors=colours.background,
        linewidth=1.5,
    )
    ax.set_xlim(0, weeks_wide)
    ax.set_ylim(7, 0)  # Monday on top
    ax.set_aspect("equal")
    ax.set_facecolor(colours.background)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_yticks([i + 0.5 for i in range(7)], WEEKDAYS)
    ticks: list[float] = []
    labels: list[str] = []
    month = date(start.year, start.month, 1)
    while month <= end:
        column = (max(month, start) - monday).days // 7
        if ticks and column - ticks[-1] < 3:
            # A period starting late in a month: its first label would touch the next.
            ticks.pop()
            labels.pop()
        ticks.append(float(column))
        labels.append(f"{month:%b %Y}" if not labels and not years else f"{month:%b}")
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    ax.set_xticks(ticks, labels)
    ax.xaxis.tick_top()
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("left")
    ax.tick_params(
        length=0, labelsize=style.TICK_SIZE, colors=colours.muted, labelcolor=colours.text
    )
    return mesh
