"""The one place that joins progress data and chart builders, and saves a chart to a file.

:func:`render` asks the :class:`Progress` service for the data a chart needs (in SQL
aggregates) and hands it to the chart's builder in :mod:`tkg_journal.charts`; :func:`save`
writes a figure as PNG or SVG without ever leaving a partial file.

matplotlib is imported inside the functions only: listing the charts (:data:`CHARTS`, for
``tkg-journal chart --list`` and the Progress section's layout) must not pay for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tkg_journal.charts.catalogue import CHART_CATALOGUE
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period, bucket_for, check_levels
from tkg_journal.services.files import write_atomically
from tkg_journal.services.progress import Progress

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: File formats :func:`save` writes, by suffix.
FORMATS = {".png": "png", ".svg": "svg"}
#: Resolution of a saved PNG: twice the screen's, so it stays sharp in a document.
PNG_DPI = 200


@dataclass(frozen=True, slots=True)
class ChartInfo:
    """A chart the app can draw: its name (for the CLI), title and a short description."""

    name: str
    title: str
    description: str


CHARTS: tuple[ChartInfo, ...] = tuple(ChartInfo(*row) for row in CHART_CATALOGUE)


def chart_info(name: str) -> ChartInfo:
    """The chart called ``name``; raises DomainError listing the names there are."""
    for info in CHARTS:
        if info.name == name:
            return info
    names = ", ".join(info.name for info in CHARTS)
    raise DomainError(f"unknown chart {name!r}; use one of: {names}")


@dataclass(frozen=True, slots=True)
class ChartData:
    """What chart ``name``'s builder needs, read from the journal: plain data, so the
    (slow) drawing can run on another thread than the database reads."""

    name: str
    data: Any
    options: dict[str, Any] = field(default_factory=dict)


#: Each chart's builder: (module under tkg_journal.charts, function).
_BUILDERS = {
    "activity": ("activity", "build_activity"),
    "ratings": ("ratings", "build_ratings"),
    "attempts": ("attempts", "build_attempts"),
    "feedback": ("feedback", "build_feedback"),
    "hierarchy": ("hierarchy", "build_hierarchy"),
    "calendar": ("calendar", "build_calendar"),
}


def collect(
    progress: Progress,
    name: str,
    *,
    period: Period,
    levels: Sequence[Level] = (),
    today: date | None = None,
) -> ChartData:
    """Read the data of chart ``name`` over ``period`` (levels: a filter for the charts
    drawn per level: activity, attempts and feedback; the rating trend, the hierarchy and
    the calendar always show the whole picture). No matplotlib here."""
    chart_info(name)
    chosen = check_levels(levels)
    today = today or progress.today()
    if period.until is None and (period.since is None or period.since <= today):
        # An open end means "up to today", so the subtitle names today rather than the
        # first day of the last month's bar.
        period = replace(period, until=today)
    if name in ("activity", "attempts"):
        bucket = bucket_for(period, first_day=progress.first_day(), today=today)
        data: Any = (
            progress.activity(period, bucket=bucket, levels=chosen)
            if name == "activity"
            else progress.attempt_stats(period, bucket=bucket, levels=chosen)
        )
        return ChartData(name, data, {"bucket": bucket, "period": period, "levels": chosen})
    if name == "ratings":
        return ChartData(name, progress.ratings(period), {"period": period})
    if name == "feedback":
        points = progress.feedback(period, levels=chosen)
        return ChartData(name, points, {"period": period, "levels": chosen})
    if name == "hierarchy":
        strengths = progress.strengths(today=period.until or today)
        return ChartData(name, strengths, {"period": period})
    return ChartData(name, progress.journaling_days(period), {"period": period})


def sentence(chart: ChartData) -> str:
    """What ``chart`` shows, in one sentence of numbers (charts/summaries.py): the app's
    caption and accessible description, the summary's alt text, the command line's line
    and the saved file's description all say this. No matplotlib."""
    from tkg_journal.charts.summaries import summarise

    return summarise(chart.name, chart.data, chart.options)


def build(chart: ChartData, *, dark: bool = False) -> Figure:
    """Draw collected data as a matplotlib figure (imports matplotlib; no database)."""
    import importlib

    module, function = _BUILDERS[chart.name]
    builder = getattr(importlib.import_module(f"tkg_journal.charts.{module}"), function)
    figure: Figure = builder(chart.data, dark=dark, **chart.options)
    return figure


def render(
    progress: Progress,
    name: str,
    *,
    period: Period,
    levels: Sequence[Level] = (),
    dark: bool = False,
    today: date | None = None,
) -> Figure:
    """Read and draw chart ``name`` (``collect`` then ``build``)."""
    return build(collect(progress, name, period=period, levels=levels, today=today), dark=dark)


def save(figure: Figure, path: Path, *, description: str | None = None) -> None:
    """Write ``figure`` to ``path`` as PNG or SVG (by the suffix), all or nothing;
    ``description`` (the chart's sentence) goes into the file's own metadata.

    Raises:
        DomainError: the suffix is neither .png nor .svg.
        WriteFailed: the folder is missing or unwritable, or the disk is full; no file
            (partial or temporary) is left behind.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DomainError(
            f"cannot save a chart as {path.name!r}: use a file name ending in .png or .svg"
        )
    write_atomically(
        path,
        lambda handle: figure.savefig(
            handle,
            format=fmt,
            dpi=PNG_DPI if fmt == "png" else "figure",
            facecolor=figure.get_facecolor(),
            edgecolor=figure.get_facecolor(),
            metadata=_metadata(fmt, description),
        ),
        what="the chart",
    )


def _metadata(fmt: str, description: str | None) -> dict[str, str | None]:
    # No creation date in an SVG: the same chart saves to the same bytes.
    found: dict[str, str | None] = (
        {"Date": None, "Creator": "TKG Journal"} if fmt == "svg" else {"Software": "TKG Journal"}
    )
    if description:
        found["Description"] = description  # SVG: dc:description; PNG: a text chunk
    return found
