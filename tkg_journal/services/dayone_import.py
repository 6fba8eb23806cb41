"""Import Day One's JSON export (``tkg-journal import dayone FILE``), all or nothing.

Day One exports a .zip holding one ``<Journal name>.json`` per journal beside ``photos/``,
``audios/`` and ``videos/`` folders; a bare ``Journal.json`` is read too. Each entry has a
``uuid``, a ``creationDate`` in UTC (``2024-03-02T08:15:00Z``), the ``timeZone`` it was
written in, its ``text`` as Markdown with Day One's backslash escapes and
``![](dayone-moment://...)`` references to its media, ``tags`` and ``starred``.

The journal keeps text: media are counted and reported, never extracted. From the
archive only the journal JSON is decompressed, with the import's cap on the bytes that
yields, so a "zip bomb" is refused before it can fill the memory.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections import Counter
from datetime import UTC, datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.errors import DomainError
from tkg_journal.safe_read import size_words
from tkg_journal.services import entry_import
from tkg_journal.services.entry_import import (
    ImportPreview,
    ImportResult,
    Parsed,
    as_tag,
    check_count,
    counted,
    decode_json,
    joined,
    level_from_tags,
    printable,
    refuse,
    split_title,
)
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal

#: More members than any real export has (a photo an entry for 50 years is ~20,000):
#: listing more would only be a way to make the import slow.
MAX_ZIP_MEMBERS = 200_000
NOT_A = "a Day One export (.zip or Journal.json)"
_ZIP_MAGIC = b"PK\x03\x04"
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_MEDIA = (  # Day One's key, then how a count of them reads
    ("photos", "photo", "photos"),
    ("audios", "audio recording", "audio recordings"),
    ("videos", "video", "videos"),
    ("pdfAttachments", "PDF", "PDFs"),
)
# ![](dayone-moment://ID), ![](dayone-moment:/audio/ID): where a photo or recording sat.
_MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:[^)\s]*\)")
# Day One escapes Markdown's punctuation in plain text: "1\. First", "\- item", "Hi\!".
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HEADING = re.compile(r"^#{1,6}\s+")


def read(path: Path) -> Parsed:
    """Every entry of the export at ``path`` (a .zip or a journal's JSON), validated."""
    opened = _open(path)
    if isinstance(opened, bytes):
        documents = [(printable(path.name), opened)]
    else:
        handle, archive = opened
        with handle, archive:
            documents = _journals(path, archive)
    parsed: list[tuple[Entry, str]] = []
    tally: Counter[str] = Counter()
    for name, raw in documents:
        parsed += parse(raw, name=name, tally=tally)
        check_count(len(parsed))
    return Parsed(parsed, _notes(tally))


def import_dayone(journal: Journal, path: Path) -> ImportResult:
    """Read, validate and store a Day One export in one transaction."""
    return entry_import.store(journal, read(path))


def preview_dayone(journal: Journal, path: Path) -> ImportPreview:
    """What :func:`import_dayone` would store, counted without writing."""
    return entry_import.preview(journal, read(path))


# --- the file -------------------------------------------------------------------------


def _open(path: Path) -> bytes | tuple[BinaryIO, zipfile.ZipFile]:
    """The JSON's bytes, or the open archive. A .zip is not read whole (photos can make
    it gigabytes), so only a regular file is opened as one: anything else (a FIFO, a
    device, a folder) goes to the capped read, which refuses it or waits a bounded time."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        regular = False  # the capped read says why, in the OS's words
    if regular:
        try:  # without blocking, should it have become a FIFO since the look above
            handle = os.fdopen(os.open(path, _OPEN_FLAGS), "rb")
        except OSError:
            return entry_import.read_file(path, not_a=NOT_A)
        try:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode) and handle.read(4) == _ZIP_MAGIC:
                _check_directory(path, handle)
                handle.seek(0)
                return handle, zipfile.ZipFile(handle)  # a ZipFile leaves a handle open
        except (OSError, zipfile.BadZipFile, EOFError, ValueError) as error:
            handle.close()
            raise refuse(f"{path} is not a readable .zip archive ({error})") from None
        except BaseException:
            handle.close()
            raise
        handle.close()
    return entry_import.read_file(path, not_a=NOT_A)


def _check_directory(path: Path, handle: BinaryIO) -> None:
    """Refuse an archive whose directory lists too many files before ``ZipFile`` reads
    it: it makes an object of every entry, so a crafted directory could take gigabytes.

    The directory's size and count come from the archive's end record, read by
    zipfile's own (private, long-stable) reader; without it, the count is checked after
    opening instead (:func:`_journals`).
    """
    end_record = getattr(zipfile, "_EndRecData", None)
    found = end_record(handle) if end_record is not None else None
    if not found:
        return  # not an archive zipfile can read: ZipFile says so
    count = found[getattr(zipfile, "_ECD_ENTRIES_TOTAL", 4)]
    size = found[getattr(zipfile, "_ECD_SIZE", 5)]
    if count > MAX_ZIP_MEMBERS or size > MAX_ZIP_MEMBERS * 1024:
        raise _too_many(path, count)


def _too_many(path: Path, count: int) -> ImportFailed:
    return refuse(
        f"{path} holds {count:,} files; a Day One export has far fewer "
        f"(the limit is {MAX_ZIP_MEMBERS:,})"
    )


def _journals(path: Path, archive: zipfile.ZipFile) -> list[tuple[str, bytes]]:
    """Each journal JSON in the archive as (its name, its bytes)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise _too_many(path, len(members))
    journals = []
    for member in members:
        name = member.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            shown = printable(name)
            raise refuse(f"{path} has a file outside the archive ({shown!r}): it is not safe")
        if member.is_dir() or not name.lower().endswith(".json"):
            continue
        if parts[0] == "__MACOSX" or parts[-1].startswith("."):  # Finder's extra files
            continue
        journals.append(member)
    if not journals:
        raise refuse(f"{path} contains no Day One journal (.json)")
    declared = sum(member.file_size for member in journals)
    limit = entry_import.MAX_IMPORT_BYTES
    if declared > limit:
        raise _too_large(path, declared)
    documents, left = [], limit
    for member in journals:
        raw = _decompress(path, archive, member, left)
        left -= len(raw)
        documents.append((printable(PurePosixPath(member.filename).name), raw))
    return documents


def _decompress(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo, left: int) -> bytes:
    """The member's bytes, never more than ``left`` + 1 of them: the sizes an archive
    declares are not to be trusted."""
    try:
        with archive.open(member) as stream:
            raw = stream.read(left + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
        raise refuse(f"{path}: {printable(member.filename)} cannot be read ({error})") from None
    if len(raw) > left:
        raise _too_large(path, None)
    return raw


def _too_large(path: Path, size: int | None) -> ImportFailed:
    limit = size_words(entry_import.MAX_IMPORT_BYTES)
    told = f"{size / 2**20:.0f} MB; the limit is" if size is not None else "more than the limit of"
    return refuse(f"{path}: its journal JSON is too large to import ({told} {limit})")


# --- the JSON -------------------------------------------------------------------------


def parse(raw: bytes, *, name: str, tally: Counter[str] | None = None) -> list[tuple[Entry, str]]:
    """Entries of one journal's JSON with their fingerprints; ``name`` is the file's name
    in messages; ``tally`` gathers what was left out (media, time zones, empty entries)."""
    tally = Counter() if tally is None else tally
    data = decode_json(raw, source=name, what="a Day One journal")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise refuse(f'{name} is not a Day One journal (no "entries" list)')
    items = data["entries"]
    check_count(len(items))
    parsed = []
    for number, item in enumerate(items, start=1):
        try:
            found = _entry(item, tally)
        except (DomainError, ValueError, TypeError, OverflowError) as error:
            raise refuse(f"{name}, entry {number}{_uuid_words(item)}: {error}") from None
        if found is not None:
            parsed.append(found)
    return parsed


def _uuid_words(item: object) -> str:
    uuid = item.get("uuid") if isinstance(item, dict) else None
    if not isinstance(uuid, str) or not uuid:
        return ""
    shown = printable(uuid[:8])
    return f" (uuid {shown}…)" if len(uuid) > 8 else f" (uuid {shown})"


def _entry(item: Any, tally: Counter[str]) -> tuple[Entry, str] | None:
    if not isinstance(item, dict):
        raise ValueError("an entry must be a JSON object")
    uuid = item.get("uuid")
    if not isinstance(uuid, str) or not uuid.strip():
        raise ValueError("uuid is missing" if uuid is None else "uuid must be text")
    if not uuid.isprintable():  # Day One's are 32 hex digits; this is a fingerprint
        raise ValueError("uuid holds characters that cannot be printed")
    moment = _moment(item, tally)
    text = _optional(item, "text", str) or ""
    for key, _, _ in _MEDIA:
        media = _optional(item, key, list)
        tally[key] += len(media or [])
    text = _ESCAPE.sub(r"\1", _MOMENT.sub("", text)).replace("\r\n", "\n")
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:  # a photo with no words: nothing here to keep
        tally["empty"] += 1
        return None
    first, _, rest = text.partition("\n")
    title, body = split_title(_HEADING.sub("", first).strip(), rest.strip())
    raw_tags = _optional(item, "tags", list) or []
    if not all(isinstance(tag, str) for tag in raw_tags):
        raise ValueError("tags must be a list of text")
    level, tags = level_from_tags(raw_tags)
    starred = _optional(item, "starred", bool)
    tags = [as_tag(tag) for tag in tags if as_tag(tag)] + (["starred"] if starred else [])
    entry = Entry(
        kind=EntryKind.FREE,
        occurred_at=moment,
        title=title,
        body=body,
        level=level,
        tags=tuple(tags),
    )
    return entry, f"dayone:{uuid.strip()}"


def _optional(item: dict[str, Any], key: str, kind: type[Any]) -> Any:
    """``item[key]`` if it is a ``kind``, None if missing; refuses another type."""
    value = item.get(key)
    if value is None or isinstance(value, kind):
        return value
    described = {str: "a string", list: "a list", bool: "true or false"}[kind]
    raise ValueError(f"{key} must be {described}, not {type(value).__name__}")


def _moment(item: dict[str, Any], tally: Counter[str]) -> datetime:
    """``creationDate`` on the clock of the zone it was written in (its offset kept)."""
    created = item.get("creationDate")
    if created is None:
        raise ValueError("creationDate is missing")
    if not isinstance(created, str):
        raise ValueError(f"creationDate must be text, not {type(created).__name__}")
    try:
        moment = datetime.fromisoformat(created.strip())
    except ValueError:
        raise ValueError(
            f"creationDate {created!r} is not a date and time (2024-03-02T08:15:00Z)"
        ) from None
    if moment.tzinfo is None:  # Day One writes UTC; a file edited by hand may drop the Z
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(item, tally))


def _zone(item: dict[str, Any], tally: Counter[str]) -> tzinfo:
    name = _optional(item, "timeZone", str)
    if name:
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # a zone this computer does not know (or not a zone's name at all)
    tally["utc"] += 1
    return UTC


def _notes(tally: Counter[str]) -> tuple[str, ...]:
    notes = []
    media = [counted(tally[key], one, many) for key, one, many in _MEDIA if tally[key]]
    if media:
        were = "was" if len(media) == 1 and sum(tally[k] for k, _, _ in _MEDIA) == 1 else "were"
        notes.append(f"{joined(media)} {were} not imported (the journal keeps text only)")
    if tally["empty"]:
        notes.append(
            f"{counted(tally['empty'], 'entry', 'entries')} without any text "
            f"(only media) {'was' if tally['empty'] == 1 else 'were'} skipped"
        )
    if tally["utc"]:
        notes.append(
            f"{counted(tally['utc'], 'entry', 'entries')} without a known time zone "
            f"{'was' if tally['utc'] == 1 else 'were'} dated in UTC"
        )
    return tuple(notes)
