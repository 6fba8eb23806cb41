"""The recovery key, shown once to keep: read-only, copy, print or save as PDF, and "I have
kept it". Used by the set-up wizard and the new-recovery-key dialog.

The key is not stored anywhere it can be read again, so this panel is the only chance to
keep it; the caller goes on only once "kept" is ticked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui.common.messages import as_sentence, wait_cursor
from tkg_journal.ui.keys import recovery_key_sheet

# --- user-facing text ---------------------------------------------------------------------

RECOVERY_WARNING = "Anyone with this key and the journal file can read the journal."
COPY = "&Copy"
COPIED = "Copied"
PRINT = "&Print…"
SAVE_PDF = "Save as P&DF…"
SAVE_PDF_TITLE = "Save the recovery key as PDF"
SAVE_PDF_FILTER = "PDF files (*.pdf)"
SAVE_PDF_NAME = "TKG Journal recovery key.pdf"
SAVED = "Saved"
PRINTED = "Sent to the printer"
SAVE_FAILED_TITLE = "Could not save the recovery key"
KEPT = "I have &kept my recovery key somewhere safe"

FEEDBACK_MS = 2500


class RecoveryKeyPanel(QWidget):
    """Shows ``recovery_key`` with ways to keep it.

    Signals:
        kept_changed(bool): "I have kept my recovery key somewhere safe" was (un)ticked.
    """

    kept_changed = Signal(bool)

    def __init__(
        self, recovery_key: str, explanation: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyPanel")
        self._recovery_key = recovery_key
        explanation_label = QLabel(explanation)
        explanation_label.setObjectName("recoveryExplanation")
        explanation_label.setWordWrap(True)

        self.key_field = QLineEdit(recovery_key)
        self.key_field.setObjectName("recoveryKey")
        self.key_field.setAccessibleName("Recovery key")
        self.key_field.setAccessibleDescription(explanation)
        self.key_field.setReadOnly(True)
        self.key_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_field.setFont(font)
        self.key_field.setMinimumHeight(self.key_field.sizeHint().height() + 12)
        self.key_field.setCursorPosition(0)

        self.copy_button = self._button(COPY, "copyRecoveryKey", "Copy the recovery key")
        self.print_button = self._button(PRINT, "printRecoveryKey", "Print the recovery key")
        self.save_pdf_button = self._button(
            SAVE_PDF, "saveRecoveryKeyPdf", "Save the recovery key as PDF"
        )
        self.feedback_label = QLabel()
        self.feedback_label.setObjectName("recoveryKeyFeedback")
        self.feedback_label.setStyleSheet("color: #1e8449;")
        self._feedback_timer = QTimer(self)
        self._feedback_timer.setSingleShot(True)
        self._feedback_timer.setInterval(FEEDBACK_MS)
        self._feedback_timer.timeout.connect(self.feedback_label.clear)
        self.copy_button.clicked.connect(self._copy)
        self.print_button.clicked.connect(self._print)
        self.save_pdf_button.clicked.connect(self._save_pdf)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_pdf_button)
        buttons.addWidget(self.feedback_label, 1)

        warning = QLabel(RECOVERY_WARNING)
        warning.setObjectName("recoveryWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("font-weight: bold;")

        self.kept_checkbox = QCheckBox(KEPT)
        self.kept_checkbox.setObjectName("recoveryKeyKept")
        self.kept_checkbox.setAccessibleName("I have kept my recovery key somewhere safe")
        self.kept_checkbox.toggled.connect(self.kept_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explanation_label)
        layout.addSpacing(6)
        layout.addWidget(self.key_field)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addWidget(warning)
        layout.addSpacing(18)
        layout.addWidget(self.kept_checkbox)
        layout.addStretch(1)

    def _button(self, text: str, object_name: str, accessible_name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(object_name)
        button.setAccessibleName(accessible_name)
        button.setAutoDefault(False)  # Enter belongs to the wizard's or dialog's own button
        return button

    def is_kept(self) -> bool:
        return self.kept_checkbox.isChecked()

    def _show_feedback(self, text: str) -> None:
        self.feedback_label.setText(text)
        self._feedback_timer.start()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._recovery_key)
        self._show_feedback(COPIED)

    def _print(self) -> None:
        try:
            printed = recovery_key_sheet.print_sheet(self._recovery_key, self)
        except OSError as error:
            QMessageBox.warning(self, SAVE_FAILED_TITLE, as_sentence(str(error)))
            return
        if printed:
            self._show_feedback(PRINTED)

    def _save_pdf(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self, SAVE_PDF_TITLE, str(Path(folder) / SAVE_PDF_NAME), SAVE_PDF_FILTER
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            with wait_cursor():
                recovery_key_sheet.save_sheet_pdf(self._recovery_key, path)
        except OSError as error:
            QMessageBox.warning(self, SAVE_FAILED_TITLE, as_sentence(str(error)))
            return
        self._show_feedback(SAVED)
