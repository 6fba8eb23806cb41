"""Restore a whole-journal JSON export (``tkg-journal import json FILE``), all or nothing.

The file is read with a cap and checked whole (``journal_document.py``) before anything is
stored; then every record goes in one transaction, its links mapped to the new ids.

Re-importing adds nothing, without a column of its own for it: each record kind has a
natural key (an entry: when it happened and was written, its kind, title and text; an
experiment: its sentence and creation time; a friction behaviour: its name; a check-in:
its day; a session: its day and creation time; an attempt or commitment: its key within
its experiment or session). A record whose key the journal holds already is not stored
again; links to it go to the stored one. Keys are counted, not just looked up, so two
identical records in one file are both kept, once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tkg_journal.safe_read import Problem, UnreadableFile, read_user_file, size_words
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_document import Document, Row, ascii_folded, parse
from tkg_journal.storage import import_rows
from tkg_journal.storage.database import Database

#: The largest file read. A demo journal exports at about 0.8 KB an entry (10,000 entries
#: with their experiments and sessions: 7.8 MB), so some 80,000 entries fit; parsing it
#: whole stays within a few hundred MB of memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024

_NAMES = {
    "entries": ("entry", "entries"),
    "experiments": ("experiment", "experiments"),
    "attempts": ("attempt", "attempts"),
    "friction_behaviours": ("friction behaviour", "friction behaviours"),
    "rating_checkins": ("check-in", "check-ins"),
    "coach_sessions": ("coach session", "coach sessions"),
    "commitments": ("commitment", "commitments"),
}


@dataclass(slots=True)
class ImportResult:
    imported: dict[str, int] = field(default_factory=dict)
    already_present: int = 0

    def summary(self) -> str:
        """``12 entries, 1 experiment`` (kinds with nothing new left out)."""
        parts = [
            f"{count:,} {one if count == 1 else many}"
            for name, (one, many) in _NAMES.items()
            if (count := self.imported.get(name, 0))
        ]
        return ", ".join(parts) or "nothing new"


def read_document(path: Path) -> Document:
    """The file at ``path`` read with a cap and checked whole."""
    try:
        raw = read_user_file(path, limit=MAX_IMPORT_BYTES, what="the import file")
    except UnreadableFile as error:
        limit = size_words(MAX_IMPORT_BYTES)
        if error.problem is Problem.TOO_LARGE:
            message = f"{path} is too large to import (the limit is {limit})"
        elif error.problem is Problem.FOLDER:
            message = f"{path} is a folder, not a JSON export"
        else:
            message = str(error)
        raise ImportFailed(f"{message}; nothing was imported") from None
    return parse(raw)


def import_json(journal: Journal, path: Path) -> ImportResult:
    return import_document(journal, read_document(path))


def preview_json(journal: Journal, path: Path) -> ImportResult:
    """What :func:`import_json` would store, without storing it: the import runs in full
    and is rolled back, so the counts are exactly those of the real one (the app shows
    them before asking to import)."""
    return import_document(journal, read_document(path), dry_run=True)


class _RolledBack(Exception):
    """Ends a dry run's transaction (rolling it back) and carries its counts out."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


class _Matcher:
    """Which records the journal holds already: stored ids by natural key, each usable
    once (two equal records in a file match two stored ones, not one)."""

    def __init__(self, stored: Sequence[tuple[tuple[Any, ...], int]]) -> None:
        self._ids: dict[tuple[Any, ...], list[int]] = {}
        for key, stored_id in stored:
            self._ids.setdefault(key, []).append(stored_id)

    def take(self, key: tuple[Any, ...]) -> int | None:
        found = self._ids.get(key)
        return found.pop(0) if found else None


class _Unique:
    """For keys the schema keeps unique (a behaviour's name, a check-in's day): any
    record with the key, stored before or earlier in the file, is that record."""

    def __init__(self, stored: Sequence[tuple[tuple[Any, ...], int]]) -> None:
        self._ids = dict(stored)

    def take(self, key: tuple[Any, ...]) -> int | None:
        return self._ids.get(key)

    def add(self, key: tuple[Any, ...], stored_id: int) -> None:
        self._ids[key] = stored_id


