"""Preferences ▸ Desktop: "Start at login in the tray" writes and removes the autostart
entry (and shows whether it is really there, whatever the app last did), a place that
cannot be written says why and changes nothing, and "Keep running in the tray" is stored
where there is a tray and off-limits, with the reason, where there is none. Each control
has a name a screen reader says and an Alt letter no other control on its tab uses.

The offscreen platform has no tray: tests that need one replace ``ui.tray``'s door to it
(see tests/gui/test_tray.py)."""

from __future__ import annotations

import configparser
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabBar,
)

from tests.gui.test_mnemonics import mnemonic
from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services import autostart
from tkg_journal.services.autostart import IN_TRAY_FLAG, LoginStart
from tkg_journal.services.journal import Journal
from tkg_journal.ui import tray as tray_module
from tkg_journal.ui import tray_texts
from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.desktop_preferences import DesktopPreferences
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.preferences_dialog import PreferencesDialog

COMMAND = Path("/opt/tkg journal/tkg-journal")


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch, journal_paths: JournalPaths,
           journal: Journal) -> Iterator[MainWindow]:
    # The installed command, wherever the test runs from.
    monkeypatch.setattr(tray_module, "installed_command", lambda: COMMAND)
    main = build_main_window(journal_paths, journal)
    main.tray.quit_app = lambda: None
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.tray.quit()
    main.deleteLater()
    QApplication.setQuitOnLastWindowClosed(True)


@pytest.fixture
def login() -> LoginStart:
    return LoginStart.for_user()  # under the test's own XDG_CONFIG_HOME (conftest)


Fill = Callable[[PreferencesDialog, DesktopPreferences], None]


def run_preferences(qtbot, window: MainWindow, fill: Fill,
                    *, ok: bool = True) -> tuple[int, PreferencesDialog]:
    """Open Preferences from the menu on its Desktop tab, let ``fill`` change it, then
    OK (or Cancel). Returns the dialog's result and the dialog."""
    seen: list[PreferencesDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, PreferencesDialog)
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        page = dialog.findChild(DesktopPreferences)
        assert page is not None
        dialog.tabs.setCurrentWidget(page)
        fill(dialog, page)
        box = dialog.findChild(QDialogButtonBox)
        which = QDialogButtonBox.StandardButton.Ok if ok else QDialogButtonBox.StandardButton.Cancel
        qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)
        result = dialog.result()
        dialog.reject()  # a refused OK leaves it open: close it for the next one
        return result

    window.run_dialog = run
    window.preferences_action.trigger()
    return seen[0].result(), seen[0]


def exec_line(entry: Path) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry, encoding="utf-8")
    return parser["Desktop Entry"]["Exec"]


def test_the_login_switch_writes_and_removes_the_autostart_entry(
        qtbot, window: MainWindow, login: LoginStart, journal_paths: JournalPaths):
    states: list[bool] = []

    def tick(_dialog: PreferencesDialog, page: DesktopPreferences) -> None:
        states.append(page.login_box.isChecked())
        page.login_box.setChecked(True)

    run_preferences(qtbot, window, tick)
    assert login.is_enabled()
    # The test's journal is not the platform's default folder: the login start names it.
    assert exec_line(login.entry) == (
        f'"{COMMAND}" {IN_TRAY_FLAG} --data-dir {journal_paths.data_dir}')
    run_preferences(qtbot, window, lambda _d, page: states.append(page.login_box.isChecked()))
    login.entry.unlink()  # removed behind the app's back (the desktop's own settings)
    run_preferences(qtbot, window, lambda _d, page: states.append(page.login_box.isChecked()))
    login.enable(COMMAND, None)  # and put back

    def untick(_dialog: PreferencesDialog, page: DesktopPreferences) -> None:
        states.append(page.login_box.isChecked())
        page.login_box.setChecked(False)

    run_preferences(qtbot, window, untick)
    assert states == [False, True, False, True]
    assert not login.entry.exists()


