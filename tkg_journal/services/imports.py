"""Every import the app offers, behind one pair of calls: :func:`preview` (what would
come in, nothing written) and :func:`run` (all or nothing). File ▸ Import… uses them; the
command line calls each importer directly.

The importers count differently (our own JSON restores experiments and sessions too;
the others bring entries), so both calls answer with one :class:`ImportCounts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from enum import StrEnum
from pathlib import Path

from tkg_journal.services import entry_import
from tkg_journal.services.journal import Journal


class ImportSource(StrEnum):
    JSON = "json"  # this app's export-all document
    DAYONE = "dayone"
    MARKDOWN = "markdown"
    JRNL = "jrnl"


def wants_folder(source: ImportSource) -> bool:
    """Whether ``source`` is read from a folder (else from one file)."""
    return source is ImportSource.MARKDOWN


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """``summary``: what is (or would be) new, in words ("12 entries, 1 experiment");
    ``new`` records in all; ``already_present`` skipped; ``notes`` on what stays out."""

    summary: str
    new: int
    already_present: int
    notes: tuple[str, ...] = ()


def preview(journal: Journal, source: ImportSource, path: Path) -> ImportCounts:
    """What :func:`run` would store, without storing anything."""
    if source is ImportSource.JSON:
        from tkg_journal.services.journal_import import preview_json

        result = preview_json(journal, path)
        return _whole(result.summary(), sum(result.imported.values()), result.already_present)
    return _entries(entry_import.preview(journal, _read(journal, source, path)))


def run(journal: Journal, source: ImportSource, path: Path) -> ImportCounts:
    """Import ``path`` from ``source``, all or nothing."""
    if source is ImportSource.JSON:
        from tkg_journal.services.journal_import import import_json

        result = import_json(journal, path)
        return _whole(result.summary(), sum(result.imported.values()), result.already_present)
    stored = entry_import.store(journal, _read(journal, source, path))
    return _entries(
        entry_import.ImportPreview(stored.imported, stored.already_present, stored.notes)
    )


def _read(journal: Journal, source: ImportSource, path: Path) -> entry_import.Parsed:
    if source is ImportSource.DAYONE:
        from tkg_journal.services import dayone_import

        return dayone_import.read(path)
    if source is ImportSource.MARKDOWN:
        from tkg_journal.services import markdown_import

        return markdown_import.read(path, zone=journal.clock().tzinfo or UTC)
    from tkg_journal.services import jrnl_import

    # jrnl keeps local wall-clock times: read them in the zone the user is in now.
    zone = journal.clock().tzinfo or UTC
    return entry_import.Parsed(jrnl_import.parse(jrnl_import.read_file(path), zone=zone))


def _whole(summary: str, new: int, already_present: int) -> ImportCounts:
    return ImportCounts(summary=summary, new=new, already_present=already_present)


def _entries(counts: entry_import.ImportPreview) -> ImportCounts:
    summary = entry_import.counted(counts.new, "entry", "entries")
    return ImportCounts(summary, counts.new, counts.already_present, counts.notes)
