"""The look shared by every chart: light and dark themes, the figure, axes, dates, legends
and the empty state.

Level colours come from :attr:`Level.colour` only (defined once, used everywhere); this
module adds the neutral colours around them. Every builder starts with :func:`new_figure`
and either draws its data or calls :func:`empty_state`, so a chart never shows an empty axis.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period

#: Default size of a chart (inches) and its resolution: 800 x 450 px.
FIGSIZE = (8.0, 4.5)
DPI = 100
TITLE_SIZE = 12.5
SUBTITLE_SIZE = 9.0
LABEL_SIZE = 9.5
TICK_SIZE = 8.5
LEGEND_SIZE = 8.5
MINUS = "\u2212"  # a real minus sign, as wide as "+"
NO_LEVEL_TEXT = "No level"


@dataclass(frozen=True, slots=True)
class Theme:
    """The neutral colours of a chart; level colours come from :attr:`Level.colour`."""

    dark: bool
    background: str  # the figure and the axes
    text: str
    muted: str  # subtitles, tick labels, notes
    grid: str
    spine: str
    no_level: str  # entries and feedback without a level
    empty_cell: str  # a day without entries in the calendar
    accent: str  # the calendar's busiest day, the overall rolling mean


LIGHT = Theme(
    dark=False,
    background="#FFFFFF",
    text="#222222",
    muted="#5F6368",
    grid="#E3E3E3",
    spine="#BDBDBD",
    no_level="#9E9E9E",
    empty_cell="#EBEDF0",
    accent="#1B5E20",
)
DARK = Theme(
    dark=True,
    background="#1E1F22",
    text="#E8E8E8",
    muted="#A8ABB0",
    grid="#3A3C40",
    spine="#5A5D62",
    no_level="#8A8D92",
    empty_cell="#2D2F33",
    accent="#7BD88F",
)


def theme(dark: bool) -> Theme:
    return DARK if dark else LIGHT


def level_colour(level: Level | None, dark: bool = False) -> str:
    """A level's colour; entries without a level are grey."""
    return level.colour if level is not None else theme(dark).no_level


def level_name(level: Level | None) -> str:
    return level.title if level is not None else NO_LEVEL_TEXT


def ordered_levels(present: Iterable[Level | None], levels: Sequence[Level] = ()) -> list[Level]:
    """The levels to draw, bottom-up: those in the data (and in the filter, if any)."""
    wanted = set(levels)
    return sorted({lv for lv in present if lv is not None and (not wanted or lv in wanted)})


def new_figure(
    dark: bool, *, figsize: tuple[float, float] = FIGSIZE, compressed: bool = False
) -> Figure:
    """A figure in the theme's colours with a constrained layout (labels never overlap);
    ``compressed`` for grids of fixed-aspect axes (the calendar), which it packs tightly."""
    colours = theme(dark)
    figure = Figure(figsize=figsize, dpi=DPI, layout="compressed" if compressed else "constrained")
    figure.set_facecolor(colours.background)
    figure.set_edgecolor(colours.background)
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.set(w_pad=0.08, h_pad=0.08)  # type: ignore[call-arg]
    return figure


def titles(
    figure: Figure, title: str, subtitle: str = "", *, ax: Axes | None = None, dark: bool
) -> None:
    """The chart's title, and a muted line under it on the left (the period and how to read
    it) as the title of ``ax``, so the constrained layout keeps room for both."""
    colours = theme(dark)
    figure.suptitle(
        title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold", color=colours.text
    )
    if subtitle and ax is not None:
        ax.set_title(subtitle, loc="left", fontsize=SUBTITLE_SIZE, color=colours.muted, pad=8)


