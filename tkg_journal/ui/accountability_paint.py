"""Palette-aware painting shared by the accountability widgets: a level's badge (its rank
on its colour, as the entry list paints it) as an icon or a small widget, the colour of an
inline error, and the highlight tint of a banner."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tkg_journal.domain.levels import Level
from tkg_journal.ui.entry_row_delegate import BADGE_WIDTH, paint_level_badge

BADGE_SIZE = QSize(BADGE_WIDTH, 16)


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


def highlight_tint(palette: QPalette, amount: float = 0.16) -> QColor:
    """The window colour with a touch of the highlight: a quiet, theme-following fill for
    a bar that should be noticed without shouting."""
    base = palette.color(QPalette.ColorRole.Window)
    tint = palette.color(QPalette.ColorRole.Highlight)
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


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
