"""Journeys through the real main window over a real encrypted journal.

Each test drives widgets the way a person does (typing into fields found by objectName,
shortcuts, buttons) and checks what the person would see or what is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import FIXED_NOW
from tkg_journal import APP_NAME
from tkg_journal.app import build_main_window
from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal
from tkg_journal.ui.journal.entry_list_model import SnippetRole
from tkg_journal.ui.journal.quick_capture_window import QuickCaptureWindow
from tkg_journal.ui.main_window import MainWindow

SECRET = "Xylophone-secret-7781"  # a marker no widget may show once the journal is locked


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, journal)
    main.show()
    qtbot.waitExposed(main)
    yield main
    _close(main)


def _close(main: MainWindow) -> None:
    """Close without questions about a test's leftover writing. (Not qtbot.addWidget:
    pytest-qt closes those before fixtures are torn down.)"""
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    for capture in captures(main):
        capture.editor.set_modified(False)
    main.close()
    main.deleteLater()


def captures(main: MainWindow) -> list[QuickCaptureWindow]:
    """The quick capture windows open (each registers with the window's UnsavedInput)."""
    return [w for w in main.unsaved.windows() if isinstance(w, QuickCaptureWindow)]


@pytest.fixture
def filled_window(qtbot, journal_paths: JournalPaths, filled_journal: Journal
                  ) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, filled_journal)
    main.show()
    qtbot.waitExposed(main)
    yield main
    _close(main)


def field(window: QWidget, name: str) -> QWidget:
    found = window.findChild(QWidget, name)
    assert found is not None, f"no widget named {name}"
    return found


def type_into(qtbot, window: QWidget, name: str, text: str) -> None:
    widget = field(window, name)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_End,
                   Qt.KeyboardModifier.ControlModifier if isinstance(widget, QPlainTextEdit)
                   else Qt.KeyboardModifier.NoModifier)  # type after what is there
    qtbot.keyClicks(widget, text)


def press(qtbot, window: QWidget, keys: str) -> None:
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(QApplication.focusWidget() or window, sequence.key(),
                   sequence.keyboardModifiers())


def stored_titles(journal: Journal) -> list[str]:
    return [s.title for s in journal.list_entries()]


# --- creating, editing, deleting with each template ---------------------------------------


def test_a_difficult_conversation_is_captured_with_the_guided_template(qtbot, window: MainWindow):
    journal = window.journal
    press(qtbot, window, "Ctrl+N")
    assert window.focusWidget() is field(window, "editorWho")
    type_into(qtbot, window, "editorWho", "Sam, finance lead")
    type_into(qtbot, window, "editorWhatHappened", "He pushed back on the budget in public")
    type_into(qtbot, window, "editorFeeling", "defensive")
    type_into(qtbot, window, "editorMyResponse", "I interrupted him")
    type_into(qtbot, window, "editorImpact", "The room went quiet")
    type_into(qtbot, window, "editorTryNext", "Pause and ask a question first")
    type_into(qtbot, window, "editorTitle", "Budget pushback")
    window.journal_view.editor.findChild(QWidget, "levelPicker").set_level(Level.FOUNDATION)
    press(qtbot, window, "Ctrl+S")
    [summary] = journal.list_entries()
    entry = journal.get_entry(summary.id)
    assert entry.kind is EntryKind.CONVERSATION
    assert entry.title == "Budget pushback"
    assert entry.conversation.who == "Sam, finance lead"
    assert entry.conversation.my_response == "I interrupted him"
    assert entry.conversation.try_next == "Pause and ask a question first"
    assert not entry.share_with_coach  # private unless the user says otherwise
    assert window.journal_view.model.index(0).data() == "Budget pushback"
    assert "Saved" in window.save_status.text()


@pytest.mark.parametrize("kind", [EntryKind.FEEDBACK, EntryKind.REFLECTION,
                                  EntryKind.COACH_NOTES, EntryKind.FREE])
def test_every_kind_has_its_template_and_saves(qtbot, window: MainWindow, kind: EntryKind):
    window.journal_view.new_entry(kind)
    if kind is EntryKind.FEEDBACK:
        type_into(qtbot, window, "editorFeedbackSource", "a peer in Sales")
        assert field(window, "editorSentiment").isVisible()
    assert not field(window, "editorWho").isVisible()
    type_into(qtbot, window, "editorBody", f"Text of a {kind.value} entry")
    window.journal_view.save()
    [summary] = window.journal.list_entries()
    entry = window.journal.get_entry(summary.id)
    assert entry.kind is kind
    assert entry.body == f"Text of a {kind.value} entry"
    if kind is EntryKind.FEEDBACK:
        assert entry.feedback.source == "a peer in Sales"


