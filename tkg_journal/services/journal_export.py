"""Export the whole journal (``tkg-journal export-all``): a lossless JSON document, a
folder of Markdown pages, or a jrnl text journal.

Everything is read inside one transaction, so the records and the links between them are
one consistent snapshot even if the app writes meanwhile. Entries are read a page at a
time and written as they are read (memory stays flat at any size). Every file is private
(0600, folders 0700) and appears whole or not at all: the JSON and jrnl files through
``files.write_atomically``, the Markdown folder filled under a temporary name and swapped
in at the end (``files.staged_folder``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from tkg_journal import __version__, safe_write
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntryFilter
from tkg_journal.reports import journal_jrnl, journal_markdown
from tkg_journal.reports.journal_json import JsonDocumentWriter, level_name
from tkg_journal.reports.journal_markdown import MARKER_NAME, MARKER_TEXT
from tkg_journal.services import files
from tkg_journal.services.journal import Journal
from tkg_journal.storage import export_queries
from tkg_journal.storage.database import Database
from tkg_journal.storage.export_queries import Record

#: Writes one page of a Markdown export: its path in the folder, and its text.
_Put = Callable[[str, str], None]


class ExportAllFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    JRNL = "jrnl"


def parse_format(text: str) -> ExportAllFormat:
    try:
        return ExportAllFormat(text.strip().lower())
    except ValueError:
        valid = ", ".join(f.value for f in ExportAllFormat)
        raise DomainError(f"--format {text!r} is not one of {valid}") from None


@dataclass(frozen=True, slots=True)
class Selection:
    """Which entries go into the export: all of them unless narrowed. ``until`` is
    exclusive (the next midnight after the last day asked for). The other records are
    always exported whole; a link to an entry left out reads as ``null``."""

    since: datetime | None = None
    until: datetime | None = None
    levels: tuple[Level, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def entry_filter(self) -> EntryFilter:
        return EntryFilter(since=self.since, until=self.until, levels=self.levels)

    @property
    def is_everything(self) -> bool:
        return self == Selection()

    def described(self) -> dict[str, Any]:
        """The ``filter`` object of the JSON document."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "levels": [level_name(level) for level in self.levels],
            "tags": list(self.tags),
        }


#: ``progress(entries written, entries to write)``, called as the export goes (the app's
#: progress bar; from the thread the export runs on).
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ExportCounts:
    """What was written, for the command's one-line report; ``progress`` hears of each
    page of entries as it is written."""

    progress: Progress | None = None
    entries_to_write: int = 0
    entries: int = 0
    experiments: int = 0
    attempts: int = 0
    coach_sessions: int = 0
    files: int = 0
    by_section: dict[str, int] = field(default_factory=dict)


def export_all(
    journal: Journal,
    fmt: ExportAllFormat,
    out: Path,
    selection: Selection = Selection(),
    *,
    zone: tzinfo | None = None,
    progress: Progress | None = None,
) -> ExportCounts:
    """Write the journal to ``out`` (a file, or for Markdown a folder).

    ``zone`` is the clock Markdown and jrnl show times on (None: this computer's); the
    JSON document keeps every moment in UTC, as the journal stores it.

    Raises:
        WriteFailed: ``out`` cannot be written (nothing is left behind).
        DomainError: a Markdown export into a folder that holds other files.
    """
    with journal.db.transaction():  # one snapshot: links stay consistent
        counts = ExportCounts(progress=progress)
        if progress is not None:
            counts.entries_to_write = export_queries.entry_count(
                journal.db, filters=selection.entry_filter, tags=selection.tags
            )
            progress(0, counts.entries_to_write)
        if fmt is ExportAllFormat.MARKDOWN:
            return _markdown(journal, out, selection, zone, counts)
        writer = _write_json if fmt is ExportAllFormat.JSON else _write_jrnl

        def write(handle: BinaryIO) -> None:
            writer(journal, handle, selection, counts, zone)

        files.write_atomically(out, write, what="the export")
        counts.files = 1
        return counts


