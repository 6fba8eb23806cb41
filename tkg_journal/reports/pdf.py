"""The summary document as an A4 PDF, drawn with fpdf2 (pure Python, no Qt).

A title page (title, period, facts, the not-encrypted notice and the contents with page
numbers), then the sections. What a coach would find hard to read is avoided on purpose:
a heading never ends a page alone (it moves with the start of what follows it), a table
repeats its header row on every page and never splits a row (a cell too long for a page
is cut into "continued" rows instead), a figure stays whole with its title and caption,
and text wraps inside the margins, long words included. DejaVu Sans (bundled in
``resources/fonts``) draws the en dashes, minus signs, curly quotes and accented names;
a character the font lacks prints as a replacement mark instead of being logged.

The file's only metadata is its title (and a creation date taken from the document, so the
same document gives the same bytes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import cast

from fpdf import FPDF, FontFace
from fpdf.enums import Align as FpdfAlign
from fpdf.enums import TableCellFillMode, VAlign, XPos, YPos
from fpdf.outline import OutlineSection

from tkg_journal.paths import resource_dir
from tkg_journal.reports.document import (
    Align,
    Block,
    BulletList,
    Document,
    Fields,
    Figure,
    Heading,
    Note,
    Paragraph,
    Quote,
    Run,
    Section,
    Table,
)

FONT = "DejaVu"
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
#: Shown for a character DejaVu Sans cannot draw (an emoji, most CJK).
REPLACEMENT = "\ufffd"
#: Page numbers in the footer (PDF only: the other formats have no pages).
PAGE_NUMBER = "Page {page} of {total}"
#: A long table cell is cut into rows of at most this many lines (a page holds ~55).
MAX_ROW_LINES = 40
#: Shown in the first cell of the rows that carry on a cut cell (PDF only: the other
#: formats never cut a row).
CONTINUED = "(continued)"
BULLET = "\u2022"

# Page geometry (mm) and type sizes (pt).
MARGIN = 20.0
BOTTOM = 20.0
FOOTER_Y = -13.0
BODY_PT = 10.0
LINE = 5.0
SMALL_PT = 8.5
TABLE_PT = 8.8
TABLE_LINE = 4.3
TABLE_PADDING = (1.3, 1.6)  # vertical, horizontal
TITLE_PT = 26.0
SUBTITLE_PT = 13.0
H2_PT = 15.0
H3_PT = 12.0
H4_PT = 10.5
LABEL_PT = 9.5
CAPTION_PT = 9.0
CAPTION_LINE = 4.4
FIELD_LABEL_WIDTH = 40.0
FACT_LABEL_WIDTH = 32.0
BLOCK_GAP = 2.5
SECTION_GAP = 9.0
HEADING_AFTER = 1.2
BULLET_INDENT = 5.0
BOX_PADDING = (1.6, 3.5)  # vertical, horizontal
BAR_WIDTH = 1.0
FIGURE_GAP = 1.5
FIELD_GAP = 0.8
KEEP_FIELDS_UP_TO = 70.0  # mm: a fields list this short never splits
LEAD_LINES = 3  # lines of a block that must fit under its heading

Colour = tuple[int, int, int]
TEXT: Colour = (31, 35, 40)
MUTED: Colour = (87, 96, 106)
RULE: Colour = (208, 215, 222)
TABLE_BORDER: Colour = (201, 209, 217)
HEADER_FILL: Colour = (236, 239, 243)
ROW_FILL: Colour = (248, 249, 250)
QUOTE_FILL: Colour = (246, 247, 248)
QUOTE_BAR: Colour = (175, 184, 193)
NOTICE_FILL: Colour = (253, 246, 227)
NOTICE_BAR: Colour = (183, 121, 31)

_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_ALIGN = {Align.LEFT: FpdfAlign.L, Align.RIGHT: FpdfAlign.R, Align.CENTER: FpdfAlign.C}


def font_dir() -> Path:
    return resource_dir() / "fonts"


def to_pdf(document: Document) -> bytes:
    """The document as PDF bytes (A4)."""
    return _Writer(document).render()


class _PDF(FPDF):
    """fpdf2 with the summary's footer: the title on the left, "Page 3 of 9" on the right
    (not on the title page)."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(FOOTER_Y)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.set_y(FOOTER_Y + 1.5)
        self.set_font(FONT, "", SMALL_PT)
        self.set_text_color(*MUTED)
        page = PAGE_NUMBER.format(page=self.page_no(), total=self.str_alias_nb_pages)
        page_width = 30.0
        self.cell(self.epw - page_width, 4, self.footer_text, align="L")
        self.cell(page_width, 4, page, align="R")


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.pdf = pdf = _PDF(footer_text="")
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
        pdf.footer_text = self.clean(document.title)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=BOTTOM)
        pdf.set_title(document.title)
        pdf.set_lang("en")
        if document.created is not None:
            pdf.set_creation_date(datetime.combine(document.created, time(), tzinfo=UTC))
        pdf.set_text_color(*TEXT)

    # --- the whole ---------------------------------------------------------------------
    def render(self) -> bytes:
        self._title_page()
        for section in self.document.sections:
            self._section(section)
        return bytes(self.pdf.output())

    def clean(self, text: str) -> str:
        """Text the font can draw: one kind of newline, tabs and other controls as spaces,
        characters the font lacks as a replacement mark."""
        text = _CONTROLS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        if text.isascii():
            return text
        drawable = self._drawable
        return "".join(ch if ch in drawable or ch == "\n" else REPLACEMENT for ch in text)

    def _title_page(self) -> None:
        pdf, doc = self.pdf, self.document
        pdf.add_page()
        pdf.set_y(52)
        self._text(doc.title, "B", TITLE_PT, TITLE_PT * 0.45)
        pdf.ln(2)
        self._text(doc.subtitle, "", SUBTITLE_PT, 6.5, colour=MUTED)
        pdf.ln(7)
        for label, value in doc.facts:
            self._field(label, value, FACT_LABEL_WIDTH)
        pdf.ln(6)
        self._boxed(doc.notice, NOTICE_FILL, NOTICE_BAR)
        pdf.ln(12)
        if doc.sections:
            pdf.insert_toc_placeholder(self._contents)
        else:
            pdf.add_page()

    def _contents(self, pdf: FPDF, outline: list[OutlineSection]) -> None:
        """The sections with their page numbers (drawn at the end, under the notice)."""
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.set_font(FONT, "", 11)
        pdf.set_text_color(*TEXT)
        for section in outline:
            if section.level != 0:
                continue
            pdf.set_x(pdf.l_margin)
            link = pdf.add_link(page=section.page_number)
            pdf.cell(pdf.epw - 15, 7.5, self.clean(section.name), link=link)
            pdf.cell(15, 7.5, str(section.page_number), align="R", link=link)
            pdf.ln(7.5)
            pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)

    def _section(self, section: Section) -> None:
        pdf = self.pdf
        self._gap(SECTION_GAP)
        heading = self._height(section.title, "B", H2_PT, 7.0) + 4.0
        self._keep(heading + self._lead(section.blocks, 0))
        pdf.start_section(self.clean(section.title), level=0, strict=False)
        self._text(section.title, "B", H2_PT, 7.0)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.y + 0.8, pdf.w - pdf.r_margin, pdf.y + 0.8)
        pdf.ln(4)
        for index in range(len(section.blocks)):
            self._block(section.blocks, index)

    # --- blocks ------------------------------------------------------------------------
    def _block(self, blocks: Sequence[Block], index: int) -> None:
        block = blocks[index]
        if isinstance(block, Heading):
            self._heading(block, blocks, index)
        elif isinstance(block, Paragraph):
            self._paragraph(block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                self._paragraph(item.runs, bullet=True)
        elif isinstance(block, Fields):
            # A short list of fields (an experiment's facts) is not split across pages.
            whole = self._fields_height(block)
            if whole <= KEEP_FIELDS_UP_TO:
                self._keep(whole)
            for label, value in block.items:
                self._field(label, value, FIELD_LABEL_WIDTH)
            self.pdf.ln(BLOCK_GAP - 1)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)
        elif isinstance(block, Quote):
            self._boxed(block.text, QUOTE_FILL, QUOTE_BAR)
            self.pdf.ln(BLOCK_GAP)
        elif isinstance(block, Note):
            self._text(block.text, "I", BODY_PT, LINE, colour=MUTED)
            self.pdf.ln(BLOCK_GAP)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def _heading(self, heading: Heading, blocks: Sequence[Block], index: int) -> None:
        size, line, gap = _heading_style(heading)
        self._gap(gap)
        self._keep(self._lead(blocks, index))
        self.pdf.start_section(self.clean(heading.text), level=min(heading.level, 2), strict=False)
        self._text(heading.text, "B", size, line)
        self.pdf.ln(HEADING_AFTER)

    def _paragraph(self, runs: tuple[Run, ...], *, bullet: bool = False) -> None:
        pdf = self.pdf
        indent = BULLET_INDENT if bullet else 0.0
        styles = {_style(run) for run in runs}
        self._keep(LINE * min(2, self._line_count("".join(r.text for r in runs), BODY_PT)))
        if bullet:
            pdf.set_font(FONT, "", BODY_PT)
            pdf.set_text_color(*TEXT)
            pdf.set_x(pdf.l_margin)
            pdf.cell(indent, LINE, BULLET)
        if len(styles) == 1:
            self._text("".join(r.text for r in runs), styles.pop(), BODY_PT, LINE, indent=indent)
        else:
            # Mixed styles flow as one text (write() wraps at the margins).
            old_margin = pdf.l_margin
            pdf.set_left_margin(old_margin + indent)
            pdf.set_text_color(*TEXT)
            for run in runs:
                pdf.set_font(FONT, _style(run), BODY_PT)
                pdf.write(LINE, self.clean(run.text))
            pdf.set_left_margin(old_margin)
            pdf.ln(LINE)
        pdf.ln(BLOCK_GAP)

    def _field(self, label: str, value: str, label_width: float) -> None:
        """A label in a narrow column, its value beside it (a long value wraps and may run
        onto the next page)."""
        pdf = self.pdf
        label_lines = self._wrap(label, "B", LABEL_PT, label_width - 2)
        value_width = pdf.epw - label_width
        value_lines = self._wrap(value, "", BODY_PT, value_width)
        self._keep(LINE * max(len(label_lines), min(len(value_lines), 2)))
        top, page = pdf.y, pdf.page
        self._draw(
            label_lines, "B", LABEL_PT, LINE, x=pdf.l_margin, width=label_width - 2, colour=MUTED
        )
        bottom = pdf.y
        pdf.set_y(top)
        self._draw(value_lines, "", BODY_PT, LINE, x=pdf.l_margin + label_width, width=value_width)
        if pdf.page == page:
            pdf.set_y(max(pdf.y, bottom))
        pdf.ln(FIELD_GAP)

    def _boxed(self, text: str, fill: Colour, bar: Colour) -> None:
        """Text on a tinted background with a bar on its left (a quote, the notice)."""
        pdf = self.pdf
        width = pdf.epw - BAR_WIDTH / 2
        lines = self._wrap(text, "", BODY_PT, width, margin=BOX_PADDING[1])
        self._keep(LINE * min(len(lines), LEAD_LINES) + 2 * BOX_PADDING[0])
        pdf.set_fill_color(*fill)
        pdf.set_draw_color(*bar)
        pdf.set_line_width(BAR_WIDTH)
        x = pdf.l_margin + BAR_WIDTH / 2
        pdf.set_x(x)
        pdf.cell(width, BOX_PADDING[0], "", border="L", fill=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
        margin = pdf.c_margin
        pdf.c_margin = BOX_PADDING[1]
        self._draw(lines, "", BODY_PT, LINE, x=x, width=width, border="L", fill=True)
        pdf.c_margin = margin
        if pdf.y + BOX_PADDING[0] > pdf.page_break_trigger:
            pdf.set_line_width(0.2)
            return  # the closing padding alone would start a new page
        pdf.set_x(x)
        pdf.cell(
            width, BOX_PADDING[0], "", border="L", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_line_width(0.2)

    def _table(self, table: Table) -> None:
        pdf = self.pdf
        total = sum(table.widths) or 1.0
        widths = tuple(w / total for w in table.widths)
        pdf.set_font(FONT, "", TABLE_PT)
        pdf.set_text_color(*TEXT)
        pdf.set_draw_color(*TABLE_BORDER)
        # fpdf2 fills a row's text cells with the current fill colour, whatever
        # ``cell_fill_color`` says: both are set.
        pdf.set_fill_color(*ROW_FILL)
        pdf.set_line_width(0.2)
        rows = self._fit_rows(table, tuple(w * pdf.epw for w in widths))
        self._keep(2 * (2 * TABLE_LINE + 2 * TABLE_PADDING[0]))
        with pdf.table(
            width=pdf.epw,
            col_widths=widths,
            text_align=tuple(_ALIGN[a] for a in table.align),
            line_height=TABLE_LINE,
            padding=TABLE_PADDING,
            v_align=VAlign.T,
            headings_style=FontFace(emphasis="BOLD", color=TEXT, fill_color=HEADER_FILL),
            cell_fill_color=ROW_FILL,
            cell_fill_mode=TableCellFillMode.EVEN_ROWS,
            repeat_headings=1,
            first_row_as_headings=True,
        ) as grid:
            grid.row([self.clean(c) for c in table.columns])
            for cells in rows:
                grid.row(cells)
        pdf.ln(BLOCK_GAP + 1)

    def _fit_rows(self, table: Table, widths_mm: tuple[float, ...]) -> list[list[str]]:
        """The rows as text the table draws quickly: each cell already broken into lines
        (fpdf2's own line breaking is slow on long text), and a row with a cell too long
        for a page cut into several rows, the later ones marked as continued."""
        fitted: list[list[str]] = []
        for row in table.rows:
            lines = [
                self._wrap(cell, "", TABLE_PT, width, margin=TABLE_PADDING[1])
                for cell, width in zip(row, widths_mm, strict=True)
            ]
            longest = max((len(cell_lines) for cell_lines in lines), default=0)
            for start in range(0, max(longest, 1), MAX_ROW_LINES):
                part = [
                    "\n".join(cell_lines[start : start + MAX_ROW_LINES]) for cell_lines in lines
                ]
                if start and not part[0]:
                    part[0] = CONTINUED
                fitted.append(part)
        return fitted

    def _figure(self, figure: Figure) -> None:
        """The chart at the text width, its title and caption under it (the chart's own
        picture usually carries the title too; above it, the title would read twice)."""
        pdf = self.pdf
        chart = figure.chart
        text_height = self._figure_text_height(figure)
        width, height = self._figure_size(figure, text_height)
        self._gap(3)
        self._keep(height + text_height)
        top = pdf.y
        pdf.image(
            io.BytesIO(chart.png),
            x=pdf.l_margin + (pdf.epw - width) / 2,
            y=top,
            w=width,
            h=height,
            alt_text=self.clean(figure.alt),
        )
        pdf.set_y(top + height + FIGURE_GAP)
        self._text(figure.title, "B", CAPTION_PT, CAPTION_LINE)
        self._text(figure.caption, "I", CAPTION_PT, CAPTION_LINE, colour=MUTED)
        pdf.ln(BLOCK_GAP + 2)

    def _figure_text_height(self, figure: Figure) -> float:
        title = self._height(figure.title, "B", CAPTION_PT, CAPTION_LINE)
        return FIGURE_GAP + title + self._height(figure.caption, "I", CAPTION_PT, CAPTION_LINE)

    def _figure_size(self, figure: Figure, text_height: float) -> tuple[float, float]:
        """The text width, unless the chart would then be taller than a page."""
        pdf = self.pdf
        chart = figure.chart
        ratio = chart.height_px / chart.width_px if chart.width_px > 0 else 0.6
        width = pdf.epw
        height = width * ratio
        room = pdf.page_break_trigger - pdf.t_margin - text_height - 2
        if height > room:
            height = room
            width = height / ratio
        return width, height

    # --- measuring and keeping together ------------------------------------------------
    def _lead(self, blocks: Sequence[Block], index: int) -> float:
        """The height that must fit on the page for blocks[index] to start there: a
        heading brings the start of what follows it along."""
        if index >= len(blocks):
            return 0.0
        block = blocks[index]
        lead_lines = LEAD_LINES
        if isinstance(block, Heading):
            size, line, gap = _heading_style(block)
            own = self._height(block.text, "B", size, line) + HEADING_AFTER + gap
            after = index + 1
            if after < len(blocks) and isinstance(blocks[after], Note | Paragraph):
                # A short note or paragraph right under a heading introduces what follows
                # (an entry's date and kind, an experiment's sentence): the heading, that
                # line and the start of the next block stay together.
                intro = self._lead(blocks, after)
                if intro < LINE * LEAD_LINES:
                    own += intro + BLOCK_GAP
                    after += 1
            return own + self._lead(blocks, after)
        if isinstance(block, Paragraph):
            return LINE * min(self._line_count(block.text, BODY_PT), lead_lines)
        if isinstance(block, Note):
            return LINE * min(len(self._wrap(block.text, "I", BODY_PT, self.pdf.epw)), lead_lines)
        if isinstance(block, Quote):
            width = self.pdf.epw - BAR_WIDTH / 2
            lines = self._wrap(block.text, "", BODY_PT, width, margin=BOX_PADDING[1])
            return LINE * min(len(lines), lead_lines) + 2 * BOX_PADDING[0]
        if isinstance(block, Fields) and block.items:
            whole = self._fields_height(block)
            if whole <= KEEP_FIELDS_UP_TO:
                return whole
            value = block.items[0][1]
            lines = self._wrap(value, "", BODY_PT, self.pdf.epw - FIELD_LABEL_WIDTH)
            return LINE * min(len(lines), 2) + 0.8
        if isinstance(block, Table):
            return 2 * (2 * TABLE_LINE + 2 * TABLE_PADDING[0])
        if isinstance(block, Figure):
            text_height = self._figure_text_height(block)
            return 3 + self._figure_size(block, text_height)[1] + text_height
        return LINE * lead_lines

    def _fields_height(self, fields: Fields) -> float:
        value_width = self.pdf.epw - FIELD_LABEL_WIDTH
        total = 0.0
        for label, value in fields.items:
            label_lines = len(self._wrap(label, "B", LABEL_PT, FIELD_LABEL_WIDTH - 2))
            value_lines = len(self._wrap(value, "", BODY_PT, value_width))
            total += LINE * max(label_lines, value_lines) + FIELD_GAP
        return total

    def _keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits below (never on a fresh page)."""
        pdf = self.pdf
        if pdf.y + height > pdf.page_break_trigger and pdf.y > pdf.t_margin + 1:
            pdf.add_page()

    def _gap(self, height: float) -> None:
        """Vertical space, except at the top of a page."""
        if self.pdf.y > self.pdf.t_margin + 1:
            self.pdf.ln(height)

    def _text(
        self,
        text: str,
        style: str,
        size: float,
        line: float,
        *,
        colour: Colour = TEXT,
        indent: float = 0.0,
    ) -> None:
        """Text across the text width (less ``indent``), wrapped, onto new pages as needed."""
        pdf = self.pdf
        width = pdf.epw - indent
        self._draw(
            self._wrap(text, style, size, width),
            style,
            size,
            line,
            x=pdf.l_margin + indent,
            width=width,
            colour=colour,
        )

    def _draw(
        self,
        lines: Sequence[str],
        style: str,
        size: float,
        line: float,
        *,
        x: float,
        width: float,
        colour: Colour = TEXT,
        border: str = "",
        fill: bool = False,
    ) -> None:
        """Lines already broken by :meth:`_wrap`, one cell each, at ``x``."""
        pdf = self.pdf
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*colour)
        for text in lines:
            if pdf.y + line > pdf.page_break_trigger:
                pdf.add_page()
                pdf.set_font(FONT, style, size)
                pdf.set_text_color(*colour)
            pdf.set_x(x)
            pdf.cell(
                width, line, text, border=border, fill=fill, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        pdf.set_text_color(*TEXT)

    def _height(self, text: str, style: str, size: float, line: float) -> float:
        return line * len(self._wrap(text, style, size, self.pdf.epw))

    def _line_count(self, text: str, size: float) -> int:
        return len(self._wrap(text, "", size, self.pdf.epw))

    def _wrap(
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


def _heading_style(heading: Heading) -> tuple[float, float, float]:
    """Type size, line height and space above of a heading of this level."""
    return (H3_PT, 6.0, 5.0) if heading.level <= 1 else (H4_PT, 5.2, 3.0)


def _style(run: Run) -> str:
    # No bold oblique face is bundled (nothing in the summary needs one): bold wins.
    return "B" if run.bold else "I" if run.italic else ""
