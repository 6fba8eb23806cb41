"""What the window shows while the journal is locked: no content, one way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tkg_journal import APP_NAME
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.picture import Picture

#: The window's title while locked. Qt adds the app's display name to a title that does
#: not end with it ("… — TKG Journal" on X11 and Wayland, "… - TKG Journal" on
#: Windows), so the name comes last here and shows once, as it does unlocked.
LOCKED_TITLE = f"Locked \u2014 {APP_NAME}"
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
        heading = named(QLabel(LOCKED_HEADING), "lockHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        text = named(QLabel(LOCKED_TEXT), "lockText")
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # What just happened, when the lock came from it (a restore: which backup is in).
        self.note = named(QLabel(), "lockNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        self.unlock_button = named(QPushButton(UNLOCK), "unlockButton")
        self.unlock_button.setAccessibleName("Unlock the journal")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.icon = named(Picture(), "lockIcon")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.icon, heading, text):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        # The note wraps, so it takes the full width: a label aligned in a layout gets no
        # height for its width, and its lines would be cut.
        layout.addWidget(self.note)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_icon(self, pixmap: QPixmap) -> None:
        self.icon.setPixmap(pixmap)

    def focus_unlock(self) -> None:
        self.unlock_button.setFocus(Qt.FocusReason.OtherFocusReason)
