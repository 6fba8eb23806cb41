"""Small helpers for showing the services' messages in dialogs."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def as_sentence(message: str) -> str:
    """Service messages are written to be embedded ("a passphrase needs ..."); a dialog
    shows them as sentences: capital first letter, closing full stop."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    """A busy cursor for work the user waits on (Argon2id, creating a journal)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
