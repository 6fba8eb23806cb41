"""The installed app in a real X window (Xvfb): unlock, write an entry with the keyboard,
save, screenshot, quit; then the CLI reads the entry back from the encrypted file.

Keys go through the X server (xdotool) and the screenshot is taken from it
(ImageMagick ``import``), the same way a person's input and eyes reach the app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command, run
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access

pytestmark = pytest.mark.e2e

TOOLS = ("Xvfb", "xdotool", "import")
SCREENSHOT_DIR_ENV = "TKG_JOURNAL_SCREENSHOT_DIR"  # keep the PNG to look at it


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:  # the CI script installs them: failing says what to install
        pytest.fail(f"missing {', '.join(missing)}: apt-get install xvfb xdotool imagemagick")


@pytest.fixture
def display() -> Iterator[str]:
    _require_tools()
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display),
                          capture_output=True, text=True, timeout=30)
    return done.stdout.strip()


def wait_for_window(display: str, title: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = xdotool(display, "search", "--onlyvisible", "--name", f"^{title}$")
        if found:
            return found.splitlines()[0]
        time.sleep(0.2)
    raise AssertionError(f"no window titled {title!r} appeared")


def keys(display: str, *combos: str) -> None:
    for combo in combos:
        xdotool(display, "key", "--clearmodifiers", combo)
        time.sleep(0.15)


def type_text(display: str, text: str) -> None:
    xdotool(display, "type", "--delay", "20", text)
    time.sleep(0.2)


def distinct_colours(png: Path) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull()
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_an_entry_written_in_the_real_window_is_stored_encrypted(
        display: str, journal_paths: JournalPaths, tmp_path: Path):
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               TKG_JOURNAL_PASSPHRASE=TEST_PASSPHRASE)
    app = subprocess.Popen([installed_command(), "--data-dir", str(journal_paths.data_dir)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = wait_for_window(display, "TKG Journal")
        # No window manager runs here: give the window the keyboard focus directly.
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "windowsize", "--sync", window, "1200", "760")
        time.sleep(0.5)
        keys(display, "ctrl+n")  # a new difficult conversation, focus on "Who"
        type_text(display, "Sam from Finance")
        keys(display, "Tab")
        type_text(display, "He questioned the budget in front of the team")
        keys(display, "ctrl+s")
        time.sleep(0.5)
        screenshot = Path(os.environ.get(SCREENSHOT_DIR_ENV) or tmp_path) / "e2e-main-window.png"
        subprocess.run(["import", "-window", "root", str(screenshot)],
                       env=dict(os.environ, DISPLAY=display), check=True, timeout=30)
        # The title names the app once, unlocked (found above) and locked: the window
        # system's title is Qt's, with the display name added unless it ends the title.
        keys(display, "ctrl+l")
        assert wait_for_window(display, "Locked \u2014 TKG Journal") == window
        keys(display, "ctrl+q")
        _out, errors = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, errors
    assert "Traceback" not in errors
    assert screenshot.stat().st_size > 10_000
    assert distinct_colours(screenshot) > 30, "the screenshot looks blank"

    listed = run("list", "--format", "json", data_dir=journal_paths.data_dir,
                 passphrase=TEST_PASSPHRASE)
    assert listed.returncode == 0, listed.stderr
    assert "Sam from Finance" in listed.stdout or "He questioned the budget" in listed.stdout
    # The writing exists only inside the encrypted file.
    for path in journal_paths.data_dir.rglob("*"):
        if path.is_file():
            assert b"questioned the budget" not in path.read_bytes(), path
