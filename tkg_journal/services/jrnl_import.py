"""Import a journal exported by jrnl (``jrnl --format json``), all or nothing.

Every entry is read and validated before anything is stored; one bad entry refuses
the whole file with a message naming it. Re-importing the same file adds nothing:
each entry carries a fingerprint of its date and text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS
from tkg_journal.safe_read import Problem, UnreadableFile, read_user_file, size_words
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal
from tkg_journal.storage import entry_repository

#: A jrnl export is about 1 KB an entry: 64 MB holds decades of daily writing, and parsing
#: it stays within a few hundred MB of memory (a larger cap would let one file take GBs).
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_IMPORT_ENTRIES = 200_000
_LEVEL_TAGS = {level.title.lower(): level for level in Level}


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: int
    already_present: int


def read_file(path: Path) -> bytes:
    """The file's bytes, read with a cap (a device, a silent FIFO or a huge file is
    refused with a message, never read without end)."""
    try:
        return read_user_file(path, limit=MAX_IMPORT_BYTES, what="the import file")
    except UnreadableFile as error:
        limit = size_words(MAX_IMPORT_BYTES)
        if error.problem is Problem.TOO_LARGE and error.size is not None:
            size = f"{error.size / 2**20:.0f} MB"
            message = f"{path} is too large to import ({size}; the limit is {limit})"
        elif error.problem is Problem.TOO_LARGE:  # a pipe: its size is not known
            message = f"{path} is too large to import (more than the limit of {limit})"
        elif error.problem is Problem.FOLDER:
            message = f"{path} is a folder, not a jrnl JSON file"
        else:
            message = str(error)
        raise ImportFailed(f"{message}; nothing was imported") from None


def parse(raw: bytes, *, zone: tzinfo) -> list[tuple[Entry, str]]:
    """Entries with their import fingerprints; raises :class:`ImportFailed` on any problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFailed(
            f"the file is too large to import (limit {MAX_IMPORT_BYTES // 2**20} MB)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"the file is not valid UTF-8 (bad byte at offset {error.start})"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ImportFailed("the file is not a jrnl export (nested too deeply)") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFailed(
            'the file is not a jrnl JSON export (no "entries" list); '
            "export with `jrnl --format json`"
        )
    items = data["entries"]
    if len(items) > MAX_IMPORT_ENTRIES:
        raise ImportFailed(
            f"the file has {len(items):,} entries; the limit for one import "
            f"is {MAX_IMPORT_ENTRIES:,}"
        )
    parsed = []
    for number, item in enumerate(items, start=1):
        try:
            parsed.append(_entry(item, zone))
        except (DomainError, ValueError, TypeError) as error:
            raise ImportFailed(f"entry {number}: {error}; nothing was imported") from None
    return parsed


def _text(item: dict[str, Any], name: str) -> str:
    value = item.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be text")
    return value


def _entry(item: Any, zone: tzinfo) -> tuple[Entry, str]:
    if not isinstance(item, dict):
        raise ValueError("an entry must be a JSON object")
    day_text, time_text = _text(item, "date"), _text(item, "time") or "00:00"
    try:
        moment = datetime.combine(
            datetime.strptime(day_text, "%Y-%m-%d").date(),
            time.fromisoformat(time_text),
            tzinfo=zone,
        )
    except ValueError:
        raise ValueError(
            f"date {day_text!r} {time_text!r} is not a date and time (YYYY-MM-DD and HH:MM)"
        ) from None
    title, body = _text(item, "title").strip(), _text(item, "body").strip()
    if len(title) > MAX_TITLE_CHARS:  # jrnl's title is the first sentence: keep all of it
        body = f"{title}\n\n{body}".strip()
        title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    raw_tags = item.get("tags") or []
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
        raise ValueError("'tags' must be a list of text")
    tags = [t.lstrip("@#") for t in raw_tags]
    level = next((_LEVEL_TAGS[t.lower()] for t in tags if t.lower() in _LEVEL_TAGS), None)
    if item.get("starred") is True:
        tags.append("starred")
    entry = Entry(
        kind=EntryKind.FREE,
        occurred_at=moment,
        title=title,
        body=body,
        level=level,
        tags=tuple(tags),
    )
    fingerprint = hashlib.sha256(
        # Wall-clock time, as jrnl stores it: the same file re-imported in another time
        # zone (or with "09:30" written as "09:30:00") is still recognised.
        json.dumps(
            [moment.replace(tzinfo=None).isoformat(), title, body], ensure_ascii=False
        ).encode()
    ).hexdigest()
    return entry, f"jrnl:{fingerprint}"


def import_jrnl(journal: Journal, path: Path) -> ImportResult:
    """Read, validate and store a jrnl export in one transaction."""
    # jrnl stores local wall-clock times; read them in the zone the user is in now.
    return store(journal, parse(read_file(path), zone=journal.clock().tzinfo or UTC))


def store(journal: Journal, parsed: list[tuple[Entry, str]]) -> ImportResult:
    """Store entries already validated by :func:`parse`, skipping ones imported before."""
    with journal.db.transaction():
        present = entry_repository.existing_import_refs(journal.db, refs=[ref for _, ref in parsed])
        fresh, refs, seen = [], [], set(present)
        for entry, ref in parsed:
            if ref not in seen:  # also skips duplicates inside the file itself
                seen.add(ref)
                fresh.append(entry)
                refs.append(ref)
        entry_repository.insert_many(journal.db, entries=fresh, import_refs=refs)
    return ImportResult(imported=len(fresh), already_present=len(parsed) - len(fresh))
