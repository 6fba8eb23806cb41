"""Replace the recovery key (a lost or exposed printout): the new key is shown first, and
only once it is kept and the replacement confirmed does the old one stop working.

Nothing is written until "Replace recovery key": cancelling at any point leaves the old key
working. A passphrase journal asks for the passphrase first (an unlocked window left alone
is not enough to swap the key that can open the journal); a keyring journal reads its key
from the keyring. A refusal is shown inline and leaves the key file as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.security.key_file import KeyMode
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.common.messages import as_sentence, inline_error_label, wait_cursor
from tkg_journal.ui.keys.recovery_key_panel import RecoveryKeyPanel

# --- user-facing text ---------------------------------------------------------------------

WINDOW_TITLE = "New recovery key"
EXPLANATION = (
    "This new recovery key replaces the old one: once you replace it, the old printout no "
    "longer opens the journal. Keep the new key now: it is not stored anywhere it can be "
    "read, so nobody can show it to you again."
)
PASSPHRASE_LABEL = "&Passphrase:"
PASSPHRASE_HINT = "Your passphrase confirms it is you."
REPLACE = "&Replace recovery key"
EMPTY_PASSPHRASE = "Type your passphrase first."
DONE_MESSAGE = "Recovery key replaced: the old one no longer opens the journal."

MIN_WIDTH = 560


class NewRecoveryKeyDialog(QDialog):
    """Replaces the recovery key of the journal at ``paths``; accepted once it is written."""

    def __init__(self, paths: JournalPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newRecoveryKeyDialog")
        self.setWindowTitle(WINDOW_TITLE)
        self._paths = paths
        self._needs_passphrase = journal_access.key_mode(paths) is KeyMode.PASSPHRASE
        self.recovery_key = journal_access.generate_recovery_key()  # counts only once written

        self.panel = RecoveryKeyPanel(self.recovery_key, EXPLANATION)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("recoveryPassphrase")
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_edit.setAccessibleDescription(PASSPHRASE_HINT)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(PASSPHRASE_HINT)
        passphrase_form = QFormLayout()
        if self._needs_passphrase:
            label = QLabel(PASSPHRASE_LABEL)
            label.setBuddy(self.passphrase_edit)
            passphrase_form.addRow(label, self.passphrase_edit)
        else:
            self.passphrase_edit.hide()

        self.error_label = inline_error_label("newRecoveryKeyError")

        self.buttons = QDialogButtonBox()
        self.replace_button = self.buttons.addButton(
            REPLACE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button.setObjectName("replaceRecoveryKey")
        self.replace_button.setAccessibleName(REPLACE.replace("&", ""))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("newRecoveryKeyCancel")
        self.replace_button.clicked.connect(self.try_replace)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.panel)
        layout.addSpacing(6)
        layout.addLayout(passphrase_form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(MIN_WIDTH)

        self.panel.kept_changed.connect(self._update_button)
        self.passphrase_edit.textChanged.connect(self._update_button)
        self._update_button()

    def try_replace(self) -> None:
        """Write the new recovery key; accept on success, say why not otherwise."""
        passphrase = self.passphrase_edit.text()
        if self._needs_passphrase and not passphrase:
            self.error_label.setText(EMPTY_PASSPHRASE)
            return
        try:
            with wait_cursor():
                key = journal_access.unlock_key(
                    self._paths, passphrase=passphrase if self._needs_passphrase else None
                )
                journal_access.new_recovery_key_for(
                    self._paths, key=key, recovery_key=self.recovery_key
                )
        except USER_ERRORS as error:
            self.error_label.setText(as_sentence(str(error)))
            return
        self.passphrase_edit.clear()
        self.accept()

    def reject(self) -> None:
        self.passphrase_edit.clear()
        super().reject()

    def _update_button(self) -> None:
        self.error_label.clear()
        ready = self.panel.is_kept() and (
            not self._needs_passphrase or bool(self.passphrase_edit.text())
        )
        self.replace_button.setEnabled(ready)
