"""The level picker: the five levels drawn as a pyramid, to choose the root of an entry.

Mastery sits on top (narrowest) and Foundation at the bottom (widest), because the app's
whole idea is to work from the bottom up. Under the pyramid a line names the selected
level's focus and, for any level above Foundation, asks whether the root could lie one
level lower ("root, not symptom").
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.levels import Level
from tkg_journal.ui.common import level_texts as texts
from tkg_journal.ui.common.contrast import mix, readable_on

#: Width of each row as a share of the pyramid's width (percent), Foundation widest.
_ROW_WIDTH_PERCENT = {level: 100 - 10 * (int(level) - 1) for level in Level}
#: Beyond this the pyramid stops growing: a metre-wide Foundation bar helps nobody.
_PYRAMID_MAX_WIDTH = 440
_ACCENT_BAR = 5  # px, the level's colour on the left edge of an unchecked row
_FOCUS_RING = 2  # px kept free around the row's fill for the keyboard focus ring
_CHECK_MARK = "✓"


class _LevelRow(QAbstractButton):
    """One step of the pyramid: rank and title, tinted in the level's colour.

    A checkable button painted by hand so it can carry the level's colour while taking
    every other colour from the palette (light and dark themes alike). QPainter on a
    widget already works in device-independent pixels, so it stays sharp at any
    devicePixelRatio.

    Signals:
        step(int): the user pressed Up (+1) or Down (-1) on this row.
        focused(): the row received keyboard focus.
    """

    step = Signal(int)
    focused = Signal()

    def __init__(self, level: Level, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.setObjectName(f"levelRow{level.title}")
        self.setCheckable(True)
        # One of five: exposed to assistive technology as a radio button (this flag is
        # what gives the radio role). Unlike a plain radio, the chosen row clicked again
        # clears the choice (LevelPicker._on_row_clicked), as the pyramid always allowed.
        self.setAutoExclusive(True)
        self.setText(level.label())
        self.setAccessibleName(level.label())
        self.setAccessibleDescription(texts.level_focus_text(level))
        self.setToolTip(texts.level_focus_text(level))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self._bold_font())
        padding = _ACCENT_BAR + 2 * _FOCUS_RING + 2 * metrics.horizontalAdvance("  ")
        width = (
            metrics.horizontalAdvance(self.text())
            + 2 * metrics.horizontalAdvance(_CHECK_MARK + "  ")
            + padding
        )
        return QSize(width, metrics.height() + 12 + 2 * _FOCUS_RING)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def set_checked_freely(self, checked: bool) -> None:
        """Check or uncheck, even the one checked row (which auto-exclusivity keeps)."""
        if checked or not self.isChecked():
            self.setChecked(checked)
            return
        self.setAutoExclusive(False)
        self.setChecked(False)
        self.setAutoExclusive(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # Qt would move to the next exclusive sibling and check it: the pyramid steps
            # with Up and Down only, and choosing is Space or Enter.
            event.ignore()
        elif key == Qt.Key.Key_Up:
            self.step.emit(+1)
        elif key == Qt.Key.Key_Down:
            self.step.emit(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        accent = QColor(self.level.colour)
        if not self.isEnabled():
            accent = mix(palette.color(group, QPalette.ColorRole.Base), accent, 0.4)
        base = palette.color(group, QPalette.ColorRole.Base)
        hovered = self.underMouse() and self.isEnabled()

        body = QRectF(self.rect()).adjusted(_FOCUS_RING, _FOCUS_RING, -_FOCUS_RING, -_FOCUS_RING)
        shape = QPainterPath()
        shape.addRoundedRect(body, 4, 4)
        if self.isChecked():
            fill, text_colour = accent, readable_on(accent)
        else:
            fill = mix(base, accent, 0.28 if hovered or self.isDown() else 0.14)
            text_colour = palette.color(group, QPalette.ColorRole.Text)
        painter.fillPath(shape, fill)
        if not self.isChecked():
            # The accent bar, clipped to the rounded shape so its corners follow the row.
            painter.save()
            painter.setClipPath(shape)
            painter.fillRect(QRectF(body.left(), body.top(), _ACCENT_BAR, body.height()), accent)
            painter.restore()
        painter.setPen(QPen(accent, 1))
        painter.drawPath(shape)

        font = self._bold_font() if self.isChecked() else QFont(self.font())
        painter.setFont(font)
        painter.setPen(text_colour)
        text_rect = body.adjusted(_ACCENT_BAR, 0, 0, 0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.text())
        if self.isChecked():
            # The check mark says "selected" to people who cannot tell the colours apart.
            mark_rect = body.adjusted(0, 0, -QFontMetrics(font).horizontalAdvance(" "), 0)
            painter.drawText(
                mark_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _CHECK_MARK
            )

        if self.hasFocus():
            ring = QRectF(self.rect()).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(palette.color(group, QPalette.ColorRole.Highlight), _FOCUS_RING))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(ring, 5, 5)
        painter.end()


class LevelPicker(QWidget):
    """Pick one level of the hierarchy, or none, from a pyramid of five rows.

    Clicking the selected level again clears it; so does "No level". Up/Down move between
    the rows, Space/Enter select; Tab enters the pyramid once (at the selected level, else
    at Foundation) and leaves it, like a group of radio buttons.

    Signals:
        level_changed(object): the user chose a level (a ``Level``) or cleared it
            (``None``). Not emitted by :meth:`set_level`.
    """

    level_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelPicker")
        self.setAccessibleName(texts.LEVEL_PICKER_ACCESSIBLE_NAME)
        self.setAccessibleDescription(texts.LEVEL_PICKER_DESCRIPTION)
        self._level: Level | None = None
        self._rows: dict[Level, _LevelRow] = {}

        pyramid = QWidget(self)
        pyramid.setObjectName("levelPyramid")
        pyramid.setMaximumWidth(_PYRAMID_MAX_WIDTH)
        pyramid_layout = QVBoxLayout(pyramid)
        pyramid_layout.setContentsMargins(0, 0, 0, 0)
        pyramid_layout.setSpacing(1)
        for level in reversed(Level):  # top of the pyramid first
            row = _LevelRow(level, pyramid)
            row.clicked.connect(lambda checked, lvl=level: self._on_row_clicked(lvl, checked))
            row.step.connect(lambda delta, lvl=level: self._step_focus(lvl, delta))
            row.focused.connect(lambda lvl=level: self._set_current(lvl))
            self._rows[level] = row
            # Side stretches make the row a share of the width; the shares stack to a pyramid.
            side = (100 - _ROW_WIDTH_PERCENT[level]) // 2
            line = QHBoxLayout()
            line.setSpacing(0)
            if side:
                line.addStretch(side)
            line.addWidget(row, _ROW_WIDTH_PERCENT[level])
            if side:
                line.addStretch(side)
            pyramid_layout.addLayout(line)

        self._selected_label = QLabel(self)
        self._selected_label.setObjectName("levelFocus")
        self._selected_label.setWordWrap(True)
        self._hint_label = QLabel(self)
        self._hint_label.setObjectName("levelHint")
        self._hint_label.setWordWrap(True)

        self._lower_button = QPushButton(texts.LOOK_LOWER_BUTTON, self)
        self._lower_button.setObjectName("levelLookLower")
        self._lower_button.setAccessibleName(texts.LOOK_LOWER_BUTTON)
        self._lower_button.clicked.connect(self._look_lower)
        self._clear_button = QPushButton(texts.NO_LEVEL_BUTTON, self)
        self._clear_button.setObjectName("levelClear")
        self._clear_button.setAccessibleName(texts.NO_LEVEL_BUTTON)
        self._clear_button.setToolTip(texts.NO_LEVEL_TOOLTIP)
        self._clear_button.clicked.connect(self._clear_by_user)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self._lower_button)
        buttons.addWidget(self._clear_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(pyramid)
        layout.addWidget(self._selected_label)
        layout.addWidget(self._hint_label)
        layout.addLayout(buttons)

        # Tab order: the pyramid (one stop), then the two buttons.
        QWidget.setTabOrder(self._rows[Level.FOUNDATION], self._lower_button)
        QWidget.setTabOrder(self._lower_button, self._clear_button)
        self._current = Level.FOUNDATION
        self._set_current(Level.FOUNDATION)
        self._refresh()

    # public API ----------------------------------------------------------------------
    def level(self) -> Level | None:
        return self._level

    def set_level(self, level: Level | None) -> None:
        """Show ``level`` as selected (or none) without emitting ``level_changed``."""
        self._apply(level)

    def row(self, level: Level) -> QAbstractButton:
        """The pyramid row of ``level`` (for layout checks and tests)."""
        return self._rows[level]

    # behaviour -----------------------------------------------------------------------
    def _apply(self, level: Level | None) -> None:
        self._level = level
        for row_level, row in self._rows.items():
            row.set_checked_freely(row_level == level)
        # Tab comes back to the chosen level; with none, to Foundation (unless the user
        # is on a row right now: the Tab stop stays where they are).
        if level is not None:
            self._set_current(level)
        elif not any(row.hasFocus() for row in self._rows.values()):
            self._set_current(Level.FOUNDATION)
        self._refresh()

    def _choose(self, level: Level | None) -> None:
        if level == self._level:
            return
        self._apply(level)
        self.level_changed.emit(level)

    def _on_row_clicked(self, level: Level, _checked: bool) -> None:
        # Clicking the selected row again means no level (Qt keeps an auto-exclusive row
        # checked on that click, so the choice is read from the level, not the state).
        self._choose(None if level == self._level else level)

    def _clear_by_user(self) -> None:
        self._choose(None)

    def _look_lower(self) -> None:
        if self._level is None or self._level.below is None:
            return
        self._choose(self._level.below)
        if self._lower_button.isHidden() and self._level is not None:
            # The button went away with the hint (Foundation reached): keep focus nearby.
            self._rows[self._level].setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_focus(self, level: Level, delta: int) -> None:
        rank = int(level) + delta
        if int(Level.FOUNDATION) <= rank <= int(Level.MASTERY):
            self._rows[Level(rank)].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_current(self, level: Level) -> None:
        """Make ``level``'s row the pyramid's one Tab stop (a "roving" tab index)."""
        self._current = level
        for row_level, row in self._rows.items():
            row.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if row_level == level else Qt.FocusPolicy.ClickFocus
            )
        self.setFocusProxy(self._rows[level])

    def _refresh(self) -> None:
        level = self._level
        if level is None:
            self._selected_label.setText(texts.NO_LEVEL_CHOSEN)
        else:
            self._selected_label.setText(texts.level_selected_text(level))
        has_hint = level is not None and level.below is not None
        if level is not None and level.below is not None:
            self._hint_label.setText(texts.root_hint_text(level))
            self._lower_button.setToolTip(texts.look_lower_tooltip(level))
        self._hint_label.setVisible(has_hint)
        self._lower_button.setVisible(has_hint)
        if level is None and self._clear_button.hasFocus():
            self._rows[self._current].setFocus(Qt.FocusReason.OtherFocusReason)
        self._clear_button.setEnabled(level is not None)
