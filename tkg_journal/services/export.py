"""Export the pre-session summary as PDF, Markdown (charts as PNG files beside it) or one
self-contained HTML file.

Two halves: ``plan_export`` reads everything from the journal (SQL: the summary and the
charts' data); ``write_export`` draws the charts (matplotlib, imported only then), lays the
document out once (``reports/summary_document.py``) and writes it in the chosen format, all
or nothing (``services/files.py``), without touching the database, so the app runs it on a
worker thread with a progress bar while the journal stays usable.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.summary import (
    SUMMARY_CHARTS,
    ChartImage,
    Summary,
    SummaryOptions,
    SummarySection,
)
from tkg_journal.services import files, progress_charts
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.services.progress_charts import ChartData
from tkg_journal.services.summary import build_summary

#: Charts are drawn at the size the Progress section uses and saved at this resolution:
#: sharp on paper at the PDF's text width, small enough to keep the files light.
CHART_DPI = 150

ProgressCallback = Callable[[int, int, str], None]  # (step, of steps, what is happening)


class ExportFormat(StrEnum):
    PDF = "pdf"
    MARKDOWN = "md"
    HTML = "html"

    @property
    def suffix(self) -> str:
        return f".{self.value}"

    @property
    def label(self) -> str:
        return {"pdf": "PDF", "md": "Markdown", "html": "HTML"}[self.value]


def parse_format(text: str) -> ExportFormat:
    raw = text.strip().lower().lstrip(".")
    aliases = {"markdown": "md", "htm": "html"}
    try:
        return ExportFormat(aliases.get(raw, raw))
    except ValueError:
        raise DomainError(
            f"unknown export format {text!r}: use pdf, md (Markdown) or html"
        ) from None


class EmptyPeriod(DomainError):
    """Nothing was recorded in the period: no summary to write."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: ExportFormat
    charts_folder: Path | None  # Markdown: the folder of PNG files beside it
    summary: Summary


def charts_folder_for(path: Path) -> Path:
    """Where a Markdown summary's charts go: ``summary.md`` -> ``summary-charts/``."""
    return path.with_name(f"{path.stem}-charts")


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """Everything an export needs from the journal, read in one go: writing it needs no
    database, so it can run on a worker thread while the app stays usable."""

    summary: Summary
    charts: tuple[ChartData, ...]


def plan_export(journal: Journal, options: SummaryOptions) -> ExportPlan:
    """Read the summary (and the charts' data, when charts are wanted) from the journal.

    Raises:
        EmptyPeriod: nothing was written, tried or received in the period.
    """
    summary = build_summary(journal, options)
    if summary.is_empty and not summary.questions and not summary.question_entries:
        since, until = summary.period.since, summary.period.until
        assert since is not None and until is not None
        raise EmptyPeriod(
            f"nothing was recorded from {since.isoformat()} to {until.isoformat()} (no "
            "entries, attempts or feedback): choose a longer period"
        )
    charts: tuple[ChartData, ...] = ()
    if options.charts and summary.shows(SummarySection.CHARTS):
        data = Progress(journal)
        charts = tuple(
            progress_charts.collect(data, name, period=summary.period, today=summary.generated_on)
            for name in SUMMARY_CHARTS
        )
    return ExportPlan(summary, charts)


def draw_charts(charts: Sequence[ChartData], *, processes: int = 1) -> tuple[ChartImage, ...]:
    """The charts as PNG images (matplotlib is imported here, on first use).

    ``processes`` > 1 splits the drawing across forked processes, one core each: the
    command line uses it (nothing else runs in that process, and the journal is closed),
    the app does not (Qt and fork do not mix).
    """
    if processes > 1 and len(charts) > 1 and hasattr(os, "fork"):
        return _draw_forked(charts, processes)
    return tuple(_draw(chart) for chart in charts)


def _draw(chart: ChartData) -> ChartImage:
    figure = progress_charts.build(chart)
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=CHART_DPI,
        facecolor=figure.get_facecolor(),
        metadata={"Software": "TKG Journal"},
    )
    width, height = figure.get_size_inches()
    info = progress_charts.chart_info(chart.name)
    return ChartImage(
        name=chart.name,
        title=info.title,
        description=info.description,
        png=buffer.getvalue(),
        width_px=round(width * CHART_DPI),
        height_px=round(height * CHART_DPI),
    )


def _draw_forked(charts: Sequence[ChartData], processes: int) -> tuple[ChartImage, ...]:
    import pickle

    import matplotlib.figure  # noqa: F401 - imported once, before forking, for every child

    shares = [list(charts[index::processes]) for index in range(processes)]
    children: list[tuple[int, int, list[ChartData]]] = []
    for share in shares[1:]:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: draw its share, send the images, leave at once
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(pickle.dumps([_draw(chart) for chart in share]))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        children.append((pid, read, share))
    drawn = {image.name: image for image in (_draw(chart) for chart in shares[0])}
    for pid, read, share in children:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        # Our own pickles, from our own child process.
        images = pickle.loads(data) if status == 0 and data else [_draw(c) for c in share]
        drawn.update((image.name, image) for image in images)
    return tuple(drawn[chart.name] for chart in charts)


def write_export(
    plan: ExportPlan,
    fmt: ExportFormat,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
    processes: int = 1,
) -> ExportResult:
    """Draw the planned charts, lay the summary out and write it to ``path`` as ``fmt``.
    Touches no database.

    Raises:
        WriteFailed: the folder is missing or unwritable, or the disk is full; no file
            (partial or temporary) is left behind and an earlier file is unchanged.
    """
    from tkg_journal.reports.summary_document import build_document

    path = Path(path)
    tell = progress or (lambda _step, _of, _what: None)
    steps = 2 if plan.charts else 1
    if not path.parent.is_dir():
        raise files.write_failed(
            "the summary", path, FileNotFoundError(2, "the folder does not exist")
        )
    summary = plan.summary
    if plan.charts:
        tell(0, steps, "Drawing the charts")
        summary = replace(summary, charts=draw_charts(plan.charts, processes=processes))
    tell(steps - 1, steps, f"Writing the {fmt.label} file")
    document = build_document(summary)
    folder: Path | None = None
    if fmt is ExportFormat.MARKDOWN:
        from tkg_journal.reports.markdown import to_markdown

        images = {f"{chart.name}.png": chart.png for chart in summary.charts}
        folder = charts_folder_for(path) if images else None
        links = {c.name: f"{charts_folder_for(path).name}/{c.name}.png" for c in summary.charts}
        text = to_markdown(document, links).encode("utf-8")
        if folder is not None:
            files.write_with_folder(path, text, folder, images, what="the summary")
        else:
            files.write_bytes_atomically(path, text, what="the summary")
    elif fmt is ExportFormat.HTML:
        from tkg_journal.reports.html import to_html

        files.write_bytes_atomically(path, to_html(document).encode("utf-8"), what="the summary")
    else:
        from tkg_journal.reports.pdf import to_pdf

        files.write_bytes_atomically(path, to_pdf(document), what="the summary")
    tell(steps, steps, "Done")
    return ExportResult(path=path, format=fmt, charts_folder=folder, summary=summary)


def export_summary(
    journal: Journal,
    options: SummaryOptions,
    fmt: ExportFormat,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """``plan_export`` then ``write_export``, in this thread (the command line)."""
    return write_export(plan_export(journal, options), fmt, path, progress=progress)
