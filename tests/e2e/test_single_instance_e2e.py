"""One app window per journal, with real processes: the installed app holds its folder,
a second start hands over to it and exits 0, the command line writes beside it, and once
the app is killed (lock file and socket left behind) the next start opens normally."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command, run
from tkg_journal.paths import JournalPaths
from tkg_journal.ui.single_instance import ask_holder_to_come_forward

pytestmark = pytest.mark.e2e

OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = run("init", "--passphrase", data_dir=tmp_path / "journal", passphrase=TEST_PASSPHRASE)
    assert made.returncode == 0, made.stderr
    return tmp_path / "journal"


@pytest.fixture
def first_app(folder: Path, tmp_path: Path, qapp) -> Iterator[subprocess.Popen[bytes]]:
    """The installed app on ``folder``, up and answering other starts."""
    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=TEST_PASSPHRASE, **OFFSCREEN)
    with (tmp_path / "first.err").open("wb") as errors:
        app = subprocess.Popen([installed_command(), "--data-dir", str(folder)], env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=errors)
    try:
        deadline = time.monotonic() + 60
        while not ask_holder_to_come_forward(JournalPaths(folder), timeout_ms=500):
            assert app.poll() is None, (tmp_path / "first.err").read_text()
            assert time.monotonic() < deadline, "the app never answered"
        yield app
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)


def test_a_second_start_hands_over_and_the_cli_works_beside_the_app(
        folder: Path, first_app: subprocess.Popen[bytes]):
    second = run(data_dir=folder, passphrase=TEST_PASSPHRASE, env=OFFSCREEN)
    assert second.returncode == 0, second.stderr
    [note] = [line for line in second.stderr.splitlines() if line.strip()]
    assert note.startswith("tkg-journal: this journal is already open in another window")
    assert f"(pid {first_app.pid})" in note
    assert first_app.poll() is None  # the first one goes on

    added = run("add", "--title", "From cron", "written while the app is open", data_dir=folder)
    assert added.returncode == 0, added.stderr
    assert "From cron" in run("list", data_dir=folder).stdout
    assert JournalPaths(folder).lock_file.exists()  # still the app's


def test_after_the_app_is_killed_the_next_start_takes_over(
        folder: Path, first_app: subprocess.Popen[bytes]):
    first_app.send_signal(signal.SIGKILL)
    first_app.wait(timeout=10)
    paths = JournalPaths(folder)
    assert paths.lock_file.exists()  # a crash cleans nothing up
    started = run("--startup-time", data_dir=folder, passphrase=TEST_PASSPHRASE, env=OFFSCREEN)
    assert started.returncode == 0, started.stderr
    assert "to the first paint of the main window" in started.stdout
    assert not paths.lock_file.exists()  # taken over, then let go on quitting
