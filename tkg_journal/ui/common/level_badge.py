"""A level's badge: its rank on its colour (a dash for no level), the same tag the entry
list paints in each row, here also as an icon for lists and pickers and as a small widget.

Colours come from the level itself (as every chart and export uses them) and, for no level,
from the palette, so the badge follows light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tkg_journal.domain.levels import Level

BADGE_WIDTH = 22
BADGE_SIZE = QSize(BADGE_WIDTH, 16)


def level_badge_colour(level: Level | None, palette: QPalette) -> QColor:
    if level is None:
        return palette.color(QPalette.ColorRole.Mid)
    return QColor(level.colour)


def paint_level_badge(painter: QPainter, rect: QRect, level: Level | None,
                      palette: QPalette) -> None:
    """A rounded tag with the level's rank in its colour (a dash for no level)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(level_badge_colour(level, palette))
    painter.drawRoundedRect(QRectF(rect), 4, 4)
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(int(level)) if level else "\u2013")
    painter.restore()


def level_badge_icon(level: Level | None, size: QSize = BADGE_SIZE) -> QIcon:
    """The badge drawn at 1x and 2x, so it stays crisp on high-density screens."""
    result = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        font = painter.font()
        font.setPixelSize(max(size.height() - 5, 8))
        painter.setFont(font)
        paint_level_badge(
            painter, QRect(0, 0, size.width(), size.height()), level, QGuiApplication.palette()
        )
        painter.end()
        # The same badge when selected: Qt would otherwise tint it with the highlight.
        result.addPixmap(pixmap, QIcon.Mode.Normal)
        result.addPixmap(pixmap, QIcon.Mode.Selected)
        result.addPixmap(pixmap, QIcon.Mode.Active)
    return result


class LevelBadge(QWidget):
    """The badge painted at the screen's own resolution; its accessible name says the
    level in words (a colour and a digit alone say little to a screen reader)."""

    def __init__(self, level: Level | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = level
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Level {level.label()}" if level else "No level")
        self.setToolTip(f"{level.label()}: {level.focus}" if level else "")

    def sizeHint(self) -> QSize:
        height = max(self.fontMetrics().height(), BADGE_SIZE.height())
        return QSize(BADGE_WIDTH, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_level_badge(painter, self.rect(), self._level, self.palette())
        painter.end()