def apply_axes_style(ax: Axes, dark: bool) -> None:
    """Theme colours, a light grid behind the data, no top/right frame."""
    colours = theme(dark)
    ax.set_facecolor(colours.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colours.spine)
    ax.tick_params(colors=colours.muted, labelcolor=colours.text, labelsize=TICK_SIZE)
    ax.xaxis.label.set_color(colours.text)
    ax.yaxis.label.set_color(colours.text)
    ax.xaxis.label.set_fontsize(LABEL_SIZE)
    ax.yaxis.label.set_fontsize(LABEL_SIZE)
    ax.grid(True, axis="y", color=colours.grid, linewidth=0.8)
    ax.set_axisbelow(True)


#: "9 Nov": the day without a leading zero (Windows' C library spells that flag "#").
DAY_AND_MONTH = "%#d %b" if sys.platform == "win32" else "%-d %b"


def date_axis(ax: Axes) -> None:
    """Dates on the x axis, labelled concisely: "2025", "Mar", or "9 Nov" when the ticks
    are days (a day number alone, "09 13 17", does not say which month it is in)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    # Day ticks every 2, 3 or 4 days restart at each month's 1st and crowd its last days
    # ("29 Nov" against "1 Dec"); every day, every week (1, 8, 15, 22) or fortnight do not.
    locator.intervald[mdates.DAILY] = [1, 7, 14]
    ax.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator,
        formats=["%Y", "%b", DAY_AND_MONTH, "%H:%M", "%H:%M", "%S.%f"],
        zero_formats=["", "%Y", DAY_AND_MONTH, DAY_AND_MONTH, "%H:%M", "%H:%M"],
        show_offset=False,
    )
    ax.xaxis.set_major_formatter(formatter)


def day_number(day: date | datetime) -> float:
    """A day (or a moment) as a matplotlib date number."""
    if not isinstance(day, datetime):
        day = datetime.combine(day, time())
    return float(mdates.date2num(day.replace(tzinfo=None)))  # type: ignore[no-untyped-call]


def legend(ax: Axes, handles: Sequence[Artist], labels: Sequence[str], *, dark: bool) -> Legend:
    """A legend outside the plot on the right: it never covers data."""
    colours = theme(dark)
    leg: Legend = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        frameon=False,
        fontsize=LEGEND_SIZE,
        labelcolor=colours.text,
        handlelength=1.6,
    )
    return leg


def period_text(period: Period, *, first: date | None = None, last: date | None = None) -> str:
    """ "3 Mar 2025 to 2 Jun 2025" (with an en dash); an open end is the data's first/last."""
    since = period.since or first
    until = period.until or last
    if since is None and until is None:
        return "All time"
    if since is None:
        return f"Up to {day_text(until)}"
    if until is None:
        return f"From {day_text(since)}"
    return f"{day_text(since)} \u2013 {day_text(until)}"


def day_text(day: date | None) -> str:
    if day is None:
        return ""
    return f"{day.day} {day:%b %Y}"


def bucket_words(bucket: Bucket) -> str:
    return "week" if bucket is Bucket.WEEK else "month"


def bucket_days(bucket: Bucket) -> float:
    """The width of one bucket in days (a month is about 30.4)."""
    return 7.0 if bucket is Bucket.WEEK else 30.4


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else (f"{MINUS}{-value}" if value < 0 else "0")


def readable_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = to_rgb(colour)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#111111" if luminance > 0.5 else "#FFFFFF"


def mix(colour: str, background: str, amount: float) -> tuple[float, float, float]:
    """``amount`` (0..1) of ``colour`` over ``background``."""
    fg = to_rgb(colour)
    bg = to_rgb(background)
    a = min(max(amount, 0.0), 1.0)
    return (fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a))


def empty_state(figure: Figure, text: str, *, title: str = "", dark: bool = False) -> Figure:
    """The chart's title and a helpful line where the data would be: no axes at all."""
    colours = theme(dark)
    if title:
        titles(figure, title, dark=dark)
    figure.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        wrap=True,
        fontsize=11,
        color=colours.muted,
        gid="empty-state",
    )
    return figure
