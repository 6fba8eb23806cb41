"""How the PDF summary looks: page geometry (mm), type sizes (pt), colours, and the few
words only the PDF prints (it alone has pages, and it alone cuts a long table cell)."""

from __future__ import annotations

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
