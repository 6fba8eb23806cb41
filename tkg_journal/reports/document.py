"""A tiny format-neutral document: what the summary says, before it is Markdown, HTML or PDF.

``summary_document.build_document`` writes every word into these frozen dataclasses; the
writers (``markdown``, ``html``, ``pdf``) only decide how each block looks. So the three
formats cannot drift apart: a sentence changed in one place changes in all three.

Text is plain Unicode as the user wrote it (never pre-escaped); each writer escapes for
its own format. A newline inside a paragraph, a field value, a quote or a table cell is a
line break; a blank line inside a quote or a field value starts a new paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tkg_journal.domain.summary import ChartImage


class Align(StrEnum):
    """How a table column's cells are aligned."""

    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
        return cls((Run(text, bold=bold, italic=italic),))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section: ``level`` 1 is the section's own sub-heading (an
    experiment, a level's group of entries), 2 one step below (an entry in a group)."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Fields:
    """Labelled values ("Level: 1 Foundation"), shown as a compact list."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row. ``align`` and ``widths`` (relative, any scale) have one
    value per column; ``rows`` are the body rows, each as long as ``columns``."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Align, ...]
    widths: tuple[float, ...]

    def __post_init__(self) -> None:
        count = len(self.columns)
        if len(self.align) != count or len(self.widths) != count:
            raise ValueError("a table needs one alignment and one width per column")
        if any(len(row) != count for row in self.rows):
            raise ValueError("every table row needs one cell per column")


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart with its title and caption. The alt text is the title and what the chart
    shows in numbers (its summary sentence), or the caption when it has none."""

    chart: ChartImage
    title: str
    caption: str

    @property
    def alt(self) -> str:
        return f"{self.title}: {self.chart.summary or self.caption}"


@dataclass(frozen=True, slots=True)
class Quote:
    """The leader's own words (an entry's body), shown set apart and verbatim."""

    text: str


@dataclass(frozen=True, slots=True)
class Note:
    """A muted remark: an empty section's one line, a count of what is left out."""

    text: str


Block = Heading | Paragraph | BulletList | Fields | Table | Figure | Quote | Note


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the document; ``key`` is a stable identifier (an HTML anchor)."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """The whole document: a title block (title, subtitle, labelled facts and a notice),
    then the sections in order. ``created`` dates the file itself (PDF metadata)."""

    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    notice: str
    sections: tuple[Section, ...]
    created: date | None = None

    def figures(self) -> tuple[Figure, ...]:
        return tuple(
            block
            for section in self.sections
            for block in section.blocks
            if isinstance(block, Figure)
        )
