"""The app in the system tray: closing the window keeps it running there (when asked, and
only where there is a tray), a notice says so once, reminders keep coming while the
window is hidden and the journal unlocked, the tray's menu does what it says (asking to
unlock first when locked), and Quit really quits with the same care for unsaved writing.

The offscreen platform has no system tray (``QSystemTrayIcon.isSystemTrayAvailable()`` is
False), so the tray is the app's two doors to it replaced: ``tray_available`` says yes or
no, and ``new_tray_icon`` gives a real ``QSystemTrayIcon`` that records its messages
instead of showing them. What is not exercised here: a desktop drawing the icon and
delivering its clicks and menu (tests/e2e/test_tray_xvfb.py docks the icon in a real X
server's tray protocol; a person's click on it is the activation signal emitted here).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.app import build_main_window
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.experiments import Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui import tray as tray_module
from tkg_journal.ui import tray_texts
from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.common.icons import app_icon
from tkg_journal.ui.journal.quick_capture_window import QuickCaptureWindow
from tkg_journal.ui.main_window import MainWindow

# Creating a QSystemTrayIcon offscreen makes Qt say once that it has no tray to dock in.
pytestmark = pytest.mark.qt_log_ignore(
    r"No such signal QPlatformNativeInterface::systemTrayWindowChanged")


class RecordingTray(QSystemTrayIcon):
    """A real tray icon that keeps the messages it was asked to show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(QIcon(app_icon()), parent)
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, message: str, *_args: object) -> None:
        self.messages.append((title, message))


class Desk:
    """Whether the desktop has a tray, as the test says."""

    def __init__(self) -> None:
        self.has_tray = True


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    desk = Desk()
    monkeypatch.setattr(tray_module, "tray_available", lambda: desk.has_tray)
    monkeypatch.setattr(tray_module, "new_tray_icon", RecordingTray)
    return desk


@pytest.fixture
def make_window(qtbot, desk: Desk, journal_paths: JournalPaths):
    """Main windows over the test's journal; each records its quits instead of ending the
    test's app, and is closed for real at the end."""
    made: list[MainWindow] = []

    def make(journal: Journal | None, *, keep_in_tray: bool = True) -> MainWindow:
        settings = AppSettings(journal_paths)
        settings.keep_in_tray = keep_in_tray
        settings.sync()
        window = build_main_window(journal_paths, journal)
        window.quits = []  # type: ignore[attr-defined]
        window.tray.quit_app = lambda: window.quits.append(True)  # type: ignore[attr-defined]
        window._unlocker = lambda _parent: journal_access.unlock(
            journal_paths, passphrase=TEST_PASSPHRASE)
        made.append(window)
        return window

    yield make
    for window in made:
        window.journal_view.autosave.stop()
        window.journal_view.editor.set_modified(False)
        window.tray.quit()
        window.deleteLater()
    QApplication.setQuitOnLastWindowClosed(True)


@pytest.fixture
def window(qtbot, make_window, journal: Journal) -> MainWindow:
    shown = make_window(journal)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def icon_of(window: MainWindow) -> RecordingTray:
    icon = window.tray.icon
    assert isinstance(icon, RecordingTray)
    return icon


def type_into(qtbot, window: QWidget, name: str, text: str) -> None:
    widget = window.findChild(QWidget, name)
    widget.setFocus()
    qtbot.keyClicks(widget, text)


