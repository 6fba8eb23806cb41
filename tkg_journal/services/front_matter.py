"""The YAML front matter of a Markdown note, read as the small subset notes use.

Notes from Obsidian and pages of this app's Markdown export carry a block like::

    ---
    title: "Hard talk: Sam"
    date: 2024-03-02T09:15:00+01:00
    tags: [work, "2 Growth"]
    aliases:
      - Sam
    shared: false
    ---

A full YAML parser is not needed for that, and none ships with the app: this reads
``key: value`` lines whose value is a plain, single- or double-quoted scalar, a flow list
``[a, "b"]``, or a block list of ``- item`` lines. Anything else under a key (a nested
mapping, a multi-line text) is kept as :data:`UNREADABLE`, so a caller refuses it only
when it needs that key. Values stay text: a date is parsed by whoever uses it.
"""

from __future__ import annotations

import json
import re

#: A key's value in a form this reader does not take (nested mapping, block text...).
UNREADABLE = object()
Value = str | bool | None | list[str | bool | None] | object

_KEY = re.compile(r"^([^\s#:'\"\[\]{}-][^:]*?|-[^\s:][^:]*?)\s*:(?:\s+(.*))?$")
_FENCE = "---"


class FrontMatterError(ValueError):
    """The block is not YAML this reader can take; the message says which line."""


def split(text: str) -> tuple[dict[str, Value] | None, str]:
    """The front matter (None if the note has none) and the text after it.

    A first line of ``---`` with no closing ``---`` or ``...`` is a horizontal rule, not
    front matter: the whole text is the note.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return None, text
    for end in range(1, len(lines)):
        if lines[end].rstrip() in (_FENCE, "..."):
            return parse(lines[1:end], first_line=2), "\n".join(lines[end + 1 :])
    return None, text


def parse(lines: list[str], *, first_line: int = 1) -> dict[str, Value]:
    """``key: value`` lines into a dict; raises :class:`FrontMatterError`."""
    found: dict[str, Value] = {}
    key: str | None = None
    block: list[str | bool | None] | None = None
    for number, line in enumerate(lines, start=first_line):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0] in " \t" or stripped == "-" or stripped.startswith("- "):
            if key is None:
                raise FrontMatterError(f"front matter line {number} belongs to no key")
            item = stripped[1:].strip() if stripped.startswith("-") else None
            if item is not None and block is not None:
                block.append(_scalar(item, number))
            elif item is not None and found[key] is None:
                block = [_scalar(item, number)]
                found[key] = block
            else:
                found[key] = UNREADABLE
                block = None
            continue
        match = _KEY.match(line.rstrip())
        if match is None:
            raise FrontMatterError(f"front matter line {number} is not `key: value`")
        key, raw = match.group(1).strip(), (match.group(2) or "").strip()
        block = None
        found[key] = _value(raw, number)
    return found


def _value(raw: str, number: int) -> Value:
    if raw.startswith("[") and raw.endswith("]"):
        return [_scalar(item, number) for item in _flow_items(raw[1:-1], number)]
    if raw.startswith(("{", "|", ">", "&", "*", "!")):
        return UNREADABLE  # a mapping, block text, an anchor or tag: not read here
    return _scalar(raw, number)


def _scalar(raw: str, number: int) -> str | bool | None:
    raw = raw.strip()
    if raw.startswith('"'):
        end = _closing_quote(raw, number)
        try:
            value = json.loads(raw[: end + 1])
        except ValueError:
            raise FrontMatterError(
                f"front matter line {number}: {raw[: end + 1]} is not a quoted text"
            ) from None
        return str(value)
    if raw.startswith("'"):
        end = _closing_quote(raw, number)
        return raw[1:end].replace("''", "'")
    plain = re.sub(r"\s+#.*$", "", raw).strip()  # a comment after a space ends the value
    if plain in ("", "~", "null", "Null", "NULL"):
        return None
    if plain in ("true", "True", "TRUE"):
        return True
    if plain in ("false", "False", "FALSE"):
        return False
    return plain


def _closing_quote(raw: str, number: int) -> int:
    quote, index = raw[0], 1
    while index < len(raw):
        char = raw[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and raw[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    raise FrontMatterError(f"front matter line {number}: a quote is not closed")


def _flow_items(inner: str, number: int) -> list[str]:
    """The items of ``a, "b, c", 'd'`` (commas inside quotes do not split)."""
    items: list[str] = []
    rest = inner.strip()
    while rest:
        if rest[0] in "\"'":
            end = _closing_quote(rest, number) + 1
            items.append(rest[:end])
            rest = rest[end:].strip()
            if rest and not rest.startswith(","):
                raise FrontMatterError(f"front matter line {number}: a list item runs on")
        else:
            item, _, _ = rest.partition(",")
            items.append(item.strip())
            rest = rest[len(item) :]
        rest = rest[1:].strip() if rest.startswith(",") else rest
    return [item for item in items if item]
