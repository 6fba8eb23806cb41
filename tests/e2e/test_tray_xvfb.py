"""``tkg-journal --in-tray`` on a real X server, as the login start runs it.

A bare Xvfb has no tray, so a stand-in tray manager (tests/e2e/fake_tray_manager.py)
owns the tray selection: Qt then really sees a tray, and the app's icon really asks to be
docked in it through the X11 System Tray Protocol. What this shows: with a tray, the app
starts with no window and its icon docks; a locked passphrase journal asks nothing at
login; started again from the menu, the window comes out of the tray (with the unlock
prompt). What it cannot show: a panel drawing the icon, or a click on it (a person's
click is the ``activated`` signal, driven in tests/gui/test_tray.py), nor D-Bus
StatusNotifier trays (GNOME with AppIndicator, KDE), which Qt uses where a session bus has
one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command
from tests.e2e.test_gui_xvfb import display, wait_for_window, xdotool  # noqa: F401
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access

pytestmark = pytest.mark.e2e


@pytest.fixture
def tray_manager(display: str) -> Iterator[subprocess.Popen[str]]:  # noqa: F811
    manager = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.fake_tray_manager"],
        env=dict(os.environ, DISPLAY=display), stdout=subprocess.PIPE, text=True,
    )
    try:
        assert manager.stdout is not None
        assert manager.stdout.readline().strip() == "ready"
        yield manager
    finally:
        manager.terminate()
        manager.communicate(timeout=10)  # and its pipe closed


def _app_env(display: str) -> dict[str, str]:  # noqa: F811
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    # No session bus: Qt would look there for a StatusNotifier tray first.
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("TKG_JOURNAL_PASSPHRASE", None)  # a person at login: nobody types it
    return env


def test_at_login_only_the_icon_docks_and_a_second_start_opens_the_window(
        display: str, tray_manager: subprocess.Popen[str],  # noqa: F811
        journal_paths: JournalPaths) -> None:
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    command = [installed_command(), "--data-dir", str(journal_paths.data_dir)]
    app = subprocess.Popen([*command, "--in-tray"], env=_app_env(display),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert tray_manager.stdout is not None
        docked = tray_manager.stdout.readline().strip()  # blocks until the icon asks
        assert docked.startswith("dock "), docked
        time.sleep(1.0)
        shown = xdotool(display, "search", "--onlyvisible", "--name", "TKG Journal|Unlock")
        assert shown == "", "a window or a prompt appeared at login"
        assert app.poll() is None  # running, in the tray
        again = subprocess.run(command, env=_app_env(display), capture_output=True, text=True,
                               timeout=60)
        assert again.returncode == 0, again.stderr
        wait_for_window(display, "Locked \u2014 TKG Journal")
    finally:
        app.terminate()
        try:
            app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.communicate()
