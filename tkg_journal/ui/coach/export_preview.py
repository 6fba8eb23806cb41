"""The right side of the Export summary dialog: the summary as the export will say it.

The dialog reads the summary (on the GUI thread) and hands it here; the preview renders
its Markdown, with a labelled box where each chart will go (the charts themselves are
drawn only when the file is written), or says why there is nothing to export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
)
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from tkg_journal.domain.summary import SUMMARY_CHARTS, ChartImage, Summary
from tkg_journal.services import progress_charts
from tkg_journal.services.export import EmptyPeriod
from tkg_journal.services.progress_charts import ChartData
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.common.messages import as_sentence
from tkg_journal.ui.common.object_name import named

#: Charts in the preview are stand-ins loaded from this made-up folder (never a file).
_PREVIEW_CHART_FOLDER = "preview-chart"
_PREVIEW_CHART_SIZE = QSize(340, 72)
#: A stand-in is never narrower than this, however narrow the preview (it then scrolls).
_PREVIEW_CHART_MIN_WIDTH = 160


class PreviewBrowser(QTextBrowser):
    """The preview text: the summary's Markdown, with a labelled box where each chart goes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_titles: dict[str, str] = {}

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        path = QUrl(url).path()
        if kind == QTextDocument.ResourceType.ImageResource.value and path.startswith(
            f"{_PREVIEW_CHART_FOLDER}/"
        ):
            name, _, width = path.split("/", 1)[1].removesuffix(".png").rpartition("-")
            return self._chart_box(self.chart_titles.get(name, name), int(width))
        return super().loadResource(kind, url)

    def chart_box_width(self) -> int:
        """The stand-ins' width: as wide as a chart box should be, but never wider than
        the text area (a wider image would scroll the whole preview sideways)."""
        margins = 2 * round(self.document().documentMargin()) + 4
        room = self.viewport().width() - margins
        return max(_PREVIEW_CHART_MIN_WIDTH, min(_PREVIEW_CHART_SIZE.width(), room))

    def _chart_box(self, title: str, width: int) -> QImage:
        ratio = self.devicePixelRatioF()
        size = QSize(width, _PREVIEW_CHART_SIZE.height())
        image = QImage(
            round(size.width() * ratio), round(size.height() * ratio), QImage.Format.Format_ARGB32
        )
        image.setDevicePixelRatio(ratio)
        palette = self.palette()
        image.fill(palette.color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(image)
        pen = QColor(palette.color(QPalette.ColorRole.Text))
        pen.setAlphaF(0.55)
        painter.setPen(pen)
        painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
        painter.setFont(self.font())
        painter.drawText(
            0,
            0,
            size.width(),
            size.height(),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            texts.CHART_PLACEHOLDER.format(title=title),
        )
        painter.end()
        return image


class ExportPreview(QWidget):
    """The preview pane: a heading, a line saying how many charts go in, and the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPreviewPane")
        label = QLabel(texts.PREVIEW_LABEL)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self.charts_line = named(QLabel(), "exportChartsLine")
        self.charts_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.browser = named(PreviewBrowser(), "exportPreview")
        self.browser.setAccessibleName(texts.PREVIEW_ACCESSIBLE_NAME)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        label.setBuddy(self.browser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.charts_line)
        layout.addWidget(self.browser, 1)
        #: What is shown and the chart boxes' width then (None: an error or nothing).
        self._shown: tuple[Summary, bool, dict[str, str], bool, int] | None = None

    def show_summary(
        self,
        summary: Summary,
        *,
        charts: bool,
        sentences: Mapping[str, str] | None = None,
        protected: bool = False,
    ) -> None:
        """Show ``summary`` as the file will say it, with a box for each chart and, under
        it, the chart's sentence from ``sentences`` (by chart name) when there is one."""
        sentences = dict(sentences or {})
        self._shown = (summary, charts, sentences, protected, self.browser.chart_box_width())
        from tkg_journal.reports.markdown import to_markdown
        from tkg_journal.reports.summary_document import build_document

        browser = self.browser
        chart_count = len(SUMMARY_CHARTS) if charts else 0
        links: dict[str, str] = {}
        if chart_count:
            stand_ins = tuple(_stand_in(name, sentences.get(name, "")) for name in SUMMARY_CHARTS)
            summary = replace(summary, charts=stand_ins)
            # The width is in the name: a document keeps the images it loaded by name.
            width = browser.chart_box_width()
            links = {c.name: f"{_PREVIEW_CHART_FOLDER}/{c.name}-{width}.png" for c in stand_ins}
            browser.chart_titles = {c.name: c.title for c in stand_ins}
        scroll = browser.verticalScrollBar().value()
        browser.setMarkdown(to_markdown(build_document(summary, protected=protected), links))
        self._fit_tables()
        browser.verticalScrollBar().setValue(scroll)
        self.charts_line.setText(texts.charts_line(chart_count))

    def show_error(self, error: BaseException) -> None:
        """Why there is nothing to export: an empty period as it is, anything else as a
        failed preview."""
        self.browser.chart_titles = {}
        self._shown = None
        message = as_sentence(str(error))
        self.browser.setPlainText(
            message
            if isinstance(error, EmptyPeriod)
            else texts.PREVIEW_FAILED.format(message=message)
        )
        self.charts_line.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrower or wider: the chart boxes follow the text's new width."""
        super().resizeEvent(event)
        if self._shown is not None:
            summary, charts, sentences, protected, width = self._shown
            if width != self.browser.chart_box_width():
                self.show_summary(summary, charts=charts, sentences=sentences,
                                  protected=protected)

    def _fit_tables(self) -> None:
        """Tables as wide as the preview, their cells wrapping: Markdown tables take the
        width of their longest cell, which would scroll the whole preview sideways."""
        for frame in self.browser.document().rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                table_format = frame.format()
                table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 99))
                # Each column's share of the width follows its longest word ("3
                # Empowerment", "Attempts"): when the preview is narrow, cells wrap
                # between words, and a word breaks only where no width would do.
                words = [self._widest_word(frame, column) for column in range(frame.columns())]
                total = sum(words) or 1.0
                widths = [
                    QTextLength(QTextLength.Type.PercentageLength, 100 * word / total)
                    for word in words
                ]
                table_format.setColumnWidthConstraints(widths)
                frame.setFormat(table_format)

    def _widest_word(self, table: QTextTable, column: int) -> float:
        """The width of the longest word in ``column`` of ``table``, measured in bold (the
        header is; a little room to spare elsewhere does no harm)."""
        font = QFont(self.browser.document().defaultFont())
        font.setBold(True)
        metrics = QFontMetricsF(font, self.browser)  # at the preview's resolution
        widest = 0.0
        for row in range(table.rows()):
            cell = table.cellAt(row, column)
            cursor = cell.firstCursorPosition()
            cursor.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
            for word in cursor.selectedText().split():
                widest = max(widest, metrics.horizontalAdvance(word))
        return widest


def _stand_in(name: str, sentence: str) -> ChartImage:
    info = progress_charts.chart_info(name)
    return ChartImage(name, info.title, info.description, b"", 0, 0, summary=sentence)


def chart_sentences(charts: Iterable[ChartData]) -> dict[str, str]:
    """Each chart's sentence by name, as the written file will have it under the chart."""
    return {chart.name: progress_charts.sentence(chart) for chart in charts}
