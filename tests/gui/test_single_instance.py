"""One app window per journal folder: a second start on the same folder brings the first
window forward and leaves, a lock left by a killed app is taken over, other folders and
the command line work beside the app, and a second start never offers the first one's
live drafts as a crash's leftovers.

The app runs through ``run_gui`` itself; its event loop (``QApplication.exec``) is
replaced by the test's scenario, which runs while the app holds its folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QSysInfo
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry
from tkg_journal import APP_NAME, app
from tkg_journal.app import GuiOptions, run_gui
from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.ui import single_instance
from tkg_journal.ui.journal.draft_recovery_dialog import DraftRecoveryDialog
from tkg_journal.ui.main_window import MainWindow

Scenario = Callable[[MainWindow], None]


def _stored(paths: JournalPaths, title: str) -> JournalPaths:
    with journal_access.create(paths, passphrase=TEST_PASSPHRASE).journal as journal:
        journal.add_entry(entry(title=title, body=title))
    return paths


@pytest.fixture
def stored_journal(journal_paths: JournalPaths) -> JournalPaths:
    return _stored(journal_paths, "Kept safe")


class AppRuns:
    """What ``run_gui`` did in this test: windows built, windows brought forward,
    dialogs run, journals unlocked, drafts offered."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.scenarios: list[Scenario] = []
        self.windows: list[MainWindow] = []
        self.raised: list[QWidget | None] = []
        self.dialogs: list[QDialog] = []
        self.unlocked: list[Path] = []
        self.offers: list[MainWindow] = []
        monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
        monkeypatch.setattr(QApplication, "exec", self._exec)
        real_build, real_bring = app.build_main_window, single_instance.bring_to_front
        real_unlock, real_offer = journal_access.unlock, MainWindow.offer_drafts

        def build(paths: JournalPaths, journal: object) -> MainWindow:
            window = real_build(paths, journal)  # type: ignore[arg-type]
            self.windows.append(window)
            return window

        def bring(window: QWidget | None) -> None:
            self.raised.append(window)
            real_bring(window)

        def unlock(paths: JournalPaths, **kwargs: object) -> object:
            self.unlocked.append(paths.data_dir)
            return real_unlock(paths, **kwargs)  # type: ignore[arg-type]

        def offer(window: MainWindow) -> None:
            self.offers.append(window)
            real_offer(window)

        def run_dialog(window: MainWindow, dialog: QDialog) -> int:
            self.dialogs.append(dialog)
            return 0  # cancelled: whatever it offered stays in the journal

        monkeypatch.setattr(app, "build_main_window", build)
        monkeypatch.setattr(single_instance, "bring_to_front", bring)
        monkeypatch.setattr(journal_access, "unlock", unlock)
        monkeypatch.setattr(MainWindow, "offer_drafts", offer)
        monkeypatch.setattr(MainWindow, "run_dialog", run_dialog)

    def start(self, paths: JournalPaths, scenario: Scenario | None = None) -> int:
        """``run_gui`` on ``paths``; ``scenario`` runs as its event loop, if it gets there."""
        self.scenarios.append(scenario or (lambda _window: None))
        return run_gui(GuiOptions(str(paths.data_dir), passphrase=TEST_PASSPHRASE))

    def _exec(self) -> int:  # replaces QApplication.exec (bound here: no app argument)
        window = self.windows[-1]
        assert window.isVisible()
        try:
            QApplication.processEvents()  # what run_gui scheduled (the draft offer)
            self.scenarios.pop()(window)
        finally:
            window.journal_view.autosave.stop()
            window.journal_view.editor.set_modified(False)  # no question on closing
            window.close()
            window.deleteLater()
        return 0


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> AppRuns:
    return AppRuns(monkeypatch)


def _one_line(stderr: str) -> str:
    [line] = [line for line in stderr.splitlines() if line.strip()]
    return line


def _folder_is_free(paths: JournalPaths) -> bool:
    probe = QLockFile(str(paths.lock_file))
    probe.setStaleLockTime(0)
    taken = probe.tryLock(0)
    if taken:
        probe.unlock()
    return taken


def test_a_second_start_brings_the_first_window_forward_and_leaves(
        qapp, runs: AppRuns, stored_journal: JournalPaths, capsys: pytest.CaptureFixture[str]):
    codes: list[int] = []

    def while_open(first: MainWindow) -> None:
        assert not _folder_is_free(stored_journal)
        codes.append(runs.start(stored_journal))
        assert runs.raised == [first]  # the first was asked and came forward

    assert runs.start(stored_journal, while_open) == 0
    assert codes == [0]
    assert len(runs.windows) == 1  # the second built no window...
    assert runs.unlocked == [stored_journal.data_dir]  # ...and never unlocked the journal
    note = _one_line(capsys.readouterr().err)
    assert "already open in another window" in note
    assert f"pid {os.getpid()}" in note
    assert _folder_is_free(stored_journal)  # let go when the app ended
    assert not stored_journal.lock_file.exists()


def test_a_holder_that_does_not_answer_gets_a_message_naming_it(
        qapp, runs: AppRuns, stored_journal: JournalPaths, monkeypatch: pytest.MonkeyPatch):
    """A locked folder with nobody listening (a hung app): say where the journal is open."""
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    monkeypatch.setattr(single_instance, "ANSWER_WAIT_MS", 300)
    hung = QLockFile(str(stored_journal.lock_file))
    assert hung.tryLock(0)
    try:
        assert runs.start(stored_journal) == 1
    finally:
        hung.unlock()
    [box] = shown
    host = QSysInfo.machineHostName()
    assert box.text() == (
        f"This journal is open in another {APP_NAME} window (pid {os.getpid()} on {host}).")
    assert box.objectName() == "journalInUseMessage"
    assert box.accessibleName()
    assert runs.windows == [] and runs.unlocked == []


