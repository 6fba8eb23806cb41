"""What every import of entries from another app shares (jrnl, Day One, Markdown).

An importer turns its source into :class:`Parsed`: every entry validated, each with a
fingerprint (its ``import_ref``), before anything touches the journal. :func:`store` then
writes them in one transaction, skipping fingerprints the journal holds already and
repeats inside the source itself, so importing the same export twice adds nothing.
:func:`preview` counts the same way without writing (the app shows it before importing).

One bad entry refuses the whole source: importers raise :class:`ImportFailed` with a
one-line message naming the file and the entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tkg_journal.domain.entries import Entry
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS
from tkg_journal.safe_read import Problem, UnreadableFile, read_user_file, size_words
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal
from tkg_journal.storage import entry_repository

#: The most bytes one import reads. A text export is about 1 KB an entry: 64 MB holds
#: decades of daily writing, and parsing it stays within a few hundred MB of memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_IMPORT_ENTRIES = 200_000
NOTHING_IMPORTED = "nothing was imported"

# "Growth", "2 Growth", "2-growth", "#growth": a tag that names a level. Anything more
# ("growthmindset", "3 Growth" with the wrong rank) is an ordinary tag.
_LEVEL_TAG = re.compile(r"^[#@]?\s*(?:([1-9])[\s._:-]*)?([^\W\d_]+)\s*$")
_LEVELS_BY_NAME = {level.title.casefold(): level for level in Level}


@dataclass(frozen=True, slots=True)
class Parsed:
    """A source read whole: entries with their fingerprints, and what was left out."""

    entries: list[tuple[Entry, str]]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import stored: ``notes`` say what the source held that did not come in
    (``"3 photos and 1 audio recording were not imported"``)."""

    imported: int
    already_present: int
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What an import would store: ``new`` entries, ``already_present`` skipped."""

    new: int
    already_present: int
    notes: tuple[str, ...] = ()


def refuse(message: str) -> ImportFailed:
    """The error for a refused source, saying that nothing was stored."""
    return ImportFailed(f"{message}; {NOTHING_IMPORTED}")


def printable(name: str) -> str:
    """``name`` fit for a one-line message: a file name or an id may hold a newline or a
    terminal's escape, which a message must not pass on."""
    return "".join(ch if ch.isprintable() else "?" for ch in name)


def read_file(path: Path, *, not_a: str, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The file's bytes, read with a cap: a device, a silent FIFO or a huge file is
    refused with a message, never read without end.

    Args:
        not_a: what the file should have been, for a folder given instead
            (``"a Day One export (.zip or Journal.json)"``).
        limit: the cap (a module's own, so tests can lower it).
    """
    try:
        return read_user_file(path, limit=limit, what="the import file")
    except UnreadableFile as error:
        raise refuse(unreadable_message(error, path, not_a=not_a, limit=limit)) from None


def unreadable_message(error: UnreadableFile, path: Path, *, not_a: str, limit: int) -> str:
    """``error`` in an import's words (a size in MB, what a folder should have been)."""
    words = size_words(limit)
    if error.problem is Problem.TOO_LARGE and error.size is not None:
        return f"{path} is too large to import ({error.size / 2**20:.0f} MB; the limit is {words})"
    if error.problem is Problem.TOO_LARGE:  # a pipe: its size is not known
        return f"{path} is too large to import (more than the limit of {words})"
    if error.problem is Problem.FOLDER:
        return f"{path} is a folder, not {not_a}"
    return str(error)


def decode_json(raw: bytes, *, source: str, what: str) -> Any:
    """The JSON document in ``raw`` (UTF-8, a BOM allowed); ``source`` names the file in
    a refusal, ``what`` is what it should have been (``"a Day One journal"``)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(
            f"{source} is not valid UTF-8 (bad byte at offset {error.start})"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise refuse(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise refuse(f"{source} is not {what} (nested too deeply)") from None


def check_count(count: int) -> None:
    """Refuse a source with more entries than one import takes."""
    if count > MAX_IMPORT_ENTRIES:
        raise refuse(
            f"the file has {count:,} entries; the limit for one import is {MAX_IMPORT_ENTRIES:,}"
        )


def level_tag(tag: str) -> Level | None:
    """The level a tag names (``"Growth"``, ``"2 Growth"``, ``"#growth"``), else None."""
    match = _LEVEL_TAG.match(tag)
    if match is None:
        return None
    level = _LEVELS_BY_NAME.get(match.group(2).casefold())
    rank = match.group(1)
    if level is None or (rank is not None and int(rank) != level):
        return None
    return level


def level_from_tags(tags: Iterable[str]) -> tuple[Level | None, list[str]]:
    """The level named by the first tag that names one, and the other tags.

    A tag is how other apps let a writer mark a level; once it is the entry's level, a
    tag saying the same would only be a second place to keep it in step.
    """
    level: Level | None = None
    rest: list[str] = []
    for tag in tags:
        named = level_tag(tag)
        if named is None:
            rest.append(tag)
        elif level is None:
            level = named
    return level, rest


def as_tag(text: str) -> str:
    """A tag from another app, made one word: ``"Team Work"`` -> ``"Team-Work"`` (the
    journal's tags hold no spaces or commas; clean_tag lower-cases it)."""
    return re.sub(r"[\s,]+", "-", text.strip().lstrip("#@").strip())


def split_title(title: str, body: str) -> tuple[str, str]:
    """A title over the journal's limit is shortened, and kept whole in the body."""
    if len(title) <= MAX_TITLE_CHARS:
        return title, body
    return title[: MAX_TITLE_CHARS - 1].rstrip() + "…", f"{title}\n\n{body}".strip()


def counted(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def joined(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def store(journal: Journal, parsed: Parsed) -> ImportResult:
    """Store entries already validated, in one transaction, skipping ones imported before
    (and repeats inside the source)."""
    with journal.db.transaction():
        fresh, refs = _fresh(journal, parsed.entries)
        entry_repository.insert_many(journal.db, entries=fresh, import_refs=refs)
    return ImportResult(
        imported=len(fresh),
        already_present=len(parsed.entries) - len(fresh),
        notes=parsed.notes,
    )


def preview(journal: Journal, parsed: Parsed) -> ImportPreview:
    """What :func:`store` would do, counted without writing anything."""
    fresh, _ = _fresh(journal, parsed.entries)
    return ImportPreview(
        new=len(fresh), already_present=len(parsed.entries) - len(fresh), notes=parsed.notes
    )


def _fresh(journal: Journal, parsed: Sequence[tuple[Entry, str]]) -> tuple[list[Entry], list[str]]:
    present = entry_repository.existing_import_refs(journal.db, refs=[ref for _, ref in parsed])
    fresh, refs, seen = [], [], set(present)
    for entry, ref in parsed:
        if ref not in seen:
            seen.add(ref)
            fresh.append(entry)
            refs.append(ref)
    return fresh, refs
