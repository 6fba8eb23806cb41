"""The app's icons: line-art SVGs drawn in the colours of the current palette.

Every file in ``resources/icons`` is drawn with the single colour ``#1f1f1f``;
:func:`icon` swaps it for a colour of the application palette *when the icon is drawn*, not
when it is requested. So an icon set once on an action or button follows a change from a
light to a dark palette by itself: Qt repaints widgets on ``QEvent.PaletteChange`` and the
repaint asks the icon for a new pixmap. Nothing needs refreshing.

The one thing that does not follow: a pixmap taken out of an icon and kept
(``label.setPixmap(icon("lock").pixmap(24))``). A widget that does that re-requests the
pixmap in ``changeEvent`` when ``event.type() == QEvent.Type.PaletteChange``.

Colours by mode: Normal and Active use the palette's WindowText, Disabled the Disabled
WindowText, Selected the HighlightedText. The colour comes from the application palette,
not from the widget the icon sits on (an icon engine is not told its widget).

Rendering goes through ``QSvgRenderer`` at the exact device-pixel size asked for, so icons
are crisp at any scale factor; pixmaps are cached in ``QPixmapCache`` per name, colour and
size, parsed SVGs per name and colour.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtSvg import QSvgRenderer

from tkg_journal.paths import resource_dir
from tkg_journal.ui.common.qt_compat import hand_to_qt

ICON_NAMES: tuple[str, ...] = (
    "journal",
    "experiments",
    "progress",
    "coach-sessions",
    "new-entry",
    "quick-capture",
    "save",
    "delete",
    "lock",
    "unlock",
    "search",
    "filter",
    "clear",
    "settings",
    "shortcuts",
    "about",
    "share",
    "calendar",
    "tag",
    "warning",
    "recover",
    "sample-data",
    "key",
)

APP_ICON_FILE = "tkg-journal.svg"
ICONS_FOLDER = "icons"

# The colour the SVG files are drawn in; the loader replaces it, so it must be the only one.
_INK = re.compile(rb"#1f1f1f", re.IGNORECASE)

# Sizes the app icon offers; window systems that pick from a list (X11's window icon, the
# Windows taskbar) then get one rendered at each size instead of scaling one of them.
_APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# A coloured icon has no palette colour for Disabled, so it fades instead.
_DISABLED_OPACITY = 0.4


def icon(name: str) -> QIcon:
    """The icon called ``name`` (one of :data:`ICON_NAMES`), in the palette's colours.

    Raises:
        KeyError: ``name`` is not an icon of the app (a programming error, not the user's).
    """
    if name not in ICON_NAMES:
        raise KeyError(name)
    return _load(name, resource_dir() / ICONS_FOLDER / f"{name}.svg", recolour=True)


def app_icon() -> QIcon:
    """The application's own icon, in its level colours (never recoloured)."""
    return _load("app", resource_dir() / APP_ICON_FILE, recolour=False)


def _load(name: str, path: Path, *, recolour: bool) -> QIcon:
    # Parse now (once: the renderer is cached), so a missing or broken file fails here, where
    # the caller is, and not later inside a paint event.
    _renderer(path, None)
    # A new engine per call is cheap (the parsed SVGs and the pixmaps are cached) and means
    # a caller's addPixmap() changes only its own icon without Qt cloning the engine.
    return QIcon(_SvgIconEngine(name, path, recolour))


@cache
def _svg_source(path: Path) -> bytes:
    return path.read_bytes()


@cache
def _renderer(path: Path, ink: str | None) -> QSvgRenderer:
    """The parsed SVG at ``path`` with its ink replaced by ``ink`` ("#rrggbb"), or as drawn."""
    source = _svg_source(path)
    if ink is not None:
        source = _INK.sub(ink.encode("ascii"), source)
    renderer = QSvgRenderer(QByteArray(source))
    if not renderer.isValid():
        # A broken file in resources/ is our bug; say which one rather than draw nothing.
        raise ValueError(f"not a valid SVG icon: {path}")
    return renderer


def _ink_colour(mode: QIcon.Mode) -> QColor:
    """The palette colour an icon in ``mode`` is drawn with, read now (not when created)."""
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def _square_in(rect: QRectF) -> QRectF:
    """The largest centred square in ``rect``: icons are square and must not stretch."""
    side = min(rect.width(), rect.height())
    return QRectF(
        rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
    )


class _SvgIconEngine(QIconEngine):
    """Draws one SVG file, recoloured from the application palette at paint time if
    ``recolour``; otherwise as drawn (the app icon)."""

    def __init__(self, name: str, path: Path, recolour: bool) -> None:
        super().__init__()
        self._name = name
        self._path = path
        self._recolour = recolour

    # -- what to draw with ---------------------------------------------------------------

    def _renderer_and_opacity(self, mode: QIcon.Mode) -> tuple[QSvgRenderer, float]:
        if not self._recolour:
            opacity = _DISABLED_OPACITY if mode == QIcon.Mode.Disabled else 1.0
            return _renderer(self._path, None), opacity
        colour = _ink_colour(mode)
        # SVG colours here are #rrggbb; a palette colour's alpha (some styles give disabled
        # text one) becomes the painter's opacity.
        return _renderer(self._path, colour.name(QColor.NameFormat.HexRgb)), colour.alphaF()

    def _cache_key(self, mode: QIcon.Mode, pixels: QSize, scale: float) -> str:
        if self._recolour:
            palette_key = _ink_colour(mode).name(QColor.NameFormat.HexArgb)
        else:
            palette_key = "disabled" if mode == QIcon.Mode.Disabled else "normal"
        return f"tkg-icon/{self._name}/{palette_key}/{pixels.width()}x{pixels.height()}@{scale:g}"

    # -- QIconEngine ---------------------------------------------------------------------

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        # Vector drawing straight onto the painter: crisp at the device's pixel ratio and
        # under any transform the painter has.
        renderer, opacity = self._renderer_and_opacity(mode)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(painter.opacity() * opacity)
        renderer.render(painter, _square_in(QRectF(rect)))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        # Qt 6.8+ passes the logical size and the device pixel ratio; the pixmap is drawn at
        # size x scale device pixels and carries the ratio, so it shows at ``size``.
        if size.isEmpty():
            return QPixmap()
        pixels = QSize(round(size.width() * scale), round(size.height() * scale))
        key = self._cache_key(mode, pixels, scale)
        cached = QPixmap()
        if QPixmapCache.find(key, cached) and not cached.isNull():
            return cached
        pixmap = QPixmap(pixels)
        pixmap.fill(Qt.GlobalColor.transparent)
        renderer, opacity = self._renderer_and_opacity(mode)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(opacity)
        renderer.render(painter, _square_in(QRectF(0, 0, pixels.width(), pixels.height())))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        QPixmapCache.insert(key, pixmap)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        # Scalable: any size asked for is the size given.
        return QSize(size)

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        if self._recolour:
            return []
        return [QSize(side, side) for side in _APP_ICON_SIZES]

    def clone(self) -> QIconEngine:
        # Qt calls clone() when a shared QIcon is changed (addPixmap, addFile) and then owns
        # and deletes the copy, which PySide6 does not let it do (see hand_to_qt). Clones
        # are rare: icon() gives every caller an engine of its own.
        engine = _SvgIconEngine(self._name, self._path, self._recolour)
        hand_to_qt(engine)
        return engine

    def key(self) -> str:
        return "tkg-svg"

    def isNull(self) -> bool:
        return False
