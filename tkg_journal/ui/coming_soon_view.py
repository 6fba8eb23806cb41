"""A section whose feature is not built yet says so plainly (the navigation exists)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ComingSoonView(QWidget):
    """A heading and one paragraph: what the section will do, and that it is coming."""

    def __init__(self, name: str, heading: str, text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        title = QLabel(heading, objectName=f"{name}Heading")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(text, objectName=f"{name}Text")
        body.setWordWrap(True)
        body.setMaximumWidth(520)
        body.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
