"""Small helpers for showing the services' messages in dialogs."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

ERROR_NAME = "Error"


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


def error_colour(palette: QPalette) -> str:
    """A red that keeps its contrast on the window colour of light and dark themes."""
    return "#ff8a80" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "#b3261e"


def error_style(palette: QPalette) -> str:
    return f"color: {error_colour(palette)};"


def inline_error_label(object_name: str) -> QLabel:
    """Where a dialog says, in red, why it cannot go on (selectable, to quote or copy)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setAccessibleName(ERROR_NAME)
    label.setWordWrap(True)
    label.setStyleSheet(error_style(label.palette()))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