HOLD_AND_WAIT = """
import sys, time
from PySide6.QtCore import QCoreApplication
from tkg_journal.paths import JournalPaths
from tkg_journal.ui.single_instance import FolderClaim, SingleInstance

app = QCoreApplication([])
instance = SingleInstance(JournalPaths(__import__("pathlib").Path(sys.argv[1])))
print(instance.claim() is FolderClaim.HELD, flush=True)
time.sleep(120)
"""


def test_a_lock_left_by_a_killed_app_is_taken_over_and_its_draft_offered(
        qapp, runs: AppRuns, stored_journal: JournalPaths):
    with journal_access.unlock(stored_journal, passphrase=TEST_PASSPHRASE) as journal:
        journal.save_draft(EntryDraft(kind=EntryKind.FREE, occurred_at=datetime.now().astimezone(),
                                      body="written just before the crash"))
    runs.unlocked.clear()
    # A real app's claim (lock file and socket) in a process that is then killed.
    holder = subprocess.Popen([sys.executable, "-c", HOLD_AND_WAIT, str(stored_journal.data_dir)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
    assert stored_journal.lock_file.exists()  # nobody cleaned up after the kill
    seen: list[MainWindow] = []

    def opened(window: MainWindow) -> None:
        seen.append(window)
        assert window.journal is not None and window.journal.count_entries() == 1
        assert window.windowTitle() == APP_NAME
        assert not _folder_is_free(stored_journal)

    assert runs.start(stored_journal, opened) == 0
    assert len(seen) == 1 and runs.raised == []
    # The killed app's draft is really a leftover: this process holds the folder.
    [offered] = runs.dialogs
    assert isinstance(offered, DraftRecoveryDialog)
    assert "written just before the crash" in offered.model.index(0, 0).data()
    assert not stored_journal.lock_file.exists()


def test_another_folder_opens_beside_it(qapp, runs: AppRuns, stored_journal: JournalPaths,
                                        tmp_path: Path):
    other = _stored(JournalPaths(tmp_path / "other"), "Other journal")
    inner: list[MainWindow] = []

    def second(window: MainWindow) -> None:
        inner.append(window)
        assert window.journal is not None
        [summary] = window.journal.list_entries()
        assert summary.first_line == "Other journal"

    def first(window: MainWindow) -> None:
        assert runs.start(other, second) == 0
        assert not _folder_is_free(stored_journal)  # the first still holds its own folder

    assert runs.start(stored_journal, first) == 0
    assert len(runs.windows) == 2 and inner == [runs.windows[1]]
    assert runs.raised == []  # nobody was asked to come forward
    assert runs.unlocked == [stored_journal.data_dir, other.data_dir]
    assert _folder_is_free(stored_journal) and _folder_is_free(other)


@pytest.mark.e2e
def test_the_command_line_writes_while_the_app_holds_the_journal(
        qapp, runs: AppRuns, stored_journal: JournalPaths):
    from tests.e2e.cli_runner import run

    def while_open(window: MainWindow) -> None:
        added = run("add", "--title", "From a script", "written beside the app",
                    data_dir=stored_journal.data_dir, passphrase=TEST_PASSPHRASE)
        assert added.returncode == 0, added.stderr
        assert stored_journal.lock_file.exists()  # the command line neither took nor freed it
        assert window.journal is not None
        titles = {summary.title for summary in window.journal.list_entries()}
        assert titles == {"Kept safe", "From a script"}

    assert runs.start(stored_journal, while_open) == 0
    listed = run("list", data_dir=stored_journal.data_dir, passphrase=TEST_PASSPHRASE)
    assert "From a script" in listed.stdout


def test_a_second_start_never_offers_the_first_ones_live_draft(
        qapp, qtbot, runs: AppRuns, stored_journal: JournalPaths,
        capsys: pytest.CaptureFixture[str]):
    def writing(first: MainWindow) -> None:
        assert runs.offers == [first] and runs.dialogs == []  # nothing left by a crash
        first.journal_view.new_entry(EntryKind.CONVERSATION)
        who = first.findChild(QWidget, "editorWho")
        who.setFocus()
        qtbot.keyClicks(who, "Dana")
        autosave = first.journal_view.autosave
        qtbot.waitUntil(lambda: autosave.draft_id is not None, timeout=5000)
        assert first.journal is not None and len(first.journal.drafts()) == 1  # live draft
        assert runs.start(stored_journal) == 0

    assert runs.start(stored_journal, writing) == 0
    assert runs.offers == runs.windows  # only the first looked for drafts
    assert runs.dialogs == []  # and no one was offered the live draft
    assert "already open" in _one_line(capsys.readouterr().err)


def test_a_first_run_that_is_cancelled_leaves_no_folder(
        qapp, runs: AppRuns, journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(app, "_first_run", lambda paths: None)  # the wizard was cancelled
    assert not journal_paths.data_dir.exists()
    assert runs.start(journal_paths) == 0
    assert not journal_paths.data_dir.exists()


@pytest.fixture(autouse=True)
def no_leftover_holders() -> Iterator[None]:
    yield
    QApplication.processEvents()  # let closed windows and sockets go
