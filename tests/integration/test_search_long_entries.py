"""Search over a real encrypted journal holding entries as long as the app accepts.

FTS5's ``snippet()`` took minutes on one 500,000-character entry of a repeated word; the
snippets now come from Python (domain/snippets.py). These tests check what a user sees:
the hit, its rank order, and a short marked snippet. (How fast: bench/search_bench.py.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import FIXED_NOW, entry
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import MATCH_END, MATCH_START, EntryFilter, HitType, highlight
from tkg_journal.domain.snippets import MAX_SNIPPET_CHARS, SNIPPET_TOKENS
from tkg_journal.domain.text_rules import MAX_TEXT_CHARS
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal

REPEATED = ("trust " * 83_000).strip()
MIXED = ("delegate trust team " * 25_000).strip()


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    yield created.journal
    created.journal.close()


@pytest.fixture
def long_journal(journal: Journal) -> Journal:
    assert len(REPEATED) <= MAX_TEXT_CHARS and len(MIXED) <= MAX_TEXT_CHARS
    journal.add_entry(entry(title="Repeated", body=REPEATED))
    journal.add_entry(entry(title="Mixed", body=MIXED))
    journal.add_entry(
        entry(
            title="Short",
            body="I trust the team to run the review.",
            occurred_at=FIXED_NOW - timedelta(days=1),
        )
    )
    return journal


def marked(snippet: str) -> str:
    return highlight(snippet, "[", "]")


def test_the_repeated_word_entry_is_found_with_a_short_snippet(long_journal: Journal) -> None:
    hits = long_journal.search("trust")
    assert {h.title for h in hits} == {"Repeated", "Mixed", "Short"}
    repeated = next(h for h in hits if h.title == "Repeated")
    assert repeated.snippet == " ".join([f"{MATCH_START}trust{MATCH_END}"] * SNIPPET_TOKENS) + "…"
    assert all(len(h.snippet) <= MAX_SNIPPET_CHARS for h in hits)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_search_as_you_type_marks_the_words_typed_so_far(long_journal: Journal) -> None:
    for typed in ("d", "de", "del", "dele", "deleg", "delega", "delegat", "delegate"):
        hits = long_journal.search_entries(typed)
        mixed = next(h for h in hits if h.summary.title == "Mixed")
        assert marked(mixed.snippet).startswith("[delegate] trust team [delegate]"), typed
        assert mixed.snippet.endswith("…")


def test_two_words_over_the_long_entries(long_journal: Journal) -> None:
    hits = long_journal.search_entries("team deleg")
    assert [h.summary.title for h in hits] == ["Mixed"]
    assert marked(hits[0].snippet).startswith("[delegate] trust [team] [delegate] trust [team]")


def test_a_10000_character_query_is_answered(long_journal: Journal) -> None:
    # The same word over and over is one query word ...
    assert {h.title for h in long_journal.search("trust " * 1_700)} == {
        "Repeated",
        "Mixed",
        "Short",
    }
    # ... more than 16 different words are cut to the first 16 (all must match) ...
    many = "trust " + " ".join(f"word{i}" for i in range(1_300))
    assert len(many) >= 10_000
    assert long_journal.search(many) == []
    assert long_journal.search_entries(many) == []
    # ... and one 10,000-letter word is a prefix nothing starts with.
    assert long_journal.search("t" * 10_000) == []


def test_the_snippet_shows_the_guided_answer_that_matched(journal: Journal) -> None:
    journal.add_entry(
        entry(
            kind=EntryKind.CONVERSATION,
            body="",
            title="Monday",
            conversation=ConversationFields(impact="the team felt micromanaged"),
        )
    )
    [hit] = journal.search("micromanag")
    assert marked(hit.snippet) == "the team felt [micromanaged]"
    [entry_hit] = journal.search_entries("micromanag", EntryFilter(kinds=(EntryKind.CONVERSATION,)))
    assert marked(entry_hit.snippet) == "the team felt [micromanaged]"


def test_a_match_only_in_the_title_shows_the_title(journal: Journal) -> None:
    journal.add_entry(entry(title="Budget review", body="We talked for an hour."))
    [hit] = journal.search("budget")
    assert marked(hit.snippet) == "[Budget] review"


def test_attempt_snippets_come_from_the_attempt(journal: Journal) -> None:
    from tkg_journal.domain.experiments import Attempt, DidIt, Experiment
    from tkg_journal.storage import experiment_repository

    with journal.db.transaction():
        experiment_id = experiment_repository.insert(
            journal.db,
            experiment=Experiment(
                title="Pause before answering",
                level=Level.FOUNDATION,
                trigger="criticised in a meeting",
                old_behaviour="defend at once",
                new_response="ask a question",
                start_date=date(2026, 1, 5),
            ),
        )
        experiment_repository.insert_attempt(
            journal.db,
            attempt=Attempt(
                experiment_id=experiment_id,
                occurred_at=FIXED_NOW,
                did_it=DidIt.PARTIAL,
                note="asked a clarifying question but my tone was sharp",
            ),
        )
    [hit] = journal.search("clarif")
    assert hit.type is HitType.ATTEMPT and hit.title == "Pause before answering"
    assert marked(hit.snippet) == "asked a [clarifying] question but my tone was sharp"


def test_a_filter_that_keeps_everything_gives_the_same_hits(long_journal: Journal) -> None:
    # Without a filter the ranking does not join the entries table; with one it does.
    # Both must find the same entries in the same order with the same snippets.
    everything = EntryFilter(since=FIXED_NOW - timedelta(days=3650))
    for typed in ("t", "trust", "team deleg", "review"):
        plain = long_journal.search_entries(typed)
        filtered = long_journal.search_entries(typed, everything)
        assert [(h.summary.id, h.snippet) for h in plain] == [
            (h.summary.id, h.snippet) for h in filtered
        ], typed


def test_snippets_made_later_equal_those_made_with_the_search(long_journal: Journal) -> None:
    eager = long_journal.search_entries("trust")
    lazy = long_journal.search_entries("trust", snippets=1)
    assert [h.summary.id for h in lazy] == [h.summary.id for h in eager]
    assert lazy[0].snippet == eager[0].snippet
    assert all(h.snippet is None for h in lazy[1:])
    for hit, expected in zip(lazy[1:], eager[1:], strict=True):
        assert long_journal.entry_snippet(hit.summary.id, "trust") == expected.snippet
    assert long_journal.entry_snippet(10**6, "trust") == ""


def test_one_letter_lists_the_matches_newest_first_and_more_letters_rank(
    journal: Journal,
) -> None:
    # The first key typed matches most of a journal: its hits come newest first, as the
    # list browses (bm25 has nothing to tell them apart by); from two letters on, the best.
    older = journal.add_entry(
        entry(title="Trust", body="trust trust", occurred_at=FIXED_NOW - timedelta(days=9))
    )
    newer = journal.add_entry(entry(title="Monday", body="a tricky talk", occurred_at=FIXED_NOW))
    journal.add_entry(entry(title="Elsewhere", body="nothing here", occurred_at=FIXED_NOW))
    assert [h.summary.id for h in journal.search_entries("t")] == [newer.id, older.id]
    assert [h.summary.id for h in journal.search_entries("tr")] == [older.id, newer.id]
    # Filters narrow a one-letter search too, and its hits carry snippets as any.
    [hit] = journal.search_entries("t", EntryFilter(until=FIXED_NOW - timedelta(days=1)))
    assert hit.summary.id == older.id and marked(hit.snippet or "") == "[trust] [trust]"
