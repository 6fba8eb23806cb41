"""What the mouse is over on a drawn chart, as a line for the tooltip.

Reads the matplotlib artists of a figure (bars, lines, points) at the mouse: the series,
the day, week or month, and the value. matplotlib is imported inside the functions: they
run only once a chart is drawn, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tkg_journal.domain.progress import Bucket, bucket_start
from tkg_journal.ui.progress import progress_texts as texts

if TYPE_CHECKING:
    from matplotlib.backend_bases import MouseEvent

TICK_SNAP = 0.3  # a point this close to a labelled tick is read as that tick


def hover_text(event: MouseEvent, bucket: Bucket | None = None) -> str:
    """What is under the mouse on a bar, line or point chart: "series · when: value".

    ``bucket``: the chart's weeks or months, so a bar says "week of 7 Sep 2026" rather
    than the day its middle happens to fall on. Axes on top (a twin's lines) come first.
    """
    figure = getattr(event.canvas, "figure", None)
    if figure is None:
        return ""
    for ax in reversed(figure.axes):
        if not ax.get_visible() or not ax.bbox.contains(event.x, event.y):
            continue
        text = _point_text(ax, event, bucket) or _bar_text(ax, event, bucket)
        if text:
            return text
    return ""


def _point_text(ax: Any, event: MouseEvent, bucket: Bucket | None) -> str:
    for line in ax.get_lines():
        if _hidden_label(line.get_label()):
            continue
        hit, info = line.contains(event)
        if hit and len(info.get("ind", ())):
            index = int(info["ind"][0])
            x, y = line.get_xdata()[index], line.get_ydata()[index]
            return point_text(ax, line.get_label(), x, y, bucket)
    from matplotlib.collections import PolyCollection

    for collection in ax.collections:
        if _hidden_label(collection.get_label()) or isinstance(collection, PolyCollection):
            continue  # a PolyCollection is a series of bars (charts/bars.py): _bar_text
        hit, info = collection.contains(event)
        if hit and len(info.get("ind", ())):
            x, y = collection.get_offsets()[int(info["ind"][0])]
            # Points may be nudged apart (the feedback chart's sentiments): name the
            # value by the tick they belong to ("+1 positive"), not by the nudge.
            tick = _nearest_tick_label(ax, float(y))
            if tick:
                series = collection.get_label()
                return texts.HOVER_AT.format(series=series, when=when_text(ax, x, None), value=tick)
            return point_text(ax, collection.get_label(), x, y, None)
    return ""


def _nearest_tick_label(ax: Any, y: float) -> str:
    for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=False):
        if abs(float(tick) - y) <= TICK_SNAP and label.get_text():
            return str(label.get_text())
    return ""


def _bar_text(ax: Any, event: MouseEvent, bucket: Bucket | None) -> str:
    from matplotlib.collections import PolyCollection

    from tkg_journal.charts.bars import bars_of

    for collection in ax.collections:
        if _hidden_label(collection.get_label()) or not isinstance(collection, PolyCollection):
            continue
        hit, info = collection.contains(event)
        if hit and len(info.get("ind", ())):
            bar = bars_of(collection)[int(info["ind"][0])]
            return point_text(ax, collection.get_label(), bar.centre, bar.height, bucket)
    for container in getattr(ax, "containers", ()):
        if getattr(container, "orientation", "vertical") != "vertical":
            continue
        for patch in getattr(container, "patches", ()):
            if patch.get_height() and patch.contains(event)[0]:
                middle = patch.get_x() + patch.get_width() / 2
                return point_text(ax, container.get_label(), middle, patch.get_height(), bucket)
    return ""


def _hidden_label(label: object) -> bool:
    return not isinstance(label, str) or not label or label.startswith("_")


def point_text(ax: Any, label: object, x: Any, value: Any, bucket: Bucket | None) -> str:
    """ "series · when: value", as the mouse read-out says it (the keyboard's too)."""
    from matplotlib.ticker import PercentFormatter

    series = "" if _hidden_label(label) else str(label)
    number = float(value)
    formatter = ax.yaxis.get_major_formatter()
    if isinstance(formatter, PercentFormatter):
        shown = f"{number / formatter.xmax * 100:.0f}%"
    elif number.is_integer():
        shown = f"{number:.0f}"
    else:
        shown = f"{number:.2f}".rstrip("0")
    when = when_text(ax, x, bucket)
    if series and when:
        return texts.HOVER_AT.format(series=series, when=when, value=shown)
    if series or when:
        return texts.HOVER_VALUE.format(series=series or when, value=shown)
    return shown


def when_text(ax: Any, x: Any, bucket: Bucket | None) -> str:
    """The day (or week, or month) at ``x`` on a date axis; "" on any other axis."""
    from matplotlib import dates

    if isinstance(x, date):
        day = x
    elif isinstance(ax.xaxis.get_major_locator(), dates.DateLocator):
        # matplotlib.dates is not annotated: this is the one signature used here.
        num2date: Callable[[float], datetime] = dates.num2date
        try:
            day = num2date(float(x)).date()
        except (TypeError, ValueError, OverflowError):
            return ""
    else:
        return ""
    if bucket is None:
        return texts.day_text(day)
    start = bucket_start(day, bucket)
    if bucket is Bucket.WEEK:
        return texts.HOVER_WEEK.format(day=texts.day_text(start))
    return f"{start:%B %Y}"
