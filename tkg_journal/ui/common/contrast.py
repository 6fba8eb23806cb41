"""Colour arithmetic for legible text on the palette's colours (WCAG 2), for widgets that
choose a colour at run time: a level's row in the pyramid, the sentence under a chart.
(The charts have their own, on matplotlib's colours: charts/style.)"""

from __future__ import annotations

from PySide6.QtGui import QColor


def relative_luminance(colour: QColor) -> float:
    """WCAG's relative luminance: 0 for black to 1 for white."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(colour: QColor) -> QColor:
    """Black or white, whichever has the higher contrast on ``colour``."""
    white, black = QColor("#ffffff"), QColor("#000000")
    return white if contrast(white, colour) >= contrast(black, colour) else black


def mix(base: QColor, tint: QColor, amount: float) -> QColor:
    """``base`` with ``amount`` (0..1) of ``tint`` blended in."""
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * amount,
        base.greenF() + (tint.greenF() - base.greenF()) * amount,
        base.blueF() + (tint.blueF() - base.blueF()) * amount,
    )
