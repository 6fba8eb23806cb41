"""``tkg-journal rekey`` and ``recover`` with the recovery sheet, as a user or a script runs
them, and ``rekey`` killed (SIGKILL) at random moments: afterwards the journal opens with
the old key file or the new one, and holds every entry, every time."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.cli_runner import PASSPHRASE, installed_command, run
from tests.helpers import snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file
from tkg_journal.services import journal_access, rekey_files
from tkg_journal.storage.cipher import key_fits

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and POSIX renames"),
]

KILL_ENTRIES = 6000
MIN_TRIALS = 24
MAX_TRIALS = 60
MIN_INSIDE = 3  # kills that must land while the new files exist (random delays, retried)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if not line.startswith(
        "tkg-journal: note:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def sheet_from(stdout: str) -> str:
    """The recovery sheet as printed (key and block lines, prose kept: recover skips it)."""
    start = stdout.index("Recovery key (")
    return stdout[start:]


@pytest.fixture
def data_dir(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "journal"
    result = run("init", "--passphrase", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert run("add", "written before the rekey", data_dir=folder).returncode == 0
    return folder, sheet_from(result.stdout)


def test_without_a_terminal_it_needs_yes(data_dir: tuple[Path, str]) -> None:
    folder, _ = data_dir
    before = snapshot(folder)
    result = run("rekey", data_dir=folder)
    assert result.returncode == 1
    assert "--yes" in one_line(result) and "nothing was changed" in one_line(result)
    assert snapshot(folder) == before


def test_rekey_prints_the_new_sheet_and_old_ways_in_are_refused(
        data_dir: tuple[Path, str], tmp_path: Path) -> None:
    folder, old_sheet = data_dir
    old_keys = (folder / "journal.keys").read_bytes()
    result = run("rekey", "--yes", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "backups made before today keep their own keys" in result.stdout
    assert "Your passphrase is unchanged" in result.stdout
    new_sheet = sheet_from(result.stdout)
    assert "written before the rekey" in run("list", data_dir=folder).stdout

    # The old key file back in place: a clear message, not "another journal".
    current = (folder / "journal.keys").read_bytes()
    (folder / "journal.keys").write_bytes(old_keys)
    before = snapshot(folder)
    refused = run("list", data_dir=folder)
    assert refused.returncode == 1
    line = one_line(refused)
    assert "is from before the journal was re-encrypted on" in line
    assert "another journal" not in line
    assert snapshot(folder) == before
    (folder / "journal.keys").write_bytes(current)

    # Every key file lost: the old sheet is refused, the new one rebuilds it.
    (folder / "journal.keys").unlink()
    (folder / "journal.keys.copy").unlink()
    env = {"TKG_JOURNAL_NEW_PASSPHRASE": "the passphrase after the loss"}
    (tmp_path / "old-sheet.txt").write_text(old_sheet)
    (tmp_path / "new-sheet.txt").write_text(new_sheet)
    before = snapshot(folder)
    refused = run("recover", "--recovery-key-file", str(tmp_path / "old-sheet.txt"),
                  data_dir=folder, passphrase=None, env=env)
    assert refused.returncode == 1
    assert "from before the journal was re-encrypted" in one_line(refused)
    assert snapshot(folder) == before
    rebuilt = run("recover", "--recovery-key-file", str(tmp_path / "new-sheet.txt"),
                  data_dir=folder, passphrase=None, env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    listed = run("list", data_dir=folder, passphrase="the passphrase after the loss")
    assert "written before the rekey" in listed.stdout


def test_the_sheet_init_printed_gets_a_lost_key_file_back(
        data_dir: tuple[Path, str], tmp_path: Path) -> None:
    folder, sheet = data_dir
    sheet_file = tmp_path / "sheet.txt"
    sheet_file.write_text(sheet)
    (folder / "journal.keys").unlink()
    (folder / "journal.keys.copy").unlink()
    missing = run("list", data_dir=folder)
    assert missing.returncode == 1 and "recover --recovery-key-file" in one_line(missing)
    result = run("recover", "--recovery-key-file", str(sheet_file), data_dir=folder,
                 passphrase=None, env={"TKG_JOURNAL_NEW_PASSPHRASE": "a brand new phrase"})
    assert result.returncode == 0, result.stderr
    assert "Rebuilt" in result.stdout
    assert "written before the rekey" in run(
        "list", data_dir=folder, passphrase="a brand new phrase").stdout


def test_a_mistyped_block_is_named_and_nothing_changes(
        data_dir: tuple[Path, str], tmp_path: Path) -> None:
    folder, sheet = data_dir
    (folder / "journal.keys").unlink()
    (folder / "journal.keys.copy").unlink()
    lines = sheet.splitlines()
    block_start = next(i for i, line in enumerate(lines) if line.startswith("Recovery block"))
    row = block_start + 3  # the block's first line (after the label's two lines and a blank)
    text = lines[row]
    lines[row] = text[:-1] + ("X" if text[-1] != "X" else "Y")
    (tmp_path / "sheet.txt").write_text("\n".join(lines))
    before = snapshot(folder)
    result = run("recover", "--recovery-key-file", str(tmp_path / "sheet.txt"),
                 data_dir=folder, passphrase=None,
                 env={"TKG_JOURNAL_NEW_PASSPHRASE": "a brand new phrase"})
    assert result.returncode == 1
    assert "group 8 of 40 (line 1, group 8)" in one_line(result)
    assert snapshot(folder) == before


# --- killed at any moment ---------------------------------------------------------------------


def _rekey_process(folder: Path) -> subprocess.Popen[bytes]:
    environment = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    return subprocess.Popen(
        [installed_command(), "--data-dir", str(folder), "rekey", "--yes"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=environment)


def _timed_rekey(master: Path, folder: Path) -> tuple[float, float, float]:
    """A whole re-encryption of a copy of ``master``: its duration, and when the new
    files first and last stood beside the journal (seconds from the start)."""
    shutil.copytree(master, folder)
    paths = JournalPaths(folder)
    start = time.perf_counter()
    process = _rekey_process(folder)
    seen: list[float] = []
    while process.poll() is None:
        if rekey_files.in_flight(paths):
            seen.append(time.perf_counter() - start)
        time.sleep(0.0005)
    duration = time.perf_counter() - start
    assert process.returncode == 0
    assert seen, "the timed re-encryption never showed its new files"
    return duration, seen[0], seen[-1]


def test_a_kill_at_any_moment_leaves_one_whole_journal(tmp_path: Path) -> None:
    master = tmp_path / "master"
    built = run("demo", "--entries", str(KILL_ENTRIES), "--passphrase", data_dir=master)
    assert built.returncode == 0, built.stderr
    _leave_a_write_in_the_log(master)
    entries = KILL_ENTRIES + 1
    master_keys = (master / "journal.keys").read_bytes()
    old_key = journal_access.unlock_key(JournalPaths(master), passphrase=PASSPHRASE)

    duration, swap_start, swap_end = _timed_rekey(master, tmp_path / "timing")

    rng = random.Random(20261203)
    landed: Counter[str] = Counter()
    trial = 0
    # Every other kill is at any moment of the whole run; the others aim at the stretch
    # the timed run spent with the new files on disk (the re-encryption and the swap, a
    # quarter of the run), where a kill has the most to undo or finish. On a loaded
    # machine a re-encryption takes longer or shorter than the timed one: the aim follows
    # where the aimed kills land (later after one before the swap, earlier after one past
    # it), so most still land inside. A kill at any moment says nothing about the aim.
    stretch = 1.0
    while trial < MIN_TRIALS or (landed["inside"] < MIN_INSIDE and trial < MAX_TRIALS):
        trial += 1
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(master, folder)
        process = _rekey_process(folder)
        aimed = trial % 2 == 0
        low, high = (swap_start, swap_end) if aimed else (0.0, duration)
        time.sleep(rng.uniform(low * stretch, high * stretch))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        paths = JournalPaths(folder)
        if rekey_files.commit_record(paths).exists():
            landed["inside"] += 1
            landed["after the commit record"] += 1
        elif rekey_files.in_flight(paths):
            landed["inside"] += 1
            landed["before the commit record"] += 1
        else:
            landed["outside the swap"] += 1
            if aimed:
                killed_before = key_file.read(paths.key_file).generation == 1
                stretch = min(stretch * 1.1, 8.0) if killed_before else max(stretch * 0.9, 0.5)

        with journal_access.unlock(paths, passphrase=PASSPHRASE) as journal:
            assert journal.count_entries() == entries, f"trial {trial}"
            assert journal.db.query("PRAGMA quick_check") == [("ok",)], f"trial {trial}"
        keys = key_file.read(paths.key_file)
        if keys.generation == 1:
            assert paths.key_file.read_bytes() == master_keys, f"trial {trial}"
            landed["old journal"] += 1
        else:
            assert keys.generation == 2, f"trial {trial}"
            assert key_fits(paths.database, old_key) is False, f"trial {trial}"
            landed["new journal"] += 1
        assert not rekey_files.in_flight(paths), f"trial {trial}"
        assert not list(folder.glob("journal.db.rekey*")), f"trial {trial}"
        shutil.rmtree(folder)
    print(f"\n{trial} kills over {duration:.2f} s (new files {swap_start:.2f}-{swap_end:.2f} s): "
          f"{dict(landed)}")
    assert landed["inside"] >= MIN_INSIDE, dict(landed)


# The same kill, at each step of the swap: a process that re-encrypts for real and kills
# itself (SIGKILL: no cleanup of any kind runs) right at one step. Random kills rarely
# land in these few milliseconds; they are where the new journal already stands.
_KILL_AT = '''
import os, signal, sys
from tkg_journal import cli, safe_write
from tkg_journal.services import rekey_files

point = sys.argv[1]
real_replace, real_write, real_commit = os.replace, safe_write.write_atomically, rekey_files.commit

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def commit(*args, **kwargs):
    real_commit(*args, **kwargs)
    if point == "after the commit record":
        die()

def replace(source, target):
    name = os.path.basename(str(source))
    if name == "journal.keys.rekey" and point == "before the key file is renamed":
        die()
    real_replace(source, target)
    if name == "journal.db.rekey" and point == "after the database is renamed":
        die()  # the old connection is still open: its -wal and -shm stay behind
    if name == "journal.keys.rekey" and point == "after the key file is renamed":
        die()

def write(path, data, **kwargs):
    real_write(path, data, **kwargs)
    if os.path.basename(str(path)) == "journal.keys.copy" and point == "after the copy":
        die()

rekey_files.commit = commit
os.replace = replace
rekey_files.safe_write.write_atomically = write
sys.exit(cli.main(sys.argv[2:]))
'''

# A write still in the write-ahead log (its writer was killed before SQLite folded the
# log into the file): the old database's log then holds pages under the old key.
_WRITE_AND_DIE = '''
import os, signal, sys
from pathlib import Path
from tests.helpers import entry
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access

journal = journal_access.unlock(JournalPaths(Path(sys.argv[1])), passphrase=os.environ[
    "TKG_JOURNAL_PASSPHRASE"])
journal.add_entry(entry(title="still in the log", body="written just before a crash"))
os.kill(os.getpid(), signal.SIGKILL)
'''


@pytest.mark.parametrize("point", [
    "after the commit record",
    "after the database is renamed",
    "before the key file is renamed",
    "after the key file is renamed",
    "after the copy",
])
def test_a_kill_at_each_step_of_the_swap_leaves_the_new_journal(
        tmp_path: Path, point: str) -> None:
    folder = tmp_path / "journal"
    assert run("demo", "--entries", "300", "--passphrase", data_dir=folder).returncode == 0
    old_key = journal_access.unlock_key(JournalPaths(folder), passphrase=PASSPHRASE)
    environment = _environment()
    _leave_a_write_in_the_log(folder)
    killed = subprocess.run(
        [sys.executable, "-c", _KILL_AT, point, "--data-dir", str(folder), "rekey", "--yes"],
        stdin=subprocess.DEVNULL, capture_output=True, env=environment, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    paths = JournalPaths(folder)
    assert rekey_files.commit_record(paths).exists()
    if point == "after the database is renamed":
        assert Path(f"{paths.database}-wal").exists()  # the old database's, left behind

    notes = journal_access.prepare(paths)
    assert notes and "has been finished" in notes[0]
    with journal_access.unlock(paths, passphrase=PASSPHRASE) as journal:
        assert journal.count_entries() == 301
        assert journal.db.query("PRAGMA quick_check") == [("ok",)]
        assert journal.search("crash")  # the write that was still in the old log
    assert key_file.read(paths.key_file).generation == 2
    assert paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()
    assert key_fits(paths.database, old_key) is False
    assert not rekey_files.in_flight(paths)


def _environment() -> dict[str, str]:
    return dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE,
                PYTHONPATH=str(Path(__file__).resolve().parents[2]))


def _leave_a_write_in_the_log(folder: Path) -> None:
    crashed = subprocess.run([sys.executable, "-c", _WRITE_AND_DIE, str(folder)],
                             env=_environment(), stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=60)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    assert Path(f"{folder / 'journal.db'}-wal").stat().st_size > 0
