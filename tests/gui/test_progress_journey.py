"""The Progress section inside the main window: charts draw when the section opens (not
at start-up), the weekly check-in prompt leads to the check-in, and locking clears it all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.attention import CHECKIN
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.progress.checkin_dialog import CheckinDialog


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, filled_journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, filled_journal)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def _all_drawn(window: MainWindow) -> bool:
    view = window.progress_view
    return bool(view.panels) and not view.is_busy() and all(
        panel.figure is not None for panel in view.panels.values())


def test_charts_draw_when_the_section_opens_and_locking_clears_them(qtbot, window: MainWindow):
    assert not window.progress_view.panels  # nothing drawn before the section is opened
    window.section_actions[2].trigger()
    qtbot.waitUntil(lambda: _all_drawn(window), timeout=30_000)
    assert list(window.progress_view.panels) == [
        "activity", "ratings", "attempts", "feedback", "hierarchy", "calendar"]
    window.lock()
    assert all(panel.figure is None for panel in window.progress_view.panels.values())


def test_no_prompt_to_rate_in_the_first_week(window: MainWindow):
    # The journal was made today (its 453 entries with it): too early to ask.
    assert not window.attention.has_line(CHECKIN)


def test_the_weekly_prompt_leads_to_the_check_in(qtbot, window: MainWindow):
    journal = window.journal
    assert journal is not None
    a_week_on = journal.clock() + timedelta(days=8)
    journal.clock = lambda: a_week_on  # in use for more than a week, never rated
    assert window.checkin_prompt.check()  # what the hourly check does
    assert window.attention.has_line(CHECKIN)  # a line of the window's one bar
    rated = []

    def rate(dialog) -> bool:
        assert isinstance(dialog, CheckinDialog)
        rated.append(dialog.save())  # Save, with the sliders where they start
        return dialog.saved is not None

    window.progress_view.run_dialog = rate
    rate_button = window.attention.button(CHECKIN)
    assert rate_button is not None and rate_button.text() == "Rate"
    qtbot.mouseClick(rate_button, Qt.MouseButton.LeftButton)
    assert window.sections.currentWidget() is window.progress_view
    assert not window.attention.has_line(CHECKIN)
    assert rated and rated[0] is not None
    assert Progress(window.journal).last_checkin() is not None
