"""Shared checks for text a user types: trimmed, bounded, printable."""

from __future__ import annotations

import re

from tkg_journal.domain.errors import ValidationError

#: Longest single text field we accept (about 200 pages); guards imports and pasted dumps.
MAX_TEXT_CHARS = 500_000
MAX_TITLE_CHARS = 300
MAX_TAG_CHARS = 60


def clean_text(field: str, value: str | None, *, limit: int = MAX_TEXT_CHARS) -> str:
    """Return ``value`` without surrounding whitespace, refusing text that is too long
    or that carries control characters other than newlines and tabs."""
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError(
            field, f"{field} is too long ({len(text):,} characters; the limit is {limit:,})"
        )
    if _CONTROL.search(text):
        raise ValidationError(field, f"{field} contains control characters")
    if _SURROGATE.search(text):
        raise ValidationError(field, f"{field} holds bytes that are not valid text (UTF-8)")
    return text


# C0, DEL and C1 controls (C1 holds the terminal's escape introducer \x9b): everything in
# Unicode category Cc except the line breaks and tabs of ordinary writing. One regex
# scan is ~10x faster than a per-character check, which matters for imports and demo data.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates: what Python makes of bytes that are not UTF-8 (arguments, JSON's
# "\udcff"); no database or file can store them as text.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_range(field: str, value: int | None, low: int, high: int) -> None:
    """Refuse an integer outside ``low..high`` (``None`` means "not given" and passes)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            field, f"{field} must be a whole number from {low} to {high}, not {value!r}"
        )


def clean_tag(value: str) -> str:
    """A tag is one word-like token without '#' or '@', stored lower-case."""
    tag = value.strip().lstrip("#@").strip().lower()
    if not tag:
        raise ValidationError("tag", "a tag cannot be empty")
    if (
        len(tag) > MAX_TAG_CHARS
        or any(ch.isspace() or ch == "," for ch in tag)
        or _CONTROL.search(tag)
        or _SURROGATE.search(tag)
    ):
        raise ValidationError(
            "tag", f"tag {value!r} must be one word of at most {MAX_TAG_CHARS} characters"
        )
    return tag
