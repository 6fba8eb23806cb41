"""Writing the files a user asked for (charts, summaries) all or nothing.

Each file is written to a temporary name in the destination folder, flushed to disk and
then renamed over the destination, so a full disk or a crash half-way leaves either the old
file or nothing, never half a document. The temporary name starts with a dot and is removed
on any failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from tkg_journal.storage.errors import WriteFailed

#: Exports are the user's documents: readable by them like any file they save.
FILE_MODE = 0o644


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


@contextlib.contextmanager
def _temporary_file(path: Path) -> Iterator[tuple[BinaryIO, str]]:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, name
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def write_atomically(path: Path, write: Callable[[BinaryIO], object], *, what: str) -> None:
    """Call ``write`` with a binary file that becomes ``path`` once it is complete.

    Raises:
        WriteFailed: the folder is missing or unwritable, or the disk is full; nothing
            (partial or temporary) is left behind and an older ``path`` is unchanged.
    """
    path = Path(path)
    try:
        with _temporary_file(path) as (handle, name):
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(name, FILE_MODE)
            os.replace(name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
    except OSError as error:
        raise write_failed(what, path, error) from error


def write_bytes_atomically(path: Path, data: bytes, *, what: str) -> None:
    write_atomically(path, lambda handle: handle.write(data), what=what)


def write_with_folder(
    path: Path, data: bytes, folder: Path, files: dict[str, bytes], *, what: str
) -> None:
    """Write ``path`` and a folder of ``files`` beside it (a Markdown file and its charts)
    as one step: both appear complete, or neither changes.

    The folder is filled under a temporary name first; an existing folder of that name is
    replaced (an earlier export of the same file) only once everything is written.
    """
    path, folder = Path(path), Path(folder)
    staging: Path | None = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        for name, content in files.items():
            target = staging / name
            with target.open("wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(target, FILE_MODE)
        os.chmod(staging, 0o755)
        with _temporary_file(path) as (handle, name):
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(name, FILE_MODE)
            old: Path | None = None
            if folder.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
                os.rmdir(old)
                os.replace(folder, old)
            os.replace(staging, folder)
            staging = None
            os.replace(name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        raise write_failed(what, path, error) from error
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
