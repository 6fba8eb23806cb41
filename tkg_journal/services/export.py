"""Export the pre-session summary as PDF, Markdown (charts as PNG files beside it) or one
self-contained HTML file.

Two halves: ``plan_export`` reads everything from the journal (SQL: the summary and the
charts' data); ``write_export`` draws the charts (``services/chart_drawing.py``), lays the
document out once (``reports/summary_document.py``) and writes it in the chosen format, all
or nothing (``services/files.py``), without touching the database, so the app runs it on a
worker thread with a progress bar while the journal stays usable.

A PDF can be locked with a password (:class:`PdfPassword`): AES-256, opened only with it.
Markdown and HTML are plain text and cannot carry one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from pathlib import Path

from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import (
    SUMMARY_CHARTS,
    ChartImage,
    Summary,
    SummaryOptions,
    SummarySection,
)
from tkg_journal.services import files, progress_charts
from tkg_journal.services.chart_drawing import draw_charts
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.services.progress_charts import ChartData
from tkg_journal.services.summary import build_summary

#: How far back the summary's self-rating chart looks at least (see ``_summary_chart``).
RATINGS_LOOK_BACK = timedelta(weeks=12)

ProgressCallback = Callable[[int, int, str], None]  # (step, of steps, what is happening)
ChartDrawer = Callable[[Sequence[ChartData]], tuple[ChartImage, ...]]


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


#: Said when a password is given for a format that cannot carry one.
NO_PASSWORD_FORMAT = (
    "{label} files cannot carry a password; only a PDF can be locked with one "
    "(choose PDF, or leave the password out)"
)


@dataclass(frozen=True, slots=True)
class PdfPassword:
    """The password the coach types to open a PDF summary.

    Kept out of ``repr`` (and so out of tracebacks, logs and test reports) on purpose: it
    is a secret the user shares with one person. An empty password is refused here; the
    rest of what a PDF password may hold is checked by :meth:`check`, and again when the
    PDF is written.
    """

    text: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self.text:
            from tkg_journal.reports.pdf_password import EMPTY

            raise DomainError(EMPTY)

    def check(self) -> None:
        """Refuse a password a PDF cannot use as typed, before any work is done.

        Raises:
            DomainError: too long, or with characters PDF readers change or drop.
        """
        from tkg_journal.reports.pdf_password import password_problem

        problem = password_problem(self.text)
        if problem is not None:
            raise DomainError(problem)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: ExportFormat
    charts_folder: Path | None  # Markdown: the folder of PNG files beside it
    summary: Summary
    protected: bool = False  # a PDF that opens only with its password


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
        charts = tuple(_summary_chart(data, name, summary) for name in SUMMARY_CHARTS)
    return ExportPlan(summary, charts)


def _summary_chart(data: Progress, name: str, summary: Summary) -> ChartData:
    period, today = summary.period, summary.generated_on
    if name != "ratings":
        return progress_charts.collect(data, name, period=period, today=today)
    # Weekly check-ins give a fortnight between sessions one or two points: no trend. The
    # self-rating chart looks back further and shades the summary's own period.
    assert period.since is not None and period.until is not None
    since = min(period.since, period.until - RATINGS_LOOK_BACK)
    chart = progress_charts.collect(data, name, period=Period(since, period.until), today=today)
    return replace(chart, options={**chart.options, "highlight": period})


def write_export(
    plan: ExportPlan,
    fmt: ExportFormat,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
    draw: ChartDrawer = draw_charts,
    replace_read_only: bool = False,
    password: PdfPassword | None = None,
) -> ExportResult:
    """Draw the planned charts, lay the summary out and write it to ``path`` as ``fmt``.
    Touches no database. ``draw`` turns the charts' data into images: here by default,
    or a ``DrawingProcess`` started earlier (the command line). A read-only file at
    ``path`` is replaced only with ``replace_read_only`` (the user confirmed it). With
    ``password`` (PDF only) the file is encrypted and opens only with it.

    Raises:
        DomainError: a password for Markdown or HTML, or one a PDF cannot use.
        ReadOnlyFile: ``path`` is a read-only file and ``replace_read_only`` is false.
        WriteFailed: the folder is missing or unwritable, or the disk is full; no file
            (partial or temporary) is left behind and an earlier file is unchanged.
    """
    from tkg_journal.reports.summary_document import build_document

    path = Path(path)
    if password is not None:
        if fmt is not ExportFormat.PDF:
            raise DomainError(NO_PASSWORD_FORMAT.format(label=fmt.label))
        password.check()
    tell = progress or (lambda _step, _of, _what: None)
    steps = 2 if plan.charts else 1
    if not path.parent.is_dir():
        raise files.write_failed(
            "the summary", path, FileNotFoundError(2, "the folder does not exist")
        )
    if path.is_dir():
        raise files.write_failed("the summary", path, IsADirectoryError(21, "it is a folder"))
    if not replace_read_only:
        files.refuse_read_only(path)
    summary = plan.summary
    if plan.charts:
        tell(0, steps, "Drawing the charts")
        summary = replace(summary, charts=draw(plan.charts))
    tell(steps - 1, steps, f"Writing the {fmt.label} file")
    document = build_document(summary, protected=password is not None)
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

        pdf = to_pdf(document, password=password.text if password is not None else None)
        files.write_bytes_atomically(path, pdf, what="the summary")
    tell(steps, steps, "Done")
    return ExportResult(
        path=path,
        format=fmt,
        charts_folder=folder,
        summary=summary,
        protected=password is not None,
    )


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
