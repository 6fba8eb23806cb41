"""A decorative picture: painted, not a label.

A ``QLabel`` with a pixmap is an "image" node that a screen reader stops on, and with
nothing to say it says "image". A picture that only repeats what the words beside it say
(a lock over "Locked", the app's icon over its name) is drawn by this plain widget,
which assistive technology passes over as layout.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget


class Picture(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()

    def setPixmap(self, pixmap: QPixmap) -> None:  # QLabel's name, for a drop-in swap
        self._pixmap = pixmap
        self.updateGeometry()
        self.update()

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def sizeHint(self) -> QSize:
        if self._pixmap.isNull():
            return QSize(0, 0)
        return (self._pixmap.deviceIndependentSize()).toSize()

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        size = self._pixmap.deviceIndependentSize()
        # Centred across, at the top: beside a wrapped note it stays by the first line.
        left = (self.width() - size.width()) / 2
        painter = QPainter(self)
        painter.drawPixmap(QPointF(left, 0), self._pixmap)
        painter.end()
