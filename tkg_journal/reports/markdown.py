"""The summary document as GitHub-flavoured Markdown, charts as PNG files beside it.

Everything the user wrote is escaped, so a ``*``, ``|``, ``<`` or a line starting with
``#`` shows as typed instead of turning into emphasis, a table cell, raw HTML or a heading.
Newlines inside a paragraph are hard line breaks (a trailing backslash), inside a table
cell ``<br>``. The output depends only on its input (a golden file tests it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

from tkg_journal.reports import document as doc

# Characters with a meaning anywhere in a line (| only in tables, but escaping it is harmless).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# "&" only where it would start an HTML entity ("&amp;", "&#123;"); "R&D" stays readable.
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# How a line may not start, or it becomes a heading, a quote, a list item or a rule
# ("+1 (positive)" and "#tag" are harmless and stay as they are).
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|[-=](?=[-=\s]*$))")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_ALIGN_RULES = {doc.Align.LEFT: ":---", doc.Align.RIGHT: "---:", doc.Align.CENTER: ":---:"}


def to_markdown(document: doc.Document, image_paths: Mapping[str, str]) -> str:
    """The document as Markdown. ``image_paths`` maps a chart's name to the relative path
    of its PNG beside the Markdown file; a chart without a path is left out."""
    parts = [f"# {_line(document.title)}", f"**{_line(document.subtitle)}**"]
    parts.append(
        "\n".join(f"- **{_line(label)}:** {_text(value, '  ')}" for label, value in document.facts)
    )
    parts.append(f"*{_line(document.notice)}*")
    for section in document.sections:
        parts.extend(_section(section, image_paths))
    return "\n\n".join(parts) + "\n"


def _section(section: doc.Section, image_paths: Mapping[str, str]) -> list[str]:
    body = [text for block in section.blocks if (text := _block(block, image_paths))]
    return [f"## {_line(section.title)}", *body] if body else []


def _block(block: doc.Block, image_paths: Mapping[str, str]) -> str:
    if isinstance(block, doc.Heading):
        return f"{'#' * (block.level + 2)} {_line(block.text)}"
    if isinstance(block, doc.Paragraph):
        return _runs(block.runs)
    if isinstance(block, doc.BulletList):
        return "\n".join(f"- {_runs(item.runs, indent='  ')}" for item in block.items)
    if isinstance(block, doc.Fields):
        return "\n".join(
            f"- **{_line(label)}:** {_text(value, '  ')}" for label, value in block.items
        )
    if isinstance(block, doc.Table):
        return _table(block)
    if isinstance(block, doc.Figure):
        return _figure(block, image_paths)
    if isinstance(block, doc.Quote):
        return _quote(block.text)
    if isinstance(block, doc.Note):
        return _emphasis(_text(block.text), "*")
    raise TypeError(f"unknown block {block!r}")


def _table(table: doc.Table) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_cell(cell) for cell in cells) + " |"

    rules = "| " + " | ".join(_ALIGN_RULES[align] for align in table.align) + " |"
    return "\n".join([row(table.columns), rules, *(row(cells) for cells in table.rows)])


def _figure(figure: doc.Figure, image_paths: Mapping[str, str]) -> str:
    path = image_paths.get(figure.chart.name)
    if path is None:
        return ""
    target = quote(path.replace("\\", "/"), safe="/._-~")
    return (
        f"![{_line(figure.alt)}]({target})\n\n"
        f"**{_line(figure.title)}.** {_emphasis(_line(figure.caption), '*')}"
    )


def _quote(text: str) -> str:
    lines = []
    for index, paragraph in enumerate(_paragraphs(text)):
        if index:
            lines.append(">")
        escaped = [_escape_line(line) for line in paragraph]
        lines.extend(
            f"> {line}\\" if i < len(escaped) - 1 else f"> {line}" for i, line in enumerate(escaped)
        )
    return "\n".join(lines)


def _runs(runs: tuple[doc.Run, ...], indent: str = "") -> str:
    out = []
    for run in runs:
        text = _text(run.text, indent)
        # _text trims each line; the spaces between runs are kept, outside the markers.
        if text and run.text[:1] in (" ", "\t"):
            text = " " + text
        if text and run.text[-1:] in (" ", "\t"):
            text += " "
        marker = (
            "***" if run.bold and run.italic else "**" if run.bold else "*" if run.italic else ""
        )
        out.append(_emphasis(text, marker) if marker else text)
    return "".join(out)


def _emphasis(text: str, marker: str) -> str:
    """Wrap in ``marker``, keeping surrounding spaces outside (``** x**`` is not bold)."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    return f"{text[:start]}{marker}{core}{marker}{text[start + len(core) :]}"


def _text(text: str, indent: str = "") -> str:
    """Escaped text; a single newline is a hard break, a blank line a new paragraph
    (continuation lines carry ``indent`` so they stay inside a list item)."""
    paragraphs = [
        f"\\\n{indent}".join(_escape_line(line) for line in lines) for lines in _paragraphs(text)
    ]
    return f"\n\n{indent}".join(paragraphs)


def _line(text: str) -> str:
    """Text that must stay on one line (a heading, a label, alt text)."""
    return _escape_line(" ".join(text.split()))


def _cell(text: str) -> str:
    lines = [_escape_inline(line.strip()) for line in text.strip().splitlines()]
    return "<br>".join(line for line in lines) or " "


def _escape_inline(text: str) -> str:
    return _ENTITY_START.sub("&amp;", _INLINE_SPECIAL.sub(r"\\\1", text))


def _escape_line(line: str) -> str:
    # Leading spaces are dropped: four of them would start a code block.
    escaped = _escape_inline(line.strip())
    return _ORDERED_ITEM.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", escaped, count=1), count=1)


def _paragraphs(text: str) -> list[list[str]]:
    """Lines grouped into paragraphs at blank lines (empty text: no paragraph)."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in text.strip().splitlines():
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs
