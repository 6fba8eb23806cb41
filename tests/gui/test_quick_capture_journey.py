"""Quick capture as a leader uses it right after a hard conversation: a minute, the
keyboard only, and "More…" when there is more to say.

Every key is sent to the widget that has the focus, as a keyboard would: the test never
moves the focus itself, so it fails if Tab, the shortcuts or the window's first focus do
not take the user where the next answer goes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.main_window_session import active_main_window
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.ui.journal.quick_capture_window import QuickCaptureWindow
from tkg_journal.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

WHO = "Sam (product lead)"
HAPPENED = "Sam pushed back on the roadmap in the team meeting; I cut him off."
FELT = "defensive"


class Keyboard:
    """Presses keys and types text into whatever has the focus, counting the presses
    that are not the user's words."""

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot
        self.presses = 0

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, keys: str) -> None:
        combination = QKeySequence(keys)[0]
        self._qtbot.keyClick(self.focus(), combination.key(), combination.keyboardModifiers())
        self.presses += 1

    def type(self, text: str) -> None:
        self._qtbot.keyClicks(self.focus(), text)


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    with active_main_window(qtbot, journal_paths, journal) as main:
        yield main


def _open_capture(qtbot, window: MainWindow, keys: Keyboard) -> QuickCaptureWindow:
    window.journal_view.focus_list()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys.press("Ctrl+Shift+N")
    capture = window.findChild(QuickCaptureWindow)
    assert capture is not None
    qtbot.waitExposed(capture)
    capture.activateWindow()  # what the window manager does for a new window
    qtbot.waitUntil(lambda: QApplication.focusWidget() is capture.findChild(QWidget, "editorWho"))
    return capture


def test_a_difficult_conversation_in_under_ten_keystrokes(qtbot, window: MainWindow) -> None:
    keys = Keyboard(qtbot)
    capture = _open_capture(qtbot, window, keys)
    keys.type(WHO)
    keys.press("Tab")
    keys.type(HAPPENED)
    keys.press("Tab")
    keys.type(FELT)
    keys.press("Tab")
    keys.press("7")  # intensity
    keys.press("Tab")
    keys.press("2")  # the level: Growth
    with qtbot.waitSignal(capture.saved) as saved:
        keys.press("Ctrl+S")
    assert keys.presses < 10, keys.presses
    entry = saved.args[0]
    stored = window.journal.get_entry(entry.id)
    assert stored.kind is EntryKind.CONVERSATION
    assert stored.level is Level.GROWTH
    assert stored.conversation is not None
    assert (stored.conversation.who, stored.conversation.what_happened) == (WHO, HAPPENED)
    assert (stored.conversation.feeling, stored.conversation.intensity) == (FELT, 7)
    qtbot.waitUntil(lambda: not window.findChildren(QuickCaptureWindow))  # closed, gone
    assert window.journal.drafts() == []  # the draft went with the save
    assert window.save_status.text() == "Quick capture saved"


def test_more_carries_the_writing_to_the_full_entry(qtbot, window: MainWindow) -> None:
    keys = Keyboard(qtbot)
    capture = _open_capture(qtbot, window, keys)
    keys.type(WHO)
    keys.press("Tab")
    keys.type(HAPPENED)
    more = capture.findChild(QWidget, "quickCaptureMore")
    assert more is not None and more.isVisible()
    keys.press("Alt+M")  # More…
    qtbot.waitUntil(lambda: not window.findChildren(QuickCaptureWindow))  # closed, gone
    editor = window.journal_view.editor
    draft = editor.draft()
    assert (draft.who, draft.what_happened) == (WHO, HAPPENED)
    assert window.sections.currentIndex() == 0
    assert window.journal_view.heading.text() == "New entry"
    # The keyboard is on the first question quick capture did not ask.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is editor.findChild(QWidget, "editorFeeling")
    # One draft, the main editor's now; saving the entry replaces it.
    assert len(window.journal.drafts()) == 1
    keys.type("calm")
    saved = window.journal_view.save()
    assert saved is not None and saved.conversation is not None
    assert saved.conversation.feeling == "calm"
    assert window.journal.drafts() == []


def test_more_with_nothing_written_opens_an_empty_conversation(qtbot, window: MainWindow) -> None:
    keys = Keyboard(qtbot)
    _open_capture(qtbot, window, keys)
    keys.press("Alt+M")
    qtbot.waitUntil(lambda: not window.findChildren(QuickCaptureWindow))  # closed, gone
    draft = window.journal_view.editor.draft()
    assert draft.kind is EntryKind.CONVERSATION and not draft.has_writing()
    assert window.journal.drafts() == []
