"""What the window shows while the journal is locked: no content, one way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

LOCKED_HEADING = "TKG Journal is locked"
LOCKED_TEXT = "Your journal is encrypted and its key is out of memory."
UNLOCK = "&Unlock…"


class LockView(QWidget):
    """Signals:
        unlock_requested(): the user wants back in.
    """

    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockView")
        heading = QLabel(LOCKED_HEADING, objectName="lockHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(LOCKED_TEXT, objectName="lockText")
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.unlock_button = QPushButton(UNLOCK, objectName="unlockButton")
        self.unlock_button.setAccessibleName("Unlock the journal")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.icon = QLabel(objectName="lockIcon")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.icon, heading, text, self.unlock_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_icon(self, pixmap: object) -> None:
        self.icon.setPixmap(pixmap)  # type: ignore[arg-type]

    def focus_unlock(self) -> None:
        self.unlock_button.setFocus(Qt.FocusReason.OtherFocusReason)
