"""Reading files the user names (imports, passphrase and recovery-key files), on real files,
FIFOs, pipes and devices: a cap on every read, a clear refusal for what is not a file, and
never a wait without end."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tkg_journal import safe_read
from tkg_journal.safe_read import Problem, UnreadableFile, read_user_file

WHAT = "the passphrase file"
QUICK_WAIT = 0.3  # seconds a silent FIFO is waited for in these tests
DEFAULT_WAIT = safe_read.FIFO_WAIT_SECONDS  # before the fixture lowers it


@pytest.fixture(autouse=True)
def quick_fifo_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_read, "FIFO_WAIT_SECONDS", QUICK_WAIT)


def refused(path: Path | str, *, limit: int = 1024) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_user_file(path, limit=limit, what=WHAT)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    return caught.value


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


def write_later(path: Path | str, data: bytes, *, delay: float = 0.05) -> threading.Thread:
    def writer() -> None:
        time.sleep(delay)
        with open(path, "wb") as handle:  # blocks until the reader has opened the FIFO
            handle.write(data)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return thread


# --- regular files -----------------------------------------------------------------------


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"correct horse\n")
    assert read_user_file(path, limit=1024, what=WHAT) == b"correct horse\n"


def test_a_file_of_exactly_the_limit_is_read_and_one_more_byte_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, limit=100, what=WHAT) == b"x" * 100
    path.write_bytes(b"x" * 101)
    error = refused(path, limit=100)
    assert error.problem is Problem.TOO_LARGE
    assert str(error) == f"{WHAT} {path} is larger than 100 bytes"
    assert error.size == 101


def test_a_huge_sparse_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(300 * 2**20)
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, count: int) -> bytes:
        reads.append(count)
        return real_read(fd, count)

    monkeypatch.setattr(os, "read", counting_read)
    started = time.monotonic()
    error = refused(path, limit=256 * 2**20)
    assert time.monotonic() - started < 1
    assert reads == []
    assert "is larger than 256 MB" in str(error)
    assert error.size == 300 * 2**20


def test_a_file_that_reports_no_size_is_still_capped() -> None:
    status = Path("/proc/self/status")  # reports 0 bytes, holds about 1 KB
    if not status.exists():
        pytest.skip("needs /proc")
    assert status.stat().st_size == 0
    assert b"Name:" in read_user_file(status, limit=64 * 1024, what=WHAT)
    error = refused(status, limit=10)
    assert error.problem is Problem.TOO_LARGE
    assert error.size is None


# --- what is not a file ---------------------------------------------------------------------


def test_a_folder_is_refused(tmp_path: Path) -> None:
    error = refused(tmp_path)
    assert error.problem is Problem.FOLDER
    assert str(error) == f"{WHAT} {tmp_path} is a folder, not a file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_at_once(device: str) -> None:
    started = time.monotonic()
    error = refused(device, limit=64 * 2**20)
    assert time.monotonic() - started < 1
    assert error.problem is Problem.NOT_A_FILE
    assert str(error) == f"{WHAT} {device} is a device, not a file"


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to("/dev/zero")
    assert "is a device, not a file" in str(refused(link))


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert "is a socket, not a file" in str(refused(path))
    finally:
        server.close()


def test_a_missing_file_and_a_link_loop_say_so(tmp_path: Path) -> None:
    missing = refused(tmp_path / "nowhere.txt")
    assert missing.problem is Problem.MISSING
    assert str(missing) == f"cannot read {WHAT} {tmp_path / 'nowhere.txt'}: it does not exist"
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    error = refused(loop)
    assert error.problem is Problem.OS_ERROR
    assert os.strerror(errno.ELOOP) in str(error)


def _message_as_nobody(path: Path) -> str:
    """Root may read any file, so the read runs in a forked child that has become
    ``nobody`` (as a user meets a file of another account); it reports the message."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.setgid(65534)
            os.setuid(65534)
            try:
                read_user_file(path, limit=100, what="the passphrase file")
                message = "read it"
            except UnreadableFile as error:
                message = str(error)
            os.write(writer, message.encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(child, 0)
    return message


def test_a_file_without_read_permission_says_so(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    message = _message_as_nobody(path) if os.geteuid() == 0 else str(refused(path))
    assert message.startswith("cannot read the passphrase file") or os.geteuid() != 0
    assert os.strerror(errno.EACCES) in message


# --- FIFOs and pipes ------------------------------------------------------------------------


def test_a_fifo_without_a_writer_is_refused_within_the_wait(fifo: Path) -> None:
    started = time.monotonic()
    error = refused(fifo)
    waited = time.monotonic() - started
    assert QUICK_WAIT <= waited < QUICK_WAIT + 1
    assert error.problem is Problem.NO_WRITER
    assert str(error).startswith(f"no program is writing to the FIFO {fifo}")


def test_the_wait_for_a_writer_is_a_few_seconds() -> None:
    assert 1 <= DEFAULT_WAIT <= 10


def test_a_fifo_with_a_writer_is_read(fifo: Path) -> None:
    writer = write_later(fifo, b"from a fifo\n")
    assert read_user_file(fifo, limit=1024, what=WHAT) == b"from a fifo\n"
    writer.join(timeout=5)


def test_a_writer_that_comes_within_the_wait_is_read(fifo: Path) -> None:
    writer = write_later(fifo, b"late but in time", delay=QUICK_WAIT / 3)
    assert read_user_file(fifo, limit=1024, what=WHAT) == b"late but in time"
    writer.join(timeout=5)


def test_a_fifo_writer_that_writes_too_much_is_refused(fifo: Path) -> None:
    def writer() -> None:
        with open(fifo, "wb") as handle, contextlib.suppress(BrokenPipeError):
            handle.write(b"y" * 5000)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    error = refused(fifo, limit=1000)
    assert error.problem is Problem.TOO_LARGE
    thread.join(timeout=5)


def test_a_fifo_whose_writer_sends_nothing_is_empty(fifo: Path) -> None:
    writer = write_later(fifo, b"")
    assert read_user_file(fifo, limit=1024, what=WHAT) == b""
    writer.join(timeout=5)


@pytest.fixture
def pipe_path() -> Iterator[tuple[str, int]]:
    """What ``<(command)`` gives a program: /dev/fd/N of an anonymous pipe."""
    read_end, write_end = os.pipe()
    try:
        yield f"/proc/self/fd/{read_end}", write_end
    finally:
        os.close(read_end)
        with contextlib.suppress(OSError):
            os.close(write_end)


def test_an_anonymous_pipe_waits_for_its_writer_longer_than_a_fifo(
    pipe_path: tuple[str, int],
) -> None:
    path, write_end = pipe_path

    def writer() -> None:
        time.sleep(QUICK_WAIT * 2)  # slower than a silent FIFO is given
        os.write(write_end, b"from a password manager\n")
        os.close(write_end)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    assert read_user_file(path, limit=1024, what=WHAT) == b"from a password manager\n"
    thread.join(timeout=5)
