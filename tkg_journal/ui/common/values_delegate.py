"""A table cell that draws a row's series of values as a small picture (a sparkline of
outcomes, of intensity by month) instead of text.

The model gives the values, a tuple oldest first, under a role of its own; a subclass
says how wide the picture likes to be and draws it (:meth:`ValuesDelegate.draw`) inside
the cell's padded rectangle, in the ink that reads on the cell (the highlighted text
colour on a selected row). The cell's background, selection and focus come from the
style, as for any other cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from tkg_journal.ui.common.qt_compat import draw_item_background


class ValuesDelegate(QStyledItemDelegate):
    #: The picture's preferred width, and the padding around it in the cell (x, y).
    WIDTH = 100
    PADDING = (6, 4)

    def __init__(self, view: QWidget, role: int) -> None:
        super().__init__(view)
        self._role = role

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(self.WIDTH, max(option.fontMetrics.height() + 8, 22))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        draw_item_background(self, painter, option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        across, down = self.PADDING
        rect = QRectF(option.rect).adjusted(across, down, -across, -down)
        self.draw(painter, rect, index.data(self._role) or (), option.palette, ink)

    def draw(self, painter: QPainter, rect: QRectF, values: Sequence[Any],
             palette: QPalette, ink: QColor) -> None:
        raise NotImplementedError
