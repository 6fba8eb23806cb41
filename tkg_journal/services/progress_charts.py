"""The one place that joins progress data and chart builders, and saves a chart to a file.

:func:`render` asks the :class:`Progress` service for the data a chart needs (in SQL
aggregates) and hands it to the chart's builder in :mod:`tkg_journal.charts`; :func:`save`
writes a figure as PNG or SVG without ever leaving a partial file.

matplotlib is imported inside the functions only: listing the charts (:data:`CHARTS`, for
``tkg-journal chart --list`` and the Progress section's layout) must not pay for it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.charts.catalogue import CHART_CATALOGUE
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period, bucket_for, check_levels
from tkg_journal.services.progress import Progress
from tkg_journal.storage.errors import WriteFailed

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


def render(
    progress: Progress,
    name: str,
    *,
    period: Period,
    levels: Sequence[Level] = (),
    dark: bool = False,
    today: date | None = None,
) -> Figure:
    """Draw chart ``name`` over ``period`` (levels: a filter for the charts drawn per level:
    activity, attempts and feedback; the rating trend, the hierarchy and the calendar always
    show the whole picture)."""
    chart_info(name)
    chosen = check_levels(levels)
    today = today or progress.today()
    if period.until is None and (period.since is None or period.since <= today):
        # An open end means "up to today", so the subtitle names today rather than the
        # first day of the last month's bar.
        period = replace(period, until=today)
    if name == "activity":
        from tkg_journal.charts.activity import build_activity

        bucket = bucket_for(period, first_day=progress.first_day(), today=today)
        bars = progress.activity(period, bucket=bucket, levels=chosen)
        return build_activity(bars, bucket=bucket, period=period, levels=chosen, dark=dark)
    if name == "ratings":
        from tkg_journal.charts.ratings import build_ratings

        return build_ratings(progress.ratings(period), period=period, dark=dark)
    if name == "attempts":
        from tkg_journal.charts.attempts import build_attempts

        bucket = bucket_for(period, first_day=progress.first_day(), today=today)
        stats = progress.attempt_stats(period, bucket=bucket, levels=chosen)
        return build_attempts(stats, bucket=bucket, period=period, levels=chosen, dark=dark)
    if name == "feedback":
        from tkg_journal.charts.feedback import build_feedback

        points = progress.feedback(period, levels=chosen)
        return build_feedback(points, period=period, levels=chosen, dark=dark)
    if name == "hierarchy":
        from tkg_journal.charts.hierarchy import build_hierarchy

        strengths = progress.strengths(today=period.until or today)
        return build_hierarchy(strengths, period=period, dark=dark)
    from tkg_journal.charts.calendar import build_calendar

    return build_calendar(progress.journaling_days(period), period=period, dark=dark)


def save(figure: Figure, path: Path) -> None:
    """Write ``figure`` to ``path`` as PNG or SVG (by the suffix), all or nothing.

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
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as tmp:
            figure.savefig(
                tmp,
                format=fmt,
                dpi=PNG_DPI if fmt == "png" else "figure",
                facecolor=figure.get_facecolor(),
                edgecolor=figure.get_facecolor(),
                metadata=_metadata(fmt),
            )
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(
            f"Could not save the chart to {path}: {reason}. "
            "Choose another folder, or free some disk space, and try again."
        ) from error
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _metadata(fmt: str) -> dict[str, str | None]:
    # No creation date in an SVG: the same chart saves to the same bytes.
    if fmt == "svg":
        return {"Date": None, "Creator": "TKG Journal"}
    return {"Software": "TKG Journal"}
