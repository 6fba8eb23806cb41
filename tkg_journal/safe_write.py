"""Every file the app writes, written so that it is either wholly the old one or the new one.

The one recipe, for every caller (key file, backups, exported summaries and charts, the
recovery-key sheet): write a temporary file in the target's folder, flush it to disk
(``fsync``), give it its mode, rename it over the target (``os.replace``, atomic on one
file system), then flush the folder so the rename itself survives a power cut. A crash, a
full disk or an unwritable folder leaves the old file (or none), never half a file, and no
temporary: it is removed on any failure, including an exception from the caller's code.

The journal database itself is written by SQLite, not here.

Modes: everything the app writes holds the user's words or a secret (the key file, the
recovery-key sheet, backups of the journal, summaries quoting entries, charts of their
progress), so files are 0600 and folders 0700: readable by the user only, like the journal.
A user who wants to share an export copies or re-permissions it themselves.

Failures are :class:`OSError`; each caller turns them into its own error for the user.
This module sits at the top of the package, outside the layers, because the security,
storage, services and ui layers all write files with it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

#: Files the app writes: the user's words or secrets, so the user's alone.
PRIVATE_FILE = 0o600
#: Folders the app writes (a Markdown summary's charts): the same rule as its files.
PRIVATE_FOLDER = 0o700

#: What a caller gives to write: the bytes, or a function that writes them to a file.
Content = bytes | Callable[[BinaryIO], object]


def write_atomically(path: Path, content: Content, *, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``content``; on any error the old file (if any) is unchanged.

    ``content`` is the bytes, or a function called with the open temporary file (for a
    writer that streams, like matplotlib's ``savefig``); whatever it raises is raised
    after the temporary file is removed.

    Raises:
        OSError: the folder is missing or unwritable, or the disk is full.
    """
    with staged_file(path, mode=mode) as temporary, temporary.open("wb") as handle:
        if isinstance(content, bytes):
            handle.write(content)
        else:
            content(handle)


@contextlib.contextmanager
def staged_file(path: Path, *, mode: int = PRIVATE_FILE) -> Iterator[Path]:
    """A new, empty temporary file beside ``path`` that replaces ``path`` when the block
    ends without an exception. For writers that need a file name rather than a file
    object (SQLite's ``VACUUM INTO``, a file copy); the block may check what was written
    and raise to throw it away.

    Raises:
        OSError: the folder is missing or unwritable, or the disk is full; the temporary
            file is gone and ``path`` is unchanged.
    """
    path = Path(path)
    temporary = _new_temporary_file(path)
    try:
        yield temporary
        _sync_file(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)


def write_with_folder(
    path: Path,
    content: bytes,
    folder: Path,
    files: Mapping[str, bytes],
    *,
    mode: int = PRIVATE_FILE,
    folder_mode: int = PRIVATE_FOLDER,
) -> None:
    """Write ``path`` and a folder of ``files`` beside it (a Markdown file and its charts)
    as one step: both are replaced, or neither changes.

    The folder is filled under a temporary name first. An existing ``folder`` (an earlier
    export of the same file) is moved aside, the new one renamed in, then the file
    replaced; if either rename fails, the old folder is put back.

    Raises:
        OSError: the folder is missing or unwritable, or the disk is full; nothing is
            left behind and the old file and folder are unchanged.
    """
    path, folder = Path(path), Path(folder)
    parent = folder.parent
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    aside: Path | None = None  # a private folder holding the old ``folder`` meanwhile
    swapped = False
    try:
        for name, data in files.items():
            _write_new_file(staging / name, data, mode)
        os.chmod(staging, folder_mode)
        _sync_folder(staging)
        with staged_file(path, mode=mode) as temporary:
            temporary.write_bytes(content)
            if os.path.lexists(folder):
                # Moved into a fresh folder of its own: no other file can take the name.
                aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=parent))
                os.replace(folder, aside / folder.name)
            os.replace(staging, folder)
            swapped = True
        # The file was renamed in as the block ended.
    except BaseException:
        # Put things back as they were: the new folder aside again, the old one in place.
        if swapped:
            with contextlib.suppress(OSError):
                os.replace(folder, staging)
        if aside is not None and not os.path.lexists(folder):
            with contextlib.suppress(OSError):
                os.replace(aside / folder.name, folder)
        raise
    finally:
        _remove(staging)  # gone already when the swap succeeded
        if aside is not None:
            _remove(aside)
    _sync_folder(parent)


