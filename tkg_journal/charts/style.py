"""The look shared by every chart, in the app and in the exports: one matplotlib style
(font, type sizes, frame, grid), light and dark themes, the figure with its title and
subtitle, dates, keys, readable colours and the empty state.

Level colours come from :attr:`Level.colour` only (defined once, used everywhere); this
module adds the neutral colours around them. Every builder starts with :func:`new_figure`
and either draws its data or calls :func:`empty_state`, so a chart never shows an empty axis.

What does not depend on the theme is set once as matplotlib's defaults (:data:`RC`): tick
labels are made lazily, at draw time, so a style applied only while a figure is built
would miss them. Colours do depend on the theme and both themes may be drawn in one
process (the app follows the system's), so they are set on each figure and axes instead.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

import matplotlib
from cycler import cycler
from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure, SubFigure
from matplotlib.legend import Legend
from matplotlib.patches import Patch

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period

#: Default size of a chart (inches) and its resolution: 800 x 450 px.
FIGSIZE = (8.0, 4.5)
DPI = 100
#: The type scale (points), used by every chart: title, subtitle, axis labels, ticks,
#: keys, the names at line ends, notes inside the plot, and the empty state's line.
TITLE_SIZE = 12.5
SUBTITLE_SIZE = 9.0
LABEL_SIZE = 9.0
TICK_SIZE = 8.5
LEGEND_SIZE = 8.5
DIRECT_LABEL_SIZE = 8.5
NOTE_SIZE = 8.5
EMPHASIS_SIZE = 10.0  # the text a chart is read by (the pyramid's levels)
EMPTY_SIZE = 11.0
#: DejaVu Sans: what matplotlib ships (so every machine has it), what the PDF export is set
#: in (resources/fonts) and what the Linux desktops we test on show. The others stand in
#: only if a packaged build lost it; matplotlib takes the first one installed, silently.
FONTS = ("DejaVu Sans", "Bitstream Vera Sans", "Noto Sans", "Liberation Sans", "Arial")
#: matplotlib's defaults for every chart (theme-independent: see the module docstring).
RC: dict[str, object] = {
    "font.family": ["sans-serif"],
    "font.sans-serif": list(FONTS),
    "font.size": LABEL_SIZE,
    "figure.titlesize": TITLE_SIZE,
    "figure.titleweight": "bold",
    "axes.titlesize": SUBTITLE_SIZE,
    "axes.labelsize": LABEL_SIZE,
    "axes.labelpad": 5.0,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,  # each chart asks for the grid it needs (y only, mostly)
    "axes.axisbelow": True,
    "axes.unicode_minus": True,
    "axes.prop_cycle": cycler(color=[level.colour for level in Level]),
    "grid.linewidth": 0.6,
    "grid.linestyle": "-",
    "xtick.labelsize": TICK_SIZE,
    "ytick.labelsize": TICK_SIZE,
    "xtick.major.size": 3.0,
    "xtick.major.width": 0.8,
    "ytick.major.size": 0.0,  # the grid lines say where the values are
    "ytick.major.pad": 4.0,
    "lines.linewidth": 1.8,
    "lines.solid_capstyle": "round",
    "lines.solid_joinstyle": "round",
    "legend.fontsize": LEGEND_SIZE,
    "legend.frameon": False,
    "legend.handlelength": 1.4,
    "legend.handletextpad": 0.5,
    "hatch.linewidth": 0.6,
}
MINUS = "\u2212"  # a real minus sign, as wide as "+"
NO_LEVEL_TEXT = "No level"
#: Text at least this much brighter or darker than the background (WCAG's AA for text).
TEXT_CONTRAST = 4.5


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


def use_style() -> None:
    """Make :data:`RC` matplotlib's defaults (once; again if something reset them)."""
    if matplotlib.rcParams["font.sans-serif"] != RC["font.sans-serif"]:
        matplotlib.rcParams.update(RC)  # type: ignore[arg-type]  # keys checked by matplotlib


#: The figure's margins (inches): the title sits this far from the top-left corner.
PAD = 0.08
LEFT = 0.01  # the title and subtitle start here (a fraction of the width)


def new_figure(
    dark: bool, *, figsize: tuple[float, float] = FIGSIZE, compressed: bool = False
) -> Figure:
    """A figure in the theme's colours with a constrained layout (labels never overlap);
    ``compressed`` for grids of fixed-aspect axes (the calendar), which it packs tightly.

    Builders draw in :func:`plot_area` (a subfigure filling the figure), whose own title
    is the subtitle: so the layout keeps room for the title, then the subtitle, then the
    plot, and both lines start at the figure's left edge, not at the plot's.
    """
    use_style()
    colours = theme(dark)
    figure = Figure(figsize=figsize, dpi=DPI, layout="compressed" if compressed else "constrained")
    figure.set_facecolor(colours.background)
    figure.set_edgecolor(colours.background)
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.set(w_pad=PAD, h_pad=PAD)  # type: ignore[call-arg]
    area = figure.subfigures(1, 1)
    assert isinstance(area, SubFigure)
    area.set_facecolor("none")  # the figure's background shows through
    return figure