def test_editing_an_entry_from_the_list_saves_by_itself(qtbot, filled_window: MainWindow):
    view = filled_window.journal_view
    view.list.setCurrentIndex(view.model.index(1))
    assert field(filled_window, "editorTitle").text() == "Delegation week"
    type_into(qtbot, filled_window, "editorTitle", " (revisited)")
    qtbot.waitUntil(lambda: "Delegation week (revisited)" in
                    stored_titles(filled_window.journal)[:3], timeout=6000)
    assert view.model.index(1).data() == "Delegation week (revisited)"
    assert view.editor.is_modified() is False


def test_switching_entries_keeps_what_was_typed(qtbot, filled_window: MainWindow):
    view = filled_window.journal_view
    type_into(qtbot, filled_window, "editorTitle", " and more")  # entry 0 is open
    view.list.setCurrentIndex(view.model.index(2))  # before autosave runs
    assert field(filled_window, "editorTitle").text() == "Peer feedback"
    assert "Budget talk with Sam and more" in stored_titles(filled_window.journal)


def test_deleting_asks_first_and_removes_the_entry(qtbot, filled_window: MainWindow,
                                                   monkeypatch):
    answers = [False, True]  # Cancel, then Delete
    view = filled_window.journal_view
    monkeypatch.setattr(view, "confirm_delete", lambda: answers.pop(0))
    filled_window.delete_action.trigger()  # cancelled
    assert filled_window.journal.count_entries() == 453
    filled_window.delete_action.trigger()
    assert filled_window.journal.count_entries() == 452
    assert "Budget talk with Sam" not in stored_titles(filled_window.journal)
    assert view.model.index(0).data() == "Delegation week"
    assert field(filled_window, "editorTitle").text() == "Delegation week"


def test_an_invalid_entry_says_why_and_nothing_is_stored(qtbot, window: MainWindow):
    window.journal_view.new_entry(EntryKind.REFLECTION)
    type_into(qtbot, window, "editorTags", "lonely-tag")
    window.journal_view.save()
    assert window.journal.count_entries() == 0
    assert "Kept as a draft" in window.save_status.text()
    assert len(window.journal.drafts()) == 1


# --- search and filters -------------------------------------------------------------------


def test_search_as_you_type_finds_ranked_entries_with_marked_words(qtbot,
                                                                  filled_window: MainWindow):
    press(qtbot, filled_window, "Ctrl+F")
    search = field(filled_window, "searchField")
    assert filled_window.focusWidget() is search
    qtbot.keyClicks(search, "deleg")
    model = filled_window.journal_view.model
    assert model.rowCount() == 1
    assert model.index(0).data() == "Delegation week"
    assert "\x02" in model.index(0).data(SnippetRole)
    assert field(filled_window, "entryCount").text() == "1 entry found"
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # clears the search
    assert model.total() == 453


def test_filters_by_level_kind_tag_and_date(qtbot, filled_window: MainWindow):
    bar = filled_window.journal_view.filter_bar
    model = filled_window.journal_view.model
    bar.toggle.click()
    bar.level.setCurrentIndex(bar.level.findData(Level.EMPOWERMENT))
    assert [model.index(r).data() for r in range(model.rowCount())] == ["Delegation week"]
    bar.level.setCurrentIndex(0)
    bar.kind.setCurrentIndex(bar.kind.findData(EntryKind.FEEDBACK))
    assert model.total() == 1
    bar.kind.setCurrentIndex(0)
    bar.tag.setCurrentIndex(bar.tag.findData("budget"))
    assert [model.index(r).data() for r in range(model.rowCount())] == ["Budget talk with Sam"]
    bar.tag.setCurrentIndex(0)
    # From the local day of the third newest entry (28 February in UTC, 27th west of -9:30)
    bar.since.setDate((FIXED_NOW - timedelta(days=2)).astimezone().date())
    assert model.total() == 3
    assert field(filled_window, "entryCount").text() == "3 entries match the filters"
    filled_window.clear_filters_action.trigger()
    assert model.total() == 453


def test_a_search_that_finds_nothing_says_so(qtbot, filled_window: MainWindow):
    qtbot.keyClicks(field(filled_window, "searchField"), "zebra")
    assert filled_window.journal_view.model.rowCount() == 0
    assert "Nothing matches" in filled_window.journal_view.list.empty_text


# --- lock ---------------------------------------------------------------------------------


def _visible_texts(window: QWidget) -> str:
    texts = []
    for widget in window.findChildren(QLineEdit):
        texts.append(widget.text())
    for widget in window.findChildren(QPlainTextEdit):
        texts.append(widget.toPlainText())
    for widget in window.findChildren(QLabel):
        texts.append(widget.text())
    return "\n".join(texts)


