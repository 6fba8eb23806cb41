"""Text the PDF summary can draw, broken into lines that fit.

The bundled DejaVu Sans faces (``resources/fonts``) draw the en dashes, minus signs, curly
quotes and accented names; a character they lack prints as a replacement mark instead of
being logged. Lines are broken here, from the fonts' own character widths, in time linear
in the text's length: fpdf2's own line breaking is slow on long text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import cast

from fpdf import FPDF

from tkg_journal.paths import resource_dir
from tkg_journal.reports.pdf_style import FONT, FONT_FILES, REPLACEMENT

_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def font_dir() -> Path:
    return resource_dir() / "fonts"


class TextFitter:
    """Installs the fonts in ``pdf``, then cleans, measures and wraps text for it."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        folder = font_dir()
        for style, name in FONT_FILES.items():
            pdf.add_font(FONT, style, str(folder / name))
        # Character widths (1/1000 em) per style, for the line breaking below; their keys
        # are the characters the font has (read before any lookup of a missing one).
        self._widths: dict[str, Mapping[int, float]] = {
            style: cast("Mapping[int, float]", pdf.fonts[FONT.lower() + style].cw)
            for style in FONT_FILES
        }
        self._drawable = frozenset(
            chr(code) for code in set.intersection(*(set(w) for w in self._widths.values()))
        )
        self._wrapped: dict[tuple[str, str, float, float], list[str]] = {}

    def clean(self, text: str) -> str:
        """Text the font can draw: one kind of newline, tabs and other controls as spaces,
        characters the font lacks as a replacement mark."""
        text = _CONTROLS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        if text.isascii():
            return text
        drawable = self._drawable
        return "".join(ch if ch in drawable or ch == "\n" else REPLACEMENT for ch in text)

    def height(self, text: str, style: str, size: float, line: float) -> float:
        """How tall ``text`` is across the text width, at ``line`` mm a line."""
        return line * len(self.wrap(text, style, size, self.pdf.epw))

    def line_count(self, text: str, size: float) -> int:
        return len(self.wrap(text, "", size, self.pdf.epw))

    def wrap(
        self, text: str, style: str, size: float, width: float, *, margin: float | None = None
    ) -> list[str]:
        """``text`` (cleaned) broken into lines that fit a cell ``width`` mm wide with
        ``margin`` mm inside each side (the cell margin by default): at spaces, and inside
        a word only when the word alone is too long. A newline always breaks; a blank line
        stays blank. Linear in the text's length (fpdf2's own line breaking is not)."""
        inner = self.pdf.c_margin if margin is None else margin
        key = (text, style, size, width - 2 * inner)
        cached = self._wrapped.get(key)
        if cached is not None:
            return cached
        widths = self._widths[style]
        # Widths are in 1/1000 em; the room in the same unit (a hair less, for rounding).
        room = (width - 2 * inner - 0.01) * self.pdf.k * 1000 / size
        space = widths[32]
        lines: list[str] = []
        for paragraph in self.clean(text).strip().split("\n"):
            words = paragraph.split()
            if not words:
                lines.append("")
                continue
            current: list[str] = []
            used = 0.0
            for word in words:
                word_width = sum(widths[ord(ch)] for ch in word)
                if current and used + space + word_width <= room:
                    current.append(word)
                    used += space + word_width
                    continue
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                while word_width > room:  # a word longer than a line: cut it
                    cut, cut_width = _cut(word, widths, room)
                    lines.append(word[:cut])
                    word = word[cut:]
                    word_width -= cut_width
                current, used = [word], word_width
            if current:
                lines.append(" ".join(current))
        self._wrapped[key] = lines
        return lines


def _cut(word: str, widths: Mapping[int, float], room: float) -> tuple[int, float]:
    """How many characters of ``word`` fit in ``room`` (at least one), and their width."""
    total = 0.0
    for index, ch in enumerate(word):
        width = widths[ord(ch)]
        if total + width > room and index:
            return index, total
        total += width
    return len(word), total