def test_cancel_leaves_the_login_start_alone(qtbot, window: MainWindow, login: LoginStart):
    run_preferences(qtbot, window, lambda _d, page: page.login_box.setChecked(True), ok=False)
    assert not login.entry.exists()


def test_a_place_that_cannot_be_written_says_why_and_changes_nothing(
        qtbot, window: MainWindow, login: LoginStart, journal_paths: JournalPaths):
    login.entry.parent.parent.mkdir(parents=True, exist_ok=True)
    login.entry.parent.write_text("a file where the folder should be", encoding="utf-8")
    shown: list[str] = []

    def tick(dialog: PreferencesDialog, page: DesktopPreferences) -> None:
        dialog.idle_minutes.setValue(3)  # another change, not stored either
        page.login_box.setChecked(True)

    def look(dialog: PreferencesDialog, page: DesktopPreferences) -> None:
        tick(dialog, page)
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        shown.append(page.error.text() if page.error.isVisible() else "")
        assert dialog.isVisible() and dialog.tabs.currentWidget() is page  # stays open

    result, _dialog = run_preferences(qtbot, window, look, ok=False)
    assert result == QDialog.DialogCode.Rejected
    [message] = shown
    assert "Could not change the start at login" in message and "nothing was changed" in message
    assert str(login.entry.parent) in message
    assert not login.is_enabled() and login.entry.parent.is_file()
    assert AppSettings(journal_paths).idle_lock_minutes == 15


def test_keep_in_tray_is_off_limits_without_a_tray(qtbot, window: MainWindow,
                                                    journal_paths: JournalPaths):
    seen: list[tuple[bool, str, str]] = []

    def look(_dialog: PreferencesDialog, page: DesktopPreferences) -> None:
        note = page.findChild(QLabel, "keepInTrayNote")
        seen.append((page.keep_box.isEnabled(), page.keep_box.toolTip(), note.text()))

    run_preferences(qtbot, window, look)
    assert seen == [(False, tray_texts.NO_TRAY, tray_texts.NO_TRAY)]
    assert not AppSettings(journal_paths).keep_in_tray


@pytest.mark.qt_log_ignore(r"No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_keep_in_tray_is_stored_and_applied_where_there_is_a_tray(
        qtbot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, journal_paths: JournalPaths):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    run_preferences(qtbot, window, lambda _d, page: page.keep_box.setChecked(True))
    assert AppSettings(journal_paths).keep_in_tray
    icon = window.tray.icon
    assert icon is not None and icon.isVisible()  # shown at once, not at the first close
    assert not window.close() and window.tray.in_tray
    window.tray.show_window()


def test_where_the_platform_has_no_autostart_the_switch_says_why(
        qtbot, monkeypatch: pytest.MonkeyPatch, window: MainWindow):
    monkeypatch.setattr(autostart, "supported", lambda platform=None: False)
    seen: list[tuple[bool, str]] = []
    run_preferences(qtbot, window, lambda _d, page: seen.append(
        (page.login_box.isEnabled(), page.login_box.toolTip())))
    assert seen == [(False, tray_texts.LOGIN_NOT_HERE)]
    assert "Windows and macOS" in tray_texts.LOGIN_NOT_HERE


def test_every_control_is_named_with_an_alt_letter_of_its_own(qtbot, window: MainWindow):
    found: list[tuple[list[str], list[str]]] = []

    def look(dialog: PreferencesDialog, page: DesktopPreferences) -> None:
        buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisible()]
        assert {b.objectName() for b in buttons} == {"startAtLogin", "keepInTray"}
        assert all(b.accessibleName() for b in buttons)
        tabs = dialog.findChild(QTabBar)
        letters = [mnemonic(b.text()) for b in buttons]
        letters += [mnemonic(tabs.tabText(i)) for i in range(tabs.count())]
        found.append(([b.accessibleName() for b in buttons], letters))

    run_preferences(qtbot, window, look)
    [(names, letters)] = found
    assert names == [tray_texts.LOGIN_NAME, tray_texts.KEEP_NAME]
    assert None not in letters and len(letters) == len(set(letters)), letters
