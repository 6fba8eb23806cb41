"""The HTML and PDF writers (``reports/html.py``, ``reports/pdf.py``) over hand-built
summaries: one self-contained HTML file with inline charts and escaped text; a PDF whose
text (read back with ``pdftotext``) holds every section and entry, with page numbers,
repeated table headers and nothing outside the page."""

from __future__ import annotations

import base64
import logging
import subprocess
from dataclasses import replace
from datetime import UTC
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.pdf_text import pdf_pages, pdf_text, pdf_words
from tests.unit import report_samples as samples
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.experiments import Attempt, DidIt
from tkg_journal.domain.summary import ExperimentReport, LevelEntries, Summary, SummarySection
from tkg_journal.reports.document import (
    Align,
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
from tkg_journal.reports.html import to_html
from tkg_journal.reports.markdown import to_markdown
from tkg_journal.reports.pdf import font_dir, to_pdf
from tkg_journal.reports.summary_document import build_document

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SECTION_TITLES = [section.title for section in SummarySection]
ENTRY_TITLES = [
    "Pushback from Sam on the roadmap",
    "What sets me off",
    "Budget | priorities <Q1> & *urgent*",
    "A quiet week \u2013 finally.",
    "Peer in Finance on the budget review",
    "Am I delegating or dumping?",
]


def document(summary: Summary | None = None) -> Document:
    return build_document(summary or samples.sample_summary(), zone=UTC)


# --- HTML ---------------------------------------------------------------------------------
class _Page(HTMLParser):
    """What a browser would see: tags with their attributes, headings and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: dict[str, list[str]] = {}
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("title", "h1", "h2", "h3", "h4"):
            self._heading = tag
            self.headings.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self.headings[self._heading][-1] += data


def parse(html_text: str) -> _Page:
    page = _Page()
    page.feed(html_text)
    page.close()
    return page


def test_html_is_one_self_contained_file_with_inline_png_charts() -> None:
    summary = samples.sample_summary()
    html_text = to_html(document(summary))
    page = parse(html_text)

    links = [
        value
        for _tag, attrs in page.tags
        for name, value in attrs.items()
        if name in ("src", "href", "srcset", "action", "data") and value is not None
    ]
    assert links, "the charts should be images"
    assert all(link.startswith("data:image/png;base64,") for link in links), links
    images = [base64.b64decode(link.split(",", 1)[1], validate=True) for link in links]
    assert all(image.startswith(PNG_SIGNATURE) for image in images)
    assert sorted(images) == sorted(chart.png for chart in summary.charts)

    tags = {tag for tag, _attrs in page.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed"}
    assert "style" in tags  # the style sheet is inline
    assert "http" not in html_text.replace("http-equiv", "")


def test_html_has_a_language_charset_title_and_every_section() -> None:
    page = parse(to_html(document()))
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag.get("lang") == "en"
    assert any(tag == "meta" and attrs.get("charset") == "utf-8" for tag, attrs in page.tags)
    assert page.headings["title"][0].startswith("Before my coach session")
    assert page.headings["h1"] == ["Before my coach session"]
    assert page.headings["h2"] == SECTION_TITLES
    shown = page.headings["h3"] + page.headings["h4"]
    for title in ENTRY_TITLES:
        assert title in shown


def test_html_escapes_what_the_user_wrote() -> None:
    hostile = Entry(
        kind=EntryKind.REFLECTION,
        occurred_at=samples.at(9),
        title='<img src="https://example.com/x.png"> & <b>',
        body="<script>alert('x')</script>\nR&D | *not bold*",
        share_with_coach=True,
    )
    summary = replace(samples.sample_summary(), shared_entries=(LevelEntries(None, (hostile,)),))
    html_text = to_html(document(summary))
    page = parse(html_text)

    assert not any(tag in ("script", "b") for tag, _attrs in page.tags)
    assert all((attrs.get("src") or "data:").startswith("data:") for _tag, attrs in page.tags)
    assert '<img src="https://example.com/x.png"> & <b>' in page.headings["h4"]
    assert "<script>alert('x')</script>" in "".join(page.text)
    assert "&lt;script&gt;" in html_text
    assert "R&amp;D | *not bold*" in html_text


def test_html_keeps_line_breaks_and_paragraphs_of_the_questions() -> None:
    html_text = to_html(document())
    assert (
        "<p>How do I stay calm when I am surprised in public?<br>\n"
        "(It happened twice this month.)</p>\n"
        "<p>Is it time to move on to Growth, or stay with Foundation?</p>"
    ) in html_text


def test_html_prints_without_breaking_rows_or_figures() -> None:
    html_text = to_html(document())
    media = html_text[html_text.index("@media print") :]
    assert "break-inside: avoid" in media
    assert "tr, figure" in media
    assert "thead { display: table-header-group; }" in media
    assert "max-width: 48rem" in html_text


# --- PDF ----------------------------------------------------------------------------------
def write_pdf(tmp_path: Path, summary: Summary | None = None, name: str = "summary.pdf") -> Path:
    target = tmp_path / name
    target.write_bytes(to_pdf(document(summary)))
    return target


def assert_inside_pages(path: Path) -> None:
    """No word runs off the page: every word lies inside the 20 mm side and top margins
    (less a little slack for glyph overhang), and above the 20 mm bottom margin, except
    the footer's title and page number below it."""
    mm = 72 / 25.4
    side = 20 * mm - 4
    words = pdf_words(path)
    assert words
    for word in words:
        assert word.x_min >= side, word
        assert word.x_max <= word.page_width - side, word
        assert word.y_min >= 20 * mm - 8, word
        in_footer = word.y_min >= word.page_height - 14 * mm
        bottom = word.page_height - (5 if in_footer else 19) * mm
        assert word.y_max <= bottom, word


def test_the_pdf_holds_every_section_entry_and_page_number(tmp_path: Path) -> None:
    path = write_pdf(tmp_path)
    assert path.read_bytes().startswith(b"%PDF-")
    text = pdf_text(path)
    flat = " ".join(text.split())
    for title in SECTION_TITLES:
        assert title in flat
    for title in ENTRY_TITLES:
        assert title in flat
    assert "not encrypted" in flat
    pages = pdf_pages(path)
    assert len(pages) > 2
    for number in range(2, len(pages) + 1):
        assert f"Page {number} of {len(pages)}" in pages[number - 1]
    assert "Page 1 of" not in pages[0]  # the title page has no footer


def test_the_title_page_lists_the_sections_with_their_pages(tmp_path: Path) -> None:
    path = write_pdf(tmp_path)
    pages = pdf_pages(path)
    front = pages[0]
    for title in SECTION_TITLES:
        line = next(line for line in front.splitlines() if title in line)
        number = int(line.split()[-1])
        assert title in " ".join(pages[number - 1].split()), (title, number)


def test_the_pdf_draws_unicode_text(tmp_path: Path) -> None:
    flat = " ".join(pdf_text(write_pdf(tmp_path)).split())
    assert "3 Nov \u2013 24 Nov 2026" in flat  # en dash
    assert "Asked \u201cwhat worries you?\u201d" in flat  # curly quotes
    assert "1:1 with Zo\u00eb" in flat  # an accented name
    assert "\u22121" in flat  # the minus sign of a rating change


def test_the_pdf_metadata_is_the_title_only_and_the_bytes_repeat(tmp_path: Path) -> None:
    first = to_pdf(document())
    assert first == to_pdf(document())
    path = tmp_path / "s.pdf"
    path.write_bytes(first)
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == "Before my coach session"
    assert "Author" not in fields
    assert fields["Page size"].strip().endswith("(A4)")


def test_text_never_runs_off_the_page(tmp_path: Path) -> None:
    assert_inside_pages(write_pdf(tmp_path))


def test_a_long_attempts_table_spans_pages_with_its_header_repeated(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, samples.with_long_table(60))
    pages = pdf_pages(path)
    with_rows = [page for page in pages if "Situation number" in page]
    assert len(with_rows) >= 2
    for page in with_rows:
        header = next(line for line in page.splitlines() if "Situation" in line)
        assert header.split() == ["Date", "Situation", "Did", "it", "Outcome", "Note"]
    numbers = [
        int(line.split("Situation number ")[1].split(":")[0])
        for page in with_rows
        for line in page.splitlines()
        if "Situation number " in line
    ]
    assert numbers == list(range(1, 61))  # every row once, none split or lost
    assert_inside_pages(path)


def test_no_table_row_is_split_across_pages(tmp_path: Path) -> None:
    """Each attempt's situation wraps to two lines; both stay on the same page."""
    path = write_pdf(tmp_path, samples.with_long_table(60))
    words = pdf_words(path)
    pages_of_number: dict[str, set[int]] = {}
    pages_of_rest: dict[str, set[int]] = {}
    for index, word in enumerate(words):
        if word.text == "number" and index + 1 < len(words):
            pages_of_number.setdefault(words[index + 1].text, set()).add(word.page)
        if word.text == "questioned":
            # "questioned" ends the situation text of the attempt numbered before it.
            label = next(
                words[j + 1].text for j in range(index, -1, -1) if words[j].text == "number"
            )
            pages_of_rest.setdefault(label, set()).add(word.page)
    assert len(pages_of_number) == 60
    for label, pages in pages_of_number.items():
        assert pages == pages_of_rest[label], label


def test_a_cell_longer_than_a_page_becomes_continued_rows(tmp_path: Path) -> None:
    long_note = " ".join(f"word{i}" for i in range(4000))
    attempt = Attempt(7, samples.at(5), DidIt.YES, 1, "A very long evening", long_note)
    report = ExperimentReport(samples.PAUSE, (attempt,), attempts_all_time=1)
    summary = replace(samples.sample_summary(), experiments=(report,))
    path = write_pdf(tmp_path, summary)
    flat = " ".join(pdf_text(path).split())
    assert "(continued)" in flat
    assert "word0 " in flat
    assert "word3999" in flat
    assert_inside_pages(path)


def test_long_words_and_long_text_wrap_inside_the_margins(tmp_path: Path) -> None:
    entry = Entry(
        kind=EntryKind.REFLECTION,
        occurred_at=samples.at(9),
        title="https://example.com/" + "a" * 150,
        body=("x" * 400 + " ") * 3 + "\n\n" + "Ordinary words, many of them. " * 400,
        tags=("t" * 60,),
        share_with_coach=True,
    )
    summary = replace(samples.sample_summary(), shared_entries=(LevelEntries(None, (entry,)),))
    assert_inside_pages(write_pdf(tmp_path, summary))


def test_characters_the_font_lacks_print_as_a_mark_without_logging_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    entry = Entry(
        kind=EntryKind.REFLECTION,
        occurred_at=samples.at(9),
        title="Good week \u4e2d\u6587 done",
        body="Tab\there.",
        share_with_coach=True,
    )
    summary = replace(samples.sample_summary(), shared_entries=(LevelEntries(None, (entry,)),))
    with caplog.at_level(logging.DEBUG):
        path = write_pdf(tmp_path, summary)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    flat = " ".join(pdf_text(path).split())
    assert "Good week \ufffd\ufffd done" in flat
    assert "Tab here." in flat


def test_an_empty_summary_still_makes_a_readable_pdf(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, samples.empty_summary())
    flat = " ".join(pdf_text(path).split())
    assert "No experiments were touched in this period." in flat
    assert "30 Dec 2026 \u2013 6 Jan 2027" in flat
    assert_inside_pages(path)


def test_the_fonts_and_their_licence_are_bundled() -> None:
    folder = font_dir()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (folder / name).stat().st_size > 100_000
    assert "Bitstream" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_every_kind_of_block_renders_in_every_format(tmp_path: Path) -> None:
    """Blocks the summary does not use today (a bullet list, mixed bold and italic) still
    come out right, so the model stays honest."""
    chart = samples.CHARTS[0]
    blocks = (
        Heading("Sub-heading", 1),
        Heading("Sub-sub-heading", 2),
        Paragraph((Run("Plain, "), Run("bold", bold=True), Run(" and "), Run("it", italic=True))),
        BulletList((Paragraph.of("first item"), Paragraph.of("second item", bold=True))),
        Fields((("Label", "value\n\nsecond paragraph"),)),
        Table(("A", "B"), (("1", "2"),), (Align.LEFT, Align.CENTER), (1.0, 2.0)),
        Figure(chart, "Chart title", "Chart caption."),
        Quote("quoted words"),
        Note("a note"),
    )
    doc = Document(
        "Title",
        "Subtitle",
        (("Fact", "value"),),
        "Notice.",
        (Section("only", "The section", blocks),),
    )
    md = to_markdown(doc, {chart.name: "c.png"})
    assert "Plain, **bold** and *it*" in md
    assert "- first item\n- **second item**" in md
    assert "#### Sub-sub-heading" in md
    html_text = to_html(doc)
    assert "Plain, <strong>bold</strong> and <em>it</em>" in html_text
    assert "<ul><li>first item</li><li><strong>second item</strong></li></ul>" in html_text
    path = tmp_path / "blocks.pdf"
    path.write_bytes(to_pdf(doc))
    flat = " ".join(pdf_text(path).split())
    for text in ("Plain, bold and it", "\u2022 first item", "second paragraph", "Chart caption."):
        assert text in flat
    assert_inside_pages(path)


# --- what each chart shows, in words ------------------------------------------------------
def test_every_format_says_what_each_chart_shows(tmp_path: Path) -> None:
    """A reader who cannot see the charts gets their numbers: the summary sentence is the
    image's alt text and part of its caption in HTML and Markdown, and the PDF's caption."""
    doc = document()
    sentences = {
        "activity": samples.ACTIVITY_SUMMARY,
        "hierarchy": samples.HIERARCHY_SUMMARY,
        "ratings": samples.RATINGS_SUMMARY,
    }
    page = parse(to_html(doc))
    alts = [attrs.get("alt") or "" for tag, attrs in page.tags if tag == "img"]
    text = " ".join(" ".join(page.text).split())
    markdown = to_markdown(doc, {name: f"charts/{name}.png" for name in samples_names()})
    for sentence in sentences.values():
        assert any(sentence in alt for alt in alts), (sentence, alts)
        assert sentence in text
        assert f": {sentence}](charts/" in markdown  # the image's alt text
    # Markdown: the alt text of each image, and the caption paragraph under it.
    assert f"![The hierarchy: {samples.HIERARCHY_SUMMARY}](charts/hierarchy.png)" in markdown
    assert "*The five levels bottom-up, shaded by current strength. Weakest level:" in markdown
    # A chart drawn without a sentence keeps its caption as alt text.
    assert "![Experiment attempts: How often you tried the new response.]" in markdown

    target = tmp_path / "summary.pdf"
    target.write_bytes(to_pdf(doc))
    pdf = " ".join(pdf_text(target).split())
    for sentence in sentences.values():
        assert " ".join(sentence.split()) in pdf, sentence


def samples_names() -> list[str]:
    return [chart.name for chart in samples.CHARTS]
