"""The entry list model: lazy paging, search mode, live updates; checked by qtmodeltester."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt

from tests.helpers import FIXED_NOW, entry
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import MATCH_START, EntryFilter
from tkg_journal.services.journal import Journal
from tkg_journal.ui.journal.entry_list_model import (
    PAGE_SIZE,
    EntryListModel,
    SnippetRole,
    SummaryRole,
)


def test_passes_qtmodeltester_while_browsing_paging_and_searching(qtmodeltester,
                                                                  filled_journal: Journal):
    # The tester stays connected after check() and verifies every later change.
    model = EntryListModel()
    model.set_journal(filled_journal)
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.set_query(EntryFilter(), "budget")
    model.set_query(EntryFilter(), "")
    stored = filled_journal.add_entry(entry(title="Added", occurred_at=FIXED_NOW))
    model.entry_saved(filled_journal.entry_summary(stored.id))
    model.entry_deleted(stored.id)
    model.set_journal(None)
    assert model.rowCount() == 0


def test_loads_a_page_at_a_time_newest_first(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    assert model.total() == 453
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    assert model.index(0).data() == "Budget talk with Sam"
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 453
    times = [model.index(row).data(SummaryRole).occurred_at for row in range(453)]
    assert times == sorted(times, reverse=True)


def test_search_ranks_hits_and_marks_the_matched_words(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    model.set_query(EntryFilter(), "delegat")
    assert model.rowCount() == 1
    assert model.index(0).data() == "Delegation week"
    assert MATCH_START in model.index(0).data(SnippetRole)
    assert not model.canFetchMore(QModelIndex())


def test_search_and_filters_combine(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    model.set_query(EntryFilter(kinds=(EntryKind.FREE,)), "day")
    assert model.total() == 450
    model.set_query(EntryFilter(levels=(Level.GROWTH,)), "")
    assert [model.index(r).data() for r in range(model.rowCount())] == ["Budget talk with Sam"]
    model.set_query(EntryFilter(tag="delegation"), "")
    assert [model.index(r).data() for r in range(model.rowCount())] == ["Delegation week"]


def test_a_saved_entry_appears_in_place_without_reloading(qtbot, filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    stored = filled_journal.add_entry(entry(title="Just now", occurred_at=FIXED_NOW
                                            + timedelta(hours=1)))
    with qtbot.waitSignal(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        model.entry_saved(filled_journal.entry_summary(stored.id))
    assert model.index(0).data() == "Just now"
    assert model.total() == 454
    # Editing its time moves it to its new place.
    moved = filled_journal.update_entry(replace(stored, occurred_at=FIXED_NOW
                                                - timedelta(days=1, hours=1)))
    model.entry_saved(filled_journal.entry_summary(moved.id))
    assert model.index(2).data() == "Just now"
    assert model.total() == 454


def test_a_saved_entry_outside_the_filter_is_not_shown(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    model.set_query(EntryFilter(levels=(Level.GROWTH,)))
    stored = filled_journal.add_entry(entry(title="Other level", level=Level.MASTERY))
    model.entry_saved(filled_journal.entry_summary(stored.id))
    assert model.rowCount() == 1


def test_deleting_removes_the_row(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    first = model.index(0).data(SummaryRole)
    model.entry_deleted(first.id)
    assert model.index(0).data() == "Delegation week"
    assert model.total() == 452


def test_rows_speak_their_date_kind_level_and_title(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    spoken = model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Difficult conversation" in spoken
    assert "level 2 Growth" in spoken
    assert "shared with coach" in spoken
    assert "Budget talk with Sam" in spoken


def test_an_entry_whose_stored_date_cannot_be_read_says_so(journal: Journal):
    stored = journal.add_entry(entry(title="Imported by 0.1"))
    journal.add_entry(entry(title="Fine", occurred_at=FIXED_NOW - timedelta(days=1)))
    with journal.db.transaction():  # what 0.1 wrote for an import dated 0999-01-01
        journal.db.execute("UPDATE entries SET occurred_at = '999-01-01 10:00:00' WHERE id = ?",
                           (stored.id,))
    model = EntryListModel()
    model.set_journal(journal)
    spoken = {model.index(row).data(): model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
              for row in range(model.rowCount())}
    assert spoken["Imported by 0.1"].startswith("date could not be read, set it in the editor")
    assert spoken["Fine"].startswith("1 March 2026")


def test_hits_past_the_first_screen_get_their_snippet_when_shown(filled_journal: Journal):
    model = EntryListModel()
    model.set_journal(filled_journal)
    model.set_query(EntryFilter(), "ordinary")
    assert model.rowCount() == 450
    last = model.index(449)
    snippet = last.data(SnippetRole)
    assert f"{MATCH_START}Ordinary" in snippet
    assert "Ordinary day number" in last.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.index(0).data(SnippetRole).count(MATCH_START) == 1