def _entries(
    journal: Journal, selection: Selection, counts: ExportCounts, *, by_time: bool = False
) -> Iterator[Record]:
    done = 0
    for page in export_queries.entry_pages(
        journal.db, filters=selection.entry_filter, tags=selection.tags, by_time=by_time
    ):
        yield from page
        done += len(page)
        if counts.progress is not None:
            counts.progress(done, max(done, counts.entries_to_write))


def _write_json(
    journal: Journal,
    handle: BinaryIO,
    selection: Selection,
    counts: ExportCounts,
    _zone: tzinfo | None,
) -> None:
    db = journal.db
    document = JsonDocumentWriter(handle)
    document.begin(
        {
            "exported_at": datetime.now(UTC).replace(microsecond=0),
            "app_version": __version__,
            "filter": selection.described(),
        }
    )
    sections: Sequence[tuple[str, Any]] = (
        ("entries", lambda: _entries(journal, selection, counts)),
        (
            "experiments",
            lambda: export_queries.experiments(
                db, filters=selection.entry_filter, tags=selection.tags
            ),
        ),
        ("attempts", lambda: export_queries.attempts(db)),
        ("friction_behaviours", lambda: export_queries.friction_behaviours(db)),
        ("rating_checkins", lambda: export_queries.rating_checkins(db)),
        ("coach_sessions", lambda: export_queries.coach_sessions(db)),
        ("commitments", lambda: export_queries.commitments(db)),
    )
    for name, records in sections:
        document.section(name)
        written = 0
        for record in records():
            document.record(record)
            written += 1
        counts.by_section[name] = written
    document.end()
    counts.entries = counts.by_section["entries"]
    counts.experiments = counts.by_section["experiments"]
    counts.attempts = counts.by_section["attempts"]
    counts.coach_sessions = counts.by_section["coach_sessions"]


def _write_jrnl(
    journal: Journal,
    handle: BinaryIO,
    selection: Selection,
    counts: ExportCounts,
    zone: tzinfo | None,
) -> None:
    for entry in _entries(journal, selection, counts, by_time=True):  # jrnl keeps them by date
        handle.write(journal_jrnl.entry_text(entry, zone).encode("utf-8"))
        counts.entries += 1


# --- Markdown ------------------------------------------------------------------------------


def check_markdown_folder(out: Path) -> None:
    """Refuse a folder the export would have to mix with other files: only a missing or
    empty folder, or an earlier Markdown export (it has the marker file), is replaced."""
    if not os.path.lexists(out):
        return
    if not out.is_dir() or out.is_symlink():
        raise DomainError(
            f"-o {out} is a file; a Markdown export is a folder: give a new or empty folder"
        )
    try:
        names = os.listdir(out)
    except OSError as error:
        raise files.write_failed("the export", out, error) from error
    if names and MARKER_NAME not in names:
        raise DomainError(
            f"{out} is not empty and is not an earlier export of the journal: give a new "
            "or empty folder (an export is not mixed with other files); nothing was written"
        )