def test_lock_drops_the_key_and_hides_everything(qtbot, journal_paths: JournalPaths,
                                                 window: MainWindow):
    window.journal_view.new_entry(EntryKind.CONVERSATION)
    type_into(qtbot, window, "editorWho", SECRET)
    assert SECRET in _visible_texts(window)
    journal = window.journal
    with qtbot.waitSignal(window.locked):
        press(qtbot, window, "Ctrl+L")
    assert window.journal is None
    assert window.stack.currentWidget() is window.lock_view
    assert SECRET not in _visible_texts(window)
    assert window.journal_view.model.rowCount() == 0
    assert not window.new_action.isEnabled()
    with pytest.raises(Exception):  # noqa: B017 - the connection is closed, whatever the type
        journal.list_entries()
    # What was typed was kept: as an entry, since it is valid.
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        [summary] = reopened.list_entries()
        assert reopened.get_entry(summary.id).conversation.who == SECRET


def test_unlocking_shows_the_journal_again(qtbot, journal_paths: JournalPaths,
                                           filled_window: MainWindow):
    filled_window.lock()
    filled_window._unlocker = lambda parent: journal_access.unlock(
        journal_paths, passphrase=TEST_PASSPHRASE)
    with qtbot.waitSignal(filled_window.unlocked):
        field(filled_window, "unlockButton").click()
    assert filled_window.stack.currentWidget() is filled_window.content
    assert filled_window.save_status.text() != "Locked"
    assert filled_window.journal_view.model.total() == 453
    assert filled_window.new_action.isEnabled()


def shown_title(window: QWidget) -> str:
    """The title a window system shows: Qt adds the app's display name (" — " on X11 and
    Wayland) to a title that does not already end with it (QPlatformWindow's
    formatWindowTitle). tests/e2e/test_gui_xvfb.py reads it from a real X server."""
    title, name = window.windowTitle(), QApplication.applicationDisplayName()
    return title if title.endswith(name) else f"{title} \u2014 {name}"


def test_the_title_names_the_app_once_locked_and_unlocked(
        qtbot, journal_paths: JournalPaths, filled_window: MainWindow):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.applicationDisplayName()
    app.setApplicationDisplayName(APP_NAME)  # as app.run_gui sets it
    try:
        assert shown_title(filled_window) == "TKG Journal"
        filled_window.lock()
        assert shown_title(filled_window) == "Locked \u2014 TKG Journal"
        filled_window._unlocker = lambda parent: journal_access.unlock(
            journal_paths, passphrase=TEST_PASSPHRASE)
        filled_window.unlock()
        assert shown_title(filled_window) == "TKG Journal"
    finally:
        app.setApplicationDisplayName(before)


def test_a_cancelled_unlock_stays_locked(qtbot, filled_window: MainWindow):
    filled_window.lock()
    filled_window._unlocker = lambda parent: None
    field(filled_window, "unlockButton").click()
    assert filled_window.journal is None
    assert filled_window.stack.currentWidget() is filled_window.lock_view


def test_the_journal_locks_itself_when_idle(qtbot, filled_window: MainWindow):
    assert filled_window.idle._interval_ms == 15 * 60_000  # the default
    filled_window.idle.set_interval_ms(300)
    with qtbot.waitSignal(filled_window.locked, timeout=3000):
        pass
    assert filled_window.journal is None


def test_typing_keeps_the_journal_unlocked(qtbot, window: MainWindow):
    window.idle.set_interval_ms(400)
    for _ in range(6):
        type_into(qtbot, window, "editorWho", "x")
        qtbot.wait(150)
    assert window.journal is not None


# --- quick capture ------------------------------------------------------------------------


def test_quick_capture_saves_a_conversation_into_the_journal(qtbot, window: MainWindow):
    press(qtbot, window, "Ctrl+Shift+N")
    [capture] = captures(window)
    capture.activateWindow()  # offscreen windows do not activate on their own
    qtbot.waitUntil(capture.isActiveWindow)
    assert capture.focusWidget() is field(capture, "editorWho")
    type_into(qtbot, capture, "editorWho", "Priya")
    type_into(qtbot, capture, "editorWhatHappened", "Missed the deadline again")
    qtbot.keyClick(field(capture, "editorWho"), Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not captures(window))  # saved, closed and gone
    [summary] = window.journal.list_entries()
    assert summary.kind is EntryKind.CONVERSATION
    assert summary.first_line == "Missed the deadline again"
    assert window.journal_view.model.rowCount() == 1


