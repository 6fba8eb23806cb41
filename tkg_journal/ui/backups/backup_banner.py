"""The gentle bar shown when the journal has had no backup for a while: what is wrong,
"Back up now" and "Not now" (for this session). Tinted with the palette's highlight, like
the reminder bar, so it is noticed in light and dark themes without an alarm colour."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from tkg_journal.ui.backups import backup_texts as texts
from tkg_journal.ui.common.object_name import named

RADIUS = 6
TINT = 0.16


class BackupBanner(QFrame):
    """Hidden until ``show_message``.

    Signals:
        back_up_requested(): the user wants a backup now (the bar hides).
        dismissed(): the user put the reminder away.
    """

    back_up_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupBanner")
        self.setAccessibleName(texts.BANNER_NAME)
        self.text_label = named(QLabel(wordWrap=True), "backupBannerText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.back_up_button = named(QPushButton(texts.BANNER_BACK_UP), "backupBannerBackUp")
        self.back_up_button.setAccessibleName(texts.BANNER_BACK_UP_NAME)
        self.dismiss_button = named(QPushButton(texts.BANNER_DISMISS), "backupBannerDismiss")
        self.dismiss_button.setAccessibleName(texts.BANNER_DISMISS_NAME)
        self.back_up_button.clicked.connect(self._back_up_clicked)
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.back_up_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def text(self) -> str:
        return self.text_label.text()

    def show_message(self, text: str) -> None:
        self.text_label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def _back_up_clicked(self) -> None:
        self.hide()
        self.back_up_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Window)
        tint = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(tint)
        # The window colour with a touch of the highlight: quiet, and theme-following.
        painter.setBrush(QColor(
            round(base.red() + (tint.red() - base.red()) * TINT),
            round(base.green() + (tint.green() - base.green()) * TINT),
            round(base.blue() + (tint.blue() - base.blue()) * TINT),
        ))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.end()
