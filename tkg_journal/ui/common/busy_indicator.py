"""A moving bar and a line saying what is happening ("Unlocking…"), shown while a dialog
waits for work that runs off the GUI thread (see ``busy_work``)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QWidget

from tkg_journal.ui.common.object_name import named

BAR_WIDTH = 96  # a short bar: it says "working", not how far


class BusyIndicator(QWidget):
    """Hidden until :meth:`start`. It keeps its room while hidden, so the dialog around it
    does not jump when it shows.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self.bar = named(QProgressBar(), "busyProgress")
        self.bar.setRange(0, 0)  # no end known: the bar moves back and forth
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(BAR_WIDTH)
        self.label = named(QLabel(), "busyLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleName(text)
        self.show()

    def stop(self) -> None:
        self.hide()
        self.label.clear()

    def text(self) -> str:
        return self.label.text()
