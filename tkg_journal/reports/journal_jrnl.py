"""Entries in jrnl's plain-text journal format, the one ``jrnl --import`` reads.

Each entry is ``[YYYY-MM-DD HH:MM] Title`` on one line, then its text, then a blank line.
jrnl finds the tags itself in the text (words starting with ``@``), so the level and the
tags go on the entry's last line (``@growth @team``). jrnl starts a new entry at any line
that begins with a bracketed date, so a line of ours that begins with ``[...] `` is
indented by one space, as jrnl itself does when it reads its older format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from tkg_journal.reports.journal_markdown import entry_title, local

_LOOKS_LIKE_ENTRY = re.compile(r"^(\[[^\]\n]+\] )", re.MULTILINE)
_QUESTIONS = (
    ("who", "Who"),
    ("what_happened", "What happened"),
    ("feeling", "What I felt"),
    ("intensity", "How strongly (0-10)"),
    ("my_response", "How I responded"),
    ("impact", "The impact"),
    ("try_next", "What I will try next"),
)


def _escaped(text: str) -> str:
    return _LOOKS_LIKE_ENTRY.sub(r" \1", text)


def entry_text(entry: Mapping[str, Any], zone: tzinfo | None) -> str:
    """One entry, ending with the blank line that separates it from the next."""
    when = local(entry["occurred_at"], zone).strftime("%Y-%m-%d %H:%M")
    title = " ".join(entry_title(entry).split())
    parts: list[str] = []
    conversation = entry["conversation"]
    for key, question in _QUESTIONS:
        value = conversation[key]
        if value not in ("", None):
            parts.append(f"{question}: {value}")
    feedback = entry["feedback"]
    if feedback["source"]:
        parts.append(f"Feedback from: {feedback['source']}")
    if feedback["sentiment"] is not None:
        parts.append(f"How it landed: {feedback['sentiment']:+d}")
    if entry["body"] and entry["body"] != entry_title(entry):
        parts.append(entry["body"])
    tags = [f"@{entry['level'].name.lower()}"] if entry["level"] else []
    tags += [f"@{tag}" for tag in entry["tags"]]
    if tags:
        parts.append(" ".join(tags))
    body = _escaped("\n\n".join(parts))
    return f"[{when}] {title}\n{body}\n\n" if body else f"[{when}] {title}\n\n"
