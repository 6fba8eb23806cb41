"""The journal's use cases over a real encrypted file: entries, filters, search, import."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import FIXED_NOW, entry, snapshot
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import MATCH_END, MATCH_START, EntryFilter, HitType
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal
from tkg_journal.services.jrnl_import import import_jrnl
from tkg_journal.storage.errors import NotFound


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Journal:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    yield created.journal
    created.journal.close()


def test_add_get_update_delete_round_trip(journal: Journal) -> None:
    stored = journal.add_entry(entry(
        kind=EntryKind.CONVERSATION, title="Budget talk", level=Level.GROWTH,
        tags=("Budget", "#peer"), share_with_coach=True,
        conversation=ConversationFields(who="Sam", what_happened="I hinted", feeling="anxious",
                                        intensity=7, my_response="changed topic",
                                        impact="confusion", try_next="say it plainly")))
    assert stored.id is not None
    loaded = journal.get_entry(stored.id)
    assert loaded.tags == ("budget", "peer")
    assert loaded.conversation.intensity == 7
    assert loaded.share_with_coach is True
    assert loaded.occurred_at == FIXED_NOW
    journal.update_entry(replace(loaded, title="Budget talk, take two", tags=("budget",)))
    assert journal.get_entry(stored.id).title == "Budget talk, take two"
    assert journal.get_entry(stored.id).tags == ("budget",)
    assert journal.search("take two")[0].id == stored.id
    journal.delete_entry(stored.id)
    with pytest.raises(NotFound):
        journal.get_entry(stored.id)
    assert journal.search("budget") == []


def test_list_is_newest_first_and_filters(journal: Journal) -> None:
    for days, level, kind in [(0, Level.GROWTH, EntryKind.FREE),
                              (1, Level.FOUNDATION, EntryKind.CONVERSATION),
                              (10, Level.GROWTH, EntryKind.REFLECTION)]:
        journal.add_entry(entry(occurred_at=FIXED_NOW - timedelta(days=days),
                                level=level, kind=kind, title=f"{days} days ago",
                                tags=("team",) if days else ()))
    assert [s.title for s in journal.list_entries()] == ["0 days ago", "1 days ago",
                                                         "10 days ago"]
    assert [s.title for s in journal.list_entries(limit=1, offset=1)] == ["1 days ago"]
    growth = EntryFilter(levels=(Level.GROWTH,))
    assert [s.title for s in journal.list_entries(growth)] == ["0 days ago", "10 days ago"]
    recent = EntryFilter(since=FIXED_NOW - timedelta(days=2))
    assert journal.count_entries(recent) == 2
    assert journal.count_entries(EntryFilter(tag="team")) == 2
    assert journal.count_entries(EntryFilter(kinds=(EntryKind.REFLECTION,))) == 1
    assert journal.tags() == [("team", 2)]


def test_entry_ids_narrow_the_list_the_count_and_search(journal: Journal) -> None:
    """A person's conversations, from the Patterns page: only those ids, paged newest
    first, with the other filters and search on top; more ids than SQLite's limit on
    bound variables; an empty list matches nothing."""
    ids: list[int] = []
    for n in range(6):
        added = journal.add_entry(entry(occurred_at=FIXED_NOW - timedelta(days=n),
                                        title=f"talk {n}", body="the budget talk",
                                        level=Level.GROWTH if n % 2 else Level.FOUNDATION))
        assert added.id is not None
        ids.append(added.id)
    only = EntryFilter(entry_ids=(ids[1], ids[4], ids[5]))
    assert [s.title for s in journal.list_entries(only)] == ["talk 1", "talk 4", "talk 5"]
    assert [s.title for s in journal.list_entries(only, limit=1, offset=1)] == ["talk 4"]
    assert journal.count_entries(only) == 3
    both = replace(only, levels=(Level.GROWTH,))
    assert [s.title for s in journal.list_entries(both)] == ["talk 1", "talk 5"]
    found = journal.search_entries("budget", both)
    assert {h.summary.title for h in found} == {"talk 1", "talk 5"}
    many = EntryFilter(entry_ids=(*range(100_000, 140_000), ids[2]))
    assert [s.title for s in journal.list_entries(many)] == ["talk 2"]
    assert journal.count_entries(EntryFilter(entry_ids=())) == 0
    assert journal.count_entries(EntryFilter()) == 6


def test_search_ranks_titles_first_and_marks_matches(journal: Journal) -> None:
    journal.add_entry(entry(title="Notes", body="we spoke about delegation at length"))
    journal.add_entry(entry(title="Delegation", body="short"))
    hits = journal.search("delegation")
    assert [h.title for h in hits] == ["Delegation", "Notes"]
    assert f"{MATCH_START}delegation{MATCH_END}" in hits[1].snippet


def test_search_finds_word_prefixes_and_ignores_accents(journal: Journal) -> None:
    journal.add_entry(entry(body="Conversations about delegation with the café team"))
    for query in ("convers", "conversation", "delegat", "cafe", "CAFÉ", "team conv"):
        assert journal.search(query), query


def test_search_covers_guided_fields_and_filters_level_and_dates(journal: Journal) -> None:
    journal.add_entry(entry(kind=EntryKind.CONVERSATION, level=Level.EMPOWERMENT,
                            conversation=ConversationFields(impact="the team felt micromanaged")))
    journal.add_entry(entry(level=Level.FOUNDATION, body="I micromanaged again",
                            occurred_at=FIXED_NOW - timedelta(days=30)))
    assert len(journal.search("micromanaged")) == 2
    assert [h.level for h in journal.search("micromanaged", level=Level.FOUNDATION)] == [
        Level.FOUNDATION]
    assert len(journal.search("micromanaged", since=FIXED_NOW - timedelta(days=1))) == 1
    assert len(journal.search("micromanaged", until=FIXED_NOW - timedelta(days=1))) == 1


@pytest.mark.parametrize("query", ['"', "AND", "NOT x", "a OR", "(", "*", "x:y", "NEAR(a b)",
                                   "-", "'; DROP TABLE entries; --", "   "])
def test_search_treats_operators_and_quotes_as_words(journal: Journal, query: str) -> None:
    journal.add_entry(entry(body="plain text"))
    assert isinstance(journal.search(query), list)
    assert journal.count_entries() == 1


def test_search_finds_experiments_and_attempts(journal: Journal) -> None:
    from datetime import date

    from tkg_journal.domain.experiments import Attempt, DidIt, Experiment
    from tkg_journal.storage import experiment_repository

    with journal.db.transaction():
        experiment_id = experiment_repository.insert(journal.db, experiment=Experiment(
            title="Pause before answering", level=Level.FOUNDATION,
            trigger="criticised in a meeting", old_behaviour="defend at once",
            new_response="ask a clarifying question", start_date=date(2026, 1, 5)))
        experiment_repository.insert_attempt(journal.db, attempt=Attempt(
            experiment_id=experiment_id, occurred_at=FIXED_NOW, did_it=DidIt.PARTIAL,
            note="asked a clarifying question but my tone was sharp"))
    hits = journal.search("clarifying")
    assert {h.type for h in hits} == {HitType.EXPERIMENT, HitType.ATTEMPT}
    attempt_hit = next(h for h in hits if h.type is HitType.ATTEMPT)
    assert attempt_hit.parent_id == experiment_id
    assert attempt_hit.title == "Pause before answering"
    assert attempt_hit.level is Level.FOUNDATION


def _jrnl_file(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    return path


def test_import_is_idempotent(journal: Journal, tmp_path: Path) -> None:
    source = _jrnl_file(tmp_path / "a.json", [
        {"date": f"2024-01-0{d}", "time": "09:00", "title": f"Day {d}", "body": "b",
         "tags": ["@growth"]} for d in range(1, 4)])
    first = import_jrnl(journal, source)
    second = import_jrnl(journal, source)
    assert (first.imported, first.already_present) == (3, 0)
    assert (second.imported, second.already_present) == (0, 3)
    assert journal.count_entries(EntryFilter(levels=(Level.GROWTH,))) == 3


def test_a_bad_entry_refuses_the_whole_import(journal: Journal, journal_paths: JournalPaths,
                                              tmp_path: Path) -> None:
    journal.add_entry(entry(title="already here"))
    good = {"date": "2024-01-01", "time": "09:00", "title": "ok", "body": ""}
    source = _jrnl_file(tmp_path / "bad.json", [good] * 5 + [
        {"date": "2024-02-31", "time": "09:00", "title": "bad date", "body": ""}])
    with pytest.raises(ImportFailed, match="entry 6"):
        import_jrnl(journal, source)
    assert journal.count_entries() == 1


def test_writes_after_a_failed_transaction_still_work(journal: Journal) -> None:
    with pytest.raises(RuntimeError), journal.db.transaction():
        from tkg_journal.storage import entry_repository

        entry_repository.insert(journal.db, entry=entry(title="rolled back"))
        raise RuntimeError("crash in the middle")
    assert journal.count_entries() == 0
    journal.add_entry(entry(title="after"))
    assert [s.title for s in journal.list_entries()] == ["after"]


def test_reading_does_not_change_the_files(journal_paths: JournalPaths) -> None:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.add_entry(entry(title="one"))
    created.journal.close()
    before = snapshot(journal_paths.data_dir)
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        journal.list_entries()
        journal.search("one")
    assert snapshot(journal_paths.data_dir) == before


def test_sample_data_never_lies_in_the_future(journal: Journal) -> None:
    from datetime import datetime

    from tkg_journal.services import demo

    morning = datetime(2026, 3, 2, 6, 0).astimezone()  # before most sample times of day
    journal.clock = lambda: morning
    demo.fill(journal, entries=400, seed=5)
    [newest] = journal.list_entries(limit=1)
    assert newest.occurred_at <= morning
    assert newest.occurred_at.astimezone().date() == (morning - timedelta(days=1)).date()
