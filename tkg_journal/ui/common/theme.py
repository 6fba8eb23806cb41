"""The app's colours: the system's, or light or dark whatever the system uses (Preferences).

A theme is applied to the running app through the application palette: every widget,
icon (``icons``), chart (the Progress section redraws on a palette change) and painted
bar here takes its colours from the palette, so switching needs no restart. Light and
dark are full palettes of their own (a style that follows the palette, like Fusion,
draws with them on every platform); the app also asks the platform for that colour
scheme, so a native style that draws its own controls (Windows 11, macOS) follows too.
"System" lets go of both: the platform's palette and scheme come back, and follow the
desktop's own switch from then on.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

Role, Group = QPalette.ColorRole, QPalette.ColorGroup


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return THEME_LABELS[self]


THEME_LABELS = {
    Theme.SYSTEM: "As the system",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
}

# Each colour: (active and inactive, disabled). Text on its background has a contrast of
# at least 7:1 and selected text on the highlight 4.5:1 (WCAG AA; disabled text is greyed
# on purpose and need not).
_LIGHT: dict[QPalette.ColorRole, tuple[str, str]] = {
    Role.Window: ("#efefef", "#efefef"),
    Role.WindowText: ("#1a1a1a", "#8c8c8c"),
    Role.Base: ("#ffffff", "#efefef"),
    Role.AlternateBase: ("#f5f5f5", "#f5f5f5"),
    Role.Text: ("#1a1a1a", "#8c8c8c"),
    Role.PlaceholderText: ("#6e6e6e", "#9a9a9a"),
    Role.Button: ("#efefef", "#efefef"),
    Role.ButtonText: ("#1a1a1a", "#8c8c8c"),
    Role.BrightText: ("#ffffff", "#ffffff"),
    Role.Light: ("#ffffff", "#ffffff"),
    Role.Midlight: ("#e3e3e3", "#e3e3e3"),
    Role.Mid: ("#b8b8b8", "#c8c8c8"),
    Role.Dark: ("#9f9f9f", "#b0b0b0"),
    Role.Shadow: ("#767676", "#8a8a8a"),
    Role.Highlight: ("#2a6ebb", "#c8c8c8"),
    Role.HighlightedText: ("#ffffff", "#5a5a5a"),
    Role.Link: ("#1a5fb4", "#7a9cc6"),
    Role.LinkVisited: ("#6a3fb4", "#9a86c0"),
    Role.ToolTipBase: ("#ffffdc", "#ffffdc"),
    Role.ToolTipText: ("#1a1a1a", "#1a1a1a"),
    Role.Accent: ("#2a6ebb", "#c8c8c8"),
}
# Fields (Base) a shade lighter than the window, as in the light palette: a style draws a
# field's frame in a darker shade of the window colour, which a darker field would swallow.
_DARK: dict[QPalette.ColorRole, tuple[str, str]] = {
    Role.Window: ("#262626", "#262626"),
    Role.WindowText: ("#e8e8e8", "#7d7d7d"),
    Role.Base: ("#323232", "#2b2b2b"),
    Role.AlternateBase: ("#393939", "#2e2e2e"),
    Role.Text: ("#e8e8e8", "#7d7d7d"),
    Role.PlaceholderText: ("#a3a3a3", "#6f6f6f"),
    Role.Button: ("#363636", "#2e2e2e"),
    Role.ButtonText: ("#e8e8e8", "#7d7d7d"),
    Role.BrightText: ("#ffffff", "#ffffff"),
    Role.Light: ("#4d4d4d", "#404040"),
    Role.Midlight: ("#404040", "#383838"),
    Role.Mid: ("#5e5e5e", "#4a4a4a"),
    Role.Dark: ("#1a1a1a", "#1a1a1a"),
    Role.Shadow: ("#0e0e0e", "#0e0e0e"),
    Role.Highlight: ("#3a78c2", "#444444"),
    Role.HighlightedText: ("#ffffff", "#8a8a8a"),
    Role.Link: ("#8ab4f8", "#6c7f9c"),
    Role.LinkVisited: ("#c0a6f5", "#8a7fa3"),
    Role.ToolTipBase: ("#3c3c3c", "#3c3c3c"),
    Role.ToolTipText: ("#f0f0f0", "#f0f0f0"),
    Role.Accent: ("#3a78c2", "#444444"),
}


def theme_palette(theme: Theme) -> QPalette:
    """The palette of ``theme`` (the system's current one for :attr:`Theme.SYSTEM`)."""
    if theme is Theme.SYSTEM:
        return QPalette()  # nothing set: everything resolves to the platform's
    palette = QPalette()
    for role, (normal, disabled) in (_DARK if theme is Theme.DARK else _LIGHT).items():
        for group in (Group.Active, Group.Inactive):
            palette.setColor(group, role, QColor(normal))
        palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def apply_theme(theme: Theme) -> None:
    """Use ``theme`` in the running app (and every window it opens from now on)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hints = app.styleHints()
    if theme is Theme.SYSTEM:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if theme is Theme.DARK
                             else Qt.ColorScheme.Light)
    QGuiApplication.setPalette(theme_palette(theme))
