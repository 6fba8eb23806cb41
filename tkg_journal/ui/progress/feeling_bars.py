"""The feelings named in difficult conversations as six small bars, painted (no matplotlib).

One row per feeling group in the vocabulary's fixed order (anger, fear, sadness, shame, joy,
calm): its name, a bar as long as its share of the largest group, and its count with the
mean intensity. Colours come from the palette (the bar in the highlight colour, words in
the window's text colour), so it reads in light and dark themes.

It is not a chart with a table: the numbers are all printed beside the bars, and the
widget's accessible description is the same sentence the page shows under it ("Feelings
named in 428 difficult conversations: fear 170 (mean intensity 5.0), …"). It takes the
keyboard focus so a screen reader reaches that sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tkg_journal.domain.patterns import FeelingGroupCount
from tkg_journal.ui.progress import patterns_texts as texts

ROW_GAP = 6
LABEL_GAP = 10
#: The bars never take more than this share of the width (the numbers need the rest).
BAR_SHARE = 0.6


class FeelingBars(QWidget):
    """Signals: none (it shows what :meth:`set_groups` gives it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patternsFeelingBars")
        self.setAccessibleName(texts.FEELINGS_ACCESSIBLE_NAME)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._groups: tuple[FeelingGroupCount, ...] = ()

    def groups(self) -> tuple[FeelingGroupCount, ...]:
        return self._groups

    def set_groups(self, groups: Sequence[FeelingGroupCount], sentence: str) -> None:
        """Show ``groups`` (in their fixed order); ``sentence`` says the same in words."""
        self._groups = tuple(groups)
        self.setAccessibleDescription(sentence)
        self.setToolTip(sentence)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + ROW_GAP

    def sizeHint(self) -> QSize:
        return QSize(420, max(len(self._groups), 1) * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = self.fontMetrics()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        names = [g.group.value for g in self._groups]
        label_width = max((metrics.horizontalAdvance(n) for n in names), default=0)
        largest = max((g.count for g in self._groups), default=0)
        width = self.width()
        bar_room = max((width - label_width - 2 * LABEL_GAP) * BAR_SHARE, 1.0)
        row = self._row_height()
        for position, group in enumerate(self._groups):
            top = 2 + position * row
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, top, label_width, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                group.group.value,
            )
            left = label_width + LABEL_GAP
            length = bar_room * group.count / largest if largest else 0.0
            if length > 0:
                painter.fillRect(QRectF(left, top + 3, max(length, 2.0), row - 6), bar_colour)
            value = (
                texts.BAR_VALUE_MEAN.format(
                    count=f"{group.count:,}", mean=texts.mean_text(group.mean_intensity)
                )
                if group.mean_intensity is not None
                else texts.BAR_VALUE.format(count=f"{group.count:,}")
            )
            painter.drawText(
                QRectF(left + length + 6, top, width - left - length - 6, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                value,
            )
        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # the focus frame

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
