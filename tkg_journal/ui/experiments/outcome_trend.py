"""A small hand-painted sparkline of attempt outcomes (-2..+2), oldest on the left.

A zero line, a dot per attempt coloured by the sign of its outcome, thin lines joining
neighbouring outcomes, and a gap where an attempt has no outcome. Painted with QPainter in
logical pixels (crisp at any devicePixelRatio) and coloured from the palette, so it reads on
light and dark themes. The same painting serves the list's "Trend" column
(:func:`paint_outcome_trend`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from tkg_journal.ui.common.values_delegate import ValuesDelegate
from tkg_journal.ui.experiments import experiment_texts as texts

#: The most points drawn; older attempts scroll off the left edge.
MAX_POINTS = 40
_RANGE = 2  # outcomes run from -_RANGE to +_RANGE

# Sign colours in two shades: darker ones on light backgrounds, lighter ones on dark ones
# (both keep a contrast of at least 3:1 against the background they are meant for).
_POSITIVE = {False: "#2b8a3e", True: "#69db7c"}
_NEGATIVE = {False: "#c92a2a", True: "#ff8787"}


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def outcome_colour(outcome: int, palette: QPalette) -> QColor:
    """Green above zero, red below, the palette's muted text colour at zero."""
    dark = _is_dark(palette)
    if outcome > 0:
        return QColor(_POSITIVE[dark])
    if outcome < 0:
        return QColor(_NEGATIVE[dark])
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlphaF(0.7)
    return colour


#: A change of the mean outcome (first half of the rated attempts to the second) smaller
#: than this reads as "steady".
STEADY_CHANGE = 0.25


def describe(outcomes: Sequence[int | None]) -> str:
    """What the sparkline shows, as a sentence (tooltip and accessible description):
    "5 attempts: 3 better, 1 no change, 1 worse; mean outcome +0.6; latest +1 better;
    improving"."""
    if not outcomes:
        return texts.NO_ATTEMPTS
    rated = [value for value in outcomes if value is not None]
    attempts = f"{len(outcomes)} attempt{'s' if len(outcomes) != 1 else ''}"
    if not rated:
        return texts.TREND_NONE_RATED.format(attempts=attempts)
    text = texts.TREND_COUNTS.format(
        attempts=attempts,
        better=sum(1 for value in rated if value > 0),
        same=sum(1 for value in rated if value == 0),
        worse=sum(1 for value in rated if value < 0),
    )
    if len(rated) < len(outcomes):
        text += texts.TREND_NOT_RATED.format(count=len(outcomes) - len(rated))
    mean = sum(rated) / len(rated)
    text += texts.TREND_MEAN.format(
        mean=texts.mean_text(mean), latest=" ".join(texts.outcome_text(rated[-1]).split())
    )
    direction = trend_direction(rated)
    return f"{text}; {direction}" if direction else text


def trend_direction(rated: Sequence[int]) -> str:
    """ "improving", "getting worse" or "steady": the mean of the later half of the rated
    outcomes against the earlier half; "" with fewer than two."""
    if len(rated) < 2:
        return ""
    half = len(rated) // 2
    earlier = sum(rated[:half]) / half
    later = sum(rated[len(rated) - half :]) / half
    if later - earlier > STEADY_CHANGE:
        return texts.TREND_IMPROVING
    if earlier - later > STEADY_CHANGE:
        return texts.TREND_WORSENING
    return texts.TREND_STEADY


