"""The desktop's screen lock locks the journal: a real D-Bus signal on a private session bus.

The app runs in a child process under ``dbus-run-session`` (its own bus, nothing of the
machine's), offscreen, with an open journal; ``dbus-send`` then emits the screen saver's
``ActiveChanged(true)`` as a desktop does when the screen locks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE

CHILD = r"""
import subprocess, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access

app = QApplication([])
paths = JournalPaths(Path(sys.argv[1]))
window = build_main_window(paths, journal_access.create(paths, passphrase=sys.argv[2]).journal)
window.show()
window.quick_capture()
interface, path = sys.argv[3], sys.argv[4]
print("listening:", ",".join(window.session_watcher.sources), flush=True)

def send():
    subprocess.run(["dbus-send", "--session", "--type=signal", path,
                    interface + ".ActiveChanged", "boolean:" + sys.argv[5]], check=True)

def report():
    others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    print("locked" if window.journal is None else "open", len(others), flush=True)
    app.quit()

QTimer.singleShot(200, send)
QTimer.singleShot(1500, report)
app.exec()
"""


def run_child(tmp_path: Path, interface: str, path: str, active: str) -> list[str]:
    for tool in ("dbus-run-session", "dbus-send"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install the dbus-daemon package (it brings dbus-bin)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", CHILD, str(tmp_path / "journal"),
         TEST_PASSPHRASE, interface, path, active],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.splitlines()


@pytest.mark.parametrize("interface", ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"])
def test_the_screen_lock_locks_the_journal_and_closes_its_windows(tmp_path: Path,
                                                                 interface: str):
    lines = run_child(tmp_path, interface, "/" + interface.replace(".", "/"), "true")
    assert interface in lines[0]
    assert lines[-1] == "locked 0"  # and the quick capture window closed with it


def test_the_screen_unlocking_does_not_lock_it(tmp_path: Path):
    lines = run_child(tmp_path, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                      "false")
    assert lines[-1] == "open 1"
