"""How one row of the coach-session list looks: the day in bold with how many commitments
are still open on the right, and the first line of the topics under it.

Painted by hand like the entry list's rows, with colours from the palette, so the list
follows light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from tkg_journal.ui.coach.session_list_model import CommitmentsRole, DayRole, TopicsRole
from tkg_journal.ui.common.qt_compat import draw_item_background

PADDING = 8
LINE_GAP = 3

AnyIndex = QModelIndex | QPersistentModelIndex


class SessionRowDelegate(QStyledItemDelegate):
    """Paints a session row in two lines. Signals: none beyond QStyledItemDelegate's."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(240, PADDING * 2 + metrics.height() * 2 + LINE_GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        day = index.data(DayRole)
        if day is None:
            return
        draw_item_background(self, painter, option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_colour)
        muted.setAlphaF(0.72)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        left_align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

        painter.save()
        # Line 1: the day (bold) ... the commitments (right, muted).
        commitments = str(index.data(CommitmentsRole) or "")
        bold = QFont(option.font)
        bold.setBold(True)
        # The day is short and never elided while it fits; the commitments take the rest
        # (in full in the tooltip). +2: elidedText cuts text that needs exactly its advance.
        day_needs = QFontMetrics(bold).horizontalAdvance(str(day)) + 2
        count_width = min(metrics.horizontalAdvance(commitments) + 2,
                          max(rect.width() - day_needs - PADDING, rect.width() // 3))
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.right() - count_width, rect.top(), count_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(commitments, Qt.TextElideMode.ElideRight, count_width),
        )
        painter.setFont(bold)
        painter.setPen(text_colour)
        day_width = max(rect.width() - count_width - PADDING, 0)
        painter.drawText(
            QRect(rect.left(), rect.top(), day_width, line),
            left_align,
            QFontMetrics(bold).elidedText(str(day), Qt.TextElideMode.ElideRight, day_width),
        )
        # Line 2: the topics' first line.
        painter.setFont(option.font)
        painter.setPen(text_colour)
        topics = str(index.data(TopicsRole) or "")
        painter.drawText(
            QRect(rect.left(), rect.top() + line + LINE_GAP, rect.width(), line),
            left_align,
            metrics.elidedText(topics, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()
