"""The in-app reminder bar, for desktops without a system tray: a line of text with "Show"
(go to the due list) and "Dismiss". Tinted with the palette's highlight, so it is noticed
in light and dark themes alike without an alarm colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.accountability.accountability_paint import highlight_tint
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.object_name import named

ICON_SIDE = 20
RADIUS = 6


class ReminderBanner(QFrame):
    """Hidden until ``show_message``; "Show" and "Dismiss" both hide it again.

    Signals:
        show_requested(): the user wants to see what is due.
        dismissed(): the user put the reminder away.
    """

    show_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setAccessibleName(texts.BANNER_NAME)
        self.icon_label = named(QLabel(), "reminderBannerIcon")
        self.icon_label.setFixedSize(ICON_SIDE, ICON_SIDE)
        self.text_label = named(QLabel(wordWrap=True), "reminderBannerText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.show_button = named(QPushButton(texts.BANNER_SHOW), "reminderBannerShow")
        self.show_button.setAccessibleName("Show what is due")
        self.dismiss_button = named(QPushButton(texts.BANNER_DISMISS), "reminderBannerDismiss")
        self.dismiss_button.setAccessibleName("Dismiss reminder")
        self.show_button.clicked.connect(self._show_clicked)
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._update_icon()
        self.hide()

    def text(self) -> str:
        return self.text_label.text()

    def show_message(self, text: str) -> None:
        self.text_label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.text_label.clear()
        self.dismissed.emit()

    def _show_clicked(self) -> None:
        self.hide()
        self.show_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def _update_icon(self) -> None:
        self.icon_label.setPixmap(
            icon("experiments").pixmap(QSize(ICON_SIDE, ICON_SIDE), self.devicePixelRatioF())
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # A pixmap taken out of an icon keeps its colour: take a new one (see icons.py).
            self._update_icon()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Highlight))
        painter.setBrush(highlight_tint(palette))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.end()
