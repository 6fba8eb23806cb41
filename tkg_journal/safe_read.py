"""Read a file the user named (an import, a passphrase or recovery-key file) safely.

Every such read goes through :func:`read_user_file`, which

- refuses folders, devices (``/dev/zero``, a terminal) and sockets before reading a byte;
- reads at most ``limit + 1`` bytes whatever size the file reports (``/proc`` files report
  0, a sparse file reports terabytes), so no file can fill the memory;
- waits a few seconds at most for a named FIFO that no program writes to, instead of
  blocking forever; a pipe that has a writer (``--passphrase-file <(pass show journal)``,
  ``mkfifo f; echo x > f &``) keeps working.

Every failure is an :class:`UnreadableFile` whose message names the file and says what is
wrong with it, in one line. This module sits beside ``safe_write`` (outside the layers)
because the security layer reads the key file with it too.
"""

from __future__ import annotations

import os
import select
import stat
import time
from enum import StrEnum
from pathlib import Path

from tkg_journal.domain.errors import DomainError

#: How long a named FIFO may stay silent before the read is refused (tests lower it).
FIFO_WAIT_SECONDS = 5.0
_CHUNK_BYTES = 64 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO without a writer must not block the open
    | getattr(os, "O_NOCTTY", 0)  # a terminal named by mistake must not become ours
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Problem(StrEnum):
    """What kept a file from being read (callers word some of them their own way)."""

    MISSING = "missing"
    FOLDER = "folder"
    NOT_A_FILE = "not-a-file"  # a device or a socket
    TOO_LARGE = "too-large"
    NO_WRITER = "no-writer"
    OS_ERROR = "os-error"


class UnreadableFile(DomainError):
    """A file the user named cannot be read; ``str()`` says which and why, in one line.

    ``detail`` is the message without the file's description, for callers that put the
    file in their own words (``cannot read the key file X: <detail>``); ``size`` is the
    size a too-large regular file reports (None for a pipe, or another problem)."""

    def __init__(
        self, message: str, *, path: Path, problem: Problem, detail: str, size: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.detail = detail
        self.size = size


def size_words(count: int) -> str:
    """``64 MB``, ``64 KB``: limits as a person reads them (binary units, short names)."""
    if count >= 2**20:
        return f"{count / 2**20:g} MB"
    return f"{count / 2**10:g} KB" if count >= 2**10 else f"{count} bytes"


def read_user_file(path: str | os.PathLike[str], *, limit: int, what: str) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` of them.

    Args:
        limit: the largest content accepted; a longer one is refused, not cut.
        what: the file as the message names it (``"the passphrase file"``).

    Raises:
        UnreadableFile: missing, a folder, a device or socket, larger than ``limit``, a
            FIFO no program writes to, or the OS refused (permission, a symlink loop...).
    """
    path = Path(path)
    try:
        # Checked before opening as well as after: opening a device can have effects of
        # its own (a tape rewinds, a serial line hangs up).
        _check_kind(os.stat(path).st_mode, what, path)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _os_error(error, what, path) from None
    try:
        info = os.fstat(fd)
        _check_kind(info.st_mode, what, path)  # replaced between the two looks
        if stat.S_ISFIFO(info.st_mode):
            _wait_for_data(fd, info, what, path)
        elif info.st_size > limit:  # refused without reading a byte
            raise _too_large(limit, what, path, size=info.st_size)
        data = _read_capped(fd, limit)
    except OSError as error:
        raise _os_error(error, what, path) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(limit, what, path)
    return data


def _refusal(problem: Problem, detail: str, what: str, path: Path) -> UnreadableFile:
    return UnreadableFile(f"{what} {path} {detail}", path=path, problem=problem, detail=detail)


def _too_large(limit: int, what: str, path: Path, *, size: int | None = None) -> UnreadableFile:
    detail = f"is larger than {size_words(limit)}"
    return UnreadableFile(
        f"{what} {path} {detail}", path=path, problem=Problem.TOO_LARGE, detail=detail, size=size
    )


def _check_kind(mode: int, what: str, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise _refusal(Problem.FOLDER, "is a folder, not a file", what, path)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise _refusal(Problem.NOT_A_FILE, "is a device, not a file", what, path)
    if stat.S_ISSOCK(mode):
        raise _refusal(Problem.NOT_A_FILE, "is a socket, not a file", what, path)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise _refusal(Problem.NOT_A_FILE, "is not a regular file", what, path)


def _wait_for_data(fd: int, info: os.stat_result, what: str, path: Path) -> None:
    """Return once the FIFO has data (or its writer closed it); refuse after
    :data:`FIFO_WAIT_SECONDS` of silence from a named FIFO.

    An anonymous pipe (``/dev/fd/N`` from ``<(command)``) always had a writer: the
    command. It may take its time (a password manager asking for its own passphrase), so
    it is waited for as any program waits for its input; Ctrl+C still ends the wait.
    """
    os.set_blocking(fd, True)  # once data flows, plain blocking reads until the end
    timeout = None if _is_anonymous_pipe(info) else FIFO_WAIT_SECONDS
    if _readable_within(fd, timeout):
        return
    waited = f"{FIFO_WAIT_SECONDS:g} s"
    raise UnreadableFile(
        f"no program is writing to the FIFO {path} ({what}; waited {waited}): start the "
        "program that writes to it first, or give a regular file",
        path=path,
        problem=Problem.NO_WRITER,
        detail=f"is a FIFO no program is writing to (waited {waited})",
    )


def _readable_within(fd: int, timeout: float | None) -> bool:
    deadline = None if timeout is None else time.monotonic() + timeout
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        left = None if deadline is None else max(0, round((deadline - time.monotonic()) * 1000))
        if poller.poll(left):  # POLLIN, or POLLHUP: a writer came and went (end of file)
            return True
        if deadline is not None and time.monotonic() >= deadline:
            return False


def _is_anonymous_pipe(info: os.stat_result) -> bool:
    """Whether the FIFO is a pipe made by ``pipe()``: it lives where a new one does."""
    read_end, write_end = os.pipe()
    try:
        return os.fstat(read_end).st_dev == info.st_dev
    finally:
        os.close(read_end)
        os.close(write_end)


def _read_capped(fd: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes: one more than allowed tells "too large" from "just fits"."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = os.read(fd, min(_CHUNK_BYTES, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _os_error(error: OSError, what: str, path: Path) -> UnreadableFile:
    """Permission denied, no such file, a symlink loop...: the OS's own reason."""
    if isinstance(error, FileNotFoundError):
        problem, reason = Problem.MISSING, "it does not exist"
    else:
        problem, reason = Problem.OS_ERROR, error.strerror or str(error)
    return UnreadableFile(
        f"cannot read {what} {path}: {reason}", path=path, problem=problem, detail=reason
    )
