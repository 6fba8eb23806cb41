"""Every function of each section is in reach of the keyboard alone: Tab (and Shift+Tab)
walks to every control a mouse could use, a group of one-of-N choices being one stop
whose arrows choose; a control Tab does not reach (a toolbar's buttons) has its keys.

Each section is walked with real Tab presses from its first control until the focus comes
back round; what a mouse could click that the walk did not reach, and that has no key of
its own, fails the test by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tests.gui.main_window_session import active_main_window
from tests.helpers import entry
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.experiments import Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.main_window import MainWindow

SECTIONS = ("journal", "experiments", "progress", "coach sessions")
MAX_TABS = 200


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    from tkg_journal.domain.coach_sessions import CoachSession

    journal.add_entry(entry(kind=EntryKind.CONVERSATION, title="Budget talk",
                            level=Level.GROWTH, body="Raised my voice"))
    service = Experiments(journal)
    made = service.create(Experiment(
        title="Ask first", level=Level.FOUNDATION, trigger="a pointed question",
        old_behaviour="answer at once", new_response="ask a question first",
        start_date=date.today()))
    assert made.id is not None
    service.start(made.id)
    CoachSessions(journal).record(CoachSession(held_on=date.today(), topics="Delegation"))
    with active_main_window(qtbot, journal_paths, journal) as main:
        yield main


def _tab_walk(qtbot, main: MainWindow, start: QWidget) -> list[QWidget]:
    """The widgets Tab lands on, from ``start`` until the focus comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    start = QApplication.focusWidget()  # a focus proxy may take it
    assert start is not None
    reached = [start]
    for _ in range(MAX_TABS):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, f"Tab from {focused.objectName()!r} lost the focus"
        if now is start:
            return reached
        reached.append(now)
    pytest.fail(f"Tab never came back to {start.objectName()!r}: a trap")


def _clickable(section: QWidget) -> Iterator[QWidget]:
    """What a mouse could use in ``section``: shown, enabled controls."""
    for widget in section.findChildren(QWidget):
        if not widget.isVisibleTo(section) or not widget.isEnabled():
            continue
        if isinstance(widget, QScrollBar | QTabBar):
            continue  # the wheel and the keys of what they scroll; tabs: Ctrl+Tab
        if isinstance(widget.parentWidget(), QAbstractItemView):
            continue  # an item view's viewport and editors: the view is the stop
        if isinstance(widget, QAbstractButton | QAbstractItemView) or (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            yield widget


def _has_keys(widget: QWidget) -> bool:
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
        return not widget.defaultAction().shortcut().isEmpty()
    if isinstance(widget, QAbstractButton):
        return "&" in widget.text().replace("&&", "") or not widget.shortcut().isEmpty()
    return False


def _in_a_stop(widget: QWidget, reached: list[QWidget]) -> bool:
    """Reached, or one of a group reached: a radio group (one stop, arrows choose), or a
    part of a reached widget (a combo box's button, a spin box's field)."""
    if any(stop is widget or stop.isAncestorOf(widget) or widget.isAncestorOf(stop)
           for stop in reached):
        return True
    if isinstance(widget, QAbstractButton) and widget.autoExclusive():
        siblings = widget.group().buttons() if widget.group() else [
            w for w in widget.parentWidget().findChildren(QAbstractButton)
            if w.autoExclusive()]
        return any(sibling in reached for sibling in siblings)
    return False


@pytest.mark.parametrize("index", range(len(SECTIONS)), ids=SECTIONS)
def test_tab_reaches_every_control_of_each_section(qtbot, window: MainWindow, index: int):
    window.show_section(index)
    if SECTIONS[index] == "progress":
        qtbot.waitUntil(lambda: not window.progress_view.is_busy(), timeout=30_000)
    window.activateWindow()  # drawing the charts may have taken the activation
    qtbot.waitUntil(window.isActiveWindow)
    section = window.sections.currentWidget()
    first = section.nextInFocusChain()
    while not (first.isVisible() and first.isEnabled()
               and first.focusPolicy() & Qt.FocusPolicy.TabFocus and section.isAncestorOf(first)):
        first = first.nextInFocusChain()
    reached = _tab_walk(qtbot, window, first)
    assert len(reached) > 3
    missed = missed_controls(section, reached)
    assert missed == [], f"{SECTIONS[index]}: the keyboard cannot reach {missed}"


def missed_controls(section: QWidget, reached: list[QWidget]) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()!r}"
        for w in _clickable(section)
        if not _in_a_stop(w, reached) and not _has_keys(w)
    ]


def test_the_walk_names_a_button_only_a_mouse_can_use(qtbot):
    section = QWidget()
    qtbot.addWidget(section)
    layout = QVBoxLayout(section)
    typed, mouse_only, keyed = QLineEdit(), QPushButton("Go"), QPushButton("&Save")
    for widget in (typed, mouse_only, keyed):
        layout.addWidget(widget)
    mouse_only.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    keyed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    section.show()
    qtbot.waitExposed(section)
    assert missed_controls(section, [typed]) == ["QPushButton 'Go'"]
