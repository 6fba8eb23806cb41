"""Windows that fit the screen they open on: first sizes, restored geometry, scrolling.

A size picked on one desk does not fit the next: a 1024x600 netbook, a 1366x768 laptop, a
1920x1080 screen at 200 % (960x540 logical pixels), or a laptop undocked from the big
monitor its window was last closed on. So no window states its size in pixels alone: it
asks for what it would like (:func:`fit_to_screen`) and gets at most what the screen it
opens on has room for, and a form taller than a small screen scrolls
(:func:`scrolling`) while the buttons that end a dialog stay below it, always visible.
A window with word-wrapped text keeps the height that text needs at its width
(:func:`keep_text_whole`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

#: Room kept for what the window manager draws around a window (title bar, borders):
#: before a window is shown Qt cannot know its frame, and a window whose title bar lies
#: off screen cannot be moved back.
FRAME_ALLOWANCE = QSize(16, 48)

#: The main window's first size: this share of the screen, at most a width and height
#: that read comfortably (a list beside an editor with lines of a readable length)...
MAIN_SCREEN_SHARE = 0.8
MAIN_COMFORTABLE = QSize(1400, 900)
#: ...and at least this much (or the whole screen when it is smaller): 80 % of a small
#: laptop's screen leaves less room to write than the screen has.
MAIN_AT_LEAST = QSize(1000, 640)


def screen_of(window: QWidget) -> QScreen:
    """The screen ``window`` is on or will open on: its parent's for a dialog, else the
    one under its (perhaps restored) position, else the primary one."""
    parent = window.parentWidget()
    if parent is not None:
        return parent.window().screen()
    screen = QGuiApplication.screenAt(window.geometry().center())
    if screen is not None:
        return screen
    return window.screen() or QGuiApplication.primaryScreen()


def room_on_screen(window: QWidget) -> QSize:
    """The largest size ``window`` can take on its screen with its frame still inside
    the screen's available area (panels and docks excluded)."""
    area = screen_of(window).availableGeometry().size()
    return (area - FRAME_ALLOWANCE).expandedTo(QSize(1, 1))


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Resize ``window`` to ``preferred``, or as much of it as its screen has room for.

    A window whose layout needs more than the room keeps its minimum (Qt will not go
    below it): such windows put their content in :func:`scrolling`.
    """
    window.resize(preferred.boundedTo(room_on_screen(window)))


def main_window_size(window: QWidget) -> QSize:
    """The main window's first size on its screen (see the ``MAIN_*`` constants)."""
    room = room_on_screen(window)
    area = screen_of(window).availableGeometry().size()
    share = QSize(int(area.width() * MAIN_SCREEN_SHARE), int(area.height() * MAIN_SCREEN_SHARE))
    return share.expandedTo(MAIN_AT_LEAST.boundedTo(room)).boundedTo(
        MAIN_COMFORTABLE.boundedTo(room)
    )


def place_main_window(window: QWidget) -> None:
    """The first size (:func:`main_window_size`), centred in the screen's free area."""
    window.resize(main_window_size(window))
    centred = QRect(window.geometry())
    centred.moveCenter(screen_of(window).availableGeometry().center())
    window.move(centred.topLeft())


def keep_on_screen(window: QWidget) -> None:
    """Pull a restored window back inside its screen: a geometry saved on a bigger
    monitor (or one no longer attached) is shrunk to the room there is and moved so its
    title bar can be reached. A maximised or full-screen window is the system's to size.
    """
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    area = screen_of(window).availableGeometry()
    size = window.size().boundedTo(room_on_screen(window))
    if size != window.size():
        window.resize(size)
    # The frame's top-left is where the window manager puts the title bar; the window
    # plus its frame (not known before it shows: the allowance) must lie inside.
    frame = window.frameGeometry()
    right_most = area.left() + area.width() - (size.width() + FRAME_ALLOWANCE.width())
    low_most = area.top() + area.height() - (size.height() + FRAME_ALLOWANCE.height())
    left = max(area.left(), min(frame.left(), right_most))
    top = max(area.top(), min(frame.top(), low_most))
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)


def scrolling(content: QWidget, name: str) -> QScrollArea:
    """``content`` in a frameless area that scrolls when the window is shorter (or
    narrower) than the content needs, so a dialog fits a small screen; the dialog's
    buttons go below it, outside, where they never scroll away."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def unscrolled_size_hint(window: QWidget, area: QScrollArea) -> QSize:
    """``window``'s size hint with ``area`` showing all its content (a scroll area's own
    hint stops at a few dozen lines): what to ask :func:`fit_to_screen` for."""
    hint = window.sizeHint()
    content = area.widget()
    if content is None:
        return hint
    frame = 2 * area.frameWidth()
    grow = content.sizeHint() + QSize(frame, frame) - area.sizeHint()
    return hint + grow.expandedTo(QSize(0, 0))


class _WholeText(QObject):
    """Keeps a window at least as tall as its layout needs at the window's width."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._pending = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and not self._pending and event.type() in (
            QEvent.Type.Show, QEvent.Type.Resize, QEvent.Type.LayoutRequest
        ):
            # After the event: a window resized from inside its own resize (or show)
            # event keeps its layout at the old size.
            self._pending = True
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        self._pending = False
        window = self._window
        layout = window.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = max(layout.totalHeightForWidth(window.width()),
                     layout.totalMinimumSize().height())
        needed = min(needed, room_on_screen(window).height())
        if needed != window.minimumHeight():
            window.setMinimumHeight(needed)
        if window.height() < needed:
            window.resize(window.width(), needed)


def keep_text_whole(window: QWidget) -> None:
    """Keep ``window`` as tall as its word-wrapped labels need at its width (up to the
    screen's room), now and whenever it is resized or its text changes.

    Qt gives a window the minimum its layout reports, and a layout counts a wrapped
    label as the short line it needs at its widest: the window opens too short, and the
    label is squeezed into the rows below it (a hint over the field beneath).
    """
    _WholeText(window)
