"""Tables in the PDF summary: the header row repeats on every page, a row is never split
across pages, and a cell too long for a page is cut into rows marked "(continued)".

Cells reach fpdf2 already broken into lines (its own line breaking is slow on long text),
so a table of hundreds of attempts draws in a blink.
"""

from __future__ import annotations

from fpdf import FontFace
from fpdf.enums import Align as FpdfAlign
from fpdf.enums import TableCellFillMode, VAlign

from tkg_journal.reports.document import Align, Table
from tkg_journal.reports.pdf_page import Page
from tkg_journal.reports.pdf_style import (
    BLOCK_GAP,
    CONTINUED,
    FONT,
    HEADER_FILL,
    MAX_ROW_LINES,
    ROW_FILL,
    TABLE_BORDER,
    TABLE_LINE,
    TABLE_PADDING,
    TABLE_PT,
    TEXT,
)
from tkg_journal.reports.pdf_text import TextFitter

#: The height that must fit where a table starts: its header and a first row of two lines.
TABLE_START = 2 * (2 * TABLE_LINE + 2 * TABLE_PADDING[0])

_ALIGN = {Align.LEFT: FpdfAlign.L, Align.RIGHT: FpdfAlign.R, Align.CENTER: FpdfAlign.C}


def draw_table(page: Page, table: Table) -> None:
    pdf = page.pdf
    total = sum(table.widths) or 1.0
    widths = tuple(w / total for w in table.widths)
    pdf.set_font(FONT, "", TABLE_PT)
    pdf.set_text_color(*TEXT)
    pdf.set_draw_color(*TABLE_BORDER)
    # fpdf2 fills a row's text cells with the current fill colour, whatever
    # ``cell_fill_color`` says: both are set.
    pdf.set_fill_color(*ROW_FILL)
    pdf.set_line_width(0.2)
    rows = _fit_rows(page.fit, table, tuple(w * pdf.epw for w in widths))
    page.keep(TABLE_START)
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
        grid.row([page.fit.clean(c) for c in table.columns])
        for cells in rows:
            grid.row(cells)
    pdf.ln(BLOCK_GAP + 1)


def _fit_rows(fit: TextFitter, table: Table, widths_mm: tuple[float, ...]) -> list[list[str]]:
    """The rows as text the table draws quickly: each cell already broken into lines, and
    a row with a cell too long for a page cut into several rows, the later ones marked as
    continued."""
    fitted: list[list[str]] = []
    for row in table.rows:
        lines = [
            fit.wrap(cell, "", TABLE_PT, width, margin=TABLE_PADDING[1])
            for cell, width in zip(row, widths_mm, strict=True)
        ]
        longest = max((len(cell_lines) for cell_lines in lines), default=0)
        for start in range(0, max(longest, 1), MAX_ROW_LINES):
            part = ["\n".join(cell_lines[start : start + MAX_ROW_LINES]) for cell_lines in lines]
            if start and not part[0]:
                part[0] = CONTINUED
            fitted.append(part)
    return fitted