# --- closing -------------------------------------------------------------------------------
def test_closing_hides_in_the_tray_and_keeps_the_writing(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    window.journal_view.new_entry(EntryKind.REFLECTION)
    type_into(qtbot, window, "editorBody", "Hidden, not lost")
    assert not window.close()  # refused: the window went to the tray instead
    assert not window.isVisible() and window.tray.in_tray
    assert window.journal is not None  # still open: the reminders need it
    assert not QApplication.quitOnLastWindowClosed()  # a quick capture closing must not quit
    assert icon_of(window).isVisible() and window.quits == []
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        [summary] = reopened.list_entries()  # saved as the window went
        assert summary.first_line == "Hidden, not lost"


def test_the_notice_that_it_still_runs_is_given_once(
        qtbot, window: MainWindow, make_window, journal_paths: JournalPaths):
    window.close()
    assert icon_of(window).messages == [(tray_texts.NOTICE_TITLE, tray_texts.NOTICE_TEXT)]
    window.tray.show_window()
    assert window.isVisible() and QApplication.quitOnLastWindowClosed()
    window.close()
    assert len(icon_of(window).messages) == 1
    assert AppSettings(journal_paths).tray_notice_shown  # remembered for the next start
    window.tray.quit()
    again = make_window(None)
    again.show()
    again.close()
    assert again.tray.in_tray and icon_of(again).messages == []


@pytest.mark.parametrize(("keep", "has_tray"), [(False, True), (True, False)])
def test_closing_quits_as_before_when_off_or_without_a_tray(
        qtbot, make_window, desk: Desk, journal: Journal, keep: bool, has_tray: bool):
    desk.has_tray = has_tray
    window = make_window(journal, keep_in_tray=keep)
    window.show()
    assert window.close()
    assert window.journal is None and not window.tray.in_tray
    assert QApplication.quitOnLastWindowClosed()
    if not has_tray:
        assert window.tray.icon is None  # never made where there is nothing to show it


def test_quit_from_the_tray_really_quits_and_keeps_writing(
        qtbot, window: MainWindow, journal_paths: JournalPaths):
    window.journal_view.new_entry(EntryKind.REFLECTION)
    type_into(qtbot, window, "editorTags", "only-a-tag")  # not a valid entry: cannot be saved
    window.close()
    assert window.tray.in_tray
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        chosen = "Cancel" if len(asked) == 1 else "Keep as draft"
        next(b for b in box.buttons() if b.text().replace("&", "") == chosen).click()
        return 0

    window.run_dialog = answer
    window.tray.quit_action.trigger()  # Cancel: still running, in the tray
    assert window.quits == [] and window.journal is not None and window.tray.in_tray
    window.tray.quit_action.trigger()  # Keep as draft: quits
    assert window.quits == [True] and window.journal is None
    assert len(asked) == 2 and "could not be saved" in asked[0]
    assert not icon_of(window).isVisible()
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        assert len(reopened.drafts()) == 1


def test_the_menus_quit_is_a_quit_not_a_hide(qtbot, window: MainWindow):
    window.quit_action.trigger()
    assert window.quits == [True] and window.journal is None and not window.tray.in_tray


# --- the icon and its menu -----------------------------------------------------------------
def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.tray.menu.actions() if not a.isSeparator()]


def test_the_icon_says_whether_reminders_can_come(qtbot, window: MainWindow):
    icon = icon_of(window)
    assert icon.toolTip() == tray_texts.TOOLTIP_UNLOCKED and icon.isVisible()
    assert menu_texts(window) == [tray_texts.UNLOCKED_STATE, "Quick capture…", "Log attempt…",
                                  "Open TKG Journal", "Lock", "Quit"]
    window.tray.lock_action.trigger()
    assert window.journal is None
    assert icon.toolTip() == "TKG Journal \u2014 locked: unlock to get reminders"
    assert menu_texts(window) == [tray_texts.LOCKED_STATE, "Unlock, then quick capture…",
                                  "Unlock, then log attempt…", "Open TKG Journal", "Lock", "Quit"]
    assert not window.tray.lock_action.isEnabled() and not window.tray.state_action.isEnabled()
    assert icon.isVisible()  # kept in the tray, locked: the icon stays, saying so


def test_quick_capture_from_the_tray_unlocks_first(qtbot, window: MainWindow):
    window.lock()
    window.close()
    asked: list[bool] = []
    window._unlocker = lambda _parent: asked.append(True)  # cancelled
    window.tray.capture_action.trigger()
    assert asked == [True] and window.journal is None
    assert not any(isinstance(w, QuickCaptureWindow) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    window._unlocker = lambda _parent: journal_access.unlock(
        window.paths, passphrase=TEST_PASSPHRASE)
    window.tray.capture_action.trigger()
    assert window.journal is not None
    [capture] = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QuickCaptureWindow) and w.isVisible()]
    assert not window.isVisible()  # a quick capture needs no main window
    capture.close()
    assert window.tray.in_tray  # and closing it did not end the app


