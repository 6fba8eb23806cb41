"""One chart of the Progress section: its canvas (or a line of text when there is nothing
to draw), a busy bar over its corner while a new figure is drawn, the value under the
mouse as a tooltip and "Save this chart as…" in its context menu.

matplotlib is imported only when the first figure is shown, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QCursor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QLabel,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QStackedLayout,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.progress import Bucket
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.progress import progress_texts as texts
from tkg_journal.ui.progress.chart_hover import hover_text

if TYPE_CHECKING:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

BUSY_SIZE = (72, 6)
BUSY_MARGIN = 8
CANVAS_MIN_SIZE = (260, 180)  # smaller than this and a constrained layout has no room


class ChartPanel(QFrame):
    """One chart: the canvas (or a line of text when there is nothing to draw), and a
    busy bar over its corner while a new figure is drawn.

    Signals:
        save_requested(str): "Save this chart as…" from the panel's context menu (the name).
    """

    save_requested = Signal(str)

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
        self.figure: Figure | None = None
        self.canvas: QWidget | None = None
        self.hover_text = ""
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
        self.body = QStackedLayout()
        self.body.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addLayout(self.body, 1)

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

    def show_figure(self, figure: Figure, *, bucket: Bucket | None = None) -> None:
        """Show ``figure`` in a new canvas; the old one goes (and its figure with it)."""
        from matplotlib.backends import backend_qtagg

        # matplotlib's Qt canvas is not annotated: this is the one signature used here.
        new_canvas: Callable[[Figure], FigureCanvasQTAgg] = backend_qtagg.FigureCanvasQTAgg
        canvas = new_canvas(figure)
        canvas.setObjectName(f"chartCanvas_{self.name}")
        canvas.setAccessibleName(texts.CHART_ACCESSIBLE_NAME.format(title=self.title))
        canvas.setMinimumSize(*CANVAS_MIN_SIZE)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Keyboard users reach the chart through "Save chart as…"; a canvas has nothing to
        # do with focus, and would only add six silent Tab stops.
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.mpl_connect("motion_notify_event", self._hover)
        canvas.mpl_connect("figure_leave_event", lambda _event: self._set_hover(""))
        canvas.installEventFilter(self)  # its wheel turns scroll the page
        self._drop_canvas()
        self.canvas = canvas
        self.figure = figure
        self.bucket = bucket
        self.body.addWidget(canvas)
        self.body.setCurrentWidget(canvas)
        self.message.clear()
        self.set_busy(False)
        self.rendered += 1

    def show_message(self, text: str) -> None:
        """A line of text instead of the chart (an error, or nothing at all)."""
        self._drop_canvas()
        self.message.setText(text)
        self.body.setCurrentWidget(self.message)
        self.set_busy(False)

    def clear(self) -> None:
        """Locked: no chart, no text."""
        self.show_message("")
        self._set_hover("")

    def _drop_canvas(self) -> None:
        if self.canvas is not None:
            self.body.removeWidget(self.canvas)
            self.canvas.hide()
            self.canvas.deleteLater()
        self.canvas = None
        self.figure = None

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
