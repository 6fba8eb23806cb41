"""The summary document as an A4 PDF, drawn with fpdf2 (pure Python, no Qt).

A title page (title, period, facts, the notice on who may read it and the contents with
page numbers), then the sections. What a coach would find hard to read is avoided on purpose:
a heading never ends a page alone (it moves with the start of what follows it), a table
repeats its header row on every page and never splits a row (a cell too long for a page
is cut into "continued" rows instead), a figure stays whole with its title and caption,
and text wraps inside the margins, long words included. DejaVu Sans (bundled in
``resources/fonts``) draws the en dashes, minus signs, curly quotes and accented names;
a character the font lacks prints as a replacement mark instead of being logged.

This module lays the document out: the title page, the sections, their blocks, and what
must stay together. How it looks is in ``pdf_style``, fonts and line breaking in
``pdf_text``, the footer and the drawing primitives in ``pdf_page``, tables in
``pdf_table``.

The file's only metadata is its title (and a creation date taken from the document, so the
same document gives the same bytes). With a password (``pdf_password``) the file is
encrypted with AES-256 and opens only with it; its bytes then differ on every write (the
encryption's salts are random).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime, time

from fpdf import FPDF
from fpdf.outline import OutlineSection

from tkg_journal.reports import document as doc
from tkg_journal.reports.pdf_page import Page, SummaryPDF
from tkg_journal.reports.pdf_password import lock
from tkg_journal.reports.pdf_style import (
    BLOCK_GAP,
    BODY_PT,
    BOTTOM,
    BOX_PADDING,
    BULLET,
    BULLET_INDENT,
    CAPTION_LINE,
    CAPTION_PT,
    FACT_LABEL_WIDTH,
    FIELD_LABEL_WIDTH,
    FIGURE_GAP,
    FONT,
    H2_PT,
    H3_PT,
    H4_PT,
    HEADING_AFTER,
    KEEP_FIELDS_UP_TO,
    LEAD_LINES,
    LINE,
    MARGIN,
    MUTED,
    NOTICE_BAR,
    NOTICE_FILL,
    QUOTE_BAR,
    QUOTE_FILL,
    RULE,
    SECTION_GAP,
    SUBTITLE_PT,
    TEXT,
    TITLE_PT,
)
from tkg_journal.reports.pdf_table import TABLE_START, draw_table
from tkg_journal.reports.pdf_text import TextFitter, font_dir

__all__ = ["font_dir", "to_pdf"]


def to_pdf(document: doc.Document, *, password: str | None = None) -> bytes:
    """The document as PDF bytes (A4); with ``password``, encrypted so that it opens only
    with it.

    Raises:
        DomainError: ``password`` cannot lock a PDF (``pdf_password.password_problem``).
    """
    return _Writer(document, password).render()


class _Writer:
    def __init__(self, document: doc.Document, password: str | None = None) -> None:
        self.document = document
        self.pdf = pdf = SummaryPDF(footer_text="")
        self.fit = TextFitter(pdf)
        self.page = Page(pdf, self.fit)
        pdf.footer_text = self.fit.clean(document.title)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=BOTTOM)
        pdf.set_title(document.title)
        pdf.set_lang("en")
        if document.created is not None:
            pdf.set_creation_date(datetime.combine(document.created, time(), tzinfo=UTC))
        pdf.set_text_color(*TEXT)
        if password is not None:
            lock(pdf, password)

    # --- the whole ---------------------------------------------------------------------
    def render(self) -> bytes:
        self._title_page()
        for section in self.document.sections:
            self._section(section)
        return bytes(self.pdf.output())

    def _title_page(self) -> None:
        pdf, doc = self.pdf, self.document
        pdf.add_page()
        pdf.set_y(52)
        self.page.text(doc.title, "B", TITLE_PT, TITLE_PT * 0.45)
        pdf.ln(2)
        self.page.text(doc.subtitle, "", SUBTITLE_PT, 6.5, colour=MUTED)
        pdf.ln(7)
        for label, value in doc.facts:
            self.page.field(label, value, FACT_LABEL_WIDTH)
        pdf.ln(6)
        self.page.boxed(doc.notice, NOTICE_FILL, NOTICE_BAR)
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
            pdf.cell(pdf.epw - 15, 7.5, self.fit.clean(section.name), link=link)
            pdf.cell(15, 7.5, str(section.page_number), align="R", link=link)
            pdf.ln(7.5)
            pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)

    def _section(self, section: doc.Section) -> None:
        pdf = self.pdf
        self.page.gap(SECTION_GAP)
        heading = self.fit.height(section.title, "B", H2_PT, 7.0) + 4.0
        self.page.keep(heading + self._lead(section.blocks, 0))
        pdf.start_section(self.fit.clean(section.title), level=0, strict=False)
        self.page.text(section.title, "B", H2_PT, 7.0)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.y + 0.8, pdf.w - pdf.r_margin, pdf.y + 0.8)
        pdf.ln(4)
        for index in range(len(section.blocks)):
            self._block(section.blocks, index)

    # --- blocks ------------------------------------------------------------------------
    def _block(self, blocks: Sequence[doc.Block], index: int) -> None:
        block = blocks[index]
        if isinstance(block, doc.Heading):
            self._heading(block, blocks, index)
        elif isinstance(block, doc.Paragraph):
            self._paragraph(block.runs)
        elif isinstance(block, doc.BulletList):
            for item in block.items:
                self._paragraph(item.runs, bullet=True)
        elif isinstance(block, doc.Fields):
            # A short list of fields (an experiment's facts) is not split across pages.
            whole = self.page.fields_height(block.items)
            if whole <= KEEP_FIELDS_UP_TO:
                self.page.keep(whole)
            for label, value in block.items:
                self.page.field(label, value, FIELD_LABEL_WIDTH)
            self.pdf.ln(BLOCK_GAP - 1)
        elif isinstance(block, doc.Table):
            draw_table(self.page, block)
        elif isinstance(block, doc.Figure):
            self._figure(block)
        elif isinstance(block, doc.Quote):
            self.page.boxed(block.text, QUOTE_FILL, QUOTE_BAR)
            self.pdf.ln(BLOCK_GAP)
        elif isinstance(block, doc.Note):
            self.page.text(block.text, "I", BODY_PT, LINE, colour=MUTED)
            self.pdf.ln(BLOCK_GAP)
        else:  # pragma: no cover - the doc.Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def _heading(self, heading: doc.Heading, blocks: Sequence[doc.Block], index: int) -> None:
        size, line, gap = _heading_style(heading)
        self.page.gap(gap)
        self.page.keep(self._lead(blocks, index))
        self.pdf.start_section(
            self.fit.clean(heading.text), level=min(heading.level, 2), strict=False
        )
        self.page.text(heading.text, "B", size, line)
        self.pdf.ln(HEADING_AFTER)

    def _paragraph(self, runs: tuple[doc.Run, ...], *, bullet: bool = False) -> None:
        pdf = self.pdf
        indent = BULLET_INDENT if bullet else 0.0
        styles = {_style(run) for run in runs}
        self.page.keep(LINE * min(2, self.fit.line_count("".join(r.text for r in runs), BODY_PT)))
        if bullet:
            pdf.set_font(FONT, "", BODY_PT)
            pdf.set_text_color(*TEXT)
            pdf.set_x(pdf.l_margin)
            pdf.cell(indent, LINE, BULLET)
        if len(styles) == 1:
            self.page.text(
                "".join(r.text for r in runs), styles.pop(), BODY_PT, LINE, indent=indent
            )
        else:
            # Mixed styles flow as one text (write() wraps at the margins).
            old_margin = pdf.l_margin
            pdf.set_left_margin(old_margin + indent)
            pdf.set_text_color(*TEXT)
            for run in runs:
                pdf.set_font(FONT, _style(run), BODY_PT)
                pdf.write(LINE, self.fit.clean(run.text))
            pdf.set_left_margin(old_margin)
            pdf.ln(LINE)
        pdf.ln(BLOCK_GAP)

    def _figure(self, figure: doc.Figure) -> None:
        """The chart at the text width, its title and caption under it (the chart's own
        picture usually carries the title too; above it, the title would read twice)."""
        pdf = self.pdf
        chart = figure.chart
        text_height = self._figure_text_height(figure)
        width, height = self._figure_size(figure, text_height)
        self.page.gap(3)
        self.page.keep(height + text_height)
        top = pdf.y
        pdf.image(
            io.BytesIO(chart.png),
            x=pdf.l_margin + (pdf.epw - width) / 2,
            y=top,
            w=width,
            h=height,
            alt_text=self.fit.clean(figure.alt),
        )
        pdf.set_y(top + height + FIGURE_GAP)
        self.page.text(figure.title, "B", CAPTION_PT, CAPTION_LINE)
        self.page.text(figure.caption, "I", CAPTION_PT, CAPTION_LINE, colour=MUTED)
        pdf.ln(BLOCK_GAP + 2)

    def _figure_text_height(self, figure: doc.Figure) -> float:
        title = self.fit.height(figure.title, "B", CAPTION_PT, CAPTION_LINE)
        return FIGURE_GAP + title + self.fit.height(figure.caption, "I", CAPTION_PT, CAPTION_LINE)

    def _figure_size(self, figure: doc.Figure, text_height: float) -> tuple[float, float]:
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

    # --- keeping together -------------------------------------------------------------
    def _lead(self, blocks: Sequence[doc.Block], index: int) -> float:
        """The height that must fit on the page for blocks[index] to start there: a
        heading brings the start of what follows it along."""
        if index >= len(blocks):
            return 0.0
        block = blocks[index]
        lead_lines = LEAD_LINES
        if isinstance(block, doc.Heading):
            size, line, gap = _heading_style(block)
            own = self.fit.height(block.text, "B", size, line) + HEADING_AFTER + gap
            after = index + 1
            if after < len(blocks) and isinstance(blocks[after], doc.Note | doc.Paragraph):
                # A short note or paragraph right under a heading introduces what follows
                # (an entry's date and kind, an experiment's sentence): the heading, that
                # line and the start of the next block stay together.
                intro = self._lead(blocks, after)
                if intro < LINE * LEAD_LINES:
                    own += intro + BLOCK_GAP
                    after += 1
            return own + self._lead(blocks, after)
        if isinstance(block, doc.Paragraph):
            return LINE * min(self.fit.line_count(block.text, BODY_PT), lead_lines)
        if isinstance(block, doc.Note):
            return LINE * min(
                len(self.fit.wrap(block.text, "I", BODY_PT, self.pdf.epw)), lead_lines
            )
        if isinstance(block, doc.Quote):
            lines = self.page.box_lines(block.text)
            return LINE * min(len(lines), lead_lines) + 2 * BOX_PADDING[0]
        if isinstance(block, doc.Fields) and block.items:
            whole = self.page.fields_height(block.items)
            if whole <= KEEP_FIELDS_UP_TO:
                return whole
            value = block.items[0][1]
            lines = self.fit.wrap(value, "", BODY_PT, self.pdf.epw - FIELD_LABEL_WIDTH)
            return LINE * min(len(lines), 2) + 0.8
        if isinstance(block, doc.Table):
            return TABLE_START
        if isinstance(block, doc.Figure):
            text_height = self._figure_text_height(block)
            return 3 + self._figure_size(block, text_height)[1] + text_height
        return LINE * lead_lines


def _heading_style(heading: doc.Heading) -> tuple[float, float, float]:
    """Type size, line height and space above of a heading of this level."""
    return (H3_PT, 6.0, 5.0) if heading.level <= 1 else (H4_PT, 5.2, 3.0)


def _style(run: doc.Run) -> str:
    # No bold oblique face is bundled (nothing in the summary needs one): bold wins.
    return "B" if run.bold else "I" if run.italic else ""
