"""The recovery sheet, shown once to keep: the recovery key and (when given) the recovery
block, read-only, with copy, print or save as PDF, and "I have kept it". Used by the set-up
wizard, the new-recovery-key dialog and the re-encrypt dialog.

The key is not stored anywhere it can be read again, so this panel is the only chance to
keep it; the caller goes on only once "kept" is ticked. Copy puts it on the clipboard as
a secret (``ui/common/secret_clipboard``): kept out of clipboard managers' history, and
taken off again after 45 s or when the panel closes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui.common import secret_clipboard
from tkg_journal.ui.common.messages import as_sentence, wait_cursor
from tkg_journal.ui.common.secret_clipboard import SecretClipboard
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.keys import recovery_key_sheet

# --- user-facing text ---------------------------------------------------------------------

RECOVERY_WARNING = "Anyone with this key and the journal file can read the journal."
BLOCK_LABEL = (
    "Recovery block: with the key above, it opens the journal even if its key file is lost."
)
BLOCK_WARNING = (
    "Anyone with this key and block and the journal file can read the journal: keep the "
    "whole sheet as safe as a key."
)
COPY = "&Copy"
COPIED = "Copied; the clipboard is cleared in {seconds} s"
CLEARED = "Cleared from the clipboard"
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
        self,
        recovery_key: str,
        explanation: str,
        parent: QWidget | None = None,
        *,
        block_lines: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyPanel")
        self._recovery_key = recovery_key
        self._block_lines = list(block_lines)
        explanation_label = QLabel(explanation)
        explanation_label.setObjectName("recoveryExplanation")
        explanation_label.setWordWrap(True)

        self.key_field = QLineEdit(recovery_key)
        self.key_field.setObjectName("recoveryKey")
        self.key_field.setAccessibleName("Recovery key")
        explanation_label.setBuddy(self.key_field)  # the words above it say what it is
        self.key_field.setAccessibleDescription(explanation)
        self.key_field.setReadOnly(True)
        self.key_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_field.setFont(font)
        self.key_field.setMinimumHeight(self.key_field.sizeHint().height() + 12)
        self.key_field.setCursorPosition(0)

        self.block_label = QLabel(BLOCK_LABEL)
        self.block_label.setObjectName("recoveryBlockLabel")
        self.block_label.setWordWrap(True)
        self.block_field = QPlainTextEdit("\n".join(self._block_lines))
        self.block_field.setObjectName("recoveryBlock")
        self.block_field.setAccessibleName("Recovery block")
        self.block_field.setAccessibleDescription(BLOCK_LABEL)
        self.block_field.setReadOnly(True)
        self.block_field.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        block_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        block_font.setWeight(QFont.Weight.DemiBold)
        self.block_field.setFont(block_font)
        metrics = self.block_field.fontMetrics()
        # The frame, the document's own margin above and below, and a little air.
        margin = self.block_field.document().documentMargin()
        frame = 2 * self.block_field.frameWidth() + round(2 * margin) + 8
        lines = max(len(self._block_lines), 1)
        self.block_field.setFixedHeight(metrics.lineSpacing() * lines + frame)
        self.block_field.setMinimumWidth(
            max((metrics.horizontalAdvance(line) for line in self._block_lines), default=0)
            + frame
        )
        self.block_label.setVisible(bool(self._block_lines))
        self.block_field.setVisible(bool(self._block_lines))

        self.copy_button = self._button(COPY, "copyRecoveryKey", "Copy the recovery key")
        self.print_button = self._button(PRINT, "printRecoveryKey", "Print the recovery key")
        self.save_pdf_button = self._button(
            SAVE_PDF, "saveRecoveryKeyPdf", "Save the recovery key as PDF"
        )
        self.feedback_label = ValueLabel("Note")
        self.feedback_label.setObjectName("recoveryKeyFeedback")
        self.feedback_label.setStyleSheet("color: #1e8449;")
        self._feedback_timer = QTimer(self)
        self._feedback_timer.setSingleShot(True)
        self._feedback_timer.setInterval(FEEDBACK_MS)
        self._feedback_timer.timeout.connect(self.feedback_label.clear)
        self._copied_note = ""
        self.clipboard = SecretClipboard(self)
        self.clipboard.cleared.connect(self._on_clipboard_cleared)
        self.copy_button.clicked.connect(self._copy)
        self.print_button.clicked.connect(self._print)
        self.save_pdf_button.clicked.connect(self._save_pdf)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_pdf_button)
        buttons.addWidget(self.feedback_label, 1)

        warning = QLabel(BLOCK_WARNING if self._block_lines else RECOVERY_WARNING)
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
        layout.addWidget(self.block_label)
        layout.addWidget(self.block_field)
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

    def sheet_text(self) -> str:
        """The key and block as text (what ``tkg-journal recover --recovery-key-file``
        reads back): what Copy puts on the clipboard."""
        if not self._block_lines:
            return self._recovery_key
        return "\n".join(
            ["Recovery key:", self._recovery_key, "Recovery block:", *self._block_lines]
        )

    def _copy(self) -> None:
        self.clipboard.copy(self.sheet_text())
        seconds = math.ceil(secret_clipboard.CLEAR_AFTER_MS / 1000)
        self._copied_note = COPIED.format(seconds=seconds)
        # Shown until the clipboard is cleared, not for the usual moment: it is a promise.
        self._feedback_timer.stop()
        self.feedback_label.setText(self._copied_note)

    def _on_clipboard_cleared(self, taken_off: bool) -> None:
        if self.feedback_label.text() != self._copied_note:
            return  # another note (Saved, Printed) has replaced it since
        if taken_off:
            self._show_feedback(CLEARED)
        else:  # the user copied something else since: the promise no longer applies
            self.feedback_label.clear()

    def _print(self) -> None:
        try:
            printed = recovery_key_sheet.print_sheet(
                self._recovery_key, self, self._block_lines
            )
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
                recovery_key_sheet.save_sheet_pdf(
                    self._recovery_key, path, block_lines=self._block_lines
                )
        except OSError as error:
            QMessageBox.warning(self, SAVE_FAILED_TITLE, as_sentence(str(error)))
            return
        self._show_feedback(SAVED)
