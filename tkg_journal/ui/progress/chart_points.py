"""The points of a drawn chart that the arrow keys move through, each with its read-out.

A point has a place on the figure (for the highlight ring) and the text the mouse read-out
gives for it (:func:`chart_hover.point_text`), so the keyboard and the mouse say the same.
Bars are read back from the figure (where they are drawn, with their offsets); the
ratings and feedback charts are walked through their rows (each check-in and each piece
of feedback, not the hundreds of samples of a rolling mean); the pyramid by its five
bands, bottom-up; the calendar day by day (Up and Down a week).

matplotlib is imported by the caller already (a figure exists): nothing here imports it
at module level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from tkg_journal.charts import series as chart_series
from tkg_journal.charts.summaries import day_text, plural, signed, strength_text
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket
from tkg_journal.ui.progress import progress_texts as texts
from tkg_journal.ui.progress.chart_hover import point_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DAYS_A_WEEK = 7


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One point: the axes it is drawn on, its place in their data coordinates, and what
    it says."""

    ax: Any
    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class ChartPoints:
    """A chart's points by series, each in order. Left/Right move ``across`` points along a
    series; Down moves ``down`` points along it (Up as many back), or, when ``down`` is 0,
    to the next series (Up: the one before), at the point nearest in x."""

    series: tuple[tuple[ChartPoint, ...], ...] = ()
    across: int = 1
    down: int = 0

    def __bool__(self) -> bool:
        return any(self.series)


def chart_points(
    name: str, figure: Figure, *, bucket: Bucket | None, data: Any, options: dict[str, Any]
) -> ChartPoints:
    """The points of chart ``name`` as drawn in ``figure`` from ``data``."""
    if name == "ratings":
        return _ratings(figure, data)
    if name == "feedback":
        return _feedback(figure, data, options.get("levels", ()))
    if name == "hierarchy":
        return _hierarchy(figure, data)
    if name == "calendar":
        return _calendar(figure)
    return _bars_and_lines(figure, bucket)


def _sorted(points: list[ChartPoint]) -> tuple[ChartPoint, ...]:
    return tuple(sorted((p for p in points if p.x == p.x and p.y == p.y), key=lambda p: p.x))


def _bars_and_lines(figure: Figure, bucket: Bucket | None) -> ChartPoints:
    """Activity and attempts: each series of bars, then each line (the twin axes' outcome
    lines), in the order they were drawn."""
    from matplotlib.collections import PolyCollection

    from tkg_journal.charts.bars import bars_of

    found: list[tuple[ChartPoint, ...]] = []
    for ax in figure.axes:
        if not ax.get_visible():
            continue
        for collection in ax.collections:
            label = collection.get_label()
            if not isinstance(collection, PolyCollection) or _hidden(label):
                continue
            points = [
                ChartPoint(
                    ax,
                    bar.centre,
                    bar.bottom + bar.height,
                    point_text(ax, label, bar.centre, bar.height, bucket),
                )
                for bar in bars_of(collection)
            ]
            found.append(_sorted(points))
        for container in getattr(ax, "containers", ()):
            label = container.get_label()
            points = []
            for patch in getattr(container, "patches", ()):
                if not patch.get_height():
                    continue
                middle = patch.get_x() + patch.get_width() / 2
                top = patch.get_y() + patch.get_height()
                text = point_text(ax, label, middle, patch.get_height(), bucket)
                points.append(ChartPoint(ax, middle, top, text))
            found.append(_sorted(points))
        for line in ax.get_lines():
            label = line.get_label()
            if _hidden(label):
                continue
            xs: list[Any] = list(line.get_xdata())  # type: ignore[arg-type]
            ys: list[Any] = list(line.get_ydata())  # type: ignore[arg-type]
            points = [
                ChartPoint(ax, float(x), float(y), point_text(ax, label, x, y, bucket))
                for x, y in zip(xs, ys, strict=True)
            ]
            found.append(_sorted(points))
    return ChartPoints(tuple(s for s in found if s))


def _hidden(label: object) -> bool:
    return not isinstance(label, str) or not label or label.startswith("_")


