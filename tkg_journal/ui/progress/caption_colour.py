"""The colour of the sentence under a chart: muted like a placeholder, legible like text.

The palette's placeholder colour is often too faint for small text (about 3.5:1 on the
Fusion window grey); the caption carries what the chart shows in numbers, so it must
read. The placeholder colour is moved towards the text colour until it reaches WCAG's
4.5:1 against the window.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

CAPTION_CONTRAST = 4.5  # WCAG AA for text of this size


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def caption_colour(palette: QPalette) -> QColor:
    """The placeholder colour, moved towards the text colour until it has
    :data:`CAPTION_CONTRAST` against the window."""
    background = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    for step in range(11):
        share = step / 10
        colour = QColor.fromRgbF(
            muted.redF() + (text.redF() - muted.redF()) * share,
            muted.greenF() + (text.greenF() - muted.greenF()) * share,
            muted.blueF() + (text.blueF() - muted.blueF()) * share,
        )
        # A placeholder colour with alpha blends into the window as it is painted.
        alpha = muted.alphaF() + (1 - muted.alphaF()) * share
        shown = QColor.fromRgbF(
            colour.redF() * alpha + background.redF() * (1 - alpha),
            colour.greenF() * alpha + background.greenF() * (1 - alpha),
            colour.blueF() * alpha + background.blueF() * (1 - alpha),
        )
        if contrast(shown, background) >= CAPTION_CONTRAST:
            return shown
    return text
