"""A person's intensity per month as a sparkline in a table cell (QPainter, no matplotlib).

A thin line through each month's mean intensity (0 at the bottom, 10 at the top), a gap for
a month without a rated conversation, and a dot on the newest month. Colours come from the
palette (the row's text colour, its highlighted-text colour when selected), so the line
reads on light and dark themes. What the line shows is said in words by the model's
accessible text for the cell (``patterns_texts.sparkline_spoken``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen

from tkg_journal.ui.common.values_delegate import ValuesDelegate

#: The most months drawn (the newest); older ones scroll off the left edge.
MAX_MONTHS = 24
MAX_INTENSITY = 10.0


def paint_sparkline(
    painter: QPainter, rect: QRectF, values: Sequence[float | None], ink: QColor
) -> None:
    """Draw ``values`` (0..10, oldest first, None for a gap) inside ``rect`` in ``ink``."""
    shown = list(values)[-MAX_MONTHS:]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    floor = QColor(ink)
    floor.setAlphaF(0.25)
    painter.setPen(QPen(floor, 1.0))
    bottom = int(rect.bottom()) + 0.5  # a 1 px line on whole pixels at 1x and 2x
    painter.drawLine(QPointF(rect.left(), bottom), QPointF(rect.right(), bottom))
    if not any(v is not None for v in shown):
        painter.restore()
        return

    def point(position: int, value: float) -> QPointF:
        x = (
            rect.center().x()
            if len(shown) == 1
            else rect.left() + rect.width() * position / (len(shown) - 1)
        )
        share = min(max(value / MAX_INTENSITY, 0.0), 1.0)
        return QPointF(x, rect.bottom() - rect.height() * share)

    path = QPainterPath()
    drawing = False
    for position, value in enumerate(shown):
        if value is None:
            drawing = False  # a month without a rated conversation: a gap, not a guess
            continue
        if drawing:
            path.lineTo(point(position, value))
        else:
            path.moveTo(point(position, value))
            drawing = True
    painter.setPen(QPen(ink, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    # Single months between gaps have no line: a dot each, and one on the newest month.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    for position, value in enumerate(shown):
        alone = (position == 0 or shown[position - 1] is None) and (
            position == len(shown) - 1 or shown[position + 1] is None
        )
        if value is not None and (alone or position == len(shown) - 1):
            painter.drawEllipse(point(position, value), 2.25, 2.25)
    painter.restore()


class SparklineDelegate(ValuesDelegate):
    """Draws a cell's values (a tuple read from the model's ``role``) as a sparkline."""

    WIDTH = 120

    def draw(self, painter: QPainter, rect: QRectF, values: Sequence[Any],
             palette: QPalette, ink: QColor) -> None:
        paint_sparkline(painter, rect, values, ink)