@contextlib.contextmanager
def staged_folder(folder: Path, *, mode: int = PRIVATE_FOLDER) -> Iterator[Path]:
    """A new, empty private folder beside ``folder`` for the block to fill; when the block
    ends without an exception it replaces ``folder`` (an earlier one is moved aside, then
    removed), so readers see the old folder or the whole new one, never a half-written one.
    Fill it with :func:`write_new_file` (each file flushed to disk before the swap).

    Raises:
        OSError: the parent folder is missing or unwritable, or the disk is full; the
            staging folder is gone and ``folder`` is unchanged.
    """
    folder = Path(folder)
    parent = folder.parent
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    aside: Path | None = None
    try:
        os.chmod(staging, mode)
        yield staging
        _sync_folder(staging)
        if os.path.lexists(folder):
            aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=parent))
            os.replace(folder, aside / folder.name)
        os.replace(staging, folder)
    except BaseException:
        if aside is not None and not os.path.lexists(folder):
            with contextlib.suppress(OSError):
                os.replace(aside / folder.name, folder)
        raise
    finally:
        _remove(staging)  # gone already when the swap succeeded
        if aside is not None:
            _remove(aside)
    _sync_folder(parent)


def write_new_file(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> None:
    """Write a file that must not exist yet (inside a :func:`staged_folder`), flushed to
    disk, with ``mode`` whatever the umask; its folders are made private as needed."""
    path = Path(path)
    missing = [folder for folder in path.parents if not folder.is_dir()]
    for folder in reversed(missing):  # outermost first, each private whatever the umask
        folder.mkdir(mode=PRIVATE_FOLDER)
        os.chmod(folder, PRIVATE_FOLDER)
    _write_new_file(path, data, mode)


def sync_folder(folder: Path) -> None:
    """Flush ``folder`` to disk, so that renames made in it survive a power cut."""
    _sync_folder(folder)


def remove_stale(folder: Path, patterns: Sequence[str], *, older_than_s: float) -> None:
    """Remove what matches ``patterns`` in ``folder`` and was last changed more than
    ``older_than_s`` seconds ago: the working files of a process that was killed.

    Age is measured on the folder's own clock (the time stamped on a file made there for
    the purpose), not this process's: a network share stamps files with its server's
    time, and a clock that differs by minutes would make a running restore's or backup's
    working files look abandoned, and remove them under it. Nothing can be judged where
    nothing can be written, so nothing is removed then. The clock is read only when
    something matches: this runs on every unlock, which should not write in the folder.
    """
    leftovers = [found for pattern in patterns for found in folder.glob(pattern)]
    if not leftovers:
        return
    try:
        now = _folder_clock(folder)
    except OSError:
        return
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < now - older_than_s:
                _remove(leftover)


def _folder_clock(folder: Path) -> float:
    fd, name = tempfile.mkstemp(prefix=".clock-", dir=folder)
    try:
        return os.fstat(fd).st_mtime
    finally:
        os.close(fd)
        os.unlink(name)


def _new_temporary_file(path: Path) -> Path:
    # mkstemp creates the file 0600 and with a name no one else holds; the leading dot
    # keeps it out of file managers while it exists.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def _write_new_file(path: Path, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags, mode), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)  # the umask may have taken bits away from ``mode``


def _sync_file(path: Path) -> None:
    # Opened again by name: the writer may have been SQLite or a copy, not our handle.
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    # Makes renames in the folder durable on POSIX; Windows cannot open folders this way.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        # Some file systems (a few FUSE and network ones) cannot sync a folder; the
        # rename has happened and is as durable as they make it.
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