def _ratings(figure: Figure, data: Any) -> ChartPoints:
    """Each check-in's score, a series per level (the raw scores, under any smoothing)."""
    from tkg_journal.charts import style

    if not figure.axes:
        return ChartPoints()
    ax = figure.axes[0]
    rows = chart_series.rating_rows(data or ())
    by_level: dict[Level, list[ChartPoint]] = {}
    for p in rows:
        text = texts.HOVER_AT.format(series=p.level.title, when=day_text(p.day), value=p.score)
        by_level.setdefault(p.level, []).append(
            ChartPoint(ax, style.day_number(p.day), float(p.score), text)
        )
    return ChartPoints(tuple(_sorted(by_level[level]) for level in sorted(by_level)))


def _feedback(figure: Figure, data: Any, levels: Any) -> ChartPoints:
    """Each piece of feedback, a series per level (no level last)."""
    from tkg_journal.charts import style
    from tkg_journal.charts.feedback import SENTIMENT_TICKS

    if not figure.axes:
        return ChartPoints()
    ax = figure.axes[0]
    words = dict(SENTIMENT_TICKS)
    rows = chart_series.feedback_rows(data or (), levels)
    by_level: dict[Level | None, list[ChartPoint]] = {}
    for p in rows:
        moment = chart_series.local_time(p.when)
        value = words.get(p.sentiment, signed(p.sentiment))
        series = p.level.title if p.level is not None else texts.NO_LEVEL
        text = texts.HOVER_AT.format(series=series, when=day_text(moment.date()), value=value)
        by_level.setdefault(p.level, []).append(
            ChartPoint(ax, style.day_number(moment), float(p.sentiment), text)
        )
    order = sorted(by_level, key=lambda lv: int(lv) if lv is not None else len(Level) + 1)
    return ChartPoints(tuple(_sorted(by_level[level]) for level in order))


def _hierarchy(figure: Figure, data: Any) -> ChartPoints:
    """The five bands bottom-up: one series; Right and Up go a level up."""
    from matplotlib.patches import Polygon

    strengths = {s.level: s for s in (data or ())}
    points: list[ChartPoint] = []
    for ax in figure.axes:
        for patch in ax.patches:
            gid = patch.get_gid() or ""
            if not isinstance(patch, Polygon) or not gid.startswith("band-"):
                continue
            level = Level[gid.removeprefix("band-").upper()]
            xy = patch.get_xy()
            known = strengths.get(level)
            text = strength_text(known) if known is not None else str(patch.get_label())
            points.append(ChartPoint(ax, 0.0, float(xy[:, 1].mean()), text))
    points.sort(key=lambda p: p.y)
    # Down goes down the pyramid: to the level below.
    return ChartPoints((tuple(points),), down=-1) if points else ChartPoints()


def _calendar(figure: Figure) -> ChartPoints:
    """Every day of the calendar in order; Up and Down move a day, Left and Right a week."""
    from matplotlib.collections import QuadMesh

    from tkg_journal.charts.calendar import CALENDAR_GID

    points: list[tuple[date, ChartPoint]] = []
    for ax in figure.axes:
        gid = ax.get_gid() or ""
        if not gid.startswith(CALENDAR_GID):
            continue
        monday = date.fromisoformat(gid.removeprefix(CALENDAR_GID))
        for mesh in ax.collections:
            if not isinstance(mesh, QuadMesh):
                continue
            grid = mesh.get_array()
            if grid is None or getattr(grid, "ndim", 0) != 2:
                continue
            mask = getattr(grid, "mask", None)
            for week in range(grid.shape[1]):
                for weekday in range(grid.shape[0]):
                    if mask is not None and bool(mask[weekday, week]):
                        continue
                    count = int(grid[weekday, week])
                    day = monday + timedelta(days=week * DAYS_A_WEEK + weekday)
                    text = texts.CALENDAR_POINT.format(
                        day=day_text(day),
                        entries=plural(count, "entry", "entries") if count else texts.NO_ENTRIES,
                    )
                    points.append((day, ChartPoint(ax, week + 0.5, weekday + 0.5, text)))
    points.sort(key=lambda item: item[0])
    ordered = tuple(point for _day, point in points)
    # Weekdays run down the grid and weeks across it: Left/Right move a week.
    return ChartPoints((ordered,), across=DAYS_A_WEEK, down=1) if ordered else ChartPoints()