class _Names:
    """Unique file names within the export (a second "Hard talk" on a day gets ``-2``)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, stem: str) -> str:
        name, number = f"{stem}.md", 1
        while name.casefold() in self._used:  # case-insensitive file systems too
            number += 1
            name = f"{stem}-{number}.md"
        self._used.add(name.casefold())
        return name


def _markdown(
    journal: Journal,
    out: Path,
    selection: Selection,
    zone: tzinfo | None,
    counts: ExportCounts,
) -> ExportCounts:
    check_markdown_folder(out)
    db = journal.db
    experiments = export_queries.experiments(
        db, filters=selection.entry_filter, tags=selection.tags
    )
    wanted = {x["source_entry_id"] for x in experiments if x["source_entry_id"]}
    entry_paths: dict[int, tuple[str, str]] = {}  # id -> (path, title), for experiments' links
    months: dict[str, int] = {}
    names = _Names()
    with files.staged_folder(out, what="the export") as staging:

        def put(relative: str, text: str) -> None:
            safe_write.write_new_file(staging / relative, text.encode("utf-8"))
            counts.files += 1

        for entry in _entries(journal, selection, counts, by_time=True):
            day = journal_markdown.local(entry["occurred_at"], zone).date()
            title = journal_markdown.entry_title(entry)
            stem = f"{day.isoformat()}-{journal_markdown.slug(title, entry['kind'])}"
            month = f"{day.year:04d}/{day.month:02d}"
            relative = names.claim(f"{month}/{stem}")
            put(relative, journal_markdown.entry_page(entry, zone))
            months[month] = months.get(month, 0) + 1
            if entry["id"] in wanted:
                entry_paths[entry["id"]] = (relative, title)
            counts.entries += 1
        experiment_links = _experiment_pages(db, experiments, entry_paths, names, put, zone)
        counts.experiments = len(experiments)
        session_links = _session_pages(db, experiment_links, names, put)
        counts.coach_sessions = len(session_links)
        put(
            "index.md",
            journal_markdown.index_page(
                exported_at=datetime.now(UTC).astimezone(zone).replace(microsecond=0),
                months=months,
                experiments=[
                    journal_markdown.link(title, path) for path, title in experiment_links.values()
                ],
                sessions=session_links,
                checkins=export_queries.rating_checkins(db),
            ),
        )
        safe_write.write_new_file(staging / MARKER_NAME, MARKER_TEXT.encode())
    return counts


def _experiment_pages(
    db: Database,
    experiments: list[Record],
    entry_paths: dict[int, tuple[str, str]],
    names: _Names,
    put: _Put,
    zone: tzinfo | None,
) -> dict[int, tuple[str, str]]:
    """Write ``experiments/NNN-slug.md`` pages; returns id -> (path, title)."""
    behaviours = {b["id"]: b["name"] for b in export_queries.friction_behaviours(db)}
    attempts: dict[int, list[Record]] = {}
    for attempt in export_queries.attempts(db):
        attempts.setdefault(attempt["experiment_id"], []).append(attempt)
    links: dict[int, tuple[str, str]] = {}
    for x in experiments:
        stem = f"experiments/{x['id']:03d}-{journal_markdown.slug(x['title'], 'experiment')}"
        relative = names.claim(stem)
        source = entry_paths.get(x["source_entry_id"]) if x["source_entry_id"] else None
        put(
            relative,
            journal_markdown.experiment_page(
                x,
                sorted(attempts.get(x["id"], []), key=lambda a: a["occurred_at"]),
                behaviour=behaviours.get(x["friction_behaviour_id"]),
                source_entry=journal_markdown.link(source[1], f"../{source[0]}")
                if source
                else None,
                zone=zone,
            ),
        )
        links[x["id"]] = (relative, x["title"])
    return links


def _session_pages(
    db: Database, experiment_links: dict[int, tuple[str, str]], names: _Names, put: _Put
) -> list[str]:
    """Write ``sessions/YYYY-MM-DD.md`` pages; returns the index's links to them."""
    commitments: dict[int, list[Record]] = {}
    for commitment in export_queries.commitments(db):
        commitments.setdefault(commitment["session_id"], []).append(commitment)
    from_session = {
        x_id: journal_markdown.link(title, f"../{path}")
        for x_id, (path, title) in experiment_links.items()
    }
    links = []
    for session in sorted(export_queries.coach_sessions(db), key=lambda s: (s["held_on"], s["id"])):
        relative = names.claim(f"sessions/{session['held_on'].isoformat()}")
        page = journal_markdown.session_page(
            session, commitments.get(session["id"], []), from_session
        )
        put(relative, page)
        links.append(
            journal_markdown.link(f"Coach session {session['held_on'].isoformat()}", relative)
        )
    return links
