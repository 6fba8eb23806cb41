"""How one row of the entry list looks: level badge, title and date, kind and first line.

Painted by hand (not with widgets per row) so 10,000 rows scroll smoothly; colours come
from the palette, so the list follows light and dark themes, and the badge uses the
level's own colour, the same one every chart and export uses.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from tkg_journal.domain.search import MATCH_END, MATCH_START, EntrySummary
from tkg_journal.ui.common.level_badge import BADGE_WIDTH, paint_level_badge
from tkg_journal.ui.common.qt_compat import draw_item_background
from tkg_journal.ui.journal.entry_list_model import SnippetRole, SummaryRole, row_title
from tkg_journal.ui.journal.entry_texts import UNREADABLE_DATE_STAMP

PADDING = 8
ROW_MIN_WIDTH = 160
LINE_GAP = 3


def _split_marks(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the (start, length) of each matched word in it."""
    plain, spans, start = [], [], None
    position = 0
    for char in snippet:
        if char == MATCH_START:
            start = position
        elif char == MATCH_END and start is not None:
            spans.append((start, position - start))
            start = None
        else:
            plain.append(char)
            position += 1
    return "".join(plain), spans


class EntryRowDelegate(QStyledItemDelegate):
    """Paints an entry row in two lines; search snippets show matched words in bold,
    on a tinted background."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        # The list stretches each row to its width, and a row elides what does not fit
        # (the tooltip has it all): a wider hint only made a narrow list scroll sideways.
        return QSize(ROW_MIN_WIDTH, PADDING * 2 + metrics.height() * 2 + LINE_GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        summary: EntrySummary | None = index.data(SummaryRole)
        if summary is None:
            return
        draw_item_background(self, painter, option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_colour)
        muted.setAlphaF(0.72)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.height()

        painter.save()
        badge = QRect(rect.left(), rect.top() + 1, BADGE_WIDTH, line)
        paint_level_badge(painter, badge, summary.level, palette)
        left = badge.right() + PADDING

        # Line 1: title (bold) ... date (right).
        stamp = (
            UNREADABLE_DATE_STAMP
            if summary.date_unreadable
            else f"{summary.occurred_at.day} {summary.occurred_at:%b %Y}"
        )
        stamp_width = metrics.horizontalAdvance(stamp)
        painter.setPen(muted)
        painter.setFont(option.font)
        painter.drawText(QRect(rect.right() - stamp_width, rect.top(), stamp_width, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, stamp)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        title_width = rect.right() - stamp_width - PADDING - left
        title = QFontMetrics(bold).elidedText(row_title(summary), Qt.TextElideMode.ElideRight,
                                              max(title_width, 0))
        painter.drawText(QRect(left, rect.top(), title_width, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        # Line 2: kind · first line, or the search snippet with matches marked.
        top = rect.top() + line + LINE_GAP
        width = rect.right() - left
        prefix = summary.kind.label + (" · shared" if summary.share_with_coach else "")
        snippet: str | None = index.data(SnippetRole)
        painter.setFont(option.font)
        painter.setPen(muted)
        if snippet:
            self._paint_snippet(painter, option.font, left, top, width, snippet, muted, selected)
        else:
            rest = summary.first_line if summary.title else ""
            text = f"{prefix} · {rest}" if rest else prefix
            painter.drawText(QRect(left, top, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    def _paint_snippet(self, painter: QPainter, font: QFont, left: int, top: int, width: int,
                       snippet: str, colour: QColor, selected: bool) -> None:
        from PySide6.QtGui import QTextCharFormat

        plain, spans = _split_marks(snippet)
        metrics = QFontMetrics(font)
        plain = metrics.elidedText(plain, Qt.TextElideMode.ElideRight, width)
        layout = QTextLayout(plain, font)
        formats = []
        for start, length in spans:
            if start >= len(plain):
                continue
            mark = QTextCharFormat()
            mark.setFontWeight(QFont.Weight.Bold)
            if not selected:
                mark.setBackground(QColor(255, 200, 0, 90))
            range_ = QTextLayout.FormatRange()
            range_.start, range_.length, range_.format = start, length, mark
            formats.append(range_)
        layout.setFormats(formats)
        layout.beginLayout()
        text_line = layout.createLine()
        text_line.setLineWidth(width)
        layout.endLayout()
        painter.setPen(colour)
        layout.draw(painter, QRectF(left, top, width, metrics.height()).topLeft())
