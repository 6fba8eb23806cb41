"""The open journal: the use cases on entries and search, one transaction each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tkg_journal.domain.entries import Entry
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntrySummary, SearchHit
from tkg_journal.paths import JournalPaths
from tkg_journal.storage import entry_repository, search_repository
from tkg_journal.storage.database import Database
from tkg_journal.storage.entry_repository import EntryFilter

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

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

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

    def get_entry(self, entry_id: int) -> Entry:
        return entry_repository.get(self.db, entry_id=entry_id)

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

    # maintenance -----------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        return self.db.integrity_problems()
