"""``tkg-journal backup``, ``backups`` and ``restore`` as a user's shell runs them, and
killed (SIGKILL) at random moments: afterwards the journal always opens, whole."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.cli_runner import PASSPHRASE, installed_command, run
from tests.helpers import snapshot
from tkg_journal.storage import backup

TRIALS = 20


def _entries(data_dir: Path) -> int:
    result = run("list", "--limit", "100000", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return len(json.loads(result.stdout))


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-entry journal (passphrase mode), so a kill can land inside the work."""
    folder = tmp_path_factory.mktemp("big") / "journal"
    made = run("demo", "--entries", "1000", "--passphrase", data_dir=folder)
    assert made.returncode == 0, made.stderr
    return folder


def test_backup_backups_and_restore_from_the_shell(tmp_path: Path) -> None:
    home = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=home).returncode == 0
    assert run("add", "-t", "Before", "the budget talk", data_dir=home).returncode == 0
    # The first command of the day took the daily backup.
    assert len(list((home / "backups").glob("*-daily.tkgbackup"))) == 1
    made = run("backup", data_dir=home)
    assert made.returncode == 0, made.stderr
    written = Path(made.stdout.strip())
    assert written.is_file() and backup.verify(written).entries == 1
    listed = run("backups", "--format", "json", data_dir=home)
    assert listed.returncode == 0
    info = json.loads(listed.stdout)
    assert {b["reason"] for b in info["backups"]} == {"daily", "manual"}
    assert all(b["verified"] for b in info["backups"])
    # Restore into an empty folder (a new machine) with the passphrase.
    other = tmp_path / "new-machine"
    restored = run("restore", str(written), data_dir=other)
    assert restored.returncode == 0, restored.stderr
    assert _entries(other) == 1
    # Over a changed journal: asks first (no terminal here: refuses), then with --yes.
    assert run("add", "after the backup", data_dir=home).returncode == 0
    asked = run("restore", str(written), data_dir=home)
    assert asked.returncode != 0 and "--yes" in asked.stderr
    assert _entries(home) == 2
    replaced = run("restore", "--yes", str(written), data_dir=home)
    assert replaced.returncode == 0, replaced.stderr
    assert "before-restore" in replaced.stdout
    assert _entries(home) == 1


def test_backup_settings_from_the_shell(tmp_path: Path) -> None:
    home = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=home).returncode == 0
    second = tmp_path / "usb"
    set_up = run("backups", "--second-folder", str(second), "--keep-daily", "3",
                 "--format", "json", data_dir=home)
    assert set_up.returncode == 0, set_up.stderr
    shown = json.loads(set_up.stdout)
    assert shown["second_folder"] == str(second) and shown["keep"]["daily"] == 3
    made = run("backup", data_dir=home)
    assert (second / Path(made.stdout.strip()).name).is_file()
    bad = run("backups", "--keep-daily", "-1", data_dir=home)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, b"PK\x03\x04 truncated"])
def test_restore_refuses_what_is_not_a_backup(tmp_path: Path, content: bytes) -> None:
    home = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=home).returncode == 0
    before = snapshot(home)
    bad = tmp_path / "bad.tkgbackup"
    bad.write_bytes(content)
    result = run("restore", "--yes", str(bad), data_dir=home)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert snapshot(home) == before


def _kill_at_random(args: list[str], data_dir: Path, duration: float, seed: int) -> None:
    environment = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    process = subprocess.Popen(
        [installed_command(), "--data-dir", str(data_dir), *args],
        env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(random.Random(seed).uniform(0, duration))
    process.send_signal(signal.SIGKILL)
    process.wait()


def _timed(args: list[str], data_dir: Path) -> float:
    start = time.perf_counter()
    assert run(*args, data_dir=data_dir).returncode == 0
    return time.perf_counter() - start


def test_a_backup_killed_at_any_moment_leaves_the_journal_whole(
    big_journal: Path, tmp_path: Path
) -> None:
    home = tmp_path / "journal"
    shutil.copytree(big_journal, home)
    count = _entries(home)
    duration = _timed(["backup"], home)
    for trial in range(TRIALS):
        _kill_at_random(["backup"], home, duration, seed=trial)
        for written in (home / "backups").glob("*.tkgbackup"):
            assert backup.verify(written).entries == count  # only whole backups have names
    assert _entries(home) == count
    check = run("check", data_dir=home)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_restore_killed_at_any_moment_leaves_one_whole_journal(
    big_journal: Path, tmp_path: Path
) -> None:
    pristine = tmp_path / "pristine"
    shutil.copytree(big_journal, pristine)
    made = run("backup", "--to", str(tmp_path / "saved"), data_dir=pristine)
    saved = Path(made.stdout.strip())
    assert run("add", "written after the backup", data_dir=pristine).returncode == 0
    after, before = _entries(pristine), backup.verify(saved).entries
    duration = _timed(["restore", "--yes", str(saved)], _copy(pristine, tmp_path / "timing"))
    outcomes = set()
    for trial in range(TRIALS):
        home = _copy(pristine, tmp_path / f"trial-{trial}")
        _kill_at_random(["restore", "--yes", str(saved)], home, duration, seed=100 + trial)
        count = _entries(home)  # opening finishes or undoes an interrupted swap
        assert count in (after, before), trial
        outcomes.add(count)
        if trial % 5 == 0:  # every page readable too (a whole process each: a sample)
            assert run("check", data_dir=home).returncode == 0
        shutil.rmtree(home)
    assert outcomes  # which ones happen depends on timing; each must be whole


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