def paint_outcome_trend(
    painter: QPainter,
    rect: QRectF,
    outcomes: Sequence[int | None],
    palette: QPalette,
    *,
    dot_radius: float = 3.0,
    ink: QColor | None = None,
) -> None:
    """Draw the sparkline of ``outcomes`` (oldest first) inside ``rect``.

    ``ink`` is the colour of the zero line and the joining lines (the palette's text colour
    by default; a selected list row passes its highlighted-text colour).
    """
    values = list(outcomes)[-MAX_POINTS:]
    base_ink = QColor(ink if ink is not None else palette.color(QPalette.ColorRole.Text))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = rect.adjusted(dot_radius + 1, dot_radius + 1, -dot_radius - 1, -dot_radius - 1)
    # Snap the zero line to the middle of a pixel: a 1 px line then covers whole pixels at
    # 1x and 2x alike instead of smearing over two half-lit rows.
    zero_y = int(inner.center().y()) + 0.5
    half = max(inner.height() / 2, 1.0)

    zero_colour = QColor(base_ink)
    zero_colour.setAlphaF(0.3)
    zero_pen = QPen(zero_colour, 1.0, Qt.PenStyle.DashLine)
    zero_pen.setDashPattern([3.0, 3.0])
    painter.setPen(zero_pen)
    painter.drawLine(QPointF(rect.left(), zero_y), QPointF(rect.right(), zero_y))

    if not values:
        painter.restore()
        return

    def x_of(position: int) -> float:
        if len(values) == 1:
            return inner.center().x()
        return inner.left() + inner.width() * position / (len(values) - 1)

    def y_of(value: int) -> float:
        return zero_y - half * value / _RANGE

    line_colour = QColor(base_ink)
    line_colour.setAlphaF(0.45)
    painter.setPen(QPen(line_colour, 1.25, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for position in range(1, len(values)):
        before, after = values[position - 1], values[position]
        if before is None or after is None:
            continue  # an attempt without an outcome breaks the line: a gap, not a guess
        painter.drawLine(
            QPointF(x_of(position - 1), y_of(before)), QPointF(x_of(position), y_of(after))
        )

    for position, value in enumerate(values):
        if value is None:
            continue
        colour = outcome_colour(value, palette)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(x_of(position), y_of(value)), dot_radius, dot_radius)
    painter.restore()


class OutcomeTrend(QWidget):
    """The outcomes of an experiment's attempts as a sparkline with a small scale.

    Signals: none (it only shows what :meth:`set_outcomes` gives it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeTrend")
        self.setAccessibleName(texts.TREND_ACCESSIBLE_NAME)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A focus stop: it carries something to read (its description says the trend).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._outcomes: tuple[int | None, ...] = ()
        self._refresh_description()

    def outcomes(self) -> tuple[int | None, ...]:
        return self._outcomes

    def set_outcomes(self, outcomes: Sequence[int | None]) -> None:
        """Show ``outcomes``, oldest first (``None`` for an attempt without an outcome)."""
        self._outcomes = tuple(outcomes)
        self._refresh_description()
        self.updateGeometry()  # the words of an empty trend need their width
        self.update()

    def clear(self) -> None:
        self.set_outcomes(())

    def _refresh_description(self) -> None:
        text = describe(self._outcomes)
        self.setToolTip(text)
        self.setAccessibleDescription(text)

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self._scale_font()).height()
        return QSize(240, max(56, round(line * 4)))

    def minimumSizeHint(self) -> QSize:
        if not any(value is not None for value in self._outcomes):  # room for the words
            words = texts.NO_ATTEMPTS if not self._outcomes else texts.NO_OUTCOMES_YET
            return QSize(max(96, self.fontMetrics().horizontalAdvance(words) + 2), 40)
        return QSize(96, 40)

    def _scale_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.8, 6.0))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        font = self._scale_font()
        metrics = QFontMetricsF(font)
        muted = QColor(palette.color(QPalette.ColorRole.WindowText))
        muted.setAlphaF(0.6)
        area = QRectF(self.rect())
        if not any(value is not None for value in self._outcomes):
            # Nothing to plot: say why, alone. A scale and a zero line would run through
            # the words, and the words are said here only (the summary beside stays quiet).
            painter.setPen(muted)
            painter.setFont(self.font())
            label = texts.NO_ATTEMPTS if not self._outcomes else texts.NO_OUTCOMES_YET
            painter.drawText(
                area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            self._paint_focus(painter)
            painter.end()
            return
        # The scale: "+2", "0" and "-2" (minus sign) down the left edge.
        scale_width = metrics.horizontalAdvance(texts.signed(-_RANGE)) + 6
        radius = 3.5
        plot = area.adjusted(scale_width, 0, 0, 0)
        inner_top = plot.top() + radius + 1
        inner_bottom = plot.bottom() - radius - 1
        zero_y = int((inner_top + inner_bottom) / 2) + 0.5
        painter.setFont(font)
        painter.setPen(muted)
        for value, y in ((_RANGE, inner_top), (0, zero_y), (-_RANGE, inner_bottom)):
            label_rect = QRectF(0, y - metrics.height() / 2, scale_width - 6, metrics.height())
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                texts.signed(value),
            )
        paint_outcome_trend(
            painter,
            plot,
            self._outcomes,
            palette,
            dot_radius=radius,
            ink=palette.color(QPalette.ColorRole.WindowText),
        )
        self._paint_focus(painter)
        painter.end()

    def _paint_focus(self, painter: QPainter) -> None:
        """A frame in the highlight colour while the keyboard is here."""
        if not self.hasFocus():
            return
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))


class OutcomeTrendDelegate(ValuesDelegate):
    """Draws a list cell's outcomes (a tuple, oldest first, read from the model's ``role``)
    as a small sparkline."""

    WIDTH = 84
    PADDING = (6, 3)

    def draw(self, painter: QPainter, rect: QRectF, values: Sequence[Any],
             palette: QPalette, ink: QColor) -> None:
        paint_outcome_trend(painter, rect, values, palette, dot_radius=2.5, ink=ink)
