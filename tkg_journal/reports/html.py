"""The summary document as one self-contained HTML file.

One file that opens anywhere and prints well: the style sheet is inline, charts are
``data:`` PNG images, nothing is fetched from outside and nothing runs (no script). Every
text is escaped with :func:`html.escape`, so what the leader wrote can never become markup.
"""

from __future__ import annotations

import base64
from html import escape

from tkg_journal.reports import document as doc

# A readable column on screen; on paper the page is the column, and rows, figures and
# quotes are not split across pages (headings stay with what follows them).
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0; background: #ffffff; color: #1f2328;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; overflow-wrap: break-word;
}
main { max-width: 48rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
header { margin-bottom: 2rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .4rem; }
.subtitle { font-size: 1.15rem; color: #3d444d; margin: 0 0 1rem; }
h2 { font-size: 1.45rem; margin: 2.75rem 0 .75rem; padding-bottom: .25rem;
     border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
p { margin: .5rem 0; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr);
     gap: .2rem 1rem; margin: .5rem 0 .75rem; }
dt { font-weight: 600; color: #3d444d; }
dd { margin: 0; }
dd p { margin: 0 0 .4rem; }
.notice { margin: 1rem 0 0; padding: .6rem .9rem; border-left: 4px solid #b7791f;
          background: #fdf6e3; }
.note { color: #57606a; font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: .75rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid #c9d1d9; padding: .3rem .5rem; vertical-align: top;
         text-align: left; overflow-wrap: anywhere; }
th { background: #f3f5f7; font-weight: 600; }
.right { text-align: right; }
.center { text-align: center; }
blockquote { margin: .5rem 0 1rem; padding: .4rem 1rem; border-left: 4px solid #c9d1d9;
             background: #f8f9fa; color: #24292f; }
blockquote p { margin: .3rem 0; }
figure { margin: 1.5rem 0 2rem; }
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto;
             border: 1px solid #e1e4e8; }
figcaption { margin-top: .5rem; color: #3d444d; font-size: .95rem; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.5rem; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, figure, blockquote, dl { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th, .notice, blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_ALIGN_CLASSES = {doc.Align.LEFT: "", doc.Align.RIGHT: "right", doc.Align.CENTER: "center"}


def to_html(document: doc.Document) -> str:
    """The document as one HTML page (UTF-8 text)."""
    facts = "".join(
        f"<dt>{escape(label)}</dt><dd>{_lines(value)}</dd>" for label, value in document.facts
    )
    header = (
        "<header>\n"
        f"<h1>{escape(document.title)}</h1>\n"
        f'<p class="subtitle">{escape(document.subtitle)}</p>\n'
        f'<dl class="facts">{facts}</dl>\n'
        f'<p class="notice" role="note">{escape(document.notice)}</p>\n'
        "</header>"
    )
    sections = "\n".join(_section(section) for section in document.sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(_title_text(document))}</title>\n"
        f"<style>{STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{header}\n"
        f"{sections}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def _title_text(document: doc.Document) -> str:
    return f"{document.title} \u2013 {document.subtitle}" if document.subtitle else document.title


def _section(section: doc.Section) -> str:
    body = "\n".join(_block(block) for block in section.blocks)
    return (
        f'<section id="{escape(section.key)}">\n'
        f"<h2>{escape(section.title)}</h2>\n"
        f"{body}\n"
        "</section>"
    )


def _block(block: doc.Block) -> str:
    if isinstance(block, doc.Heading):
        tag = f"h{min(block.level + 2, 6)}"
        return f"<{tag}>{escape(block.text)}</{tag}>"
    if isinstance(block, doc.Paragraph):
        return f"<p>{_runs(block.runs)}</p>"
    if isinstance(block, doc.BulletList):
        items = "".join(f"<li>{_runs(item.runs)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, doc.Fields):
        items = "".join(
            f"<dt>{escape(label)}</dt><dd>{_paragraphs(value)}</dd>" for label, value in block.items
        )
        return f'<dl class="fields">{items}</dl>'
    if isinstance(block, doc.Table):
        return _table(block)
    if isinstance(block, doc.Figure):
        return _figure(block)
    if isinstance(block, doc.Quote):
        paragraphs = "".join(f"<p>{_lines(p)}</p>" for p in _split_paragraphs(block.text))
        return f"<blockquote>{paragraphs}</blockquote>"
    if isinstance(block, doc.Note):
        return f'<p class="note">{_lines(block.text)}</p>'
    raise TypeError(f"unknown block {block!r}")


def _table(table: doc.Table) -> str:
    total = sum(table.widths) or 1.0
    cols = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in table.widths)

    def cell(tag: str, text: str, align: doc.Align) -> str:
        css = _ALIGN_CLASSES[align]
        attribute = f' class="{css}"' if css else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{attribute}{scope}>{_lines(text)}</{tag}>"

    head = "".join(cell("th", text, a) for text, a in zip(table.columns, table.align, strict=True))
    body = "\n".join(
        "<tr>"
        + "".join(cell("td", text, a) for text, a in zip(row, table.align, strict=True))
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<table>\n<colgroup>{cols}</colgroup>\n"
        f"<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def _figure(figure: doc.Figure) -> str:
    chart = figure.chart
    data = base64.b64encode(chart.png).decode("ascii")
    return (
        "<figure>\n"
        f'<img src="data:image/png;base64,{data}" alt="{escape(figure.alt)}" '
        f'width="{chart.width_px}" height="{chart.height_px}">\n'
        f"<figcaption><strong>{escape(figure.title)}.</strong> {escape(figure.caption)}"
        "</figcaption>\n"
        "</figure>"
    )


def _runs(runs: tuple[doc.Run, ...]) -> str:
    out = []
    for run in runs:
        # Not trimmed: the spaces between runs belong to the sentence.
        text = "<br>\n".join(escape(line) for line in run.text.split("\n"))
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _lines(text: str) -> str:
    """Escaped text with its newlines as line breaks."""
    return "<br>\n".join(escape(line) for line in text.strip().splitlines())


def _paragraphs(text: str) -> str:
    """One paragraph as lines; several (blank-line separated) as ``<p>`` elements."""
    paragraphs = _split_paragraphs(text)
    if len(paragraphs) <= 1:
        return _lines(text)
    return "".join(f"<p>{_lines(p)}</p>" for p in paragraphs)


def _split_paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.strip().splitlines():
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs
