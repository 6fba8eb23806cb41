"""One chart of the Progress section: its canvas (or a line of text when there is nothing
to draw), a busy bar over its corner while a new figure is drawn, the value under the
mouse as a tooltip and "Save this chart as…" in its context menu.

Without a mouse or without sight the chart reads as well: a sentence under it says what
it shows in numbers (also its accessible description, kept current with the data), a
toggle shows the same data points as a sortable, copyable table, and the canvas takes
focus, its arrow keys walking the points with the same read-out as the mouse's.

matplotlib is imported only when the first figure is shown, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QCursor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.charts.tables import ChartTable, chart_table
from tkg_journal.domain.progress import Bucket
from tkg_journal.services.progress_charts import sentence
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.progress import progress_texts as texts
from tkg_journal.ui.progress.caption_colour import caption_colour
from tkg_journal.ui.progress.chart_hover import hover_text
from tkg_journal.ui.progress.chart_keyboard import ChartKeys
from tkg_journal.ui.progress.chart_points import chart_points
from tkg_journal.ui.progress.chart_table_model import ChartTableModel
from tkg_journal.ui.progress.chart_table_view import ChartTableView

if TYPE_CHECKING:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from tkg_journal.services.progress_charts import ChartData

BUSY_SIZE = (72, 6)
BUSY_MARGIN = 8
CANVAS_MIN_SIZE = (260, 180)  # smaller than this and a constrained layout has no room
NO_TABLE = ChartTable((), (), ())
CAPTION_SCALE = 0.9  # the sentence under a chart: a notch smaller than the text around it


class ChartPanel(QFrame):
    """One chart: the canvas (or a line of text when there is nothing to draw), and a
    busy bar over its corner while a new figure is drawn.

    Signals:
        save_requested(str): "Save this chart as…" from the panel's context menu (the name).
        table_toggled(bool): "Show as table" was turned on or off.
    """

    save_requested = Signal(str)
    table_toggled = Signal(bool)

    def __init__(
        self, name: str, title: str, description: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.title = title
        self.setObjectName(f"chartPanel_{name}")
        self.setAccessibleName(texts.CHART_ACCESSIBLE_NAME.format(title=title))
        self.setAccessibleDescription(description)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.description = description  # what kind of chart: until the data says more
        self.summary = ""  # what it shows, in numbers (charts/summaries.py)
        self.figure: Figure | None = None
        self.chart: ChartData | None = None  # the data the figure was drawn from
        self.canvas: QWidget | None = None
        self.keys: ChartKeys | None = None
        self.hover_text = ""
        self.point_text = ""  # the read-out of the point the arrow keys are on
        self.bucket: Bucket | None = None  # the weeks or months of a chart drawn per bucket
        self.rendered = 0  # figures shown so far (tests wait on it)

        # The figure carries the title (and the CLI's PNGs the same one): no header here.
        # The busy bar floats over the top-right corner while a new figure is drawn.
        self.busy = named(QProgressBar(self), f"chartBusy_{name}")
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(BUSY_SIZE[0], BUSY_SIZE[1])
        self.busy.setAccessibleName(texts.DRAWING)
        self.busy.hide()
        self.message = named(QLabel(), f"chartMessage_{name}")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.table_model = ChartTableModel(self)
        self.table = named(ChartTableView(self.table_model), f"chartTable_{name}")
        self.table.setAccessibleName(texts.TABLE_ACCESSIBLE_NAME.format(title=title))
        self.body = QStackedLayout()
        self.body.addWidget(self.message)
        self.body.addWidget(self.table)

        # Under the chart: the sentence (in the placeholder colour, a notch smaller: a
        # caption, not content) and the toggle.
        self.caption = named(QLabel(), f"chartCaption_{name}")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self._colour_caption()
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * CAPTION_SCALE)
        self.caption.setFont(font)
        self.toggle = named(QToolButton(), f"chartTableToggle_{name}")
        self.toggle.setText(texts.TABLE_TOGGLES.get(name, texts.TABLE_TOGGLE_FALLBACK))
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(False)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.setAccessibleName(texts.table_toggle_name(title))
        self.toggle.setToolTip(texts.TABLE_TOGGLE_TOOLTIP)
        self.toggle.toggled.connect(self._table_toggled)
        footer = QHBoxLayout()
        footer.setContentsMargins(8, 0, 6, 4)
        footer.setSpacing(8)
        footer.addWidget(self.caption, 1)
        footer.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(2)
        layout.addLayout(self.body, 1)
        layout.addLayout(footer)

    # --- what it shows -------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.busy.raise_()  # above a canvas added since
            if self.canvas is None:
                self.message.setText(texts.DRAWING_CHART.format(title=self.title))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.busy.move(self.width() - self.busy.width() - BUSY_MARGIN, BUSY_MARGIN)

    def is_busy(self) -> bool:
        return not self.busy.isHidden()

    def show_figure(
        self, figure: Figure, *, bucket: Bucket | None = None, chart: ChartData | None = None
    ) -> None:
        """Show ``figure`` in a new canvas; the old one goes (and its figure with it).
        ``chart``: the data it was drawn from, for its sentence, table and points."""
        from matplotlib.backends import backend_qtagg

        # matplotlib's Qt canvas is not annotated: this is the one signature used here.
        new_canvas: Callable[[Figure], FigureCanvasQTAgg] = backend_qtagg.FigureCanvasQTAgg
        canvas = new_canvas(figure)
        canvas.setObjectName(f"chartCanvas_{self.name}")
        canvas.setAccessibleName(texts.CHART_ACCESSIBLE_NAME.format(title=self.title))
        canvas.setMinimumSize(*CANVAS_MIN_SIZE)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.mpl_connect("motion_notify_event", self._hover)
        canvas.mpl_connect("figure_leave_event", lambda _event: self._set_hover(""))
        canvas.installEventFilter(self)  # its wheel turns scroll the page
        had_focus = self._drop_canvas()
        self.canvas = canvas
        self.figure = figure
        self.bucket = bucket
        self.chart = chart
        # A focus stop: its arrow keys walk the points, with the mouse's read-out.
        data, options = (chart.data, chart.options) if chart is not None else (None, {})
        self.keys = ChartKeys(
            canvas,
            lambda: chart_points(self.name, figure, bucket=bucket, data=data, options=options),
        )
        self.keys.moved.connect(self._point_moved)
        self.point_text = ""
        self.body.addWidget(canvas)
        # Tab reaches the chart (or its table) before its toggle: the order they are seen.
        QWidget.setTabOrder(self.table, canvas)
        QWidget.setTabOrder(canvas, self.toggle)
        if chart is not None:
            self.table_model.set_table(chart_table(chart.name, chart.data, chart.options))
            self._set_summary(sentence(chart))
        self._show_current()
        if had_focus and self.body.currentWidget() is canvas:
            canvas.setFocus()  # redrawn under the keyboard (a new range): it stays on the chart
        self.message.clear()
        self.set_busy(False)
        self.rendered += 1

    def show_message(self, text: str) -> None:
        """A line of text instead of the chart (an error, or nothing at all)."""
        self._drop_canvas()
        self.message.setText(text)
        self.body.setCurrentWidget(self.message)
        self.table_model.set_table(NO_TABLE)
        self._set_summary("")
        self.set_busy(False)

    def clear(self) -> None:
        """Locked: no chart, no text."""
        self.show_message("")
        self._set_hover("")

    def _drop_canvas(self) -> bool:
        """Drop the canvas; True if it had the keyboard focus."""
        had_focus = False
        if self.canvas is not None:
            had_focus = self.canvas.hasFocus()
            self.body.removeWidget(self.canvas)
            self.canvas.hide()
            self.canvas.deleteLater()
        self.canvas = None
        self.figure = None
        self.chart = None
        self.keys = None
        return had_focus

    # --- the text alternatives ------------------------------------------------------------
    def _set_summary(self, summary: str) -> None:
        """The sentence under the chart and its accessible description (the kind of chart
        while there is no data to speak of)."""
        self.summary = summary
        self.caption.setText(summary)
        self.caption.setVisible(bool(summary))
        described = summary or self.description
        for widget in (self, self.canvas, self.table):
            if widget is not None:
                widget.setAccessibleDescription(described)
        if self.canvas is not None:
            self.canvas.setAccessibleName(texts.CHART_ACCESSIBLE_NAME.format(title=self.title))
            self.canvas.setToolTip("")

    def _colour_caption(self) -> None:
        """The placeholder colour, darkened (or lightened) towards the text colour until it
        reads as small text must (WCAG's 4.5:1): a caption, yet legible."""
        palette = self.palette()
        self.caption.setPalette(palette)
        colour = caption_colour(palette)
        caption_palette = self.caption.palette()
        caption_palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.caption.setPalette(caption_palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_caption()

    def is_table_shown(self) -> bool:
        return self.toggle.isChecked()

    def _table_toggled(self, shown: bool) -> None:
        shown_before = self.body.currentWidget()
        had_focus = shown_before is not None and shown_before.hasFocus()
        self._show_current()
        if had_focus:
            current = self.body.currentWidget()
            if current is not None:
                current.setFocus()
        self.table_toggled.emit(shown)

    def _show_current(self) -> None:
        """The table if it is asked for and there is data, else the chart (or the line of
        text shown instead of one)."""
        if self.toggle.isChecked() and self.chart is not None:
            self.body.setCurrentWidget(self.table)
        elif self.canvas is not None:
            self.body.setCurrentWidget(self.canvas)
        else:
            self.body.setCurrentWidget(self.message)

    def _point_moved(self, text: str) -> None:
        """A key moved to a point: say it (the name screen readers hear change), and show
        it where the mouse's read-out shows, at the point."""
        self.point_text = text
        canvas = self.canvas
        if canvas is None or self.keys is None:
            return
        canvas.setAccessibleName(
            texts.POINT_ACCESSIBLE_NAME.format(point=text, title=self.title)
        )  # Qt sends NameChanged for it: the screen reader reads the point
        where = self.keys.overlay.point_position()
        if where is not None and text:
            QToolTip.showText(canvas.mapToGlobal(where.toPoint()), text, canvas)

    # --- hover ---------------------------------------------------------------------------
    def _hover(self, event: MouseEvent) -> None:
        self._set_hover(hover_text(event, self.bucket))

    def _set_hover(self, text: str) -> None:
        if text == self.hover_text:
            return
        self.hover_text = text
        if text and self.canvas is not None:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # matplotlib's canvas takes every wheel turn (for a zoom no chart here has), so
        # the page did not scroll while the pointer was over a chart: it scrolls now.
        if (
            event.type() == QEvent.Type.Wheel
            and watched is self.canvas
            and (area := _scroll_area_around(self)) is not None
        ):
            QApplication.sendEvent(area.viewport(), event)
            return True
        return super().eventFilter(watched, event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.figure is None:
            return
        menu = QMenu(self)
        action = menu.addAction(icon("save"), texts.SAVE_THIS_CHART)
        action.triggered.connect(lambda: self.save_requested.emit(self.name))
        menu.exec(event.globalPos())


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent
