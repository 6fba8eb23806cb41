"""Replace the recovery key (a lost or exposed printout): first the passphrase (an
unlocked window left alone is not enough to swap the key that can open the journal; a
keyring journal reads its key from the keyring), then the whole new recovery sheet (key
and block: the block needs the journal's key), and only once the sheet is kept and
"Replace" confirmed does the key file change.

Nothing is written until "Replace recovery key": cancelling at any point leaves the old key
working. A refusal is shown inline and leaves the key file as it was.

The journal is not re-encrypted: the old printout stops unlocking the key file, but a copy
of the key file made before (in a backup) and the old sheet's block still wrap the same
journal key; the dialog says so, and points to File > Re-encrypt journal.

The passphrase goes through Argon2id (about a second) off the GUI thread, with the
dialog saying so meanwhile.
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
from tkg_journal.ui.common.busy_indicator import BusyIndicator
from tkg_journal.ui.common.busy_work import BusyWork
from tkg_journal.ui.common.messages import as_sentence, inline_error_label, wait_cursor
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.keys.dialog_pages import DialogPages, show_page
from tkg_journal.ui.keys.recovery_key_panel import RecoveryKeyPanel

# --- user-facing text ---------------------------------------------------------------------

WINDOW_TITLE = "New recovery key"
INTRO = (
    "A new recovery key replaces the one on your printout: once it is replaced, the old "
    "printout no longer unlocks this journal's key file. Copies of the key file made before "
    "today (in backups), and the recovery block on the old sheet, still open the journal "
    "until you re-encrypt it (File \u25b8 Re-encrypt journal\u2026)."
)
KEYRING_INTRO_END = " The journal's key is read from this computer's keyring."
EXPLANATION = (
    "Keep this new sheet now: its key is not stored anywhere it can be read, so nobody can "
    "show it to you again. Nothing changes until you press Replace."
)
PASSPHRASE_LABEL = "&Passphrase:"
PASSPHRASE_HINT = "Your passphrase confirms it is you."
CONTINUE = "C&ontinue"
REPLACE = "&Replace recovery key"
CHECKING = "Checking the passphrase\u2026"
EMPTY_PASSPHRASE = "Type your passphrase first."
DONE_MESSAGE = (
    "Recovery key replaced: the old printout no longer unlocks this journal's key file "
    "(re-encrypt the journal to retire it everywhere)."
)

MIN_WIDTH = 560
_CONFIRM_PAGE, _SHEET_PAGE = 0, 1


class NewRecoveryKeyDialog(QDialog):
    """Replaces the recovery key of the journal at ``paths``; accepted once it is written.

    Signals: only QDialog's own (``accepted``, ``rejected``, ``finished``); ``work.done``
    says the passphrase check ended (the new sheet shown, or why not).
    """

    def __init__(self, paths: JournalPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newRecoveryKeyDialog")
        self.setWindowTitle(WINDOW_TITLE)
        self._paths = paths
        self._needs_passphrase = journal_access.key_mode(paths) is KeyMode.PASSPHRASE
        self._key: bytes | None = None
        self._planned: journal_access.NewRecoveryKey | None = None
        #: The new key, once made (after the passphrase); it counts only once written.
        self.recovery_key: str | None = None
        #: The new sheet, once made.
        self.panel: RecoveryKeyPanel | None = None

        intro = named(QLabel(INTRO + ("" if self._needs_passphrase else KEYRING_INTRO_END)),
                      "newRecoveryKeyIntro")
        intro.setWordWrap(True)
        self.passphrase_edit = named(QLineEdit(self), "recoveryPassphrase")
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
        confirm_page = named(QWidget(), "newRecoveryKeyConfirm")
        confirm_layout = QVBoxLayout(confirm_page)
        confirm_layout.setContentsMargins(0, 0, 0, 0)
        confirm_layout.addWidget(intro)
        confirm_layout.addSpacing(6)
        confirm_layout.addLayout(passphrase_form)
        confirm_layout.addStretch(1)
        self._sheet_page = named(QWidget(), "newRecoveryKeySheet")
        self._sheet_layout = QVBoxLayout(self._sheet_page)
        self._sheet_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = named(DialogPages(), "newRecoveryKeyPages")
        self.pages.addWidget(confirm_page)
        self.pages.addWidget(self._sheet_page)

        self.error_label = inline_error_label("newRecoveryKeyError")

        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton(
            CONTINUE, QDialogButtonBox.ButtonRole.ActionRole)
        self.continue_button.setObjectName("continueRecoveryKey")
        self.continue_button.setAccessibleName(CONTINUE.replace("&", ""))
        self.continue_button.setDefault(True)
        self.replace_button = self.buttons.addButton(
            REPLACE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button.setObjectName("replaceRecoveryKey")
        self.replace_button.setAccessibleName(REPLACE.replace("&", ""))
        self.replace_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("newRecoveryKeyCancel")
        self.continue_button.clicked.connect(self.try_continue)
        self.replace_button.clicked.connect(self.try_replace)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.pages)
        layout.addWidget(self.error_label)
        self.busy = BusyIndicator()
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(MIN_WIDTH)
        self.work = BusyWork(self, self.busy, [
            self.passphrase_edit, self.continue_button, self.cancel_button])

        self.passphrase_edit.textChanged.connect(self._update_buttons)
        self._update_buttons()
        if self._needs_passphrase:
            self.passphrase_edit.setFocus()

    def try_continue(self) -> None:
        """Check the passphrase (or read the keyring) off the GUI thread, then show the new
        sheet (``work.done`` follows, or the reason it cannot be made)."""
        if self.work.is_busy() or self.panel is not None:
            return
        passphrase = self.passphrase_edit.text()
        if self._needs_passphrase and not passphrase:
            self.error_label.setText(EMPTY_PASSPHRASE)
            return
        paths, given = self._paths, passphrase if self._needs_passphrase else None

        def plan() -> tuple[bytes, journal_access.NewRecoveryKey]:  # no widget here
            key = journal_access.unlock_key(paths, passphrase=given)
            return key, journal_access.plan_recovery_key(paths, key=key)

        self.error_label.clear()
        self.work.run(CHECKING, plan, self._show_sheet, self._check_failed)

    def _check_failed(self, error: BaseException) -> None:
        if not isinstance(error, USER_ERRORS):
            raise error  # our bug: the app's exception hook reports it
        self.error_label.setText(as_sentence(str(error)))

    def _show_sheet(self, made: tuple[bytes, journal_access.NewRecoveryKey]) -> None:
        key, planned = made
        self.passphrase_edit.clear()
        self._key, self._planned = key, planned
        self.recovery_key = planned.recovery_key
        self.panel = RecoveryKeyPanel(
            planned.recovery_key, EXPLANATION, block_lines=planned.block_lines
        )
        self.panel.kept_changed.connect(self._update_buttons)
        self._sheet_layout.addWidget(self.panel)
        self.continue_button.hide()
        self.replace_button.show()
        self.replace_button.setDefault(True)
        show_page(self, self.pages, _SHEET_PAGE)
        self._update_buttons()

    def try_replace(self) -> None:
        """Write the new recovery key; accept on success, say why not otherwise."""
        if self._key is None or self._planned is None or self.panel is None:
            return
        try:
            with wait_cursor():
                journal_access.new_recovery_key_for(
                    self._paths, key=self._key, planned=self._planned
                )
        except USER_ERRORS as error:
            self.error_label.setText(as_sentence(str(error)))
            return
        self._forget()
        self.accept()

    def reject(self) -> None:
        # Closed while the passphrase is checked: wait for it (a second); nothing was
        # written, and the key it read is dropped.
        self.work.abandon()
        self._forget()
        super().reject()

    def _forget(self) -> None:
        self.passphrase_edit.clear()
        self._key = None

    def _update_buttons(self) -> None:
        self.error_label.clear()
        self.continue_button.setEnabled(
            not self._needs_passphrase or bool(self.passphrase_edit.text())
        )
        self.replace_button.setEnabled(self.panel is not None and self.panel.is_kept())