def import_document(journal: Journal, document: Document, *, dry_run: bool = False) -> ImportResult:
    """Store ``document`` in one transaction, skipping what the journal holds already
    (``dry_run``: then roll it back). The document's links are rewritten as it is stored:
    read the file again for a second import."""
    try:
        return _import(journal, document, dry_run=dry_run)
    except _RolledBack as done:
        return done.result


def _import(journal: Journal, document: Document, *, dry_run: bool) -> ImportResult:
    result = ImportResult()
    ids: dict[str, dict[int, int]] = {name: {} for name in document.sections}
    db = journal.db
    with db.transaction():

        def store(
            name: str,
            matcher: _Matcher | _Unique,
            insert: Callable[[Row], int],
            key: Callable[[Row], tuple[Any, ...]] = lambda row: row.key,
        ) -> None:
            added = 0
            for row in document.sections[name]:
                for position, target in row.links.items():
                    if row.values[position] is not None:
                        row.values[position] = ids[target][row.values[position]]
                found = matcher.take(key(row))
                if found is None:
                    found = insert(row)
                    added += 1
                    if isinstance(matcher, _Unique):
                        matcher.add(key(row), found)
                else:
                    result.already_present += 1
                ids[name][row.source_id] = found
            result.imported[name] = added

        store(
            "friction_behaviours",
            _Unique([((ascii_folded(n),), i) for i, n in import_rows.friction_names(db)]),
            lambda row: import_rows.insert_friction_behaviour(db, values=row.values),
        )
        _store_entries(db, document.sections["entries"], ids["entries"], result)
        store(
            "experiments",
            _Matcher([(tuple(r[1:]), r[0]) for r in import_rows.experiment_keys(db)]),
            lambda row: import_rows.insert_experiment(db, values=row.values),
        )
        store(
            "attempts",
            _Matcher([(tuple(r[1:]), r[0]) for r in import_rows.attempt_keys(db)]),
            lambda row: import_rows.insert_attempt(db, values=row.values),
            key=lambda row: (row.values[0], *row.key),
        )
        store(
            "rating_checkins",
            _Unique([((day,), i) for i, day in import_rows.checkin_days(db)]),
            lambda row: import_rows.insert_checkin(db, values=row.values, scores=row.extra),
        )
        store(
            "coach_sessions",
            _Matcher([((r[1], r[4]), r[0]) for r in import_rows.session_keys(db)]),
            lambda row: import_rows.insert_session(db, values=row.values),
        )
        store(
            "commitments",
            _Matcher([(tuple(r[1:]), r[0]) for r in import_rows.commitment_keys(db)]),
            lambda row: import_rows.insert_commitment(db, values=row.values),
            key=lambda row: (row.values[0], *row.key),
        )
        if dry_run:
            raise _RolledBack(result)
    return result


def _store_entries(
    db: Database, rows: list[Row], ids: dict[int, int], result: ImportResult
) -> None:
    """Entries: matched by an earlier import's fingerprint if they carry one (the column
    is unique), else by their natural key among the entries stored at the same moment."""
    stored_refs = import_rows.entries_with_refs(
        db, refs=[row.values[15] for row in rows if row.values[15]]
    )
    matcher = _Matcher(
        [
            ((r[1], r[2], r[3], r[4], r[5]), r[0])
            for r in import_rows.entries_at(db, moments=[row.values[1] for row in rows])
        ]
    )
    added = 0
    for row in rows:
        ref = row.values[15]
        found = stored_refs.get(ref) if ref else matcher.take(row.key)
        if found is None:
            found = import_rows.insert_entry(db, values=row.values, tags=row.extra)
            added += 1
            if ref:
                stored_refs[ref] = found
        else:
            result.already_present += 1
        ids[row.source_id] = found
    result.imported["entries"] = added
