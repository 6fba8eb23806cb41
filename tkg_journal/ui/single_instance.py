"""One app window per journal folder.

The desktop app holds ``<data dir>/.lock`` (a ``QLockFile``) for as long as it runs on
that folder, and listens on a local socket named after the folder. A second app started
on the same folder does not open the journal a second time: it asks the holder to bring
its window to the front and leaves. Two windows on one journal would each autosave their
own drafts, and the second would offer the first one's live drafts as crash leftovers.

The command line never takes this lock: it works beside the app through SQLite's own
locking (WAL and a busy timeout), as scripts and cron jobs expect.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEventLoop, QLockFile, QObject, QSysInfo, QTimer, Signal, SignalInstance
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tkg_journal import APP_NAME
from tkg_journal.paths import JournalPaths
from tkg_journal.ui.single_instance_texts import IN_USE_DETAIL, IN_USE_TEXT, IN_USE_TITLE

ANSWER_WAIT_MS = 2_000  # how long a second start waits for the holder before saying so
_ACTIVATE, _DONE = b"activate\n", b"ok\n"
_MAX_MESSAGE = 64  # anything longer is not one of ours


class FolderClaim(enum.Enum):
    HELD = "held"  # this process holds the folder: open it, offer drafts left by a crash
    IN_USE = "in use"  # another live app holds it: defer to that one
    NOT_LOCKABLE = "not lockable"  # no lock file could be written (read-only folder...)


@dataclass(frozen=True, slots=True)
class LockHolder:
    pid: int
    host: str


class SingleInstance(QObject):
    """The claim on one journal folder: the lock file and the socket other starts call.

    Signals:
        activation_requested(): a second start on this folder asked for the window.
    """

    activation_requested = Signal()

    def __init__(self, paths: JournalPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._lock = QLockFile(str(paths.lock_file))
        # Held for the app's whole life, so age says nothing: only a dead holder is stale.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._connections: list[QLocalSocket] = []
        self._window: QWidget | None = None
        self._made_folder = False
        self.failure = ""  # why the lock file could not be written (NOT_LOCKABLE)

    @property
    def holds_lock(self) -> bool:
        return self._lock.isLocked()

    def claim(self) -> FolderClaim:
        """Take the folder (a lock left by a dead app is taken over) and start answering
        later starts."""
        folder = self.paths.data_dir
        if not folder.exists():  # first run: the set-up wizard fills it
            try:
                folder.mkdir(parents=True, mode=0o700)
                self._made_folder = True
            except OSError as error:
                self.failure = error.strerror or str(error)
                return FolderClaim.NOT_LOCKABLE
        if not self._lock.tryLock(0) and not self._take_over_dead_holder():
            if self._lock.error() is QLockFile.LockError.LockFailedError:
                return FolderClaim.IN_USE
            self.failure = self._lock.error().name
            return FolderClaim.NOT_LOCKABLE
        self._listen()
        return FolderClaim.HELD

    def holder(self) -> LockHolder:
        """Who holds the folder now (pid 0 when the lock file cannot be read)."""
        pid, host, _app = self._lock.getLockInfo()
        return LockHolder(int(pid), str(host))

    def show_on_request(self, window: QWidget) -> None:
        """The window to bring to the front when a later start asks for it."""
        self._window = window

    def release(self) -> None:
        for connection in self._connections:
            # Without its slots first: a socket destroyed with the server would otherwise
            # call back into Python half-destroyed (a crash, not an exception).
            connection.readyRead.disconnect()
            connection.disconnected.disconnect()
            connection.abort()
        self._connections.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
        if self._made_folder:  # a cancelled first run leaves nothing behind
            with contextlib.suppress(OSError):  # not empty: the journal was created
                self.paths.data_dir.rmdir()
            self._made_folder = False

    def _take_over_dead_holder(self) -> bool:
        """QLockFile already ignores a lock whose process is gone; this also covers a pid
        it cannot judge (e.g. a process name it failed to read) when the pid is plainly
        not running on this machine."""
        if self._lock.error() is not QLockFile.LockError.LockFailedError:
            return False
        holder = self.holder()
        if holder.host != QSysInfo.machineHostName() or _is_running(holder.pid):
            return False
        return self._lock.removeStaleLockFile() and self._lock.tryLock(0)

    def _listen(self) -> None:
        name = server_name(self.paths)
        # Only the lock holder serves this name, so a socket file still there was left by
        # a holder that died: remove it or listening fails with "address in use".
        QLocalServer.removeServer(name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            # The folder stays locked; later starts say where it is open instead.
            print(f"tkg-journal: cannot answer other starts ({server.errorString()})",
                  file=sys.stderr)
            return
        server.newConnection.connect(self._accept)
        self._server = server

    def _accept(self) -> None:
        server = self._server
        while server is not None and (connection := server.nextPendingConnection()):
            self._connections.append(connection)
            connection.readyRead.connect(partial(self._read, connection))
            connection.disconnected.connect(partial(self._forget, connection))
            self._read(connection)  # the message may have come with the connection

    def _forget(self, connection: QLocalSocket) -> None:
        if connection in self._connections:
            self._connections.remove(connection)
            connection.deleteLater()

    def _read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            if connection.bytesAvailable() > _MAX_MESSAGE:
                connection.abort()
            return
        message = connection.readLine(_MAX_MESSAGE).data()
        if message != _ACTIVATE:
            connection.abort()
            return
        # Answer first: the caller is waiting, and raising the window may take a moment.
        connection.write(_DONE)
        connection.flush()
        self.activation_requested.emit()
        bring_to_front(self._window)


def server_name(paths: JournalPaths) -> str:
    """The local socket of the app holding ``paths``: one per user and folder (however the
    folder was spelled), in the user's private runtime folder when there is one."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    folder = str(paths.data_dir.resolve())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    name = f"tkg-journal-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return os.path.join(runtime, name)
    return name  # Qt puts it in the temp folder (Unix) or the pipe namespace (Windows)