def test_log_attempt_from_the_tray_opens_the_attempt_dialog(qtbot, window: MainWindow):
    opened: list[str] = []

    def record(dialog: QWidget) -> int:
        opened.append(dialog.objectName())
        return 0

    window.run_dialog = record
    window.close()
    window.tray.attempt_action.trigger()
    assert opened == ["attemptDialog"]


def test_open_and_a_click_bring_the_window_back_and_a_locked_one_asks_to_unlock(
        qtbot, window: MainWindow):
    window.close()
    icon_of(window).activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible() and not window.tray.in_tray
    window.lock()
    window.close()
    asked: list[bool] = []

    def unlock(_parent: QWidget) -> None:
        asked.append(True)

    window._unlocker = unlock
    window.tray.open_action.trigger()
    assert window.isVisible()
    qtbot.waitUntil(lambda: asked == [True])  # asked after the menu closed


# --- reminders while hidden ------------------------------------------------------------------
def test_reminders_keep_coming_through_the_tray_while_hidden_and_unlocked(
        qtbot, make_window, journal: Journal):
    Experiments(journal).create(Experiment(
        title="Ask before defending", level=Level.GROWTH, trigger="a peer pushes back",
        old_behaviour="defending my plan", new_response="ask one question first",
        start_date=date.today() - timedelta(days=20),
        due_date=date.today() - timedelta(days=2), status=ExperimentStatus.ACTIVE))
    window = make_window(journal)  # unlocking checks (and reminds) at once
    icon = icon_of(window)
    assert [title for title, _text in icon.messages] == ["Experiments need attention"]
    window.show()
    window.close()
    assert window.tray.in_tray
    icon.messages.clear()
    # The timer's check on the next day (once a day per experiment), the window hidden:
    window.notifier._today = lambda: date.today() + timedelta(days=1)
    window.notifier.timer.timeout.emit()
    [(title, text)] = icon.messages
    assert title == "Experiments need attention" and "Ask before defending" not in text
    window.lock()
    icon.messages.clear()
    window.notifier._today = lambda: date.today() + timedelta(days=2)
    window.notifier.timer.timeout.emit()
    assert icon.messages == []  # locked: nothing due is known, and nothing is said
    assert icon.isVisible() and icon.toolTip() == tray_texts.TOOLTIP_LOCKED


# --- started at login ------------------------------------------------------------------------
def test_started_in_the_tray_locked_no_window_and_no_prompt_until_open(
        qtbot, make_window, journal_paths: JournalPaths):
    with journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal:
        pass
    asked: list[bool] = []
    window = make_window(None, keep_in_tray=False)
    window._unlocker = lambda _parent: asked.append(True)
    window.tray.start_hidden()
    qtbot.wait(20)
    assert not window.isVisible() and asked == []
    assert icon_of(window).isVisible() and icon_of(window).toolTip() == tray_texts.TOOLTIP_LOCKED
    assert not QApplication.quitOnLastWindowClosed()
    window.tray.open_action.trigger()
    qtbot.waitUntil(lambda: asked == [True])
    assert window.isVisible()



def test_a_quit_from_elsewhere_closes_the_hidden_window_for_real(qtbot, window: MainWindow,
                                                                 journal_paths: JournalPaths):
    """Ctrl+C in a terminal, the Dock's Quit: Qt closes the visible windows (the filter
    makes that a real close) and then ends the app, which closes the hidden one."""
    window.journal_view.new_entry(EntryKind.REFLECTION)
    type_into(qtbot, window, "editorTags", "only-a-tag")  # kept as a draft, not lost
    window.close()
    window.run_dialog = lambda box: next(
        b for b in box.buttons() if b.text().replace("&", "") == "Keep as draft").click() or 0
    window.tray._app_quitting()  # what QCoreApplication.aboutToQuit calls
    assert window.journal is None and not window.tray._quitting
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        assert len(reopened.drafts()) == 1
