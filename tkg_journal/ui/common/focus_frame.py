"""A visible focus frame on lists, tables and multi-line fields.

The platform style marks a focused one-line field, but draws the frame of a list or a
multi-line field the same with and without focus, so a keyboard user could not tell
where the keys go. This style sheet gives those frames a thin neutral border and, with
focus, a border in the highlight colour; both come from the palette, so they follow a
light or dark theme. The border is 2 px wide in both states (1 px of it padding when
unfocused), so gaining focus moves nothing. The composition root sets it on the main
window, whose dialogs and windows inherit it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

_FRAMED = ("QListView", "QTableView", "QTreeView", "QPlainTextEdit", "QTextEdit")
# Popups inside a field (a combo box's list, a date field's calendar) have their own
# frame and keep it: the rule only takes views that sit in a window's layout.
_POPUP_OWNERS = ("QComboBox", "QCalendarWidget")


def _rules() -> str:
    framed = ", ".join(_FRAMED)
    focused = ", ".join(f"{kind}:focus" for kind in _FRAMED)
    popups = ", ".join(f"{owner} QAbstractItemView" for owner in _POPUP_OWNERS)
    return (
        f"{framed} {{ border: 1px solid palette(mid); padding: 1px; }}\n"
        f"{focused} {{ border: 2px solid palette(highlight); padding: 0px; }}\n"
        f"{popups} {{ border: none; padding: 0px; }}\n"
    )


FOCUS_STYLE = _rules()


class _FollowPalette(QObject):
    """Applies the window's style sheet again when its palette changes (a switch to a dark
    theme): Qt reads ``palette(...)`` in a style sheet only when it applies the sheet.
    Once the change has reached every widget (the window hears of it first), hence the
    timer, which also makes one pass of a burst of changes."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusFrameFollowsPalette")
        self._window = window
        self._again = QTimer(self, singleShot=True, interval=0)
        self._again.timeout.connect(self._apply)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in _PALETTE_CHANGES:
            self._again.start()
        return False

    def _apply(self) -> None:
        self._window.setStyleSheet(self._window.styleSheet())  # the same sheet, polished again


_PALETTE_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def show_focus_in(window: QWidget) -> None:
    """Add the focus frames to ``window``'s style sheet, for it and everything it parents
    (its dialogs too); once, keeping what else the sheet holds."""
    sheet = window.styleSheet()
    if FOCUS_STYLE in sheet:
        return
    window.setStyleSheet(f"{sheet}\n{FOCUS_STYLE}" if sheet else FOCUS_STYLE)
    follow_palette(window)


def follow_palette(window: QWidget) -> None:
    """Keep ``window``'s style sheet in the palette's colours: Qt reads ``palette(...)``
    in a sheet only when it applies it, so a switch to a dark theme applies it again."""
    _FollowPalette(window)
