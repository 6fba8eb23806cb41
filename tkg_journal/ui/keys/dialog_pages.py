"""The pages of a key dialog (a confirmation, then progress, then the new recovery sheet):
one shown at a time, and the dialog grown to fit the one shown.

Not a ``QStackedWidget``: a stack is as large as its largest page and does not pass on the
height its word-wrapped labels need for the dialog's width, so a dialog grown to fit it is
too short for its buttons. Hidden pages take no room in a plain layout.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget


class DialogPages(QWidget):
    """Pages shown one at a time (the API of ``QStackedWidget`` that the dialogs use).

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self._current = -1
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> None:
        self._layout.addWidget(page)
        self._pages.append(page)
        page.setVisible(len(self._pages) == 1)
        if self._current < 0:
            self._current = 0

    def count(self) -> int:
        return len(self._pages)

    def currentIndex(self) -> int:
        return self._current

    def setCurrentIndex(self, index: int) -> None:
        self._current = index
        for number, page in enumerate(self._pages):
            page.setVisible(number == index)


def show_page(dialog: QWidget, pages: DialogPages, index: int) -> None:
    """Show page ``index`` and grow the dialog (never shrink it) to fit its contents: now,
    and again once the page's new widgets are polished (their fonts, hence their sizes,
    are known only then)."""
    pages.setCurrentIndex(index)
    fit_height(dialog)
    QTimer.singleShot(0, dialog, lambda: fit_height(dialog))


def fit_height(dialog: QWidget) -> None:
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = max(layout.totalHeightForWidth(dialog.width()), layout.totalMinimumSize().height())
    dialog.setMinimumHeight(needed)
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)
