"""Files the app writes are the user's alone whatever the umask (issue 15, "private
files"): run here with a umask of 0, the loosest, so only the app's own modes protect
them. The command line's exports and charts are checked end to end in
tests/e2e/test_cli_private_export.py; these are the writers it does not reach."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal import safe_write
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access, restore
from tkg_journal.services.backups import Backups


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_a_restored_journal_and_its_key_file_are_private(
    tmp_path: Path, loose_umask: None
) -> None:
    made = journal_access.create(JournalPaths(tmp_path / "old"), passphrase=TEST_PASSPHRASE)
    taken = Backups(made.journal).back_up()
    made.journal.close()
    target = JournalPaths(tmp_path / "restored")
    restore.restore(target, taken.path, passphrase=TEST_PASSPHRASE)
    # The key file was written with write_bytes once, and came out 0666 under this umask.
    assert mode(target.key_file) == 0o600
    assert mode(target.database) == 0o600
    assert mode(target.data_dir) == 0o700
    assert not [p.name for p in target.data_dir.iterdir() if p.name.startswith(".")]


def test_a_file_and_its_folder_are_private_and_an_open_folder_is_tightened(
    tmp_path: Path, loose_umask: None
) -> None:
    target, folder = tmp_path / "summary.md", tmp_path / "summary-charts"
    folder.mkdir(mode=0o755)
    (folder / "old.png").write_bytes(b"an earlier chart")  # 0666 under this umask
    safe_write.write_with_folder(target, b"# Summary", folder, {"a.png": b"A"})
    assert mode(target) == mode(folder / "a.png") == 0o600
    assert mode(folder) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["a.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "summary-charts", "summary.md"]
    safe_write.write_atomically(tmp_path / "chart.png", b"\x89PNG")
    assert mode(tmp_path / "chart.png") == 0o600
