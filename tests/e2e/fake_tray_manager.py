"""A stand-in for a desktop panel's system tray on a bare X server (tests only).

Run as ``python -m tests.e2e.fake_tray_manager`` with ``DISPLAY`` set. It takes the
``_NET_SYSTEM_TRAY_S0`` selection and announces it (the freedesktop.org System Tray
Protocol), prints ``ready``, then prints ``dock <window>`` for each icon that asks to be
docked. It draws nothing and embeds nothing: enough for Qt to see a tray
(``QSystemTrayIcon.isSystemTrayAvailable()``) and for a test to see an icon ask for a
place in it. Talks to libX11 through ctypes (no extra package).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_CLIENT_MESSAGE = 33
_SYSTEM_TRAY_REQUEST_DOCK = 0
_STRUCTURE_NOTIFY_MASK = 1 << 17


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _Event(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("client", _ClientMessage), ("pad", ctypes.c_long * 24)]


def main() -> int:
    name = ctypes.util.find_library("X11")
    if name is None:
        print("no libX11", flush=True)
        return 1
    x = ctypes.CDLL(name)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XCreateSimpleWindow.restype = ctypes.c_ulong
    x.XCreateSimpleWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_int] * 4 + [
        ctypes.c_uint, ctypes.c_ulong, ctypes.c_ulong]
    x.XSetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                     ctypes.c_ulong]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                             ctypes.POINTER(_Event)]
    x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event)]
    x.XFlush.argtypes = [ctypes.c_void_p]

    display = x.XOpenDisplay(None)
    if not display:
        print("no display", flush=True)
        return 1
    root = x.XDefaultRootWindow(display)
    owner = x.XCreateSimpleWindow(display, root, 0, 0, 1, 1, 0, 0, 0)
    selection = x.XInternAtom(display, b"_NET_SYSTEM_TRAY_S0", 0)
    opcode = x.XInternAtom(display, b"_NET_SYSTEM_TRAY_OPCODE", 0)
    x.XSetSelectionOwner(display, selection, owner, 0)
    # "MANAGER" to the root window: clients already waiting for a tray hear of it.
    announce = _Event()
    announce.client.type = _CLIENT_MESSAGE
    announce.client.window = root
    announce.client.message_type = x.XInternAtom(display, b"MANAGER", 0)
    announce.client.format = 32
    announce.client.data[:] = [0, selection, owner, 0, 0]
    x.XSendEvent(display, root, 0, _STRUCTURE_NOTIFY_MASK, ctypes.byref(announce))
    x.XFlush(display)
    print("ready", flush=True)
    event = _Event()
    while True:
        x.XNextEvent(display, ctypes.byref(event))
        message = event.client
        if (event.type == _CLIENT_MESSAGE and message.message_type == opcode
                and message.data[1] == _SYSTEM_TRAY_REQUEST_DOCK):
            print(f"dock {message.data[2]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
