"""Change the journal's passphrase, set one instead of the keyring, or choose a new one
after unlocking with the recovery key.

Only the key file (and its copy) changes: the journal's key is wrapped again under the new
passphrase and the recovery key keeps working. The journal is not re-encrypted, so a copy
of the key file made before (in a backup) still opens it with the old passphrase; the
dialog says so, and points to File > Re-encrypt journal. Changing asks for the
current passphrase first, so an unlocked window left alone is not enough to lock the owner
out. A refusal (wrong current passphrase, a passphrase the service does not accept, a key
file that cannot be written) is shown inline and leaves the key file as it was.

The passphrases go through Argon2id (the current one to read the key, the new one to wrap
it: a second or two), off the GUI thread; the dialog says so meanwhile, and cannot be
closed until the key file is written or left as it was.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.security.key_file import KeyMode
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.common.busy_indicator import BusyIndicator
from tkg_journal.ui.common.busy_work import BusyWork
from tkg_journal.ui.common.messages import as_sentence, inline_error_label
from tkg_journal.ui.common.window_fit import keep_text_whole
from tkg_journal.ui.keys.new_passphrase_form import NewPassphraseForm

# --- user-facing text ---------------------------------------------------------------------

CHANGE_TITLE = "Change passphrase"
CHANGE_INTRO = (
    "Type your current passphrase, then the new one. Only the way the journal's key is "
    "locked changes: your writing stays as it is, and your recovery key keeps working. The "
    "old passphrase then no longer unlocks this journal's key file, but a copy of the key "
    "file made before today (in a backup) still opens the journal with it until you "
    "re-encrypt the journal (File \u25b8 Re-encrypt journal\u2026)."
)
FROM_KEYRING_TITLE = "Use a passphrase"
FROM_KEYRING_INTRO = (
    "The journal's key is kept in this computer's keyring, so it opens without a "
    "passphrase. With a passphrase it asks for it each time it opens, and the key leaves "
    "the keyring. Your recovery key keeps working."
)
AFTER_RECOVERY_TITLE = "Choose a new passphrase"
AFTER_RECOVERY_INTRO = (
    "You opened the journal with your recovery key. Choose a new passphrase now, so the "
    "next time it opens you do not need the recovery key. It keeps working either way."
)
CURRENT_LABEL = "&Current passphrase:"
NEW_LABEL = "&New passphrase:"
CHANGE_BUTTON = "&Change passphrase"
SET_BUTTON = "&Set passphrase"
LATER_BUTTON = "&Later"
CHANGING = "Changing the passphrase\u2026"
EMPTY_CURRENT = "Type your current passphrase first."
DONE_MESSAGE = (
    "Passphrase changed: the old one no longer unlocks this journal's key file. Your "
    "recovery key still works."
)

MIN_WIDTH = 500


class PassphraseChange(Enum):
    CHANGE = "change"  # passphrase journal: the current passphrase proves it is you
    FROM_KEYRING = "from keyring"  # keyring journal: the keyring has the key
    AFTER_RECOVERY = "after recovery"  # the recovery key just gave the key


class ChangePassphraseDialog(QDialog):
    """Sets the passphrase of the journal at ``paths``; accepted once it is written.

    ``key``: the journal's key when the caller already has it (just unlocked with the
    recovery key); otherwise it is read with the current passphrase or from the keyring.
    """

    def __init__(
        self, paths: JournalPaths, parent: QWidget | None = None, *, key: bytes | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self._paths = paths
        self._key = key
        if key is not None:
            self.kind = PassphraseChange.AFTER_RECOVERY
        elif journal_access.key_mode(paths) is KeyMode.KEYRING:
            self.kind = PassphraseChange.FROM_KEYRING
        else:
            self.kind = PassphraseChange.CHANGE
        title, intro, accept = {
            PassphraseChange.CHANGE: (CHANGE_TITLE, CHANGE_INTRO, CHANGE_BUTTON),
            PassphraseChange.FROM_KEYRING: (FROM_KEYRING_TITLE, FROM_KEYRING_INTRO, SET_BUTTON),
            PassphraseChange.AFTER_RECOVERY: (
                AFTER_RECOVERY_TITLE, AFTER_RECOVERY_INTRO, SET_BUTTON),
        }[self.kind]
        self.setWindowTitle(title)

        self.intro_label = QLabel(intro)
        self.intro_label.setObjectName("changePassphraseIntro")
        self.intro_label.setWordWrap(True)

        self.fields = NewPassphraseForm(label=NEW_LABEL)
        self.current_edit = QLineEdit(self)
        self.current_edit.setObjectName("currentPassphrase")
        self.current_edit.setAccessibleName("Current passphrase")
        self.current_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self.kind is PassphraseChange.CHANGE:
            current_label = QLabel(CURRENT_LABEL)
            current_label.setBuddy(self.current_edit)
            # In the same form as the new one, so the fields line up; "Show" shows all.
            self.fields.form.insertRow(0, current_label, self.current_edit)
            self.fields.show_passphrase.toggled.connect(self._on_show_current)
        else:
            self.current_edit.hide()

        self.error_label = inline_error_label("changePassphraseError")

        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("changePassphraseButton")
        self.accept_button.setAccessibleName(accept.replace("&", ""))
        self.accept_button.setDefault(True)
        if self.kind is PassphraseChange.AFTER_RECOVERY:
            self.cancel_button = self.buttons.addButton(
                LATER_BUTTON, QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("changePassphraseCancel")
        self.accept_button.clicked.connect(self.try_change)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.intro_label)
        layout.addSpacing(4)
        layout.addWidget(self.fields)
        layout.addWidget(self.error_label)
        self.busy = BusyIndicator()
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(MIN_WIDTH)
        # The strength advice changes with each key and may wrap to another line.
        keep_text_whole(self)
        #: ``work.done``: a change attempt ended (accepted, or why not shown).
        self.work = BusyWork(self, self.busy, [
            self.current_edit, self.fields, self.accept_button, self.cancel_button])

        self.current_edit.textChanged.connect(self._update_button)
        self.fields.changed.connect(self._update_button)
        self._update_button()
        first = self.current_edit if self.kind is PassphraseChange.CHANGE else \
            self.fields.passphrase_edit
        first.setFocus()

    def try_change(self) -> None:
        """Write the new passphrase, off the GUI thread; accept on success, say why not
        otherwise (``work.done`` follows either)."""
        if self.work.is_busy():
            return
        problem = self.fields.problem()
        if problem:
            self._show_error(problem)
            return
        current = self.current_edit.text()
        if self.kind is PassphraseChange.CHANGE and not current:
            self._show_error(EMPTY_CURRENT)
            return
        paths, known_key, new = self._paths, self._key, self.fields.passphrase()
        asks_current = self.kind is PassphraseChange.CHANGE

        def change() -> str | None:  # on a pool thread: no widget here
            key = known_key
            if key is None:
                key = journal_access.unlock_key(
                    paths, passphrase=current if asks_current else None
                )
            return journal_access.change_passphrase(paths, key=key, new_passphrase=new)

        self.error_label.clear()
        self.work.run(CHANGING, change, self._changed, self._change_failed)

    def reject(self) -> None:
        if self.work.is_busy():
            return  # the key file is being written: it ends in a moment, either way
        self._clear_secrets()
        super().reject()

    def _changed(self, note: str | None) -> None:
        self._clear_secrets()
        if note:  # done, but the keyring kept the old key: say what is left to tidy
            QMessageBox.information(self, self.windowTitle(), note)
        self.accept()

    def _change_failed(self, error: BaseException) -> None:
        if not isinstance(error, USER_ERRORS):
            raise error  # our bug: the app's exception hook reports it
        self._show_error(as_sentence(str(error)))

    def _clear_secrets(self) -> None:
        self.current_edit.clear()
        self.fields.clear()
        self._key = None

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def _update_button(self) -> None:
        self.error_label.clear()
        needs_current = self.kind is PassphraseChange.CHANGE
        ready = not self.fields.problem() and (not needs_current or self.current_edit.text())
        self.accept_button.setEnabled(bool(ready))

    def _on_show_current(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.current_edit.setEchoMode(mode)
