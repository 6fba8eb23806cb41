"""The one atomic file writer: old bytes or new bytes, private modes, nothing left behind."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from tkg_journal import safe_write


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own (tmp_path also holds the test's HOME)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class Interrupted(Exception):
    """What a writer raises half-way (a chart that fails to render, a crash in our code)."""


def test_a_new_file_is_written_private(out: Path) -> None:
    target = out / "notes.md"
    safe_write.write_atomically(target, b"my words")
    assert target.read_bytes() == b"my words"
    assert mode(target) == 0o600
    assert names(out) == ["notes.md"]


def test_replacing_a_file_replaces_its_bytes_and_its_loose_mode(out: Path) -> None:
    target = out / "summary.html"
    target.write_bytes(b"the old summary, much longer than the new one")
    target.chmod(0o644)
    safe_write.write_atomically(target, lambda handle: handle.write(b"new"))
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600
    assert names(out) == ["summary.html"]


def test_a_writer_that_fails_midway_keeps_the_old_bytes_and_leaves_no_temporary(
    out: Path,
) -> None:
    target = out / "summary.pdf"
    target.write_bytes(b"last month's summary")
    seen: list[tuple[str, int]] = []

    def half_then_fail(handle: BinaryIO) -> None:
        handle.write(b"half a docu")
        handle.flush()
        # While it is written, the only other file is a hidden temporary beside the target,
        # already private: the half-written words are never readable by others.
        seen.extend((p.name, mode(p)) for p in out.iterdir() if p != target)
        raise Interrupted

    with pytest.raises(Interrupted):
        safe_write.write_atomically(target, half_then_fail)
    assert len(seen) == 1 and seen[0][0].startswith(".summary.pdf.") and seen[0][1] == 0o600
    assert target.read_bytes() == b"last month's summary"
    assert names(out) == ["summary.pdf"]


def test_a_full_disk_at_the_flush_keeps_the_old_bytes(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / "journal.keys"
    target.write_bytes(b"old key file")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left on device"):
        safe_write.write_atomically(target, b"new key file")
    assert target.read_bytes() == b"old key file"
    assert names(out) == ["journal.keys"]


def test_a_missing_folder_is_an_oserror_and_creates_nothing(out: Path) -> None:
    with pytest.raises(FileNotFoundError):
        safe_write.write_atomically(out / "missing" / "notes.md", b"x")
    assert names(out) == []


def test_a_staged_file_is_renamed_in_only_when_its_block_succeeds(out: Path) -> None:
    target = out / "copy.db"
    target.write_bytes(b"older copy")
    with pytest.raises(Interrupted), safe_write.staged_file(target) as temporary:
        temporary.write_bytes(b"a copy that did not verify")
        raise Interrupted
    assert target.read_bytes() == b"older copy"
    assert names(out) == ["copy.db"]

    with safe_write.staged_file(target) as temporary:
        assert temporary.parent == out and temporary.read_bytes() == b""
        temporary.write_bytes(b"verified copy")
    assert target.read_bytes() == b"verified copy"
    assert mode(target) == 0o600
    assert names(out) == ["copy.db"]


def test_a_file_and_its_folder_are_written_private_and_replace_an_earlier_pair(
    out: Path,
) -> None:
    target, folder = out / "summary.md", out / "summary-charts"
    old_umask = os.umask(0o022)
    try:
        safe_write.write_with_folder(target, b"# One", folder, {"a.png": b"A", "b.png": b"B"})
    finally:
        os.umask(old_umask)
    assert mode(target) == mode(folder / "a.png") == 0o600
    assert mode(folder) == 0o700
    safe_write.write_with_folder(target, b"# Two", folder, {"c.png": b"C"})
    assert target.read_bytes() == b"# Two"
    assert names(folder) == ["c.png"]
    assert names(out) == ["summary-charts", "summary.md"]


def test_when_the_file_cannot_be_renamed_in_the_old_folder_is_put_back(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, folder = out / "summary.md", out / "summary-charts"
    safe_write.write_with_folder(target, b"# Old", folder, {"a.png": b"A"})
    real_replace = os.replace

    def refuse_the_file(source: str | os.PathLike[str], destination: str | os.PathLike[str]
                        ) -> None:
        if Path(destination) == target:  # the folder swap went through; the file fails
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", refuse_the_file)
    with pytest.raises(OSError, match="Input/output error"):
        safe_write.write_with_folder(target, b"# New", folder, {"a.png": b"A2", "b.png": b"B2"})
    assert target.read_bytes() == b"# Old"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {"a.png": b"A"}
    assert names(out) == ["summary-charts", "summary.md"]


# --- leftovers of a process that was killed ---------------------------------------------


def _aged(path: Path, seconds: float) -> Path:
    then = path.parent.stat().st_mtime - seconds  # the folder's clock, as remove_stale reads it
    os.utime(path, (then, then))
    return path


def test_stale_leftovers_go_and_fresh_ones_stay(out: Path) -> None:
    old_file = out / ".backup-old"
    old_file.write_bytes(b"x")
    _aged(old_file, 7200)
    old_folder = out / ".restore-old"
    (old_folder / "inner").mkdir(parents=True)
    (old_folder / "inner" / "journal.db").write_bytes(b"y")
    _aged(old_folder, 7200)
    fresh = out / ".backup-running"
    fresh.write_bytes(b"z")
    keep = out / "journal.db"
    keep.write_bytes(b"mine")
    _aged(keep, 7200)  # old, but not a leftover's name
    safe_write.remove_stale(out, [".backup-*", ".restore-*"], older_than_s=3600)
    assert names(out) == [".backup-running", "journal.db"]


def test_a_leftover_younger_than_the_limit_stays(out: Path) -> None:
    leftover = out / ".restore-abc"
    leftover.mkdir()
    _aged(leftover, 300)
    safe_write.remove_stale(out, [".restore-*"], older_than_s=600)
    assert leftover.is_dir()


def test_a_folder_that_is_gone_is_not_an_error(out: Path) -> None:
    safe_write.remove_stale(out / "gone", [".backup-*"], older_than_s=3600)
    assert names(out) == []


def test_judging_the_age_leaves_nothing_behind(out: Path) -> None:
    safe_write.remove_stale(out, [".backup-*"], older_than_s=3600)
    assert names(out) == []
