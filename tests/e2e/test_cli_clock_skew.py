"""A journal in a folder whose clock is not this machine's (a network share stamps files
with its server's time): backup and restore still work, and judge their working files'
age on the folder's clock. libfaketime moves the command's clock; the files keep the
real one, as they would on a share whose server's clock differs."""

from __future__ import annotations

import glob
import json
from pathlib import Path

import pytest

from tests.e2e.cli_runner import run
from tkg_journal.storage import backup


def _faketime(offset: str) -> dict[str, str]:
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketimeMT.so.1"))
    if not found:
        pytest.fail("libfaketime is not installed: apt-get install -y faketime")
    return {"LD_PRELOAD": found[0], "FAKETIME": offset}


def _entries(data_dir: Path) -> int:
    listed = run("list", "--format", "json", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    return len(json.loads(listed.stdout))


def test_the_fake_clock_reaches_the_command(tmp_path: Path) -> None:
    home = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=home).returncode == 0
    added = run("add", "a first entry", data_dir=home, env=_faketime("@2031-05-06 07:08:09"))
    assert added.returncode == 0, added.stderr
    (daily,) = (home / "backups").glob("*.tkgbackup")
    assert daily.name.startswith("journal-2031-05-06-")


@pytest.mark.parametrize("offset", ["+1d", "-1d"], ids=["clock ahead", "clock behind"])
def test_restore_over_a_journal_works_whatever_the_clock(tmp_path: Path, offset: str) -> None:
    home = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=home).returncode == 0
    assert run("add", "before the backup", data_dir=home).returncode == 0
    skewed = _faketime(offset)
    made = run("backup", data_dir=home, env=skewed)
    assert made.returncode == 0, made.stderr
    taken = Path(made.stdout.strip())
    assert backup.verify(taken).entries == 1
    assert run("add", "after the backup", data_dir=home).returncode == 0
    # Before the fix, a clock a day ahead took the restore's own working folder for a
    # killed restore's, removed it, and called the backup damaged.
    restored = run("restore", "--yes", str(taken), data_dir=home, env=skewed)
    assert restored.returncode == 0, restored.stderr
    assert _entries(home) == 1
    assert not list(home.glob(".restore-*")) and not list(home.glob(".clock-*"))
    check = run("check", data_dir=home, env=skewed)
    assert check.returncode == 0, check.stdout + check.stderr
