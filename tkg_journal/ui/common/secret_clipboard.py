"""A secret (the recovery key) on the clipboard: marked so that clipboard managers keep
it out of their history, and taken off again after :data:`CLEAR_AFTER_MS`, or when the
widget that showed it is hidden (its window closed) or deleted. Only while the clipboard
still holds it: what the user copied since is theirs, and left alone.

Any copy of a secret goes through :class:`SecretClipboard`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: How long a copied secret stays on the clipboard: long enough to paste it into a
#: password manager, short enough not to be pasted somewhere by accident much later.
#: Read at each copy (tests shorten it).
CLEAR_AFTER_MS = 45_000

#: KDE's Klipper, and clipboard managers that follow it, keep no history of data that
#: carries this format with the value "secret" (KeePassXC marks its copies the same way).
KDE_PASSWORD_HINT = "x-kde-passwordManagerHint"
#: On Windows Qt turns a format named like this into the registered clipboard format in
#: ``value``; Windows' clipboard history and cloud clipboard skip data that carries it.
WINDOWS_NO_HISTORY = (
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
)


def secret_mime_data(text: str) -> QMimeData:
    """``text`` as plain text, with the hints above."""
    data = QMimeData()
    data.setText(text)
    data.setData(KDE_PASSWORD_HINT, QByteArray(b"secret"))
    data.setData(WINDOWS_NO_HISTORY, QByteArray(b"\x00\x00\x00\x00"))  # a DWORD; any value
    return data


class _Held:
    """What this app put on the clipboard. A plain object, not a QObject: it must still
    work when the SecretClipboard is being deleted (see its ``destroyed`` connection)."""

    def __init__(self) -> None:
        self.text: str | None = None

    def take_off(self, *_destroyed: object) -> bool:
        """Clear the clipboard if it still holds our text; True if it did."""
        text, self.text = self.text, None
        if text is None or QGuiApplication.instance() is None:
            return False
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() != text:
            return False  # the user copied something else since: theirs, not ours
        clipboard.clear()
        return True


class SecretClipboard(QObject):
    """Copies secrets for ``owner`` (the widget that shows them) and takes them off again.

    Signals:
        cleared(bool): a copied secret's time on the clipboard ended: True if it was
            taken off, False if the clipboard held something else by then.
    """

    cleared = Signal(bool)

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._held = _Held()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        owner.installEventFilter(self)
        # Deleted with its owner: no method of this object runs then, the plain one does.
        self.destroyed.connect(self._held.take_off)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setMimeData(secret_mime_data(text))
        self._held.text = text
        self._timer.start(CLEAR_AFTER_MS)

    def is_holding(self) -> bool:
        """Whether a secret copied here may still be on the clipboard."""
        return self._held.text is not None

    def clear(self) -> bool:
        """Take the secret off the clipboard if it is still there; True if it was."""
        self._timer.stop()
        if self._held.text is None:
            return False
        taken_off = self._held.take_off()
        self.cleared.emit(taken_off)
        return taken_off

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Not a spontaneous hide: that is the window being minimised, maybe to paste the
        # secret into another program.
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.clear()
        return False
