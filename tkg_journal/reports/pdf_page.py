"""The pages of the PDF summary: fpdf2 with the summary's footer, and the drawing
primitives every block is made of.

Text wraps inside the margins and runs onto new pages as needed; a label sits in a narrow
column beside its value; a quote or notice is a tinted box with a bar on its left. Before
anything is drawn, :meth:`Page.keep` starts a new page unless the part that must stay
together fits below, so nothing starts alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tkg_journal.reports.pdf_style import (
    BAR_WIDTH,
    BODY_PT,
    BOX_PADDING,
    FIELD_GAP,
    FIELD_LABEL_WIDTH,
    FONT,
    FOOTER_Y,
    LABEL_PT,
    LEAD_LINES,
    LINE,
    MUTED,
    PAGE_NUMBER,
    RULE,
    SMALL_PT,
    TEXT,
    Colour,
)
from tkg_journal.reports.pdf_text import TextFitter


class SummaryPDF(FPDF):
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


class Page:
    """Draws on ``pdf``, with text measured and wrapped by ``fit``."""

    def __init__(self, pdf: SummaryPDF, fit: TextFitter) -> None:
        self.pdf = pdf
        self.fit = fit

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits below (never on a fresh page)."""
        pdf = self.pdf
        if pdf.y + height > pdf.page_break_trigger and pdf.y > pdf.t_margin + 1:
            pdf.add_page()

    def gap(self, height: float) -> None:
        """Vertical space, except at the top of a page."""
        if self.pdf.y > self.pdf.t_margin + 1:
            self.pdf.ln(height)

    def text(
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
        self.draw(
            self.fit.wrap(text, style, size, width),
            style,
            size,
            line,
            x=pdf.l_margin + indent,
            width=width,
            colour=colour,
        )

    def draw(
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
        """Lines already broken by :meth:`TextFitter.wrap`, one cell each, at ``x``."""
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

    def field(self, label: str, value: str, label_width: float) -> None:
        """A label in a narrow column, its value beside it (a long value wraps and may run
        onto the next page)."""
        pdf = self.pdf
        label_lines = self.fit.wrap(label, "B", LABEL_PT, label_width - 2)
        value_width = pdf.epw - label_width
        value_lines = self.fit.wrap(value, "", BODY_PT, value_width)
        self.keep(LINE * max(len(label_lines), min(len(value_lines), 2)))
        top, page = pdf.y, pdf.page
        self.draw(
            label_lines, "B", LABEL_PT, LINE, x=pdf.l_margin, width=label_width - 2, colour=MUTED
        )
        bottom = pdf.y
        pdf.set_y(top)
        self.draw(value_lines, "", BODY_PT, LINE, x=pdf.l_margin + label_width, width=value_width)
        if pdf.page == page:
            pdf.set_y(max(pdf.y, bottom))
        pdf.ln(FIELD_GAP)

    def fields_height(self, items: Sequence[tuple[str, str]]) -> float:
        """How tall :meth:`field` draws these (label, value) pairs in the body."""
        value_width = self.pdf.epw - FIELD_LABEL_WIDTH
        total = 0.0
        for label, value in items:
            label_lines = len(self.fit.wrap(label, "B", LABEL_PT, FIELD_LABEL_WIDTH - 2))
            value_lines = len(self.fit.wrap(value, "", BODY_PT, value_width))
            total += LINE * max(label_lines, value_lines) + FIELD_GAP
        return total

    def box_lines(self, text: str) -> list[str]:
        """``text`` wrapped as :meth:`boxed` draws it."""
        width = self.pdf.epw - BAR_WIDTH / 2
        return self.fit.wrap(text, "", BODY_PT, width, margin=BOX_PADDING[1])

    def boxed(self, text: str, fill: Colour, bar: Colour) -> None:
        """Text on a tinted background with a bar on its left (a quote, the notice)."""
        pdf = self.pdf
        width = pdf.epw - BAR_WIDTH / 2
        lines = self.box_lines(text)
        self.keep(LINE * min(len(lines), LEAD_LINES) + 2 * BOX_PADDING[0])
        pdf.set_fill_color(*fill)
        pdf.set_draw_color(*bar)
        pdf.set_line_width(BAR_WIDTH)
        x = pdf.l_margin + BAR_WIDTH / 2
        pdf.set_x(x)
        pdf.cell(width, BOX_PADDING[0], "", border="L", fill=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
        margin = pdf.c_margin
        pdf.c_margin = BOX_PADDING[1]
        self.draw(lines, "", BODY_PT, LINE, x=x, width=width, border="L", fill=True)
        pdf.c_margin = margin
        if pdf.y + BOX_PADDING[0] > pdf.page_break_trigger:
            pdf.set_line_width(0.2)
            return  # the closing padding alone would start a new page
        pdf.set_x(x)
        pdf.cell(
            width, BOX_PADDING[0], "", border="L", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_line_width(0.2)
