"""The restore dialog's second step: what is about to happen, in plain words, and the
passphrase (or recovery key) that opens the backup."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tkg_journal.services.backups import BackupInfo
from tkg_journal.ui.backups import backup_texts as texts
from tkg_journal.ui.common.object_name import named


class RestoreConfirmPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreConfirmPage")
        self.confirm_text = named(QLabel(wordWrap=True), "restoreConfirmText")
        self.other_journal = named(QLabel(texts.OTHER_JOURNAL, wordWrap=True),
                                   "restoreOtherJournal")
        self.keyring_note = named(QLabel(texts.KEYRING_NOTE, wordWrap=True), "restoreKeyringNote")
        self.passphrase = named(QLineEdit(), "restorePassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(texts.PASSPHRASE_NAME)
        self.passphrase_label = QLabel(texts.PASSPHRASE)
        self.passphrase_label.setBuddy(self.passphrase)
        self.use_recovery_key = named(QCheckBox(texts.USE_RECOVERY_KEY), "restoreUseRecoveryKey")
        self.use_recovery_key.setAccessibleName(texts.plain(texts.USE_RECOVERY_KEY))
        self.use_recovery_key.toggled.connect(self._show_fields)
        self.recovery_key = named(QLineEdit(), "restoreRecoveryKey")
        self.recovery_key.setAccessibleName(texts.RECOVERY_KEY_NAME)
        self.recovery_key.setPlaceholderText(texts.RECOVERY_KEY_PLACEHOLDER)
        self.recovery_key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.recovery_key.setMinimumWidth(
            self.recovery_key.fontMetrics().horizontalAdvance(texts.RECOVERY_KEY_PLACEHOLDER) + 16
        )
        self.recovery_key_label = QLabel(texts.RECOVERY_KEY)
        self.recovery_key_label.setBuddy(self.recovery_key)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.keyring_note)
        form.addRow(self.use_recovery_key)
        form.addRow(self.recovery_key_label, self.recovery_key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.confirm_text)
        layout.addWidget(self.other_journal)
        layout.addLayout(form)
        layout.addStretch(1)
        self._needs_passphrase = True

    def set_backup(self, info: BackupInfo, *, needs_passphrase: bool,
                   other_journal: bool) -> None:
        """Say what restoring ``info`` does; ask for what opens it."""
        manifest = info.manifest
        self.confirm_text.setText(texts.CONFIRM.format(
            date=texts.taken_words(manifest.created_at),
            entries=texts.entries_words(manifest.entries),
        ))
        self.other_journal.setVisible(other_journal)
        self._needs_passphrase = needs_passphrase
        self.clear_secrets()
        self.use_recovery_key.setChecked(False)
        self._show_fields()

    def focus_first(self) -> None:
        field = self.recovery_key if self.use_recovery_key.isChecked() else self.passphrase
        (field if field.isVisible() else self.use_recovery_key).setFocus()

    def secrets(self) -> tuple[str | None, str | None]:
        """(passphrase, recovery key) as typed; None for the one not used."""
        if self.use_recovery_key.isChecked():
            return None, self.recovery_key.text()
        return (self.passphrase.text() if self._needs_passphrase else None), None

    def missing(self) -> str:
        """Why the restore cannot start yet ("" if it can)."""
        passphrase, recovery_key = self.secrets()
        if recovery_key is not None and not recovery_key.strip():
            return texts.NEED_RECOVERY_KEY
        if self._needs_passphrase and recovery_key is None and not passphrase:
            return texts.NEED_PASSPHRASE
        return ""

    def clear_secrets(self) -> None:
        self.passphrase.clear()
        self.recovery_key.clear()

    def _show_fields(self) -> None:
        recovery = self.use_recovery_key.isChecked()
        for widget in (self.passphrase_label, self.passphrase):
            widget.setVisible(self._needs_passphrase and not recovery)
        self.keyring_note.setVisible(not self._needs_passphrase and not recovery)
        for widget in (self.recovery_key_label, self.recovery_key):
            widget.setVisible(recovery)
        if self.isVisible():
            self.focus_first()