def test_locking_keeps_a_quick_capture_as_a_draft(qtbot, window: MainWindow, journal_paths):
    capture = window.quick_capture()
    type_into(qtbot, capture, "editorWho", SECRET)
    window.lock()
    assert not captures(window)
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        [(_draft_id, kept)] = reopened.window_drafts()
        assert kept.window == "quick_capture"
        assert EntryDraft.from_json(kept.fields["draft"]).who == SECRET
        assert reopened.count_entries() == 0


# --- keyboard and accessibility -----------------------------------------------------------


def _menu_actions(menu: QMenu) -> list:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu():
            found.extend(_menu_actions(action.menu()))
    return found


def test_every_action_is_in_a_menu_and_nearly_all_have_keys(window: MainWindow):
    in_menus = []
    for top in window.menuBar().actions():
        in_menus.extend(_menu_actions(top.menu()))
    named = [a for a in window.actions() if a.objectName()]
    for action in named:
        assert action in in_menus, action.objectName()
    without_keys = [a.objectName() for a in named if a.shortcut().isEmpty()]
    # Rare and deliberate: no key to press by accident.
    assert sorted(without_keys) == [
        "actionAbout", "actionChangePassphrase", "actionExportJournal", "actionImport",
        "actionNewRecoveryKey", "actionReencrypt", "actionRestoreBackup"]
    shortcuts = [a.shortcut().toString() for a in named if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share keys"


def test_interactive_widgets_have_names_for_tests_and_screen_readers(window: MainWindow):
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractItemView,
             QAbstractSpinBox)
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(window):
            continue
        if widget.parent() is not None and type(widget.parent()).__name__ in (
                "QToolBar", "QToolBarExtension", "QCalendarWidget", "QScrollBar"):
            continue
        if type(widget).__name__ in ("QToolBarExtension", "QScrollBar"):
            continue
        if not widget.objectName().strip() or not (
                widget.accessibleName() or getattr(widget, "text", lambda: "")()):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert not missing, missing


def test_sections_switch_from_the_keyboard(qtbot, window: MainWindow):
    press(qtbot, window, "Ctrl+3")
    assert window.sections.currentWidget().objectName() == "progressView"
    press(qtbot, window, "Ctrl+1")
    assert window.sections.currentWidget() is window.journal_view


def test_the_passphrase_is_changed_from_the_file_menu(qtbot, journal_paths: JournalPaths,
                                                      window: MainWindow):
    from tkg_journal.ui.keys.change_passphrase_dialog import DONE_MESSAGE, ChangePassphraseDialog

    file_menu = window.menuBar().actions()[0].menu()
    assert window.passphrase_action in _menu_actions(file_menu)
    new = "the passphrase after the change"

    def change(dialog: QWidget) -> int:
        assert isinstance(dialog, ChangePassphraseDialog)
        qtbot.keyClicks(dialog.current_edit, TEST_PASSPHRASE)
        qtbot.keyClicks(dialog.fields.passphrase_edit, new)
        qtbot.keyClicks(dialog.fields.confirm_edit, new)
        with qtbot.waitSignal(dialog.work.done, timeout=10_000):  # Argon2id, off the GUI thread
            dialog.accept_button.click()
        return dialog.result()

    window.run_dialog = change  # type: ignore[method-assign]
    window.passphrase_action.trigger()
    assert window.save_status.text() == DONE_MESSAGE
    assert window.journal is not None  # the journal stays open
    journal_access.unlock_key(journal_paths, passphrase=new)
    window.lock()
    assert not window.passphrase_action.isEnabled()


def test_the_recovery_key_is_replaced_from_the_file_menu(qtbot, journal_paths: JournalPaths,
                                                         window: MainWindow):
    from tkg_journal.ui.keys.new_recovery_key_dialog import DONE_MESSAGE, NewRecoveryKeyDialog

    shown: list[str] = []

    def replace(dialog: QWidget) -> int:
        assert isinstance(dialog, NewRecoveryKeyDialog)
        qtbot.keyClicks(dialog.passphrase_edit, TEST_PASSPHRASE)
        with qtbot.waitSignal(dialog.work.done, timeout=10_000):  # Argon2id, off the GUI thread
            dialog.continue_button.click()
        assert dialog.panel is not None and dialog.recovery_key is not None
        shown.append(dialog.recovery_key)
        dialog.panel.kept_checkbox.click()
        dialog.replace_button.click()
        return dialog.result()

    window.run_dialog = replace  # type: ignore[method-assign]
    window.recovery_key_action.trigger()
    assert window.save_status.text() == DONE_MESSAGE
    journal_access.unlock_key(journal_paths, recovery_key=shown[0])
