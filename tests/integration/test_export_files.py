"""All-or-nothing writes of the files a user asks for (summaries, charts)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO

import pytest

from tkg_journal.services import files
from tkg_journal.storage.errors import WriteFailed


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own (tmp_path also holds the test's HOME)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def full_disk(handle: BinaryIO) -> None:
    handle.write(b"half a docu")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_complete_write_replaces_the_file(out: Path) -> None:
    target = out / "summary.md"
    target.write_bytes(b"old")
    files.write_bytes_atomically(target, b"new summary", what="the summary")
    assert target.read_bytes() == b"new summary"
    assert sorted(p.name for p in out.iterdir()) == ["summary.md"]
    assert target.stat().st_mode & 0o777 == files.FILE_MODE


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(out: Path) -> None:
    target = out / "summary.pdf"
    target.write_bytes(b"the summary of last month")
    with pytest.raises(WriteFailed, match="No space left on device") as caught:
        files.write_atomically(target, full_disk, what="the summary")
    assert "free some disk space" in str(caught.value)
    assert target.read_bytes() == b"the summary of last month"
    assert sorted(p.name for p in out.iterdir()) == ["summary.pdf"]


def test_an_unwritable_place_says_so_and_writes_nothing(out: Path) -> None:
    blocker = out / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(WriteFailed, match="Could not save the summary"):
        files.write_bytes_atomically(blocker / "summary.html", b"x", what="the summary")
    with pytest.raises(WriteFailed):
        files.write_bytes_atomically(Path("/proc/summary.html"), b"x", what="the summary")
    assert sorted(p.name for p in out.iterdir()) == ["not-a-folder"]


def test_a_file_with_its_folder_appears_whole(out: Path) -> None:
    target, folder = out / "summary.md", out / "summary-charts"
    files.write_with_folder(
        target, b"# Summary", folder, {"a.png": b"A", "b.png": b"B"}, what="the summary"
    )
    assert target.read_bytes() == b"# Summary"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {"a.png": b"A", "b.png": b"B"}
    # A second export of the same file replaces the folder: no chart of the old one stays.
    files.write_with_folder(target, b"# Again", folder, {"c.png": b"C"}, what="the summary")
    assert target.read_bytes() == b"# Again"
    assert sorted(p.name for p in folder.iterdir()) == ["c.png"]
    assert sorted(p.name for p in out.iterdir()) == ["summary-charts", "summary.md"]


def test_a_failed_folder_write_changes_neither_the_file_nor_its_folder(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, folder = out / "summary.md", out / "summary-charts"
    files.write_with_folder(target, b"# Old", folder, {"a.png": b"A"}, what="the summary")
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second chart
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteFailed, match="No space left"):
        files.write_with_folder(
            target, b"# New", folder, {"a.png": b"A2", "b.png": b"B2"}, what="the summary"
        )
    assert target.read_bytes() == b"# Old"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {"a.png": b"A"}
    assert sorted(p.name for p in out.iterdir()) == ["summary-charts", "summary.md"]


def test_a_read_only_file_is_recognised_whoever_runs_the_app(out: Path) -> None:
    target = out / "summary.pdf"
    assert not files.is_read_only(target)  # nothing there yet
    target.write_bytes(b"old")
    assert not files.is_read_only(target)
    target.chmod(0o444)  # an administrator could write it, yet it is marked read-only
    assert files.is_read_only(target)
    with pytest.raises(files.ReadOnlyFile, match=f"{target} is read-only; nothing was written"):
        files.refuse_read_only(target)
    assert not files.is_read_only(out)  # a folder is refused elsewhere, and by name
