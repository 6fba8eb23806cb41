"""The desktop's own lock and sleep, heard so the journal locks with them.

A leader who locks the screen (Super+L) or closes the laptop lid expects the journal to
be locked when they come back, whatever the idle-lock setting says. The platforms say so:

- Linux and the BSDs, over D-Bus: the screen saver's ``ActiveChanged(true)`` on the
  session bus (``org.freedesktop.ScreenSaver``: KDE, Xfce, Cinnamon, MATE;
  ``org.gnome.ScreenSaver``: GNOME), and logind on the system bus: ``Lock`` on the
  session, ``PrepareForSleep(true)`` before a suspend. The signals are matched by
  interface from any sender: a process that can fake one can only make the journal lock.
- Windows: ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK`` (after
  ``WTSRegisterSessionNotification``) and ``WM_POWERBROADCAST`` with ``PBT_APMSUSPEND``,
  read in a native event filter.
- macOS: not heard yet (it needs the distributed notification center through PyObjC);
  the idle lock covers it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QByteArray, QObject, Signal, Slot

# (interface, signal, D-Bus signature of its argument) on the session bus.
_SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver",
                  "org.mate.ScreenSaver", "org.cinnamon.ScreenSaver")
_LOGIND_MANAGER = "org.freedesktop.login1.Manager"
_LOGIND_SESSION = "org.freedesktop.login1.Session"

# Windows messages and their parameters (winuser.h, wtsapi32.h).
_WM_WTSSESSION_CHANGE = 0x02B1
_WTS_SESSION_LOCK = 0x7
_WM_POWERBROADCAST = 0x0218
_PBT_APMSUSPEND = 0x4


def _slot(signature: str) -> Any:
    """A slot as QtDBus names it: ``SLOT()``'s text. (PySide6's stubs ask for bytes, but
    its binding refuses them and takes the text: typed ``Any`` for that reason.)"""
    return SLOT(signature)


class SessionLockWatcher(QObject):
    """Signals:
    lock_requested(str): the desktop locked or is going to sleep (the reason, for tests
        and the status line).
    """

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []  # what is being listened to (for "About" and tests)
        self._windows_filter: _WindowsSessionFilter | None = None
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            self._listen_on_dbus()

    # --- D-Bus ------------------------------------------------------------------------------
    def _listen_on_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for interface in _SCREEN_SAVERS:
                if session.connect("", "", interface, "ActiveChanged", self,
                                   _slot("_screen_saver_changed(bool)")):
                    self.sources.append(interface)
        system = QDBusConnection.systemBus()
        if system.isConnected():
            if system.connect("", "", _LOGIND_MANAGER, "PrepareForSleep", self,
                              _slot("_prepare_for_sleep(bool)")):
                self.sources.append(f"{_LOGIND_MANAGER}.PrepareForSleep")
            if system.connect("", "", _LOGIND_SESSION, "Lock", self, _slot("_session_lock()")):
                self.sources.append(f"{_LOGIND_SESSION}.Lock")

    @Slot(bool)
    def _screen_saver_changed(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("the screen was locked")

    @Slot(bool)
    def _prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock_requested.emit("the computer is going to sleep")

    @Slot()
    def _session_lock(self) -> None:
        self.lock_requested.emit("the session was locked")

    # --- Windows ----------------------------------------------------------------------------
    def watch_window(self, window_id: int) -> None:
        """Windows: ask for session notifications to the main window (``winId()``)."""
        if sys.platform != "win32" or self._windows_filter is not None:
            return
        from PySide6.QtCore import QCoreApplication

        wtsapi = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined,unused-ignore]
        notify_for_this_session = 0
        if wtsapi.WTSRegisterSessionNotification(window_id, notify_for_this_session):
            self._windows_filter = _WindowsSessionFilter(self.lock_requested.emit)
            app = QCoreApplication.instance()
            if app is not None:
                app.installNativeEventFilter(self._windows_filter)
                self.sources.append("WTSRegisterSessionNotification")


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    def __init__(self, report: Any) -> None:
        super().__init__()
        self._report = report

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> Any:
        if QByteArray(event_type).data() != b"windows_generic_MSG":
            return False, 0
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(int(message))
        if msg.message == _WM_WTSSESSION_CHANGE and msg.wParam == _WTS_SESSION_LOCK:
            self._report("the session was locked")
        elif msg.message == _WM_POWERBROADCAST and msg.wParam == _PBT_APMSUSPEND:
            self._report("the computer is going to sleep")
        return False, 0
