"""``tkg-journal --in-tray`` (what the login start runs), through the composition root:
no window, only the tray icon; a passphrase journal stays locked with no prompt at login
(it is asked for on Open), a keyring one opens by itself so reminders come from the
start; without a tray the app starts as it always did.

``QApplication.exec`` is replaced by a look at what the app made before its event loop
would run; the tray is faked as in tests/gui/test_tray.py (offscreen has none)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import keyring
import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import FailingKeyring
from tests.gui.test_tray import RecordingTray
from tkg_journal import app as app_module
from tkg_journal.app import GuiOptions, run_gui
from tkg_journal.cli import main
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.ui import tray as tray_module
from tkg_journal.ui import tray_texts
from tkg_journal.ui.keys.unlock_dialog import UnlockDialog
from tkg_journal.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    r"No such signal QPlatformNativeInterface::systemTrayWindowChanged")


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Unlock prompts shown (each cancelled); and the rest of run_gui's global changes
    undone."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    asked: list[str] = []

    def cancelled(dialog: UnlockDialog) -> int:
        asked.append(dialog.objectName())
        return 0

    monkeypatch.setattr(UnlockDialog, "exec", cancelled)
    return asked


def start(monkeypatch: pytest.MonkeyPatch, paths: JournalPaths, *, tray: bool,
          look: Callable[[MainWindow], None], passphrase: str | None = None) -> int:
    monkeypatch.setattr(tray_module, "tray_available", lambda: tray)
    monkeypatch.setattr(tray_module, "new_tray_icon", RecordingTray)
    monkeypatch.setattr(app_module, "TRAY_WAIT_MS", 0)

    def event_loop(_app: QApplication) -> int:
        [window] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.paths == paths and w.tray.in_tray]
        try:
            look(window)
        finally:
            window.tray.quit_app = lambda: None
            window.tray.quit()
            window.deleteLater()
            QApplication.setQuitOnLastWindowClosed(True)
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    return run_gui(GuiOptions(str(paths.data_dir), passphrase, in_tray=True))


def test_a_passphrase_journal_waits_locked_in_the_tray_with_no_prompt(
        qtbot, monkeypatch: pytest.MonkeyPatch, journal_paths: JournalPaths,
        prompts: list[str]):
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    seen: list[tuple[bool, bool, str]] = []

    def look(window: MainWindow) -> None:
        icon = window.tray.icon
        assert icon is not None
        seen.append((window.isVisible(), window.journal is None, icon.toolTip()))
        window.tray.open_action.trigger()  # Open: now the prompt
        qtbot.waitUntil(lambda: prompts != [])

    assert start(monkeypatch, journal_paths, tray=True, look=look) == 0
    assert seen == [(False, True, tray_texts.TOOLTIP_LOCKED)]
    assert len(prompts) == 1


def test_a_keyring_journal_opens_by_itself_for_the_reminders(
        qtbot, monkeypatch: pytest.MonkeyPatch, journal_paths: JournalPaths,
        prompts: list[str], memory_keyring):
    journal_access.create(journal_paths).journal.close()
    seen: list[tuple[bool, bool]] = []

    def look(window: MainWindow) -> None:
        seen.append((window.isVisible(), window.journal is not None))

    assert start(monkeypatch, journal_paths, tray=True, look=look) == 0
    assert seen == [(False, True)] and prompts == []


def test_a_keyring_not_there_at_login_leaves_it_locked_without_a_dialog(
        qtbot, monkeypatch: pytest.MonkeyPatch, journal_paths: JournalPaths,
        prompts: list[str], memory_keyring):
    journal_access.create(journal_paths).journal.close()
    keyring.set_keyring(FailingKeyring())  # the login's keyring has not started (yet)
    seen: list[tuple[bool, bool]] = []

    def look(window: MainWindow) -> None:
        seen.append((window.isVisible(), window.journal is None))

    assert start(monkeypatch, journal_paths, tray=True, look=look) == 0
    assert seen == [(False, True)] and prompts == []


def test_without_a_tray_it_starts_as_always(
        qtbot, monkeypatch: pytest.MonkeyPatch, journal_paths: JournalPaths,
        prompts: list[str]):
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()

    def never(_window: MainWindow) -> None:
        raise AssertionError("no window should wait in a tray that is not there")

    # The usual start asks for the passphrase at once; cancelled, the app leaves.
    assert start(monkeypatch, journal_paths, tray=False, look=never) == 0
    assert len(prompts) == 1


def test_in_tray_is_for_the_app_not_a_command(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as done:
        main(["--in-tray", "list"])
    assert done.value.code == 2
    assert "--in-tray starts the desktop app" in capsys.readouterr().err
