"""Import a folder of Markdown notes (``tkg-journal import markdown FOLDER``), all or nothing.

Every ``*.md`` file under the folder becomes an entry, in the order of their paths. A note
may start with YAML front matter (``front_matter.py``): ``date`` or ``created``, ``title``,
``tags``, ``level``, ``kind`` and ``shared`` are used, other keys (Obsidian's ``aliases``,
``cssclasses``...) ignored. Without a date the file's name gives the day
(``2024-01-02 standup.md``), else its modification time; without a title the first line's
``# `` heading, else the file's name. The rest is the entry's text, as written (an export's
``## `` guided answers included).

This reads what ``export-all --format markdown`` writes; its experiment and session pages
and its index are not entries (``import json`` restores those) and are left out.

Safety: hidden files and folders (``.obsidian``, ``.git``, ``.trash``) are skipped,
symbolic links are never followed out of the folder (nor into a folder, which could
loop), and the files' total size and number are capped. Each entry's fingerprint is its
relative path and a hash of its bytes, so importing the folder again adds nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, tzinfo
from pathlib import Path, PurePosixPath

from tkg_journal.domain.entries import Entry, EntryKind, parse_kind
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level, parse_level
from tkg_journal.reports.journal_markdown import MARKER_NAME
from tkg_journal.safe_read import Problem, UnreadableFile, read_user_file, size_words
from tkg_journal.services import entry_import, front_matter
from tkg_journal.services.entry_import import (
    ImportPreview,
    ImportResult,
    Parsed,
    as_tag,
    counted,
    level_from_tags,
    level_tag,
    printable,
    refuse,
    split_title,
)
from tkg_journal.services.journal import Journal

#: More notes than a person writes in a lifetime of daily notes (and far fewer than the
#: 64 MB cap would let tiny files add up to): a folder with more is not a journal.
MAX_MARKDOWN_FILES = 50_000
#: Names looked at while walking (files of any kind): pointing the import at a home
#: folder or a disk ends in a message after seconds, not a walk of millions of files.
MAX_NAMES_SEEN = 500_000
_DAY_IN_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TITLE_HEADING = re.compile(r"^#\s+(.*?)\s*#*\s*$")
_EXPORT_EXTRAS = ("experiments", "sessions")  # an export's folders that are not entries


def read(folder: Path, *, zone: tzinfo) -> Parsed:
    """Every note under ``folder`` as an entry, validated; dates without an offset are
    read in ``zone`` (the writer's own, as a note app writes local times)."""
    root = _root(folder)
    tally: Counter[str] = Counter()
    budget = entry_import.MAX_IMPORT_BYTES
    parsed: list[tuple[Entry, str]] = []
    for relative in _notes(root, tally):
        path = root / relative
        try:
            raw = read_user_file(path, limit=budget, what="the note")
        except UnreadableFile as error:
            if error.problem is Problem.TOO_LARGE:
                raise refuse(
                    f"{folder} holds more than {size_words(entry_import.MAX_IMPORT_BYTES)} "
                    f"of notes (the limit for one import; {printable(str(relative))} is past it)"
                ) from None
            raise refuse(f"{printable(str(relative))}: {error.detail}") from None
        budget -= len(raw)
        try:
            parsed.append(_entry(relative, raw, path, zone))
        except (DomainError, ValueError) as error:
            raise refuse(f"{printable(str(relative))}: {error}") from None
    return Parsed(parsed, _notes_words(tally))


def import_markdown(journal: Journal, folder: Path) -> ImportResult:
    """Read, validate and store a folder of notes in one transaction."""
    return entry_import.store(journal, read(folder, zone=_zone(journal)))


def preview_markdown(journal: Journal, folder: Path) -> ImportPreview:
    """What :func:`import_markdown` would store, counted without writing."""
    return entry_import.preview(journal, read(folder, zone=_zone(journal)))


def _zone(journal: Journal) -> tzinfo:
    zone = journal.clock().tzinfo
    assert zone is not None  # the journal's clock is always aware
    return zone


# --- the folder -----------------------------------------------------------------------


def _root(folder: Path) -> Path:
    try:
        info = os.stat(folder)
    except OSError as error:
        reason = "it does not exist" if isinstance(error, FileNotFoundError) else error.strerror
        raise refuse(f"cannot read the folder {folder}: {reason}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise refuse(f"{folder} is not a folder: give the folder that holds the .md notes")
    return folder.resolve()


def _notes(root: Path, tally: Counter[str]) -> list[PurePosixPath]:
    """The notes' paths relative to ``root``, sorted; links out of it are counted, not
    followed."""
    found: list[PurePosixPath] = []
    export = (root / MARKER_NAME).is_file()
    for relative, path in _walk(root, tally):
        if export and (
            relative == PurePosixPath("index.md") or relative.parts[0] in _EXPORT_EXTRAS
        ):
            tally["export_pages"] += 1
            continue
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(root):
                tally["outside"] += 1
                continue
        found.append(relative)
        if len(found) > MAX_MARKDOWN_FILES:
            raise refuse(
                f"{root} holds more than {MAX_MARKDOWN_FILES:,} Markdown notes "
                "(the limit for one import)"
            )
    if not found:
        raise refuse(f"{root} holds no Markdown notes (.md files)")
    return sorted(found, key=lambda p: p.as_posix())


def _walk(root: Path, tally: Counter[str]) -> Iterator[tuple[PurePosixPath, Path]]:
    seen = 0

    def refuse_walk(error: OSError) -> None:
        raise refuse(f"cannot read the folder {error.filename}: {error.strerror}")

    for here, folders, files in os.walk(root, onerror=refuse_walk, followlinks=False):
        seen += len(folders) + len(files)
        if seen > MAX_NAMES_SEEN:
            raise refuse(
                f"{root} holds more than {MAX_NAMES_SEEN:,} files and folders: give the "
                "folder of notes itself"
            )
        base = Path(here)
        # Hidden folders are an app's own (.obsidian, .git, .trash); links to folders
        # are not walked (os.walk does not follow them), and are said so.
        tally["linked_folders"] += sum(
            1 for name in folders if not name.startswith(".") and (base / name).is_symlink()
        )
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if name.startswith(".") or not name.lower().endswith(".md"):
                continue
            path = base / name
            yield PurePosixPath(path.relative_to(root).as_posix()), path


# --- one note -------------------------------------------------------------------------


def _entry(relative: PurePosixPath, raw: bytes, path: Path, zone: tzinfo) -> tuple[Entry, str]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (bad byte at offset {error.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, rest = front_matter.split(text)
    meta = meta or {}
    heading, body = _heading(rest)
    title = _text(meta, "title")
    if title is None:
        title = heading or Path(relative.name).stem
    elif heading is not None and " ".join(heading.split()) != " ".join(title.split()):
        body = f"# {heading}\n\n{body}".strip()  # a heading of its own, not the title
    title, body = split_title(title.strip(), body.strip())
    tags = _tags(meta)
    level, tags = level_from_tags(tags)
    if (named := _level(meta)) is not None:
        level = named
    kind_text = _text(meta, "kind")
    entry = Entry(
        kind=parse_kind(kind_text) if kind_text else EntryKind.FREE,
        occurred_at=_moment(meta, relative, path, zone),
        title=title,
        body=body,
        level=level,
        tags=tuple(as_tag(tag) for tag in tags if as_tag(tag)),
        share_with_coach=_shared(meta),
    )
    digest = hashlib.sha256(raw).hexdigest()
    return entry, f"markdown:{relative.as_posix()}:{digest}"


def _heading(text: str) -> tuple[str | None, str]:
    """The first line's ``# `` heading (the note's title) and the text after it."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    match = _TITLE_HEADING.match(first)
    if match is None:
        return None, stripped
    return match.group(1), rest


def _text(meta: dict[str, front_matter.Value], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"the front matter's {key!r} must be text")
    return value


def _tags(meta: dict[str, front_matter.Value]) -> list[str]:
    value = meta.get("tags", meta.get("tag"))
    if value is None:
        return []
    if isinstance(value, str):  # Obsidian's older "tags: work, growth" or "tags: work growth"
        return [tag for tag in re.split(r"[\s,]+", value) if tag]
    if isinstance(value, list) and all(isinstance(t, str) or t is None for t in value):
        return [tag for tag in value if isinstance(tag, str) and tag.strip()]
    raise ValueError("the front matter's 'tags' must be a list of text")


def _level(meta: dict[str, front_matter.Value]) -> Level | None:
    text = _text(meta, "level")
    if text is None or not text.strip():
        return None
    return level_tag(text) or parse_level(text)


def _shared(meta: dict[str, front_matter.Value]) -> bool:
    value = meta.get("shared", False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValueError("the front matter's 'shared' must be true or false")
    return value


def _moment(
    meta: dict[str, front_matter.Value], relative: PurePosixPath, path: Path, zone: tzinfo
) -> datetime:
    for key in ("date", "created"):
        text = _text(meta, key)
        if text is not None:
            return _parse_date(key, text, zone)
    day = _DAY_IN_NAME.match(relative.name)
    if day is not None:
        try:
            found = date(int(day[1]), int(day[2]), int(day[3]))
        except ValueError:
            pass  # "2024-13-45 ideas.md": not a day, so the file's own time
        else:
            return datetime.combine(found, time(), tzinfo=zone)
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, zone)
    except (OSError, OverflowError, ValueError):
        raise ValueError("has no date and its modification time cannot be read") from None


def _parse_date(key: str, text: str, zone: tzinfo) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"the front matter's {key} {text!r} is not a date (2024-03-02 or "
            "2024-03-02T09:15:00+01:00)"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _notes_words(tally: Counter[str]) -> tuple[str, ...]:
    notes = []
    if tally["export_pages"]:
        notes.append(
            f"{counted(tally['export_pages'], 'page', 'pages')} of experiments, coach "
            "sessions and the index are not entries and were left out "
            "(`import json` restores those from a JSON export)"
        )
    if tally["outside"]:
        notes.append(
            f"{counted(tally['outside'], 'link', 'links')} to files outside the folder "
            f"{'was' if tally['outside'] == 1 else 'were'} not followed"
        )
    if tally["linked_folders"]:
        notes.append(
            f"{counted(tally['linked_folders'], 'linked folder', 'linked folders')} "
            f"{'was' if tally['linked_folders'] == 1 else 'were'} not followed"
        )
    return tuple(notes)
