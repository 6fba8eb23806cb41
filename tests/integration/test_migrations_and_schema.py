"""Schema versions: a database made by every earlier version opens, migrated, with its data;
and the SQLModel declaration of the tables matches what the migrations build."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry
from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file
from tkg_journal.services import journal_access
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.storage import entry_repository, migrations
from tkg_journal.storage.database import create_database, open_database


def _journal_at_version(paths: JournalPaths, version: int) -> bytes:
    """A journal exactly as schema ``version`` made it, with one entry in it."""
    created = journal_access.create(paths, passphrase=TEST_PASSPHRASE)
    created.journal.close()
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    journal_id = key_file.read(paths.key_file).journal_id
    paths.database.unlink()
    database = create_database(paths.database, key, journal_id=journal_id,
                               schema_version=version)
    with database.transaction():
        entry_repository.insert(database, entry=entry(title="Written before the upgrade",
                                                      body="the quarterly budget review",
                                                      level=Level.GROWTH, tags=("budget",)))
        # Experiments as schema 1 stored them (the repository writes today's columns).
        for title, status, updated in (
            ("Ask first", "active", "2026-01-01 09:00:00"),
            ("Say no plainly", "completed", "2026-02-10 12:00:00"),
        ):
            database.execute(
                "INSERT INTO experiments (title, level, trigger_text, old_behaviour, "
                "new_response, status, start_date, created_at, updated_at) "
                "VALUES (?, 2, 'a hard talk', 'hinting', ?, ?, '2026-01-01', ?, ?)",
                (title, f"say it plainly in the zebra meeting ({title})", status, updated,
                 updated))
        if version >= 5:  # from schema 5 on, closing an experiment stores the day it ended
            database.execute("UPDATE experiments SET ended_on = '2026-02-10' "
                             "WHERE status = 'completed'")
    database.close()
    return key


@pytest.mark.parametrize("version", range(1, migrations.SCHEMA_VERSION))
def test_every_older_schema_opens_migrated_with_its_data(journal_paths: JournalPaths,
                                                          version: int) -> None:
    _journal_at_version(journal_paths, version)
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.db.schema_version == migrations.SCHEMA_VERSION
        [summary] = journal.list_entries()
        assert summary.title == "Written before the upgrade"
        assert journal.get_entry(summary.id).tags == ("budget",)
        # The search index (added in version 2) covers rows written before it existed.
        [hit] = journal.search("quarterly")
        assert hit.id == summary.id
        # Schema 4 added experiment_reminders: experiments made before it can be reminded
        # about (its foreign key and the once-a-day rule work on them).
        experiments = Experiments(journal)
        listed = {s.experiment.title: s.experiment for s in experiments.summaries(text="zebra")}
        active = listed["Ask first"]
        assert [d.experiment.id for d in experiments.reminders_due()] == [active.id]
        # Schema 5 added the day an experiment ended: closed ones get the (local) day of
        # their last change, open ones none. 12:00 UTC is 11 February east of UTC+12.
        closed_on = datetime(2026, 2, 10, 12, tzinfo=UTC).astimezone().date()
        expected = date(2026, 2, 10) if version >= 5 else closed_on
        assert listed["Say no plainly"].ended_on == expected
        assert active.ended_on is None
        listed = {active.title: active}
        experiments.mark_reminded([active.id])
        assert experiments.reminders_due() == []
        # Schema 6 added commitment_reminders: action items are reminded once a day too.
        sessions = CoachSessions(journal)
        today = journal.clock().date()
        sessions.record(CoachSession(held_on=today - timedelta(days=7), commitments=(
            Commitment("Send the memo", due_date=today - timedelta(days=1)),)))
        [due] = sessions.reminders_due()
        assert due.item.commitment.id is not None
        sessions.mark_reminded([due.item.commitment.id])
        assert sessions.reminders_due() == []
        assert journal.integrity_problems() == []


def test_a_failed_migration_changes_nothing(journal_paths: JournalPaths,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    key = _journal_at_version(journal_paths, 1)
    journal_id = key_file.read(journal_paths.key_file).journal_id

    def broken_step(conn: object) -> None:
        raise RuntimeError("simulated failure half-way through a migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken_step])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    with pytest.raises(RuntimeError):
        open_database(journal_paths.database, key, journal_id=journal_id)
    monkeypatch.undo()
    database = open_database(journal_paths.database, key, journal_id=journal_id)
    try:
        assert database.schema_version == migrations.SCHEMA_VERSION
    finally:
        database.close()


def test_sqlmodel_tables_match_the_migrated_schema(journal_paths: JournalPaths) -> None:
    from tkg_journal.storage.tables import SQLModel

    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        for name, table in SQLModel.metadata.tables.items():
            stored = {row[1]: (row[3], row[5]) for row in
                      journal.db.query("SELECT * FROM pragma_table_info(?)", (name,))}
            declared = {column.name: column for column in table.columns}
            assert set(stored) == set(declared), name
            for column_name, column in declared.items():
                not_null, primary_key = stored[column_name]
                assert bool(primary_key) == column.primary_key, (name, column_name)
                if not column.primary_key:
                    assert bool(not_null) == (not column.nullable), (name, column_name)
        stored_tables = {row[0] for row in journal.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'search_index%'")}
        assert stored_tables == set(SQLModel.metadata.tables)


def test_sqlmodel_reads_the_encrypted_journal(journal_paths: JournalPaths) -> None:
    from sqlmodel import Session, select

    from tkg_journal.storage.tables import EntryRow, orm_engine

    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        journal.add_entry(entry(title="Read through the ORM"))
        with Session(orm_engine(journal.db._conn)) as session:
            rows = session.exec(select(EntryRow)).all()
        assert [row.title for row in rows] == ["Read through the ORM"]