def ask_holder_to_come_forward(paths: JournalPaths, timeout_ms: int | None = None) -> bool:
    """Ask the app holding ``paths`` to raise its window; True once it has answered
    (within ``timeout_ms``, by default ``ANSWER_WAIT_MS``).

    Runs the event loop while it waits (so this works even when the holder is in this
    process, as in tests), and tries again until the time is up: a holder that has just
    taken the lock may not be listening yet."""
    wait_ms = ANSWER_WAIT_MS if timeout_ms is None else timeout_ms
    deadline = time.monotonic() + wait_ms / 1000
    name = server_name(paths)
    while True:
        if _exchange(name, deadline):
            return True
        if time.monotonic() >= deadline:
            return False
        _wait_until(lambda: False, min(deadline, time.monotonic() + 0.1))


def _exchange(name: str, deadline: float) -> bool:
    socket = QLocalSocket()
    failed: list[QLocalSocket.LocalSocketError] = []
    socket.errorOccurred.connect(failed.append)
    wake = (socket.connected, socket.readyRead, socket.errorOccurred, socket.disconnected)
    try:
        socket.connectToServer(name)
        connected = _wait_until(
            lambda: bool(failed) or socket.state() is QLocalSocket.LocalSocketState.ConnectedState,
            deadline, *wake)
        if not connected or failed:
            return False
        socket.write(_ACTIVATE)
        socket.flush()
        _wait_until(lambda: bool(failed) or socket.canReadLine(), deadline, *wake)
        return socket.canReadLine() and socket.readLine(_MAX_MESSAGE).data() == _DONE
    finally:
        socket.abort()  # Python owns the socket: it goes with this function, not deleteLater


def _wait_until(done: Callable[[], bool], deadline: float, *wake: SignalInstance) -> bool:
    """Run the event loop until ``done()`` or the deadline (``time.monotonic``); the
    signals in ``wake`` end each wait early so the check runs as soon as something
    happens."""
    loop = QEventLoop()
    timer = QTimer(loop)
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    for signal in wake:
        signal.connect(loop.quit)
    try:
        while not done():
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return False
            timer.start(min(remaining_ms, 50))
            loop.exec()
        return True
    finally:
        for signal in wake:
            signal.disconnect(loop.quit)


def bring_to_front(window: QWidget | None) -> None:
    """Show the app to the person who started it again: a dialog waiting for them
    (unlocking, set-up, drafts) first, else the main window."""
    target = QApplication.activeModalWidget() or window
    if target is None:
        return
    if target.isMinimized():
        target.showNormal()
    target.raise_()
    target.activateWindow()


def show_in_use(holder: LockHolder) -> None:
    """The holder did not answer (busy, hung, or on another machine): say where the
    journal is open, so the person can switch to it or end that program."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                      IN_USE_TEXT.format(pid=holder.pid, host=holder.host or "?"))
    box.setObjectName("journalInUseMessage")
    box.setAccessibleName(IN_USE_TITLE)
    box.setInformativeText(IN_USE_DETAIL)
    box.exec()


def _is_running(pid: int) -> bool:
    if pid <= 0:
        return True  # unreadable lock file: do not guess, leave it to QLockFile
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would end the process there; QLockFile judges it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but another user's
    return True
