"""A chart canvas a keyboard can read: focus, arrow keys through its points, a ring on the
current one and a focus frame.

matplotlib's canvas paints the whole figure again on every change; a ring moved by the
arrow keys must not cost that (hundreds of milliseconds over years of data). So the ring
and the frame are painted by a transparent child widget over the canvas, at the point's
place read from the figure's transforms, and follow every redraw of the figure.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from tkg_journal.ui.progress.chart_points import ChartPoint, ChartPoints

RING_RADIUS = 9.0  # px: round a bar's top or a line's marker without hiding it
RING_WIDTH = 3.0
FRAME_WIDTH = 2.0
_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class ChartCursor:
    """Where the arrow keys are on a chart's points (no Qt widgets: tests drive it)."""

    def __init__(self, points: ChartPoints) -> None:
        self.points = points
        self.series = 0
        self.index = -1  # -1: no point chosen yet

    def current(self) -> ChartPoint | None:
        if self.index < 0 or not self.points:
            return None
        return self.points.series[self.series][self.index]

    def move(self, key: Qt.Key) -> bool:
        """Move for ``key``; True if the current point changed."""
        if not self.points or key not in _KEYS:
            return False
        before = (self.series, self.index)
        row = self.points.series[self.series]
        last = len(row) - 1
        if self.index < 0:  # the first key chooses the first point (End: the last)
            self.index = last if key == Qt.Key.Key_End else 0
        elif key == Qt.Key.Key_Home:
            self.index = 0
        elif key == Qt.Key.Key_End:
            self.index = last
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = self.points.across * (1 if key == Qt.Key.Key_Right else -1)
            self.index = min(max(self.index + step, 0), last)
        elif self.points.down:
            step = self.points.down * (1 if key == Qt.Key.Key_Down else -1)
            self.index = min(max(self.index + step, 0), last)
        else:
            # Up goes to the next series: up the stack of bars, up the hierarchy.
            self._change_series(1 if key == Qt.Key.Key_Up else -1)
        return (self.series, self.index) != before

    def _change_series(self, step: int) -> None:
        target = min(max(self.series + step, 0), len(self.points.series) - 1)
        if target == self.series:
            return
        x = self.points.series[self.series][self.index].x
        row = self.points.series[target]
        self.series = target
        self.index = min(range(len(row)), key=lambda i: abs(row[i].x - x))


class ChartOverlay(QWidget):
    """The focus frame and the current point's ring, over a canvas; mouse events pass
    through to the canvas below (its hover read-out)."""

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._canvas = canvas
        self.point: ChartPoint | None = None
        self.resize(canvas.size())

    def point_position(self) -> QPointF | None:
        """Where the current point is on the canvas, in logical pixels."""
        point = self.point
        if point is None:
            return None
        x, y = point.ax.transData.transform((point.x, point.y))
        ratio = float(getattr(self._canvas, "device_pixel_ratio", 1.0) or 1.0)
        return QPointF(float(x) / ratio, self._canvas.height() - float(y) / ratio)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._canvas.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, FRAME_WIDTH))
        half = FRAME_WIDTH / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        where = self.point_position()
        if where is not None:
            # A halo in the background colour under the ring: it stays visible over a bar
            # or a square of the highlight's own hue.
            painter.setBrush(Qt.BrushStyle.NoBrush)
            halo = self.palette().color(QPalette.ColorRole.Base)
            painter.setPen(QPen(halo, RING_WIDTH + 2.5))
            painter.drawEllipse(where, RING_RADIUS, RING_RADIUS)
            painter.setPen(QPen(colour, RING_WIDTH))
            painter.drawEllipse(where, RING_RADIUS, RING_RADIUS)
        painter.end()


class ChartKeys(QObject):
    """Makes ``canvas`` a focus stop whose arrow keys walk ``points``.

    Signals:
        moved(str): the current point's read-out, after a key moved to it.
    """

    moved = Signal(str)

    def __init__(self, canvas: QWidget, points: Callable[[], ChartPoints]) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        # Read from the figure when the keyboard first needs them, not when the chart is
        # shown: six charts open at once, and most are never walked by key.
        self._points = points
        self._cursor: ChartCursor | None = None
        self.overlay = ChartOverlay(canvas)
        canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        canvas.installEventFilter(self)
        # The ring sits where the figure puts its point: place it again after every
        # redraw (a resize lays the figure out anew).
        connect = getattr(canvas, "mpl_connect", None)
        if connect is not None:
            connect("draw_event", lambda _event: self.overlay.update())

    @property
    def cursor(self) -> ChartCursor:
        if self._cursor is None:
            self._cursor = ChartCursor(self._points())
        return self._cursor

    def current_text(self) -> str:
        point = self.cursor.current()
        return point.text if point is not None else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas:
            kind = event.type()
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                key = Qt.Key(event.key())
                if key in _KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    if self.cursor.move(key):
                        self.overlay.point = self.cursor.current()
                        self.overlay.update()
                        self.moved.emit(self.current_text())
                    return True  # not matplotlib's: its arrow keys pan a view no chart has
            elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                self.overlay.update()
            elif kind == QEvent.Type.Resize:
                self.overlay.resize(self.canvas.size())
        return super().eventFilter(watched, event)
