"""Palette-aware painting of the "Due and overdue" list: a due row's card. (A level's badge
is in ``ui/common/level_badge``: the experiments, progress and journal sections paint it
too.)"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

#: Corner radius of the "Due and overdue" cards (experiments and action items alike).
CARD_RADIUS = 6


def paint_card(widget: QWidget) -> None:
    """A due row's background: a rounded card in the palette's base colour, mid outline."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = widget.palette()
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(
        QRectF(widget.rect()).adjusted(0.5, 0.5, -0.5, -0.5), CARD_RADIUS, CARD_RADIUS
    )
    painter.end()


def lay_out_card(
    card: QWidget, lead: QWidget, lines: tuple[QWidget, QWidget], *actions: QWidget
) -> None:
    """The due cards' layout: an icon or badge, two lines of words, then the buttons."""
    words = QVBoxLayout()
    words.setSpacing(2)
    for line in lines:
        words.addWidget(line)
    layout = QHBoxLayout(card)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(10)
    layout.addWidget(lead, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(words, 1)
    for action in actions:
        layout.addWidget(action, 0, Qt.AlignmentFlag.AlignVCenter)
