"""Import a journal exported by jrnl (``jrnl --format json``), all or nothing.

Every entry is read and validated before anything is stored; one bad entry refuses
the whole file with a message naming it. Re-importing the same file adds nothing:
each entry carries a fingerprint of its date and text.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.errors import DomainError
from tkg_journal.services import entry_import
from tkg_journal.services.entry_import import (
    ImportPreview,
    ImportResult,
    Parsed,
    decode_json,
    level_tag,
    split_title,
)
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal

#: A jrnl export is about 1 KB an entry (the cap every import shares; tests lower it here).
MAX_IMPORT_BYTES = entry_import.MAX_IMPORT_BYTES
MAX_IMPORT_ENTRIES = entry_import.MAX_IMPORT_ENTRIES

__all__ = ["ImportResult", "import_jrnl", "parse", "preview_jrnl", "read_file", "store"]


def read_file(path: Path) -> bytes:
    """The file's bytes, read with a cap (a device, a silent FIFO or a huge file is
    refused with a message, never read without end)."""
    return entry_import.read_file(path, not_a="a jrnl JSON file", limit=MAX_IMPORT_BYTES)


def parse(raw: bytes, *, zone: tzinfo) -> list[tuple[Entry, str]]:
    """Entries with their import fingerprints; raises :class:`ImportFailed` on any problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFailed(
            f"the file is too large to import (limit {MAX_IMPORT_BYTES // 2**20} MB)"
        )
    data = decode_json(raw, source="the file", what="a jrnl export")
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
    # jrnl's title is the first sentence: a long one is kept whole in the body.
    title, body = split_title(_text(item, "title").strip(), _text(item, "body").strip())
    raw_tags = item.get("tags") or []
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
        raise ValueError("'tags' must be a list of text")
    tags = [t.lstrip("@#") for t in raw_tags]
    # The tag stays beside the level here, unlike the newer importers: jrnl imports have
    # kept it since the first release, and a writer's searches may rely on it.
    level = next((found for t in tags if (found := level_tag(t)) is not None), None)
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


def preview_jrnl(journal: Journal, path: Path) -> ImportPreview:
    """What :func:`import_jrnl` would store, counted without writing."""
    zone = journal.clock().tzinfo or UTC
    return entry_import.preview(journal, Parsed(parse(read_file(path), zone=zone)))


def store(journal: Journal, parsed: list[tuple[Entry, str]]) -> ImportResult:
    """Store entries already validated by :func:`parse`, skipping ones imported before."""
    return entry_import.store(journal, Parsed(parsed))
