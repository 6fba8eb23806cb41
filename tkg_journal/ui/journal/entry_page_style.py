"""How the entry page looks: one calm sheet of paper rather than a stack of boxes.

The page takes the palette's *base* colour (the colour of a text field) from edge to edge,
so its fields need no frames of their own: each answer is marked by a thin rule on its
left, which turns the highlight colour while it has the keyboard. The title is large, the
guided questions are headings over their answers, and the text column stops at a
comfortable reading width however wide the window. Every colour comes from the palette
(``palette(...)`` in the sheet), so light and dark themes both work.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from tkg_journal.ui.common.focus_frame import follow_palette

#: The answers' dynamic property that the sheet matches (a date or combo box has line
#: edits inside it too, which keep their own look).
WRITING_PROPERTY = "writing"
#: The page's text column: about this many characters of running text per line
#: (typographers' 60-80), plus the rule and the margins.
READING_CHARACTERS = 80
#: Running text, to measure a character's usual width by (``averageCharWidth`` counts
#: capitals and wide glyphs as often as "e", and comes out a fifth too narrow).
_SAMPLE = "the quick brown fox jumps over the lazy dog, then I said what I thought. "
#: The title's size against the writing's, and the space between questions (px at 100%).
TITLE_SCALE = 1.55
SECTION_SPACING = 16

PAGE_SHEET = f"""
#editorContent {{ background: palette(base); }}
#editorPage {{ background: transparent; }}
#editorPage QPlainTextEdit, #editorPage QLineEdit[{WRITING_PROPERTY}="true"] {{
    background: transparent;
    border: none;
    border-left: 2px solid palette(midlight);
    padding: 1px 0px 1px 8px;
}}
#editorPage QPlainTextEdit:focus, #editorPage QLineEdit[{WRITING_PROPERTY}="true"]:focus {{
    border-left: 2px solid palette(highlight);
}}
#editorPage QLineEdit#editorTitle {{
    background: transparent;
    border: none;
    border-bottom: 1px solid palette(midlight);
    padding: 2px 0px 4px 0px;
}}
#editorPage QLineEdit#editorTitle:focus {{
    border-bottom: 2px solid palette(highlight);
    padding-bottom: 3px;
}}
"""


def mark_writing(*fields: QWidget) -> None:
    """Give ``fields`` the page's look for answers (see :data:`PAGE_SHEET`)."""
    for field in fields:
        field.setProperty(WRITING_PROPERTY, True)


def prompt_font(base: QFont) -> QFont:
    """A guided question over its answer: the text's size, in bold."""
    font = QFont(base)
    font.setBold(True)
    return font


def caption_font(base: QFont) -> QFont:
    """The small captions in the row of kind, date, level and tags."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.9)
    return font


def title_font(writing: QFont) -> QFont:
    """The title: larger than the writing, semi-bold."""
    font = QFont(writing)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
    else:
        font.setPixelSize(round(font.pixelSize() * TITLE_SCALE))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def reading_width(writing: QFont, margins: int) -> int:
    """The widest the page's column gets, for ``writing`` and side ``margins`` (px)."""
    per_character = QFontMetrics(writing).horizontalAdvance(_SAMPLE) / len(_SAMPLE)
    return round(per_character * READING_CHARACTERS) + 2 * margins


def as_prompt(label: QLabel) -> QLabel:
    """``label`` set as a question heading."""
    label.setFont(prompt_font(label.font()))
    return label


def apply_page_style(page: QWidget) -> None:
    """Set :data:`PAGE_SHEET` on ``page``, kept in the palette's colours."""
    page.setStyleSheet(PAGE_SHEET)
    follow_palette(page)
