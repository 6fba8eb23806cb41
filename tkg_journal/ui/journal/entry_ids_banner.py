"""The removable chip above the entry list while it shows only some entries (a person's
conversations or a root hint's evidence, picked in Progress ▸ Patterns): "Showing 42
conversations with Sam", and Clear, which shows every entry again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from tkg_journal.ui.common.object_name import named

SHOWING = "Showing {what}"
CLEAR = "Clear"
CLEAR_NAME = "Clear: show every entry again"
CLEAR_TOOLTIP = "Show every entry again (the other filters stay)"


class EntryIdsBanner(QFrame):
    """Signals:
    cleared(): Clear was clicked.
    """

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryIdsBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.label = named(QLabel(), "entryIdsText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = named(QToolButton(), "entryIdsClear")
        self.clear_button.setText(CLEAR)
        self.clear_button.setAccessibleName(CLEAR_NAME)
        self.clear_button.setToolTip(CLEAR_TOOLTIP)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.clear_button.clicked.connect(self.cleared)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def show_what(self, what: str) -> None:
        self.label.setText(SHOWING.format(what=what))
        self.show()

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()
