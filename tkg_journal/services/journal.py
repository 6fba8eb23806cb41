"""The open journal: the use cases on entries and search, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import Entry
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntryFilter, EntryHit, EntrySummary, SearchHit
from tkg_journal.domain.window_drafts import WindowDraft
from tkg_journal.paths import JournalPaths
from tkg_journal.storage import (
    backup,
    date_repair,
    draft_repository,
    entry_repository,
    search_repository,
    window_draft_repository,
)
from tkg_journal.storage.database import Database
from tkg_journal.storage.date_repair import DateProblem

Clock = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().astimezone()


class Journal:
    """An unlocked journal. Close it (or use it as a context manager) to drop the key."""

    def __init__(
        self, database: Database, paths: JournalPaths, *, clock: Clock = local_now
    ) -> None:
        self.db = database
        self.paths = paths
        self.clock = clock
        #: Run when a ``with`` block on this journal ends without an error, before it
        #: closes (the command line's daily backup: a refused command writes nothing).
        self.when_done: list[Callable[[Journal], None]] = []

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, error_type: object, *_: object) -> None:
        try:
            if error_type is None:
                for task in self.when_done:
                    task(self)
        finally:
            self.close()

    def close(self) -> None:
        self.db.close()

    def on_another_connection(self) -> Journal:
        """This journal on a connection of its own, for a worker thread (an export from
        the app); the caller closes it."""
        return Journal(self.db.reopen(), self.paths, clock=self.clock)

    # entries ---------------------------------------------------------------------
    def add_entry(self, entry: Entry) -> Entry:
        with self.db.transaction():
            entry_id = entry_repository.insert(self.db, entry=entry)
            return entry_repository.get(self.db, entry_id=entry_id)

    def update_entry(self, entry: Entry) -> Entry:
        with self.db.transaction():
            entry_repository.update(self.db, entry=entry)
            assert entry.id is not None
            return entry_repository.get(self.db, entry_id=entry.id)

    def delete_entry(self, entry_id: int) -> None:
        with self.db.transaction():
            entry_repository.delete(self.db, entry_id=entry_id)

    def save_entry(self, entry: Entry, *, draft_id: int | None = None) -> Entry:
        """Add or update ``entry`` and drop the draft it was written in, in one transaction
        (so the writing is always in exactly one of the two places)."""
        with self.db.transaction():
            if entry.id is None:
                entry_id = entry_repository.insert(self.db, entry=entry)
            else:
                entry_repository.update(self.db, entry=entry)
                entry_id = entry.id
            if draft_id is not None:
                draft_repository.delete(self.db, draft_id=draft_id)
            return entry_repository.get(self.db, entry_id=entry_id)

    def get_entry(self, entry_id: int) -> Entry:
        return entry_repository.get(self.db, entry_id=entry_id)

    def entry_summary(self, entry_id: int) -> EntrySummary:
        """The list row of one entry (after saving it, a list updates just that row)."""
        return entry_repository.get_summary(self.db, entry_id=entry_id)

    def list_entries(
        self, filters: EntryFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[EntrySummary]:
        return entry_repository.list_summaries(
            self.db, filters=filters or EntryFilter(), limit=limit, offset=offset
        )

    def count_entries(self, filters: EntryFilter | None = None) -> int:
        return entry_repository.count(self.db, filters=filters or EntryFilter())

    def tags(self) -> list[tuple[str, int]]:
        return entry_repository.all_tags(self.db)

    def tags_of(self, entry_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """The tags of each listed entry (entries without tags are left out)."""
        return entry_repository.tags_by_entry(self.db, entry_ids=entry_ids)

    def is_empty(self) -> bool:
        return not self.db.scalar(
            "SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM experiments)"
        )

    # search ----------------------------------------------------------------------
    def search(
        self,
        text: str,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        level: Level | None = None,
        limit: int = 50,
    ) -> list[SearchHit]:
        return search_repository.search(
            self.db, text=text, since=since, until=until, level=level, limit=limit
        )

    def search_entries(
        self,
        text: str,
        filters: EntryFilter | None = None,
        *,
        limit: int = 200,
        snippets: int | None = None,
    ) -> list[EntryHit]:
        """Entries matching ``text`` within ``filters``, best first, with marked snippets
        (for the first ``snippets`` hits; default all; the rest via :meth:`entry_snippet`)."""
        return search_repository.search_entries(
            self.db, text=text, filters=filters or EntryFilter(), limit=limit, snippets=snippets
        )

    def entry_snippet(self, entry_id: int, text: str) -> str:
        """The marked snippet of one entry for search ``text``."""
        return search_repository.entry_snippet(self.db, entry_id=entry_id, text=text)

    # drafts ----------------------------------------------------------------------
    def save_draft(self, draft: EntryDraft, *, draft_id: int | None = None) -> int:
        """Keep the editor's state (encrypted, like every row); returns the draft's id."""
        with self.db.transaction():
            return draft_repository.save(
                self.db, draft_id=draft_id, entry_id=draft.entry_id, payload=draft.to_json()
            )

    def drafts(self) -> list[tuple[int, EntryDraft]]:
        """Unsaved drafts left behind (after a crash), newest first; unreadable ones are
        skipped rather than blocking the start."""
        found = []
        for stored in draft_repository.list_all(self.db):
            try:
                found.append((stored.id, EntryDraft.from_json(stored.payload)))
            except ValidationError:
                continue
        return found

    def discard_draft(self, draft_id: int) -> None:
        with self.db.transaction():
            draft_repository.delete(self.db, draft_id=draft_id)

    def keep_window_draft(self, draft: WindowDraft, *, draft_id: int | None = None) -> int:
        """Keep what an open window held (at a lock or quit); returns the draft's id."""
        with self.db.transaction():
            return window_draft_repository.save(
                self.db, draft_id=draft_id, window=draft.window, payload=draft.to_json()
            )

    def window_drafts(self) -> list[tuple[int, WindowDraft]]:
        """What windows held when the journal was last locked or closed, oldest first;
        unreadable ones (a damaged row) are skipped rather than blocking the unlock."""
        found = []
        for stored in window_draft_repository.list_all(self.db):
            try:
                found.append((stored.id, WindowDraft.from_json(stored.payload)))
            except ValidationError:
                continue
        return found

    def discard_window_draft(self, draft_id: int) -> None:
        with self.db.transaction():
            window_draft_repository.delete(self.db, draft_id=draft_id)

    # maintenance -----------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        return self.db.integrity_problems()

    def date_problems(self) -> list[DateProblem]:
        """Stored dates that do not read back (left by older versions), with the value a
        repair would write; read-only."""
        return date_repair.find(self.db)

    def repair_dates(self) -> tuple[list[DateProblem], Path | None]:
        """Back the journal up, then rewrite every stored date that does not read back.

        Returns what was changed and the backup's path (``None`` when nothing needed it).
        Raises ``WriteFailed`` (nothing changed) if the backup cannot be written."""
        problems = date_repair.find(self.db)
        if not problems:
            return [], None
        copy = backup.snapshot(
            self.db, key_file=self.paths.key_file, folder=self.paths.backups_dir, reason="repair"
        )
        date_repair.repair(self.db, problems)
        return problems, copy
