"""The patterns' read of conversations and feedback goes through the index made for it
(``entries_for_patterns``, schema 9), and the index gives the rows the table gives.

Without the index the read decrypts nearly every page of the entries table (0.3 s of the
Patterns page's 0.3 s budget at 100,000 entries). SQLite picks a partial index only when
the query's WHERE says what the index's says, so an innocent edit of the query (or of the
index) would lose it silently, every result still right: this test fails instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal
from tkg_journal.services.patterns import Patterns
from tkg_journal.storage import pattern_queries
from tkg_journal.storage.database import Database
from tkg_journal.storage.progress_repository import TimeRange

INDEX = "entries_for_patterns"
START = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


class RecordingDatabase:
    """Runs every query on the real database and keeps its SQL and parameters, so the
    test explains exactly what the code asked."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.queries: list[tuple[str, Sequence[Any]]] = []

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.queries.append((sql, params))
        return self.db.query(sql, params)


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        for i in range(12):
            journal.add_entry(Entry(
                kind=EntryKind.CONVERSATION, occurred_at=START + timedelta(days=9 * i),
                level=Level.GROWTH if i % 3 else Level.FOUNDATION, share_with_coach=i % 2 == 0,
                body="a long body the patterns never read " * 20,
                conversation=ConversationFields(
                    who="Sam (CFO)" if i % 2 else "Priya and Omar",
                    what_happened="the budget review ran late", feeling="frustrated, anxious",
                    intensity=i % 11)))
            journal.add_entry(Entry(
                kind=EntryKind.FEEDBACK, occurred_at=START + timedelta(days=9 * i, hours=2),
                level=Level.EMPOWERMENT, body="you decide too fast",
                feedback=FeedbackFields(source="Sam", sentiment=i % 5 - 2)))
            journal.add_entry(Entry(
                kind=EntryKind.REFLECTION, occurred_at=START + timedelta(days=9 * i, hours=4),
                level=Level.MASTERY, body="not a conversation: not in the index"))
        yield journal


SPANS = [
    TimeRange(None, None),
    TimeRange(since="2026-02-01 00:00:00", until=None),
    TimeRange(since=None, until="2026-03-01 00:00:00"),
    TimeRange(since="2026-02-01 00:00:00", until="2026-03-01 00:00:00"),
]


def _plan(db: Database, sql: str, params: Sequence[Any]) -> list[str]:
    return [str(row[-1]) for row in db.query(f"EXPLAIN QUERY PLAN {sql}", params)]


@pytest.mark.parametrize("shared_only", [False, True], ids=["every entry", "shared"])
@pytest.mark.parametrize("span", SPANS, ids=["all time", "since", "until", "since-until"])
def test_the_rows_of_patterns_are_read_from_the_covering_index(
    journal: Journal, span: TimeRange, shared_only: bool
) -> None:
    recording = RecordingDatabase(journal.db)
    rows = pattern_queries.pattern_rows(
        recording, span=span, shared_only=shared_only  # type: ignore[arg-type]
    )
    [(sql, params)] = recording.queries
    plan = _plan(journal.db, sql, params)
    # Every column read is in the index (COVERING): the table's pages are never touched.
    assert any(f"USING COVERING INDEX {INDEX}" in step for step in plan), plan
    assert not any(step.startswith("SCAN entries") for step in plan), plan
    # The same rows as the table gives when told to use no index at all.
    unindexed = sql.replace("FROM entries WHERE", "FROM entries NOT INDEXED WHERE")
    assert unindexed != sql
    assert rows == journal.db.query(unindexed, params)
    assert rows and all(kind in ("conversation", "feedback") for _i, kind, *_ in rows)


def test_the_names_for_triggers_come_from_the_index_each_spelling_once(journal: Journal) -> None:
    recording = RecordingDatabase(journal.db)
    names = pattern_queries.names_written(recording)  # type: ignore[arg-type]
    [(sql, params)] = recording.queries
    plan = _plan(journal.db, sql, params)
    assert any(f"USING COVERING INDEX {INDEX}" in step for step in plan), plan
    assert sorted(names) == sorted(set(names))
    assert "Sam" in names and "" not in names


def test_a_whole_report_is_the_same_without_the_index(journal: Journal) -> None:
    patterns = Patterns(journal)
    with_index = patterns.report()
    with journal.db.transaction():
        journal.db.execute("DROP INDEX entries_for_patterns")
    without = patterns.report()
    assert without == with_index
    assert with_index.people and with_index.feelings


def test_a_damaged_time_reads_as_day_0_and_keeps_its_place(journal: Journal) -> None:
    # A hand-edited time julianday() cannot read: the row is still counted, at day 0.
    damaged = journal.db.scalar(
        "SELECT id FROM entries WHERE kind = 'conversation' ORDER BY occurred_at LIMIT 1"
    )
    with journal.db.transaction():
        journal.db.execute(
            "UPDATE entries SET occurred_at = '2026-01-05 sometime' WHERE id = ?", (damaged,)
        )
    rows = pattern_queries.pattern_rows(journal.db, span=SPANS[0], shared_only=False)
    [row] = [r for r in rows if r[0] == damaged]
    assert row[2] == 0.0 and isinstance(row[2], float)
    # Where its text sorts ("2026-01-05 s" after the feedback at "2026-01-05 11:30").
    assert [r[0] for r in rows][:2] == [damaged + 1, damaged]
    assert Patterns(journal).report().conversations == 12
