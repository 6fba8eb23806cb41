"""Starting the app through its composition root: what a person sees when the journal
cannot be opened, and the start-up benchmark switch as the installed command runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command
from tests.helpers import entry, snapshot
from tkg_journal.app import GuiOptions, run_gui
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access


@pytest.fixture
def stored_journal(journal_paths: JournalPaths) -> JournalPaths:
    with journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal as journal:
        journal.add_entry(entry(title="Kept safe"))
    return journal_paths


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def test_a_truncated_journal_gets_a_clear_dialog_and_stays_untouched(
        qapp, stored_journal: JournalPaths, shown_errors: list[str]):
    data = stored_journal.database.read_bytes()
    stored_journal.database.write_bytes(data[:100])
    before = snapshot(stored_journal.data_dir)
    code = run_gui(GuiOptions(str(stored_journal.data_dir), passphrase=TEST_PASSPHRASE))
    assert code == 1
    [message] = shown_errors
    assert "truncated" in message
    assert "Traceback" not in message
    assert snapshot(stored_journal.data_dir) == before


def test_an_unencrypted_file_is_not_taken_for_a_journal(
        qapp, stored_journal: JournalPaths, shown_errors: list[str]):
    stored_journal.database.unlink()
    with sqlite3.connect(stored_journal.database) as plain:
        plain.execute("CREATE TABLE t (x)")
    before = snapshot(stored_journal.data_dir)
    assert run_gui(GuiOptions(str(stored_journal.data_dir), passphrase=TEST_PASSPHRASE)) == 1
    assert "unencrypted" in shown_errors[0]
    assert snapshot(stored_journal.data_dir) == before


def _startup(paths: JournalPaths, passphrase: str, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TKG_JOURNAL_PASSPHRASE=passphrase)
    return subprocess.run([installed_command(), "--data-dir", str(paths.data_dir),
                           "--startup-time", *extra], env=env, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.e2e
def test_startup_time_prints_milliseconds_to_the_first_filled_paint(
        stored_journal: JournalPaths):
    done = _startup(stored_journal, TEST_PASSPHRASE)
    assert done.returncode == 0, done.stderr
    milliseconds, rest = done.stdout.split(" ms ", 1)
    assert 0 < int(milliseconds) < 60_000
    assert rest.strip() == "to the first paint of the main window (1 entry)"


@pytest.mark.e2e
def test_the_start_up_path_never_imports_matplotlib(stored_journal: JournalPaths):
    probe = ("import sys\nfrom tkg_journal.cli import main\n"
             f"code = main(['--data-dir', {str(stored_journal.data_dir)!r}, '--startup-time'])\n"
             "print(code, 'matplotlib' in sys.modules)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TKG_JOURNAL_PASSPHRASE=TEST_PASSPHRASE)
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "0 False", done.stderr


@pytest.mark.e2e
def test_a_wrong_passphrase_for_automation_fails_cleanly(stored_journal: JournalPaths):
    before = snapshot(stored_journal.data_dir)
    done = _startup(stored_journal, "not the passphrase")
    assert done.returncode == 1
    assert "passphrase" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(stored_journal.data_dir) == before


@pytest.mark.e2e
def test_startup_time_is_for_the_app_not_a_command(stored_journal: JournalPaths):
    done = _startup(stored_journal, TEST_PASSPHRASE, "list")
    assert done.returncode == 2
    assert "--startup-time" in done.stderr
