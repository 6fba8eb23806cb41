"""Progress ▸ Patterns over a real encrypted journal: computed off the GUI thread for the
section's range and level, the root hint as a card, the people as a sortable table whose
sparkline speaks, the feelings with their numbers in words, an empty state that says what
is needed; and a person or a hint picked there narrows the journal to their entries, under
a chip that clears it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from tkg_journal.app import build_main_window
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PatternQuery
from tkg_journal.domain.progress import Period
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.progress.patterns_loader import PatternsLoader
from tkg_journal.ui.progress.patterns_page import PatternsPage
from tkg_journal.ui.progress.people_table_model import (
    SORT_ROLE,
    Column,
    PeopleTableModel,
)

WAIT_MS = 30_000
TODAY = date(2026, 3, 20)


def local(d: date, hour: int = 12) -> datetime:
    return datetime(d.year, d.month, d.day, hour).astimezone()


def talk(journal: Journal, days_ago: int, who: str, intensity: int, *, felt: str = "frustrated",
         level: Level = Level.GROWTH) -> int:
    stored = journal.add_entry(Entry(
        kind=EntryKind.CONVERSATION, occurred_at=local(TODAY - timedelta(days=days_ago)),
        level=level, title=f"Talk with {who} ({days_ago})",
        conversation=ConversationFields(who=who, what_happened="it happened", feeling=felt,
                                        intensity=intensity)))
    assert stored.id is not None
    return stored.id


@pytest.fixture
def story(journal: Journal) -> Journal:
    """Sam calms down over two months (six talks, one piece of feedback); Priya is steady;
    Omar twice, too few to say; an unrelated note. Five frictions at Growth while
    Foundation's rating fell: a root hint."""
    journal.clock = lambda: local(TODAY, 18)
    for days_ago, intensity in zip((60, 50, 40, 30, 20, 10), (8, 8, 7, 4, 3, 3), strict=True):
        talk(journal, days_ago, "Sam (CFO)" if days_ago % 20 else "sam", intensity)
    for days_ago, intensity in zip((55, 45, 35, 25), (6, 7, 6, 7), strict=True):
        talk(journal, days_ago, "Priya", intensity, felt="anxious", level=Level.EMPOWERMENT)
    for days_ago, intensity in ((58, 7), (52, 8)):
        talk(journal, days_ago, "Omar", intensity, felt="ashamed")
    journal.add_entry(Entry(kind=EntryKind.FEEDBACK, occurred_at=local(TODAY - timedelta(days=5)),
                            level=Level.GROWTH, body="You listened this time",
                            feedback=FeedbackFields("Sam", 1)))
    journal.add_entry(Entry(kind=EntryKind.FREE, occurred_at=local(TODAY), body="A quiet day"))
    progress = Progress(journal)
    progress.record_checkin({Level.FOUNDATION: 7, Level.GROWTH: 6}, on=TODAY - timedelta(days=70))
    progress.record_checkin({Level.FOUNDATION: 5, Level.GROWTH: 6}, on=TODAY - timedelta(days=2))
    return journal


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, story: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, story)
    main._unlocker = lambda _parent: None
    main.resize(1180, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def _patterns(qtbot, main: MainWindow) -> PatternsPage:
    main.show_section(2)
    main.progress_view.show_patterns()
    qtbot.waitUntil(lambda: not main.progress_view.is_busy(), timeout=WAIT_MS)
    page = main.progress_view.patterns_page
    assert page.report is not None
    return page


def _names(page: PatternsPage) -> list[str]:
    proxy = page.people_proxy
    return [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]


def test_the_page_shows_hints_people_and_feelings_for_the_range(qtbot, window: MainWindow):
    page = _patterns(qtbot, window)
    assert page.overview.text() == (
        "From 21 Dec 2025 to 20 Mar 2026, every level: 12 difficult conversations and "
        "1 piece of feedback."
    )
    assert page.overview.accessibleName().startswith("Patterns: From 21 Dec 2025")
    assert not page.empty.isVisible() and page.details.isVisible()
    # The root hint, as a card with its levels and a button to its entries.
    [card] = page.cards
    assert card.sentence.text().endswith("your Foundation rating fell from 7 to 5: the root "
                                         "may be self-awareness.")
    assert card.button.text() == f"Show the {len(card.hint.entry_ids)} entries"
    assert card.button.accessibleName() == f"{card.button.text()}: {card.hint.text}"
    # People: most conversations first; names normalised; numbers sort as numbers.
    assert _names(page) == ["Sam", "Priya", "Omar"]
    model = page.people_model
    sam = model.person(0)
    assert (sam.conversations, sam.feedback) == (6, 1)
    assert model.index(0, Column.HALVES).data() == "7.7 \u2192 3.3 calmer"
    assert model.index(1, Column.LEVEL).data() == "3 Empowerment"
    spoken = model.index(0, Column.MONTHS).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("intensity by month: ") and spoken.endswith("; calmer")
    assert spoken.split(": ")[1].split(";")[0] == ", ".join(
        f"{m.mean_intensity:.0f}" for m in sam.months)
    page.people_table.sortByColumn(Column.MEAN, Qt.SortOrder.DescendingOrder)
    assert _names(page) == ["Omar", "Priya", "Sam"]  # 7.5, 6.5, 5.5
    page.people_table.sortByColumn(Column.HALVES, Qt.SortOrder.AscendingOrder)
    assert _names(page) == ["Sam", "Priya", "Omar"]  # calmer (negative) first
    # Feelings: the bars and the sentence carry the same numbers.
    assert page.feeling_bars.isVisible()
    sentence = page.feelings_sentence.text()
    assert sentence == (
        "Feelings named in 12 difficult conversations: anger 6 (mean intensity 5.5), "
        "fear 4 (mean intensity 6.5), shame 2 (mean intensity 7.5).")
    assert page.feeling_bars.accessibleDescription() == sentence
    assert page.feeling_bars.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert page.private_note.isVisible()
    assert "nothing leaves it" in page.private_note.text()
    # Save chart as… has nothing to save here.
    assert not window.progress_view.save_button.isVisible()
    window.progress_view.tabs.setCurrentIndex(0)
    assert window.progress_view.save_button.isVisible()


def test_the_level_and_range_of_the_bar_apply(qtbot, window: MainWindow):
    page = _patterns(qtbot, window)
    view = window.progress_view
    view.level_combo.setCurrentIndex(view.level_combo.findData(Level.EMPOWERMENT))
    qtbot.waitUntil(lambda: page.report is not None and page.report.query.level is not None,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=WAIT_MS)
    assert _names(page) == ["Priya"]
    assert "at 3 Empowerment" in page.overview.text()
    view.level_combo.setCurrentIndex(0)
    view.range_combo.setCurrentIndex(view.range_combo.count() - 1)  # custom: two dates
    view.since_edit.setDate(TODAY - timedelta(days=22))
    qtbot.waitUntil(lambda: page.report is not None and page.report.query.level is None
                    and page.report.query.period.since == TODAY - timedelta(days=22),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=WAIT_MS)
    assert _names(page) == ["Sam"]
    assert page.people_model.person(0).conversations == 2  # 20 and 10 days ago


def test_a_person_picked_narrows_the_journal_until_cleared(qtbot, window: MainWindow):
    page = _patterns(qtbot, window)
    journal_view = window.journal_view
    everything = journal_view.model.total()
    sam = page.people_model.person(0)
    page.people_table.setFocus()
    page.people_table.selectRow(0)
    qtbot.keyClick(page.people_table, Qt.Key.Key_Return)
    assert window.sections.currentWidget() is journal_view
    assert journal_view.model.total() == 7 == len(sam.entry_ids)
    shown = {journal_view.model.summary(row).id for row in range(journal_view.model.rowCount())}
    assert shown == set(sam.entry_ids)
    assert journal_view.only_banner.isVisible()
    assert journal_view.only_banner.text() == (
        "Showing 6 conversations and 1 piece of feedback with Sam")
    assert journal_view.count_label.text() == "7 entries match the filters"
    # Search narrows further within them; Clear brings every entry back.
    qtbot.keyClicks(journal_view.filter_bar.search, "listened")
    qtbot.waitUntil(lambda: journal_view.model.total() == 1, timeout=WAIT_MS)
    journal_view.filter_bar.search.clear()
    qtbot.mouseClick(journal_view.only_banner.clear_button, Qt.MouseButton.LeftButton)
    assert not journal_view.only_banner.isVisible()
    assert journal_view.shown_only() is None
    assert journal_view.model.total() == everything


def test_the_button_and_a_hint_show_their_entries_too(qtbot, window: MainWindow):
    page = _patterns(qtbot, window)
    journal_view = window.journal_view
    assert not page.show_person_button.isEnabled()  # nobody chosen yet
    page.people_table.selectRow(1)
    assert page.show_person_button.isEnabled()
    qtbot.mouseClick(page.show_person_button, Qt.MouseButton.LeftButton)
    assert journal_view.only_banner.text() == "Showing 4 conversations with Priya"
    assert journal_view.model.total() == 4
    window.clear_filters_action.trigger()  # Clear filters takes the chip away as well
    assert journal_view.shown_only() is None and not journal_view.only_banner.isVisible()

    page = _patterns(qtbot, window)
    [card] = page.cards
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert window.sections.currentWidget() is journal_view
    assert journal_view.shown_only() == card.hint.entry_ids
    assert journal_view.model.total() == len(card.hint.entry_ids)
    assert journal_view.only_banner.text().startswith("Showing the ")


def test_an_empty_journal_says_what_patterns_need(qtbot, journal_paths: JournalPaths,
                                                  journal: Journal):
    main = build_main_window(journal_paths, journal)
    qtbot.addWidget(main)
    main.show()
    page = _patterns(qtbot, main)
    assert page.empty.isVisible() and not page.details.isVisible()
    assert page.empty.text().startswith("Patterns appear once you have written a few "
                                        "difficult conversations")
    assert page.private_note.isVisible()
    main.journal_view.autosave.stop()
    main.lock()
    # Locked: no name is left on the page.
    assert page.report is None and page.people_model.rowCount() == 0
    assert page.overview.text() == ""


def test_the_people_model_is_a_real_table_model(qtmodeltester, story: Journal) -> None:
    from tkg_journal.services.patterns import Patterns

    model = PeopleTableModel()
    model.set_people(Patterns(story).report().people)
    qtmodeltester.check(model)
    assert model.index(0, Column.CONVERSATIONS).data(SORT_ROLE) == 6
    assert model.headerData(Column.MONTHS, Qt.Orientation.Horizontal) == "By month"


def test_only_the_newest_query_is_delivered(qtbot, story: Journal) -> None:
    loader = PatternsLoader()
    loader.set_journal(story)
    delivered = []
    loader.loaded.connect(delivered.append)
    first = PatternQuery(period=Period(since=TODAY - timedelta(days=15)))
    newest = PatternQuery(period=Period(since=TODAY - timedelta(days=90)))
    loader.load(first)
    loader.load(newest)  # while the first runs: it waits, and the first is dropped
    qtbot.waitUntil(lambda: not loader.is_busy(), timeout=WAIT_MS)
    assert [report.query for report in delivered] == [newest]
    loader.set_journal(None)


def test_tab_reaches_every_control_of_the_page(qtbot, window: MainWindow):
    from tests.gui.test_keyboard_only_journey import _tab_walk, missed_controls

    page = _patterns(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reached = _tab_walk(qtbot, window, window.progress_view.range_combo)
    assert page.cards[0].button in reached and page.feeling_bars in reached
    # Down the page in reading order: the hint's button, the table, its button, the bars.
    order = [reached.index(w) for w in (page.cards[0].button, page.people_table,
                                        page.feeling_bars)]
    assert order == sorted(order)
    assert missed_controls(window.progress_view, reached) == []
