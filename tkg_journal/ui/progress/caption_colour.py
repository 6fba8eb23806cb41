"""The colour of the sentence under a chart: muted like a placeholder, legible like text.

The palette's placeholder colour is often too faint for small text (about 3.5:1 on the
Fusion window grey); the caption carries what the chart shows in numbers, so it must
read. The placeholder colour is moved towards the text colour until it reaches WCAG's
4.5:1 against the window.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from tkg_journal.ui.common.contrast import contrast, mix

CAPTION_CONTRAST = 4.5  # WCAG AA for text of this size


def caption_colour(palette: QPalette) -> QColor:
    """The placeholder colour, moved towards the text colour until it has
    :data:`CAPTION_CONTRAST` against the window."""
    background = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    for step in range(11):
        share = step / 10
        colour = mix(muted, text, share)
        # A placeholder colour with alpha blends into the window as it is painted.
        alpha = muted.alphaF() + (1 - muted.alphaF()) * share
        shown = mix(background, colour, alpha)
        if contrast(shown, background) >= CAPTION_CONTRAST:
            return shown
    return text
