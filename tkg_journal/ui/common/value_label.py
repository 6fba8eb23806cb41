"""A read-only value that speaks its value, not only its caption.

A screen reader reads a label by its accessible name; a value label named after its
caption ("Title") is announced as "Title" and never as the title. ``ValueLabel`` keeps its
name "Caption: value" as the text changes (``setText``/``setNum``/``clear``), so what is
announced is what is shown; with no text it is the caption alone. It is not a Tab stop:
the value is read where it sits (by a reader's review keys, or with the mouse).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class ValueLabel(QLabel):
    def __init__(self, caption: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self.setTextFormat(Qt.TextFormat.PlainText)  # the user's words, never markup
        self.setText(text)

    @property
    def caption(self) -> str:
        return self._caption

    def setText(self, text: str) -> None:
        super().setText(text)
        self._speak()

    def setNum(self, number: float) -> None:
        super().setNum(number)
        self._speak()

    def clear(self) -> None:
        super().clear()
        self._speak()

    def _speak(self) -> None:
        # Spoken on one line: a wrapped value's line breaks mean nothing to a listener.
        value = " ".join(self.text().split())
        self.setAccessibleName(f"{self._caption}: {value}" if value else self._caption)
