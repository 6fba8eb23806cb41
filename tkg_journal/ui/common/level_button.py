"""The level as a small button: a pyramid icon and the level's name, which opens the
full pyramid (:class:`LevelPicker`, with its "root, not symptom" hint) in a popup.

A page for writing has no room for a 200-pixel pyramid above the fold, but the level
should be one keystroke away: with the button focused, 1-5 choose a level outright
(1 = Foundation), Up and Down step through them, 0 or Delete clear it, and Space, Enter
or Alt+Down open the pyramid. Its tooltip and accessible name say the level and, above
Foundation, ask whether the root lies one level lower.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QFrame, QToolButton, QVBoxLayout, QWidget

from tkg_journal.domain.levels import Level
from tkg_journal.ui.common import level_texts as texts
from tkg_journal.ui.common.level_picker import LevelPicker

#: The icon's side (device-independent pixels); drawn at the screen's pixel ratio.
_ICON_SIZE = 20
#: How strongly the levels not chosen show (their own colour, faded).
_FADED_ALPHA = 0.3
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{int(level)}"): level for level in Level}


def pyramid_icon(level: Level | None, ratio: float) -> QIcon:
    """Five stacked bars, Foundation widest, each in its level's colour: ``level``'s
    strong, the others faded (so the icon says where the entry sits at a glance; with
    no level all are faded)."""
    side = _ICON_SIZE
    pixmap = QPixmap(round(side * ratio), round(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    bar = side / 5.0
    for rank in range(1, 6):  # Foundation (1) at the bottom
        top = side - rank * bar
        inset = (rank - 1) * side / 12.0
        colour = QColor(Level(rank).colour)
        if level is None or int(level) != rank:
            colour.setAlphaF(_FADED_ALPHA)
        painter.setBrush(colour)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(inset, top + bar - 0.75),
                    QPointF(side - inset, top + bar - 0.75),
                    QPointF(side - inset - side / 24.0, top + 0.75),
                    QPointF(inset + side / 24.0, top + 0.75),
                ]
            )
        )
    painter.end()
    return QIcon(pixmap)


class _PickerPopup(QFrame):
    """The pyramid in a popup under the button; Escape or a click outside closes it."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setObjectName("levelPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.picker = LevelPicker(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.picker)
        self.setMinimumWidth(self.picker.sizeHint().width() + 20)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class LevelButton(QToolButton):
    """The level of an entry, as a button that opens the pyramid (see the module).

    Signals:
        level_changed(object): the user chose a level (a ``Level``) or cleared it
            (``None``). Not emitted by :meth:`set_level`.
    """

    level_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelButton")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoRaise(False)
        self.setAccessibleDescription(texts.LEVEL_BUTTON_DESCRIPTION)
        self._level: Level | None = None
        self._popup = _PickerPopup(self)
        self.picker.level_changed.connect(self._on_picked)
        for level in Level:
            # A click on a row is a choice made: the popup has done its job.
            self.picker.row(level).clicked.connect(self._popup.close)
        self.clicked.connect(self.open_pyramid)
        self._refresh()

    @property
    def picker(self) -> LevelPicker:
        """The pyramid shown in the popup."""
        return self._popup.picker

    # public API ----------------------------------------------------------------------
    def level(self) -> Level | None:
        return self._level

    def set_level(self, level: Level | None) -> None:
        """Show ``level`` (or none) without emitting ``level_changed``."""
        self._level = level
        self.picker.set_level(level)
        self._refresh()

    def open_pyramid(self) -> None:
        """Show the pyramid under the button (above it if the screen ends below), with
        the keyboard on the chosen level."""
        popup = self._popup
        popup.adjustSize()
        size = popup.sizeHint().expandedTo(popup.minimumSize())
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - size.width() + 1)
        y = below.y()
        if y + size.height() > screen.bottom() + 1:
            y = max(screen.top(), self.mapToGlobal(QPoint(0, 0)).y() - size.height())
        popup.setGeometry(QRect(QPoint(x, y), size))
        popup.show()
        self.picker.setFocus(Qt.FocusReason.PopupFocusReason)

    def is_open(self) -> bool:
        return self._popup.isVisible()

    # behaviour -----------------------------------------------------------------------
    def _choose(self, level: Level | None) -> None:
        if level == self._level:
            return
        self.set_level(level)
        self.level_changed.emit(level)

    def _on_picked(self, level: Level | None) -> None:
        self._level = level
        self._refresh()
        self.level_changed.emit(level)

    def _refresh(self) -> None:
        level = self._level
        self.setText(level.title if level is not None else texts.NO_LEVEL_SHORT)
        self.setIcon(pyramid_icon(level, self.devicePixelRatioF()))
        self.setIconSize(QSize(_ICON_SIZE, _ICON_SIZE))
        self.setAccessibleName(texts.level_button_name(level))
        tip = texts.level_button_tooltip(level)
        self.setToolTip(tip)

    # Qt overrides --------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in _DIGIT_KEYS:
            self._choose(_DIGIT_KEYS[Qt.Key(key)])
        elif plain and key in (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._choose(None)
        elif plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 1 if key == Qt.Key.Key_Up else -1
            rank = (int(self._level) if self._level is not None else 0) + step
            if int(Level.FOUNDATION) <= rank <= int(Level.MASTERY):
                self._choose(Level(rank))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F4) or (
            key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_pyramid()
        else:
            super().keyPressEvent(event)