def plot_area(figure: Figure) -> SubFigure:
    """Where a builder adds its axes (see :func:`new_figure`)."""
    area = figure.subfigs[0]
    assert isinstance(area, SubFigure)
    return area


def titles(figure: Figure, title: str, subtitle: str = "", *, dark: bool) -> None:
    """The chart's title, and a muted line under it (the period and how to read it), both
    from the left edge; the layout keeps room for both."""
    colours = theme(dark)
    figure.suptitle(title, x=LEFT, ha="left", color=colours.text)
    if subtitle:
        plot_area(figure).suptitle(
            subtitle,
            x=LEFT,
            ha="left",
            fontsize=SUBTITLE_SIZE,
            fontweight="normal",
            color=colours.muted,
        )


def subtitle_of(figure: Figure) -> str:
    """The subtitle :func:`titles` wrote ("" if none)."""
    return plot_area(figure).get_suptitle()


def apply_axes_style(ax: Axes, dark: bool, *, grid: bool = True) -> None:
    """Theme colours, a light horizontal grid behind the data (``grid``), no top/right
    frame (the rest comes from :data:`RC`)."""
    colours = theme(dark)
    ax.set_facecolor(colours.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colours.spine)
    ax.tick_params(colors=colours.spine, labelcolor=colours.text)
    ax.xaxis.label.set_color(colours.text)
    ax.yaxis.label.set_color(colours.text)
    ax.grid(grid, axis="y", color=colours.grid)
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


def day_numbers(days: Sequence[date | datetime]) -> list[float]:
    """Many days (or moments) as matplotlib date numbers, in one conversion: a chart of
    1,500 pieces of feedback spent a fifth of its time converting them one by one."""
    moments = [
        day.replace(tzinfo=None) if isinstance(day, datetime) else datetime.combine(day, time())
        for day in days
    ]
    if not moments:
        return []
    return [float(x) for x in mdates.date2num(moments)]  # type: ignore[no-untyped-call]


def legend(ax: Axes, handles: Sequence[Artist], labels: Sequence[str], *, dark: bool) -> Legend:
    """A key outside the plot on the right, for what direct labels cannot name (stacked
    bars, scattered points): it never covers data."""
    colours = theme(dark)
    leg: Legend = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        labelcolor=colours.text,
    )
    return leg


#: A key above the plot holds this many entries a row: six do not fit a narrow panel.
KEY_ROW_MAX = 5


def key_row(ax: Axes, handles: Sequence[Artist], labels: Sequence[str], *, dark: bool) -> Legend:
    """A key just above the plot, from its left edge, in one row (two when long), for
    what direct labels cannot name (scattered points); its symbols at full strength even
    where the points are faint. Part of the axes, so the layout keeps room for it."""
    colours = theme(dark)
    count = max(len(labels), 1)
    rows = 1 if count <= KEY_ROW_MAX else 2
    columns = -(-count // rows)
    # matplotlib fills a legend column by column: reorder so that the rows read in order.
    order = [row * columns + column for column in range(columns) for row in range(rows)]
    blank = Patch(visible=False)
    leg: Legend = ax.legend(
        [handles[i] if i < len(handles) else blank for i in order],
        [labels[i] if i < len(labels) else "" for i in order],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        borderaxespad=0.4,
        borderpad=0.0,
        ncols=columns,
        columnspacing=1.1,
        handletextpad=0.2,
        labelcolor=colours.text,
    )
    for handle in leg.legend_handles:
        if handle is not None:
            handle.set_alpha(1.0)
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


def luminance(colour: str | tuple[float, float, float]) -> float:
    """The relative luminance of ``colour`` (WCAG 2), 0 for black to 1 for white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | tuple[float, float, float], b: str | tuple[float, float, float]) -> float:
    """The contrast ratio of two colours (WCAG 2): 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_colour(colour: str, dark: bool) -> str:
    """``colour`` for text on the theme's background: as is where it reads, else moved
    towards the text colour until it does (Empowerment's amber on white is too pale to
    read at label size, Foundation's brown on the dark background too dim)."""
    colours = theme(dark)
    for step in range(11):
        mixed = mix(colours.text, colour, step / 10)
        if contrast(mixed, colours.background) >= TEXT_CONTRAST:
            return to_hex(mixed)
    return colours.text


def hex_colour(colour: object) -> str:
    """Any matplotlib colour as "#rrggbb" (lower case)."""
    return to_hex(colour).lower()  # type: ignore[arg-type]


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
        fontsize=EMPTY_SIZE,
        color=colours.muted,
        gid="empty-state",
    )
    return figure
