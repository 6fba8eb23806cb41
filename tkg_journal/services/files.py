"""Writing the files a user asked for (charts, summaries) all or nothing.

The writing itself is :mod:`tkg_journal.safe_write` (temporary file in the destination
folder, flushed, renamed over the destination, the folder flushed; nothing left behind on
a failure). This module adds what exports need on top: the user's message when a write
fails (:class:`WriteFailed`) and the read-only check before replacing a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.storage.errors import WriteFailed

#: Exports quote the user's entries, commitments and progress: private like the journal
#: (0600). They were 0644 once, readable by every account on the computer, which the
#: journal's encryption exists to prevent; a user who shares one sends a copy.
FILE_MODE = safe_write.PRIVATE_FILE


class ReadOnlyFile(WriteFailed):
    """The file to replace is read-only: someone protected it; replace it only if asked."""


def is_read_only(path: Path) -> bool:
    """Whether ``path`` is an existing file that is marked read-only or that this user may
    not write. Either counts: an administrator may write any file, yet a file whose write
    permission was taken away is meant to be kept."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def refuse_read_only(path: Path) -> None:
    """Raise :class:`ReadOnlyFile` if ``path`` is a read-only file (see :func:`is_read_only`)."""
    if is_read_only(path):
        raise ReadOnlyFile(f"{path} is read-only; nothing was written")


def write_failed(what: str, path: Path, error: OSError) -> WriteFailed:
    reason = error.strerror or str(error)
    return WriteFailed(
        f"Could not save {what} to {path}: {reason}. "
        "Choose another folder, or free some disk space, and try again."
    )


def write_atomically(path: Path, content: safe_write.Content, *, what: str) -> None:
    """Write ``content`` (bytes, or a function called with a binary file) to ``path``,
    all or nothing.

    Raises:
        WriteFailed: the folder is missing or unwritable, or the disk is full; nothing
            (partial or temporary) is left behind and an older ``path`` is unchanged.
    """
    with _reported(what, path):
        safe_write.write_atomically(Path(path), content, mode=FILE_MODE)


def write_bytes_atomically(path: Path, data: bytes, *, what: str) -> None:
    write_atomically(path, data, what=what)


def write_with_folder(
    path: Path, data: bytes, folder: Path, files: dict[str, bytes], *, what: str
) -> None:
    """Write ``path`` and a folder of ``files`` beside it (a Markdown file and its charts)
    as one step: both appear complete, or neither changes (an earlier export's folder of
    the same name is replaced only once everything is written)."""
    with _reported(what, path):
        safe_write.write_with_folder(Path(path), data, Path(folder), files, mode=FILE_MODE)


@contextlib.contextmanager
def staged_folder(folder: Path, *, what: str) -> Iterator[Path]:
    """A private staging folder that replaces ``folder`` when the block succeeds (see
    :func:`tkg_journal.safe_write.staged_folder`).

    Raises:
        WriteFailed: the parent folder is missing or unwritable, or the disk is full;
            nothing is left behind and an older ``folder`` is unchanged.
    """
    with _reported(what, folder), safe_write.staged_folder(Path(folder)) as staging:
        yield staging


@contextlib.contextmanager
def _reported(what: str, path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise write_failed(what, path, error) from error
